import type { IsoDate } from '#src/domains/calendar/index.ts';
import { formatUkDate } from '#src/web/views.ts';
import type { CaseDocuments } from '../../document-reads.ts';
import type { CaseFollowUp } from '../../follow-up-reads.ts';
import { channelNames, feedbackKindNames } from '../../kinds-and-channels.ts';
import { clinicalTreatmentSubject } from '../../ko41a-codes.ts';
import { issueOutcomeNames, overallOutcomeNames } from '../../outcomes.ts';
import type { FeedbackRecordRow } from '../../schema.ts';
import type { CasesService } from '../../service.ts';
import type { CaseAction } from '../../staff-access.ts';
import { documentSections } from './documents-model.ts';
import { followUpSections } from './follow-up-model.ts';
import { deadlineTag, statusNames } from './queue-model.ts';

export type CaseView = Awaited<ReturnType<CasesService['getCase']>>;

export interface CasePageContext {
  unitNames: ReadonlyMap<string, string>;
  subjectNames: ReadonlyMap<string, string>;
  staffGroupNames: ReadonlyMap<string, string>;
  /** Names of the KO41a codes a complaint and its issues record; codes are shown when left out. */
  ko41aNames?: {
    ageBands: ReadonlyMap<string, string>;
    complainantStatuses: ReadonlyMap<string, string>;
    serviceAreas: ReadonlyMap<string, string>;
    clinicalTreatment: ReadonlyMap<string, string>;
  };
  investigatorNames: ReadonlyMap<string, string>;
  /** The actions this person may take on this case. */
  allowed: (action: CaseAction) => boolean;
  canSeeAudit: boolean;
  today: IsoDate;
  /** Tasks and linked cases (follow-up-reads.ts), for the follow-up sections. */
  followUp?: CaseFollowUp;
  /** Attachments and the response letter (document-reads.ts), for the documents section. */
  documents?: CaseDocuments;
}

/** The record with its personal data, when the reader may see it (case-reads.ts removes it otherwise). */
type SeenRecord = Pick<FeedbackRecordRow, 'personName' | 'contactDetails' | 'narrative' | 'resolution'>;
const withPersonalData = (record: CaseView['record']): SeenRecord | null =>
  'personName' in record ? (record as Partial<SeenRecord> as SeenRecord) : null;

const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
const dateText = (date: IsoDate | null | undefined) => (date ? formatUkDate(date) : 'Not recorded');

/** A KO41a code's name, or "Not recorded" (the return counts it "Not known"). */
function ko41aName(
  context: CasePageContext,
  list: keyof NonNullable<CasePageContext['ko41aNames']>,
  code: string | null,
) {
  if (code === null) return 'Not recorded';
  return context.ko41aNames?.[list].get(code) ?? code;
}

function detailRows(view: CaseView, context: CasePageContext) {
  const { record, details } = view;
  const seen = withPersonalData(record);
  // A file destroyed at the end of its retention (retention-service.ts) has no personal data left.
  const personal = record.destroyedDate
    ? [row('Case file', `File destroyed on ${formatUkDate(record.destroyedDate)} (retention)`)]
    : seen
      ? [
          row('Name', seen.personName ?? 'Not given'),
          row(
            'Contact',
            [seen.contactDetails.email, seen.contactDetails.phone].filter(Boolean).join(', ') || 'Not given',
          ),
          row('What happened', seen.narrative ?? 'Not given'),
          ...(seen.resolution ? [row('How it was resolved', seen.resolution)] : []),
        ]
      : [row('Personal details', 'Withheld: you may not see this case’s personal data')];
  return [
    row('Kind', feedbackKindNames[record.kind]),
    row('How it reached us', channelNames[record.channel]),
    row('Service', context.unitNames.get(record.unitId) ?? 'Unknown service'),
    row('Received', dateText(record.receivedDate)),
    row('When it happened', dateText(record.eventDate)),
    row('Summary', record.summary),
    row('Status', statusNames[record.status]),
    ...(record.kind === 'concern'
      ? [
          row(
            'Staff groups involved',
            record.staffGroupCodes.map((code) => context.staffGroupNames.get(code) ?? code).join(', ') ||
              'Not recorded',
          ),
        ]
      : []),
    ...(details
      ? [
          row(
            'Investigator',
            details.investigatorUserId
              ? (context.investigatorNames.get(details.investigatorUserId) ?? 'Someone no longer listed')
              : 'Not assigned',
          ),
          row('Patient’s age (KO41a)', ko41aName(context, 'ageBands', details.patientAgeBandCode)),
          row(
            'Complaint made by (KO41a)',
            ko41aName(context, 'complainantStatuses', details.complainantStatusCode),
          ),
          ...(details.litigationOngoing
            ? [row('Litigation', 'Ongoing: the file is kept until it ends, whatever its retention date')]
            : []),
        ]
      : []),
    ...personal,
  ];
}

function deadlineRows(view: CaseView, today: IsoDate) {
  const { deadlines, details } = view;
  if (!deadlines || !details) return [];
  return [
    {
      name: 'Acknowledgement',
      dueDate: deadlines.acknowledgementDueDate,
      doneDate: details.acknowledgedDate,
      tag: deadlineTag(deadlines.acknowledgement, deadlines.acknowledgementDueDate, today),
    },
    {
      name: 'Response',
      dueDate: deadlines.responseDueDate,
      doneDate: details.responseSentDate,
      tag: deadlineTag(deadlines.response, deadlines.responseDueDate, today),
    },
  ];
}

/** The 12-month limit (SI 2009/309 reg 12), when the complaint was made outside it. */
function timeLimitWarning(view: CaseView) {
  const limit = view.timeLimit;
  if (!limit || limit.status === 'within') return null;
  const decided = limit.decision
    ? `Decided on ${formatUkDate(limit.decision.decidedOn)}: ${
        limit.allowsInvestigation ? 'the limit is waived' : 'the limit is not waived'
      }. ${limit.decision.reason}`
    : 'Record whether the limit is waived, and why.';
  return `This complaint was made more than 12 months after the events (the last day was ${formatUkDate(limit.lastDay)}). ${decided}`;
}

const actionButtons: { action: CaseAction; text: string; path: string; when: (view: CaseView) => boolean }[] =
  [
    {
      action: 'acknowledge',
      text: 'Record acknowledgement',
      path: 'acknowledge',
      when: (v) => isOpen(v) && !v.details?.acknowledgedDate,
    },
    { action: 'add-issue', text: 'Add an issue', path: 'issues', when: isOpen },
    { action: 'extension', text: 'Agree a later response date', path: 'extension', when: isOpen },
    { action: 'assign', text: 'Assign an investigator', path: 'assign', when: isOpen },
    {
      action: 'time-limit',
      text: 'Decide on the time limit',
      path: 'time-limit',
      when: (v) => isOpen(v) && v.timeLimit?.status === 'outside',
    },
    { action: 'close', text: 'Close the complaint', path: 'close', when: isOpen },
    { action: 'withdraw', text: 'Record a withdrawal', path: 'withdraw', when: isOpen },
    {
      action: 'reopen',
      text: 'Reopen the complaint',
      path: 'reopen',
      when: (v) => v.details !== null && v.record.status === 'closed',
    },
    {
      action: 'resolve',
      text: 'Record the resolution',
      path: 'resolve',
      when: (v) => v.details === null && v.record.status === 'open',
    },
    {
      action: 'concern-staff-groups',
      text: 'Record staff groups involved',
      path: 'staff-groups',
      when: (v) => v.record.kind === 'concern',
    },
    {
      action: 'ko41a',
      text: 'Record the patient’s age and who complained',
      path: 'ko41a',
      when: (v) => v.details !== null,
    },
    {
      action: 'litigation',
      text: 'Record litigation',
      path: 'litigation',
      when: (v) => v.details !== null && v.record.status !== 'withdrawn',
    },
    { action: 'note', text: 'Add a note', path: 'note', when: () => true },
    { action: 'edit-details', text: 'Edit details', path: 'edit-details', when: () => true },
  ];

function isOpen(view: CaseView) {
  return view.details !== null && view.record.status === 'open';
}

/** The case page: its details, deadlines, issues and outcome, and the actions this person may take. */
export function casePage(view: CaseView, context: CasePageContext) {
  const { record, details } = view;
  const href = `/cases/${record.recordId}`;
  const mayRecordOutcomes = isOpen(view) && context.allowed('issue-outcome');
  return {
    pageTitle: `${record.reference}: ${record.summary}`,
    reference: record.reference,
    summary: record.summary,
    backLinkHref: '/cases',
    detailRows: detailRows(view, context),
    deadlines: deadlineRows(view, context.today),
    timeLimitWarning: timeLimitWarning(view),
    isComplaint: details !== null,
    issues: view.issues.map((issue) => ({
      subject: context.subjectNames.get(issue.subjectCode) ?? issue.subjectCode,
      staffGroups: issue.staffGroupCodes.map((code) => context.staffGroupNames.get(code) ?? code).join(', '),
      unit: context.unitNames.get(issue.unitId) ?? 'Unknown service',
      description: issue.description,
      outcome: issue.outcome ? issueOutcomeNames[issue.outcome] : 'Not decided yet',
      outcomeHref: mayRecordOutcomes ? `${href}/issues/${issue.issueId}/outcome` : null,
      serviceArea: ko41aName(context, 'serviceAreas', issue.serviceAreaCode),
      clinicalTreatment:
        issue.subjectCode === clinicalTreatmentSubject
          ? ko41aName(context, 'clinicalTreatment', issue.clinicalTreatmentCode)
          : null,
      ko41aHref: context.allowed('issue-ko41a') ? `${href}/issues/${issue.issueId}/ko41a` : null,
    })),
    overallOutcome: view.overallOutcome ? overallOutcomeNames[view.overallOutcome] : null,
    extensions: view.extensions.map((extension) => ({
      from: extension.previousResponseDate,
      to: extension.newResponseDate,
      agreedOn: extension.agreedWithComplainantOn,
      reason: extension.reason,
    })),
    followUp: context.followUp ? followUpSections(view, context.followUp, context) : null,
    documents: context.documents ? documentSections(view, context.documents, context.allowed) : null,
    notes: view.notes.map((note) => ({ author: note.authorName, at: note.createdAt, text: note.text })),
    auditHref: context.canSeeAudit ? `/audit?entityType=case&entityId=${record.recordId}` : null,
    actions: actionButtons
      .filter((button) => button.when(view) && context.allowed(button.action))
      .map((button) => ({ text: button.text, href: `${href}/${button.path}` })),
  };
}
