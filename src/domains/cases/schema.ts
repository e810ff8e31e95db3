import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, orgId, orgIsolation, updatedAt } from '#src/db/columns.ts';
import { users } from '#src/domains/identity/schema.ts';
import { organisations, units } from '#src/domains/organisations/schema.ts';
import { channels, feedbackKinds } from './kinds-and-channels.ts';
import { issueOutcomes } from './outcomes.ts';

// The tables of the cases domain (DESIGN.md §2): the feedback record, and what a formal complaint
// carries besides. Dates people give or agree are calendar dates ('YYYY-MM-DD'), compared as the
// rules compare them; moments Heard records itself are timestamps.
//
// CONFIDENTIAL: the columns marked so below hold personal data. Only complaints and PALS
// officers, the assigned investigator and administrators see them (issue 4), and each read of
// them is to be recorded in the audit trail.

const day = (name: string) => date(name, { mode: 'string' });

/** PostgreSQL's text-search document; written only by the database, from generated columns. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
/** Raw bytes, for attachments kept in the database with the case they belong to. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const recordStatuses = ['open', 'closed', 'withdrawn'] as const;
export type RecordStatus = (typeof recordStatuses)[number];

/** How the person would like to be contacted, as they gave it. CONFIDENTIAL. */
export interface ContactDetails {
  email?: string;
  phone?: string;
  address?: string;
  preferredMethod?: 'email' | 'phone' | 'letter';
}

/** One thing someone told the organisation: a complaint, concern, compliment, comment, enquiry or MP enquiry. */
export const feedbackRecords = pgTable(
  'feedback_records',
  {
    orgId: orgId(),
    recordId: uuid('record_id').notNull().defaultRandom(),
    kind: text('kind', { enum: feedbackKinds }).notNull(),
    channel: text('channel', { enum: channels }).notNull(),
    /** Human-friendly and unique in the organisation, such as C-2017-00042 (references.ts). */
    reference: text('reference').notNull(),
    unitId: uuid('unit_id').notNull(),
    receivedDate: day('received_date').notNull(),
    /** When what it is about happened; the 12-month limit runs from it (SI 2009/309 reg 12). */
    eventDate: day('event_date'),
    /** When it came to the person's notice, if later than the event. */
    noticeDate: day('notice_date'),
    /** A short description for work queues and reports: no names, no personal details. */
    summary: text('summary').notNull(),
    /** CONFIDENTIAL: the account in the person's own words. */
    narrative: text('narrative'),
    /** CONFIDENTIAL: what would put it right, in their words. */
    desiredOutcome: text('desired_outcome'),
    /** CONFIDENTIAL: who told us. */
    personName: text('person_name'),
    /** CONFIDENTIAL. */
    contactDetails: jsonb('contact_details').$type<ContactDetails>().notNull().default({}),
    /** CONFIDENTIAL: the patient, when someone else speaks for them. */
    onBehalfOfName: text('on_behalf_of_name'),
    /** CONFIDENTIAL: how a concern, comment or enquiry was resolved, in the officer's words. */
    resolution: text('resolution'),
    /**
     * A concern's staff groups involved (codes in reference/staff-groups.json, as complaint issues
     * record them; "none" for no staff identified): the seed report's Table 11. Empty on other kinds.
     */
    staffGroupCodes: text('staff_group_codes').array().notNull().default(sql`'{}'::text[]`),
    /** Whether the patient's consent to someone complaining for them is recorded (SI 2009/309 reg 5). */
    consentRecorded: boolean('consent_recorded'),
    consentDate: day('consent_date'),
    status: text('status', { enum: recordStatuses }).notNull().default('open'),
    closedDate: day('closed_date'),
    /** The member of staff who logged it; null when it came through the public form or an import. */
    createdBy: uuid('created_by'),
    /**
     * Raised by one on every change to the case, so that a form saved from an older version is
     * refused rather than silently overwriting someone else's change (issue 4, concurrency).
     */
    version: integer('version').notNull().default(1),
    /** The case's reference in the system it was imported from, so that importing twice adds nothing. */
    externalReference: text('external_reference'),
    /**
     * When the case file was destroyed at the end of its retention: its personal data and
     * attachments are gone; what returns and reports count is kept.
     */
    destroyedDate: day('destroyed_date'),
    /** What anyone who may see the case can search: its reference and summary. */
    searchText: tsvector('search_text').generatedAlwaysAs(
      sql`to_tsvector('english'::regconfig, reference || ' ' || summary)`,
    ),
    /** CONFIDENTIAL: what only those who may see personal data can search. */
    searchPersonalText: tsvector('search_personal_text').generatedAlwaysAs(
      sql`to_tsvector('english'::regconfig, coalesce(narrative, '') || ' ' || coalesce(desired_outcome, '') || ' ' || coalesce(person_name, '') || ' ' || coalesce(on_behalf_of_name, ''))`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.recordId] }),
    uniqueIndex('feedback_records_external_reference').on(t.orgId, t.externalReference),
    index('feedback_records_search_text').using('gin', t.searchText),
    index('feedback_records_search_personal_text').using('gin', t.searchPersonalText),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.userId] }),
    uniqueIndex('feedback_records_reference').on(t.orgId, t.reference),
    index('feedback_records_queue').on(t.orgId, t.kind, t.status, t.receivedDate),
    index('feedback_records_unit').on(t.orgId, t.unitId),
    // The reports' counts by period (cases/figures-queries.ts): received by kind and unit, read
    // from the index alone; complaints closed in a period.
    index('feedback_records_received').on(t.orgId, t.receivedDate, t.kind, t.unitId),
    index('feedback_records_closed').on(t.orgId, t.kind, t.closedDate),
    orgIsolation('feedback_records'),
  ],
).enableRLS();

/**
 * The last reference number given for each prefix and year, so that numbers are allocated in
 * order under concurrent logging (one row locked by an upsert) rather than by reading max() + 1.
 */
export const recordReferenceCounters = pgTable(
  'record_reference_counters',
  {
    orgId: orgId(),
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.prefix, t.year] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    orgIsolation('record_reference_counters'),
  ],
).enableRLS();

export const ombudsmanStatuses = ['referred', 'assessing', 'investigating', 'decided'] as const;
export type OmbudsmanStatus = (typeof ombudsmanStatuses)[number];
/** The Parliamentary and Health Service Ombudsman's findings on a complaint it looked at. */
export const ombudsmanOutcomes = [
  'not-investigated',
  'resolved-without-investigation',
  'upheld',
  'partly-upheld',
  'not-upheld',
] as const;
export type OmbudsmanOutcome = (typeof ombudsmanOutcomes)[number];

/** What a formal complaint (SI 2009/309) carries besides its feedback record: one row per complaint. */
export const complaintDetails = pgTable(
  'complaint_details',
  {
    orgId: orgId(),
    recordId: uuid('record_id').notNull(),
    /** SI 2009/309 reg 13(1): 3 working days after the day of receipt. */
    acknowledgementDueDate: day('acknowledgement_due_date').notNull(),
    acknowledgedDate: day('acknowledged_date'),
    /** The response date first agreed (or set from the local target); extensions move it. */
    agreedResponseDate: day('agreed_response_date').notNull(),
    responseSentDate: day('response_sent_date'),
    /** The responsible person who signed the response (SI 2009/309 reg 14(2)). */
    signedOffBy: text('signed_off_by'),
    investigatorUserId: uuid('investigator_user_id'),
    withdrawnDate: day('withdrawn_date'),
    withdrawalReason: text('withdrawal_reason'),
    reopenCount: integer('reopen_count').notNull().default(0),
    // SI 2009/309 reg 12(2): the decision on a complaint made after the 12-month limit.
    timeLimitWaived: boolean('time_limit_waived'),
    timeLimitGoodReason: boolean('time_limit_good_reason'),
    timeLimitFairInvestigationPossible: boolean('time_limit_fair_investigation_possible'),
    timeLimitReason: text('time_limit_reason'),
    timeLimitDecidedBy: text('time_limit_decided_by'),
    timeLimitDecidedOn: day('time_limit_decided_on'),
    /** The case file is not closed for retention while litigation continues (DESIGN.md §3). */
    litigationOngoing: boolean('litigation_ongoing').notNull().default(false),
    ombudsmanReferredDate: day('ombudsman_referred_date'),
    ombudsmanStatus: text('ombudsman_status', { enum: ombudsmanStatuses }),
    ombudsmanOutcome: text('ombudsman_outcome', { enum: ombudsmanOutcomes }),
    ombudsmanOutcomeDate: day('ombudsman_outcome_date'),
    /** The PALS concern this complaint grew from; the concern counts as escalated. */
    escalatedFromRecordId: uuid('escalated_from_record_id'),
    /**
     * KO41a section 3, the age of the patient: a code in reference/ko41a-age-bands.json; null when
     * not recorded (the return counts it under "Not known").
     */
    patientAgeBandCode: text('patient_age_band_code'),
    /** KO41a section 4, who made the complaint: a code in reference/ko41a-complainant-status.json, or null. */
    complainantStatusCode: text('complainant_status_code'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.recordId] }),
    foreignKey({
      columns: [t.orgId, t.recordId],
      foreignColumns: [feedbackRecords.orgId, feedbackRecords.recordId],
    }),
    foreignKey({
      columns: [t.orgId, t.escalatedFromRecordId],
      foreignColumns: [feedbackRecords.orgId, feedbackRecords.recordId],
    }),
    foreignKey({ columns: [t.orgId, t.investigatorUserId], foreignColumns: [users.orgId, users.userId] }),
    // A concern becomes at most one complaint.
    uniqueIndex('complaint_details_escalated_from').on(t.orgId, t.escalatedFromRecordId),
    index('complaint_details_investigator').on(t.orgId, t.investigatorUserId),
    // Complaints whose response fell due in a period (the reports' closed-within-timescale measure).
    index('complaint_details_agreed_response').on(t.orgId, t.agreedResponseDate),
    orgIsolation('complaint_details'),
  ],
).enableRLS();

/** A later response date agreed with the complainant before the current one expired (SI 2009/309 reg 14). */
export const responseExtensions = pgTable(
  'response_extensions',
  {
    orgId: orgId(),
    extensionId: uuid('extension_id').notNull().defaultRandom(),
    recordId: uuid('record_id').notNull(),
    /** The response date in force when this one was agreed. */
    previousResponseDate: day('previous_response_date').notNull(),
    newResponseDate: day('new_response_date').notNull(),
    reason: text('reason').notNull(),
    agreedWithComplainantOn: day('agreed_with_complainant_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.extensionId] }),
    foreignKey({
      columns: [t.orgId, t.recordId],
      foreignColumns: [complaintDetails.orgId, complaintDetails.recordId],
    }),
    index('response_extensions_record').on(t.orgId, t.recordId),
    orgIsolation('response_extensions'),
  ],
).enableRLS();

/** One aspect of a complaint: its KO41a subject, the staff groups involved, and its own outcome. */
export const complaintIssues = pgTable(
  'complaint_issues',
  {
    orgId: orgId(),
    issueId: uuid('issue_id').notNull().defaultRandom(),
    recordId: uuid('record_id').notNull(),
    /** A code in reference/ko41a-subjects.json. */
    subjectCode: text('subject_code').notNull(),
    /** Codes in reference/staff-groups.json. */
    staffGroupCodes: text('staff_group_codes').array().notNull().default(sql`'{}'::text[]`),
    /**
     * KO41a section 5: a code in reference/ko41a-service-areas.json, or null when not recorded. A
     * complaint counts once under each service area its issues name.
     */
    serviceAreaCode: text('service_area_code'),
    /**
     * KO41a section 6, only for the subject clinical treatment: a code in
     * reference/ko41a-clinical-treatment.json, or null when not recorded.
     */
    clinicalTreatmentCode: text('clinical_treatment_code'),
    unitId: uuid('unit_id').notNull(),
    description: text('description').notNull(),
    /** Upheld or not upheld; null until decided. Issues are never "partially" upheld. */
    outcome: text('outcome', { enum: issueOutcomes }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.issueId] }),
    foreignKey({
      columns: [t.orgId, t.recordId],
      foreignColumns: [complaintDetails.orgId, complaintDetails.recordId],
    }),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    index('complaint_issues_record').on(t.orgId, t.recordId),
    orgIsolation('complaint_issues'),
  ],
).enableRLS();

/** A closed complaint opened again, with the day and why: each one counts (the seed report, Table 3). */
export const complaintReopenings = pgTable(
  'complaint_reopenings',
  {
    orgId: orgId(),
    reopeningId: uuid('reopening_id').notNull().defaultRandom(),
    recordId: uuid('record_id').notNull(),
    reopenedOn: day('reopened_on').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.reopeningId] }),
    foreignKey({
      columns: [t.orgId, t.recordId],
      foreignColumns: [complaintDetails.orgId, complaintDetails.recordId],
    }),
    index('complaint_reopenings_record').on(t.orgId, t.recordId),
    orgIsolation('complaint_reopenings'),
  ],
).enableRLS();

/** A meeting with the complainant to resolve the complaint locally. */
export const localResolutionMeetings = pgTable(
  'local_resolution_meetings',
  {
    orgId: orgId(),
    meetingId: uuid('meeting_id').notNull().defaultRandom(),
    recordId: uuid('record_id').notNull(),
    meetingDate: day('meeting_date').notNull(),
    /** CONFIDENTIAL: who came. */
    attendees: text('attendees').notNull(),
    /** CONFIDENTIAL. */
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.meetingId] }),
    foreignKey({
      columns: [t.orgId, t.recordId],
      foreignColumns: [complaintDetails.orgId, complaintDetails.recordId],
    }),
    index('local_resolution_meetings_record').on(t.orgId, t.recordId),
    orgIsolation('local_resolution_meetings'),
  ],
).enableRLS();

/** A handling note on any record. CONFIDENTIAL: notes may name people. */
export const caseNotes = pgTable(
  'case_notes',
  {
    orgId: orgId(),
    noteId: uuid('note_id').notNull().defaultRandom(),
    recordId: uuid('record_id').notNull(),
    authorUserId: uuid('author_user_id'),
    authorName: text('author_name').notNull(),
    text: text('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.noteId] }),
    foreignKey({
      columns: [t.orgId, t.recordId],
      foreignColumns: [feedbackRecords.orgId, feedbackRecords.recordId],
    }),
    foreignKey({ columns: [t.orgId, t.authorUserId], foreignColumns: [users.orgId, users.userId] }),
    index('case_notes_record').on(t.orgId, t.recordId),
    orgIsolation('case_notes'),
  ],
).enableRLS();

/** What the organisation learnt from a record; the actions issue links these to action plans. */
export const learningPoints = pgTable(
  'learning_points',
  {
    orgId: orgId(),
    learningPointId: uuid('learning_point_id').notNull().defaultRandom(),
    recordId: uuid('record_id').notNull(),
    text: text('text').notNull(),
    unitId: uuid('unit_id').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.learningPointId] }),
    foreignKey({
      columns: [t.orgId, t.recordId],
      foreignColumns: [feedbackRecords.orgId, feedbackRecords.recordId],
    }),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.userId] }),
    index('learning_points_record').on(t.orgId, t.recordId),
    orgIsolation('learning_points'),
  ],
).enableRLS();

/** A task on a case: something someone must do by a date. */
export const caseTasks = pgTable(
  'case_tasks',
  {
    orgId: orgId(),
    taskId: uuid('task_id').notNull().defaultRandom(),
    recordId: uuid('record_id').notNull(),
    description: text('description').notNull(),
    assignedUserId: uuid('assigned_user_id'),
    dueDate: day('due_date'),
    completedDate: day('completed_date'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.taskId] }),
    foreignKey({
      columns: [t.orgId, t.recordId],
      foreignColumns: [feedbackRecords.orgId, feedbackRecords.recordId],
    }),
    foreignKey({ columns: [t.orgId, t.assignedUserId], foreignColumns: [users.orgId, users.userId] }),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.userId] }),
    index('case_tasks_record').on(t.orgId, t.recordId),
    index('case_tasks_assigned').on(t.orgId, t.assignedUserId, t.completedDate),
    orgIsolation('case_tasks'),
  ],
).enableRLS();

/** A file kept with a case: a letter, an email, a statement. CONFIDENTIAL: its content and name. */
export const caseAttachments = pgTable(
  'case_attachments',
  {
    orgId: orgId(),
    attachmentId: uuid('attachment_id').notNull().defaultRandom(),
    recordId: uuid('record_id').notNull(),
    fileName: text('file_name').notNull(),
    /** The media type Heard worked out from the file's content, never the one the browser claimed. */
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** Null once the case file is destroyed at the end of its retention. */
    content: bytea('content'),
    uploadedBy: uuid('uploaded_by'),
    uploadedByName: text('uploaded_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.attachmentId] }),
    foreignKey({
      columns: [t.orgId, t.recordId],
      foreignColumns: [feedbackRecords.orgId, feedbackRecords.recordId],
    }),
    foreignKey({ columns: [t.orgId, t.uploadedBy], foreignColumns: [users.orgId, users.userId] }),
    index('case_attachments_record').on(t.orgId, t.recordId),
    orgIsolation('case_attachments'),
  ],
).enableRLS();

/** An organisation's editable letter templates, with ((placeholders)) filled from the case. */
export const letterTemplates = pgTable(
  'letter_templates',
  {
    orgId: orgId(),
    templateId: uuid('template_id').notNull().defaultRandom(),
    name: text('name').notNull(),
    /** What it is for, such as complaint-response. */
    purpose: text('purpose').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.templateId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    foreignKey({ columns: [t.orgId, t.updatedBy], foreignColumns: [users.orgId, users.userId] }),
    uniqueIndex('letter_templates_name').on(t.orgId, t.name),
    orgIsolation('letter_templates'),
  ],
).enableRLS();

/** The response letter to a complaint as drafted from a template and edited. CONFIDENTIAL. */
export const responseLetters = pgTable(
  'response_letters',
  {
    orgId: orgId(),
    recordId: uuid('record_id').notNull(),
    templateId: uuid('template_id'),
    body: text('body').notNull(),
    /** Null while it is only a draft (or once it is destroyed at the end of retention). */
    approvedBy: text('approved_by'),
    approvedDate: day('approved_date'),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.recordId] }),
    foreignKey({
      columns: [t.orgId, t.recordId],
      foreignColumns: [complaintDetails.orgId, complaintDetails.recordId],
    }),
    foreignKey({
      columns: [t.orgId, t.templateId],
      foreignColumns: [letterTemplates.orgId, letterTemplates.templateId],
    }).onDelete('set null'),
    foreignKey({ columns: [t.orgId, t.updatedBy], foreignColumns: [users.orgId, users.userId] }),
    orgIsolation('response_letters'),
  ],
).enableRLS();

/** A work queue's filters saved under a name by one member of staff. */
export const savedCaseViews = pgTable(
  'saved_case_views',
  {
    orgId: orgId(),
    viewId: uuid('view_id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    /** The queue's query string, such as kind=complaint&deadline=response-overdue. */
    query: text('query').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.viewId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.userId] }).onDelete(
      'cascade',
    ),
    uniqueIndex('saved_case_views_name').on(t.orgId, t.userId, t.name),
    orgIsolation('saved_case_views'),
  ],
).enableRLS();

export const caseAlertKinds = [
  'acknowledgement-overdue',
  'response-reminder',
  'response-overdue',
  'task-reminder',
] as const;
export type CaseAlertKind = (typeof caseAlertKinds)[number];

/**
 * Which reminders and overdue alerts have been queued, one per case, kind and due date, so that
 * the scheduler can run as often as it likes and a moved deadline earns a fresh reminder.
 */
export const caseAlerts = pgTable(
  'case_alerts',
  {
    orgId: orgId(),
    recordId: uuid('record_id').notNull(),
    kind: text('kind', { enum: caseAlertKinds }).notNull(),
    dueDate: day('due_date').notNull(),
    queuedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.recordId, t.kind, t.dueDate] }),
    foreignKey({
      columns: [t.orgId, t.recordId],
      foreignColumns: [feedbackRecords.orgId, feedbackRecords.recordId],
    }),
    orgIsolation('case_alerts'),
  ],
).enableRLS();

export const retentionDecisions = ['destroy', 'retain'] as const;
export type RetentionDecision = (typeof retentionDecisions)[number];

/** A decision on a case file past its retention date: destroy it, or keep it longer and why. */
export const retentionReviews = pgTable(
  'retention_reviews',
  {
    orgId: orgId(),
    reviewId: uuid('review_id').notNull().defaultRandom(),
    recordId: uuid('record_id').notNull(),
    decision: text('decision', { enum: retentionDecisions }).notNull(),
    reason: text('reason').notNull(),
    /** For a decision to retain: when to look again. */
    reviewAgainDate: day('review_again_date'),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name').notNull(),
    decidedDate: day('decided_date').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.reviewId] }),
    foreignKey({
      columns: [t.orgId, t.recordId],
      foreignColumns: [feedbackRecords.orgId, feedbackRecords.recordId],
    }),
    foreignKey({ columns: [t.orgId, t.decidedBy], foreignColumns: [users.orgId, users.userId] }),
    index('retention_reviews_record').on(t.orgId, t.recordId),
    orgIsolation('retention_reviews'),
  ],
).enableRLS();

/** A record as Heard reads it: the search columns are the database's own and never leave it. */
export type FeedbackRecordRow = Omit<
  typeof feedbackRecords.$inferSelect,
  'searchText' | 'searchPersonalText'
>;
export type ComplaintDetailsRow = typeof complaintDetails.$inferSelect;
export type ResponseExtensionRow = typeof responseExtensions.$inferSelect;
export type ComplaintIssueRow = typeof complaintIssues.$inferSelect;
export type LocalResolutionMeetingRow = typeof localResolutionMeetings.$inferSelect;
export type ComplaintReopeningRow = typeof complaintReopenings.$inferSelect;
export type CaseNoteRow = typeof caseNotes.$inferSelect;
export type LearningPointRow = typeof learningPoints.$inferSelect;
export type CaseTaskRow = typeof caseTasks.$inferSelect;
export type CaseAttachmentRow = typeof caseAttachments.$inferSelect;
export type LetterTemplateRow = typeof letterTemplates.$inferSelect;
export type ResponseLetterRow = typeof responseLetters.$inferSelect;
export type SavedCaseViewRow = typeof savedCaseViews.$inferSelect;
export type RetentionReviewRow = typeof retentionReviews.$inferSelect;
