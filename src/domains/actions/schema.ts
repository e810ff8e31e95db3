import {
  customType,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, orgId, orgIsolation, updatedAt } from '#src/db/columns.ts';
import { feedbackRecords, learningPoints } from '#src/domains/cases/schema.ts';
import { users } from '#src/domains/identity/schema.ts';
import { organisations, units } from '#src/domains/organisations/schema.ts';
import {
  actionStatuses,
  assuranceLevels,
  cqcRequirements,
  findingKinds,
  keyQuestions,
  learningSources,
  planSources,
  visitTypes,
} from './words.ts';

// The tables of learning and action (issue 7, DESIGN.md §2 "Learning and action"): action plans
// from every source, their recommendations and actions with evidence and assurance; learning
// points from sources other than cases and the organisational learning themes that group them;
// "You said – We did"; quality visits and repeated audits; and a note of each reminder queued.
//
// An action's "overdue" is never stored: it follows from its due date and today in England
// (rules.ts, actionProgress), so it can never disagree with the calendar.

const day = (name: string) => date(name, { mode: 'string' });
/** Raw bytes: evidence files are kept in the database with the action, as case attachments are. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** A plan of action from one source: a complaint, a CQC inspection, an independent review… */
export const actionPlans = pgTable(
  'action_plans',
  {
    orgId: orgId(),
    planId: uuid('plan_id').notNull().defaultRandom(),
    /** How the plan is known, unique in the organisation (the CLI's --plan). */
    name: text('name').notNull(),
    source: text('source', { enum: planSources }).notNull(),
    /** For a quality visit's plan: announced, unannounced, 15 steps, mock inspection or peer review. */
    visitType: text('visit_type', { enum: visitTypes }),
    /** The unit the plan belongs to; null for one across the organisation. */
    unitId: uuid('unit_id'),
    /** The feedback record that prompted it, for a plan from a complaint or concern. */
    sourceRecordId: uuid('source_record_id'),
    /** Where it came from in words: "HASCAS independent review, January 2014". No personal data. */
    sourceDescription: text('source_description'),
    /** The committee the plan as a whole reports to. */
    reportedTo: text('reported_to'),
    assuranceLevel: text('assurance_level', { enum: assuranceLevels }),
    assuranceReason: text('assurance_reason'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.planId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    foreignKey({
      columns: [t.orgId, t.sourceRecordId],
      foreignColumns: [feedbackRecords.orgId, feedbackRecords.recordId],
    }),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.userId] }),
    uniqueIndex('action_plans_name').on(t.orgId, t.name),
    orgIsolation('action_plans'),
  ],
).enableRLS();

/** What the source asked for, numbered as the source numbers it ("1", "3a"). */
export const planRecommendations = pgTable(
  'plan_recommendations',
  {
    orgId: orgId(),
    recommendationId: uuid('recommendation_id').notNull().defaultRandom(),
    planId: uuid('plan_id').notNull(),
    number: text('number').notNull(),
    text: text('text').notNull(),
    position: integer('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.recommendationId] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [actionPlans.orgId, actionPlans.planId] }),
    uniqueIndex('plan_recommendations_number').on(t.orgId, t.planId, t.number),
    orgIsolation('plan_recommendations'),
  ],
).enableRLS();

/** One thing to do towards a recommendation, with its lead, dates, measure and assurance. */
export const planActions = pgTable(
  'plan_actions',
  {
    orgId: orgId(),
    actionId: uuid('action_id').notNull().defaultRandom(),
    planId: uuid('plan_id').notNull(),
    recommendationId: uuid('recommendation_id').notNull(),
    position: integer('position').notNull(),
    /** The lead as a Heard user, who may update the action and is reminded of it. */
    leadUserId: uuid('lead_user_id'),
    /** The lead as the source names them ("Associate Director Community Services"): a role, not a person's details. */
    leadName: text('lead_name'),
    actionCompleted: text('action_completed'),
    furtherAction: text('further_action'),
    dueDate: day('due_date'),
    /** Whether the source gave a whole date or a month ("Mar-14": due by the month's end). */
    dueDatePrecision: text('due_date_precision', { enum: ['day', 'month'] })
      .notNull()
      .default('day'),
    methodOfMeasurement: text('method_of_measurement'),
    outcomeIndicator: text('outcome_indicator'),
    reportedTo: text('reported_to'),
    /** Not started, in progress or completed; overdue is worked out, never stored. */
    status: text('status', { enum: actionStatuses }).notNull().default('not-started'),
    completedDate: day('completed_date'),
    /** When a completed action was last reopened, and why (it was not done after all, or came back). */
    reopenedOn: day('reopened_on'),
    reopenReason: text('reopen_reason'),
    /** A CQC inspection's requirement: must do (a breach of regulation) or should do. */
    cqcRequirement: text('cqc_requirement', { enum: cqcRequirements }),
    /** The CQC key question it answers: safe, effective, caring, responsive, well-led. */
    keyQuestion: text('key_question', { enum: keyQuestions }),
    /** The unit that carries it out, for service managers' views and the overdue-by-unit list. */
    unitId: uuid('unit_id'),
    assuranceLevel: text('assurance_level', { enum: assuranceLevels }),
    assuranceReason: text('assurance_reason'),
    /** Raised on every change, so that a form saved from an older version is refused. */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.actionId] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [actionPlans.orgId, actionPlans.planId] }),
    foreignKey({
      columns: [t.orgId, t.recommendationId],
      foreignColumns: [planRecommendations.orgId, planRecommendations.recommendationId],
    }),
    foreignKey({ columns: [t.orgId, t.leadUserId], foreignColumns: [users.orgId, users.userId] }),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    index('plan_actions_plan').on(t.orgId, t.planId, t.position),
    index('plan_actions_lead').on(t.orgId, t.leadUserId, t.status),
    index('plan_actions_due').on(t.orgId, t.status, t.dueDate),
    orgIsolation('plan_actions'),
  ],
).enableRLS();

/** What shows an action was done: a note, or a file (type and size checked as a case attachment is). */
export const actionEvidence = pgTable(
  'action_evidence',
  {
    orgId: orgId(),
    evidenceId: uuid('evidence_id').notNull().defaultRandom(),
    actionId: uuid('action_id').notNull(),
    note: text('note'),
    fileName: text('file_name'),
    /** Worked out from the file's bytes, never the type the browser claimed. */
    contentType: text('content_type'),
    sizeBytes: integer('size_bytes'),
    sha256: text('sha256'),
    content: bytea('content'),
    addedBy: uuid('added_by'),
    addedByName: text('added_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.evidenceId] }),
    foreignKey({
      columns: [t.orgId, t.actionId],
      foreignColumns: [planActions.orgId, planActions.actionId],
    }),
    foreignKey({ columns: [t.orgId, t.addedBy], foreignColumns: [users.orgId, users.userId] }),
    index('action_evidence_action').on(t.orgId, t.actionId),
    orgIsolation('action_evidence'),
  ],
).enableRLS();

/**
 * A point of learning from a source other than a case (a survey result, a quality visit, an
 * audit…), with the unit it applies to. Learning from a case stays on the case (cases domain).
 */
export const sourceLearningPoints = pgTable(
  'source_learning_points',
  {
    orgId: orgId(),
    learningPointId: uuid('learning_point_id').notNull().defaultRandom(),
    source: text('source', { enum: learningSources }).notNull(),
    /** Which survey, visit or audit, in words: no personal data. */
    sourceDescription: text('source_description').notNull(),
    text: text('text').notNull(),
    unitId: uuid('unit_id').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.learningPointId] }),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.userId] }),
    index('source_learning_points_unit').on(t.orgId, t.unitId),
    orgIsolation('source_learning_points'),
  ],
).enableRLS();

/** An organisational learning theme for a quarter (the seed report's Tables 17 and 18). */
export const learningThemes = pgTable(
  'learning_themes',
  {
    orgId: orgId(),
    themeId: uuid('theme_id').notNull().defaultRandom(),
    /** The quarter it was drawn from, as the calendar domain writes one: 2017-Q1 (April to June 2017). */
    quarter: text('quarter').notNull(),
    text: text('text').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.themeId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    index('learning_themes_quarter').on(t.orgId, t.quarter),
    orgIsolation('learning_themes'),
  ],
).enableRLS();

/** A learning point grouped under a theme: one from a case, or one from another source. */
export const learningThemePoints = pgTable(
  'learning_theme_points',
  {
    orgId: orgId(),
    themeId: uuid('theme_id').notNull(),
    memberId: uuid('member_id').notNull().defaultRandom(),
    caseLearningPointId: uuid('case_learning_point_id'),
    sourceLearningPointId: uuid('source_learning_point_id'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.themeId, t.memberId] }),
    foreignKey({
      columns: [t.orgId, t.themeId],
      foreignColumns: [learningThemes.orgId, learningThemes.themeId],
    }),
    foreignKey({
      columns: [t.orgId, t.caseLearningPointId],
      foreignColumns: [learningPoints.orgId, learningPoints.learningPointId],
    }),
    foreignKey({
      columns: [t.orgId, t.sourceLearningPointId],
      foreignColumns: [sourceLearningPoints.orgId, sourceLearningPoints.learningPointId],
    }),
    uniqueIndex('learning_theme_points_case').on(t.orgId, t.themeId, t.caseLearningPointId),
    uniqueIndex('learning_theme_points_source').on(t.orgId, t.themeId, t.sourceLearningPointId),
    orgIsolation('learning_theme_points'),
  ],
).enableRLS();

/** A locality's action-plan response to a theme, and when assurance that it was done arrived (Table 18). */
export const learningThemeResponses = pgTable(
  'learning_theme_responses',
  {
    orgId: orgId(),
    themeId: uuid('theme_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    /** Null while the action plan is still to be sought (Table 17). */
    actionPlan: text('action_plan'),
    assuranceReceivedDate: day('assurance_received_date'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.themeId, t.unitId] }),
    foreignKey({
      columns: [t.orgId, t.themeId],
      foreignColumns: [learningThemes.orgId, learningThemes.themeId],
    }),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    orgIsolation('learning_theme_responses'),
  ],
).enableRLS();

/** A short public statement of what people told us and what was done. Public: no personal data. */
export const youSaidWeDid = pgTable(
  'you_said_we_did',
  {
    orgId: orgId(),
    statementId: uuid('statement_id').notNull().defaultRandom(),
    /** Null for a statement about the whole trust. */
    unitId: uuid('unit_id'),
    youSaid: text('you_said').notNull(),
    weDid: text('we_did').notNull(),
    /** The feedback that prompted it; never shown in public. */
    sourceRecordId: uuid('source_record_id'),
    /** Or another source in words ("Inpatient survey, summer 2017"). */
    sourceDescription: text('source_description'),
    assuranceLevel: text('assurance_level', { enum: assuranceLevels }).notNull(),
    publishedOn: day('published_on').notNull(),
    /** When it was taken down: it leaves the public page and feed, and stays in the staff list. */
    withdrawnOn: day('withdrawn_on'),
    withdrawnReason: text('withdrawn_reason'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.statementId] }),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    foreignKey({
      columns: [t.orgId, t.sourceRecordId],
      foreignColumns: [feedbackRecords.orgId, feedbackRecords.recordId],
    }),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.userId] }),
    index('you_said_we_did_published').on(t.orgId, t.publishedOn),
    orgIsolation('you_said_we_did'),
  ],
).enableRLS();

/** A quality visit to a unit: who went, when, and of which kind. */
export const qualityVisits = pgTable(
  'quality_visits',
  {
    orgId: orgId(),
    visitId: uuid('visit_id').notNull().defaultRandom(),
    unitId: uuid('unit_id').notNull(),
    visitDate: day('visit_date').notNull(),
    visitType: text('visit_type', { enum: visitTypes }).notNull(),
    /** The visiting team by role ("Non-executive director, patient representative, matron"). */
    team: text('team').notNull(),
    /** The action plan its findings were turned into. */
    planId: uuid('plan_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.visitId] }),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [actionPlans.orgId, actionPlans.planId] }),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.userId] }),
    orgIsolation('quality_visits'),
  ],
).enableRLS();

/** What a visit found under one key question: good practice, or an area for improvement. */
export const visitFindings = pgTable(
  'visit_findings',
  {
    orgId: orgId(),
    findingId: uuid('finding_id').notNull().defaultRandom(),
    visitId: uuid('visit_id').notNull(),
    keyQuestion: text('key_question', { enum: keyQuestions }).notNull(),
    kind: text('kind', { enum: findingKinds }).notNull(),
    text: text('text').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.findingId] }),
    foreignKey({
      columns: [t.orgId, t.visitId],
      foreignColumns: [qualityVisits.orgId, qualityVisits.visitId],
    }),
    index('visit_findings_visit').on(t.orgId, t.visitId),
    orgIsolation('visit_findings'),
  ],
).enableRLS();

/** A clinical audit measured again and again against a target. */
export const clinicalAudits = pgTable(
  'clinical_audits',
  {
    orgId: orgId(),
    auditId: uuid('audit_id').notNull().defaultRandom(),
    name: text('name').notNull(),
    unitId: uuid('unit_id'),
    /** The compliance it aims for, as a percentage (e.g. 95.00). */
    targetPercent: numeric('target_percent', { precision: 5, scale: 2 }).notNull(),
    planId: uuid('plan_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.auditId] }),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    foreignKey({ columns: [t.orgId, t.planId], foreignColumns: [actionPlans.orgId, actionPlans.planId] }),
    uniqueIndex('clinical_audits_name').on(t.orgId, t.name),
    orgIsolation('clinical_audits'),
  ],
).enableRLS();

/** One measurement of an audit: the compliance found on a date (60.49%, then 89.87%). */
export const auditMeasurements = pgTable(
  'audit_measurements',
  {
    orgId: orgId(),
    auditId: uuid('audit_id').notNull(),
    measuredOn: day('measured_on').notNull(),
    compliancePercent: numeric('compliance_percent', { precision: 5, scale: 2 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.auditId, t.measuredOn] }),
    foreignKey({
      columns: [t.orgId, t.auditId],
      foreignColumns: [clinicalAudits.orgId, clinicalAudits.auditId],
    }),
    orgIsolation('audit_measurements'),
  ],
).enableRLS();

export const actionAlertKinds = ['due-reminder', 'overdue', 'weekly-digest'] as const;
export type ActionAlertKind = (typeof actionAlertKinds)[number];

/**
 * Each reminder, overdue alert and weekly digest queued, keyed so that each is queued once
 * however often the pass runs: an action's reminder per due date, a lead's digest per week.
 */
export const actionAlerts = pgTable(
  'action_alerts',
  {
    orgId: orgId(),
    /** The action, or for a digest the lead. */
    subjectId: uuid('subject_id').notNull(),
    kind: text('kind', { enum: actionAlertKinds }).notNull(),
    /** The due date reminded of, or the Monday of the digest's week. */
    forDate: day('for_date').notNull(),
    queuedAt: timestamp('queued_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.subjectId, t.kind, t.forDate] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    orgIsolation('action_alerts'),
  ],
).enableRLS();

export type ActionPlanRow = typeof actionPlans.$inferSelect;
export type RecommendationRow = typeof planRecommendations.$inferSelect;
export type PlanActionRow = typeof planActions.$inferSelect;
export type ActionEvidenceRow = typeof actionEvidence.$inferSelect;
export type YouSaidWeDidRow = typeof youSaidWeDid.$inferSelect;
export type LearningThemeRow = typeof learningThemes.$inferSelect;
export type SourceLearningPointRow = typeof sourceLearningPoints.$inferSelect;
export type QualityVisitRow = typeof qualityVisits.$inferSelect;
export type VisitFindingRow = typeof visitFindings.$inferSelect;
export type ClinicalAuditRow = typeof clinicalAudits.$inferSelect;
