import { z } from 'zod';
import { type IsoDate, isIsoDate } from '#src/domains/calendar/index.ts';
import { Invalid } from '#src/web/errors.ts';
import { checkedValues, fieldErrorsOf } from '#src/web/forms.ts';
import type { Actor } from '#src/web/principal.ts';
import type { NewRecord } from './inputs.ts';
import { referralStatuses } from './ombudsman.ts';
import { ombudsmanOutcomes } from './schema.ts';
import type { CasesService } from './service.ts';
import type { CaseAction } from './staff-access.ts';
import type { CaseTasksService } from './tasks.ts';

// The forms on a case's action pages: which fields each shows, what its answers must be (in the
// design system's voice) and which service function it calls. The service checks the rules again
// and its refusals come back as the same field errors.

/** Where a field's choices come from; resolved when the page is built. */
export type ChoiceSource =
  | 'units'
  | 'subjects'
  | 'staffGroups'
  | 'ko41aAgeBands'
  | 'ko41aComplainantStatuses'
  | 'ko41aServiceAreas'
  | 'ko41aClinicalTreatment'
  | 'investigators'
  | 'yesNo'
  | 'issueOutcomes'
  | 'channels'
  | 'loggedChannels'
  | 'referralStatuses'
  | 'ombudsmanOutcomes'
  | 'staff';

export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  type: 'date' | 'text' | 'textarea' | 'radios' | 'select' | 'checkboxes';
  choices?: ChoiceSource;
}

export interface SaveContext {
  cases: CasesService;
  tasks: CaseTasksService;
  orgId: string;
  actor: Actor;
  recordId: string;
  /** Whether the person may see (and so change) the case's personal data (access.ts). */
  seesPersonalData: boolean;
  issueId?: string;
}

export interface ActionForm {
  action: CaseAction;
  /** The page's heading; the case reference is shown above it. */
  title: string;
  button: string;
  fields: FieldSpec[];
  /** The fields shown to this person, when they depend on whether they may see personal data. */
  fieldsFor?(viewer: { seesPersonalData: boolean }): FieldSpec[];
  /**
   * True when the form shows the case's details (personal data included, for those who may see
   * it): opening it is then a read of the case, recorded in the audit trail, and startingAnswers
   * is given the case as getCase reads it.
   */
  readsCase?: boolean;
  /** The answers first shown, given today's date and the case the form is about. */
  startingAnswers(today: IsoDate, current: { record: { unitId: string } }): Record<string, unknown>;
  /** Checks the answers and saves them; throws Invalid (with field errors) or Conflict. */
  save(answers: Record<string, unknown>, context: SaveContext): Promise<unknown>;
  /** The success banner shown on the case page afterwards. */
  success(reference: string): string;
}

const date = (message: string) => z.string({ error: message }).trim().refine(isIsoDate, message);
const text = (message: string) => z.string({ error: message }).trim().min(1, message);
const yesNo = (message: string) =>
  z.enum(['yes', 'no'], { error: message }).transform((answer) => answer === 'yes');

/** The parsed answers, or Invalid naming each field with a problem. */
export function parsedAnswers<S extends z.ZodType>(schema: S, answers: unknown): z.output<S> {
  const result = schema.safeParse(answers);
  if (result.success) return result.data;
  const errors = fieldErrorsOf(result.error);
  throw new Invalid(Object.values(errors).join('. '), errors);
}

const todayAs =
  (...names: string[]) =>
  (today: IsoDate) =>
    Object.fromEntries(names.map((name) => [name, today]));
const nothing = () => ({});

const acknowledge: ActionForm = {
  action: 'acknowledge',
  title: 'Record the acknowledgement',
  button: 'Save acknowledgement',
  fields: [{ name: 'acknowledgedDate', label: 'Date acknowledged', type: 'date' }],
  startingAnswers: todayAs('acknowledgedDate'),
  async save(answers, { cases, orgId, actor, recordId }) {
    const { acknowledgedDate } = parsedAnswers(
      z.object({ acknowledgedDate: date('Enter the date it was acknowledged, like 2017-07-05') }),
      answers,
    );
    return cases.acknowledgeComplaint(orgId, actor, recordId, acknowledgedDate);
  },
  success: (reference) => `${reference} has been acknowledged`,
};

// KO41a sections 5 and 6: an issue's service area, and for clinical treatment its sub-category.
// Either may be left blank; the return then counts the complaint "Not known".
const serviceAreaField: FieldSpec = {
  name: 'serviceAreaCode',
  label: 'Service area (KO41a)',
  hint: 'Leave blank if not known',
  type: 'select',
  choices: 'ko41aServiceAreas',
};
const clinicalTreatmentField: FieldSpec = {
  name: 'clinicalTreatmentCode',
  label: 'Clinical treatment sub-category (KO41a)',
  hint: 'Only when the subject is Clinical treatment; leave blank if not known',
  type: 'select',
  choices: 'ko41aClinicalTreatment',
};

const addIssue: ActionForm = {
  action: 'add-issue',
  title: 'Add an issue',
  button: 'Add issue',
  fields: [
    { name: 'subjectCode', label: 'Subject (KO41a)', type: 'select', choices: 'subjects' },
    {
      name: 'staffGroupCodes',
      label: 'Staff groups involved',
      hint: 'Select all that apply',
      type: 'checkboxes',
      choices: 'staffGroups',
    },
    { name: 'unitId', label: 'Service the issue is about', type: 'select', choices: 'units' },
    serviceAreaField,
    clinicalTreatmentField,
    { name: 'description', label: 'Describe the issue', type: 'textarea' },
  ],
  startingAnswers: nothing,
  save: (answers, { cases, orgId, actor, recordId }) =>
    cases.addIssue(orgId, actor, recordId, {
      subjectCode: String(answers.subjectCode ?? ''),
      staffGroupCodes: checkedValues(answers.staffGroupCodes).map(String),
      unitId: String(answers.unitId ?? ''),
      description: String(answers.description ?? ''),
      serviceAreaCode: String(answers.serviceAreaCode ?? ''),
      clinicalTreatmentCode: String(answers.clinicalTreatmentCode ?? ''),
    }),
  success: (reference) => `An issue has been added to ${reference}`,
};

const issueOutcome: ActionForm = {
  action: 'issue-outcome',
  title: 'Record the issue’s outcome',
  button: 'Save outcome',
  fields: [{ name: 'outcome', label: 'Outcome', type: 'radios', choices: 'issueOutcomes' }],
  startingAnswers: nothing,
  async save(answers, { cases, orgId, actor, issueId }) {
    const { outcome } = parsedAnswers(
      z.object({ outcome: z.enum(['upheld', 'not-upheld'], { error: 'Select upheld or not upheld' }) }),
      answers,
    );
    return cases.recordIssueOutcome(orgId, actor, issueId ?? '', outcome);
  },
  success: (reference) => `The issue’s outcome has been recorded on ${reference}`,
};

const extension: ActionForm = {
  action: 'extension',
  title: 'Agree a later response date',
  button: 'Save extension',
  fields: [
    { name: 'newAgreedDate', label: 'New response date', type: 'date' },
    { name: 'agreedOn', label: 'Date agreed with the complainant', type: 'date' },
    { name: 'reason', label: 'Reason', type: 'textarea' },
  ],
  startingAnswers: todayAs('agreedOn'),
  async save(answers, { cases, orgId, actor, recordId }) {
    const input = parsedAnswers(
      z.object({
        newAgreedDate: date('Enter the new response date, like 2017-09-15'),
        agreedOn: date('Enter the date it was agreed with the complainant, like 2017-08-20'),
        reason: text('Enter why more time is needed'),
      }),
      answers,
    );
    return cases.agreeExtension(orgId, actor, recordId, input);
  },
  success: (reference) => `The new response date for ${reference} has been saved`,
};

const assign: ActionForm = {
  action: 'assign',
  title: 'Assign an investigator',
  button: 'Save investigator',
  fields: [{ name: 'investigatorUserId', label: 'Investigator', type: 'select', choices: 'investigators' }],
  startingAnswers: nothing,
  save: (answers, { cases, orgId, actor, recordId }) => {
    const chosen = String(answers.investigatorUserId ?? '');
    return cases.assignInvestigator(orgId, actor, recordId, chosen === '' ? null : chosen);
  },
  success: (reference) => `The investigator for ${reference} has been saved`,
};

const timeLimit: ActionForm = {
  action: 'time-limit',
  title: 'Decide on the 12-month time limit',
  button: 'Save decision',
  fields: [
    {
      name: 'complainantHadGoodReason',
      label: 'Did the complainant have good reason for not complaining sooner?',
      type: 'radios',
      choices: 'yesNo',
    },
    {
      name: 'stillPossibleToInvestigateFairly',
      label: 'Is it still possible to investigate the complaint effectively and fairly?',
      type: 'radios',
      choices: 'yesNo',
    },
    { name: 'reason', label: 'Reasons for the decision', type: 'textarea' },
    { name: 'decidedBy', label: 'Decided by', type: 'text' },
    { name: 'decidedOn', label: 'Date decided', type: 'date' },
  ],
  startingAnswers: todayAs('decidedOn'),
  async save(answers, { cases, orgId, actor, recordId }) {
    const input = parsedAnswers(
      z.object({
        complainantHadGoodReason: yesNo('Select whether the complainant had a good reason'),
        stillPossibleToInvestigateFairly: yesNo('Select whether it is still possible to investigate fairly'),
        reason: text('Enter the reasons for the decision'),
        decidedBy: text('Enter who made the decision'),
        decidedOn: date('Enter the date of the decision, like 2017-07-10'),
      }),
      answers,
    );
    return cases.recordTimeLimitDecision(orgId, actor, recordId, input);
  },
  success: (reference) => `The time-limit decision on ${reference} has been saved`,
};

const close: ActionForm = {
  action: 'close',
  title: 'Close the complaint',
  button: 'Close complaint',
  fields: [
    { name: 'responseSentDate', label: 'Date the response was sent', type: 'date' },
    { name: 'signedOffBy', label: 'Signed by', hint: 'Usually the chief executive', type: 'text' },
  ],
  startingAnswers: todayAs('responseSentDate'),
  async save(answers, { cases, orgId, actor, recordId }) {
    const input = parsedAnswers(
      z.object({
        responseSentDate: date('Enter the date the response was sent, like 2017-08-07'),
        signedOffBy: text('Enter who signed the response'),
      }),
      answers,
    );
    return cases.closeComplaint(orgId, actor, recordId, input);
  },
  success: (reference) => `${reference} has been closed`,
};

const withdraw: ActionForm = {
  action: 'withdraw',
  title: 'Record that the complaint was withdrawn',
  button: 'Withdraw complaint',
  fields: [
    { name: 'withdrawnDate', label: 'Date withdrawn', type: 'date' },
    { name: 'reason', label: 'Why the complainant withdrew it', type: 'textarea' },
  ],
  startingAnswers: todayAs('withdrawnDate'),
  async save(answers, { cases, orgId, actor, recordId }) {
    const input = parsedAnswers(
      z.object({
        withdrawnDate: date('Enter the date it was withdrawn, like 2017-08-07'),
        reason: text('Enter why the complaint was withdrawn'),
      }),
      answers,
    );
    return cases.withdrawComplaint(orgId, actor, recordId, input);
  },
  success: (reference) => `${reference} has been withdrawn`,
};

const reopen: ActionForm = {
  action: 'reopen',
  title: 'Reopen the complaint',
  button: 'Reopen complaint',
  fields: [
    { name: 'reopenedOn', label: 'Date reopened', type: 'date' },
    { name: 'reason', label: 'Why it is being reopened', type: 'textarea' },
  ],
  startingAnswers: todayAs('reopenedOn'),
  async save(answers, { cases, orgId, actor, recordId }) {
    const input = parsedAnswers(
      z.object({
        reopenedOn: date('Enter the date it was reopened, like 2017-08-21'),
        reason: text('Enter why the complaint is being reopened'),
      }),
      answers,
    );
    return cases.reopenComplaint(orgId, actor, recordId, input);
  },
  success: (reference) => `${reference} has been reopened`,
};

const note: ActionForm = {
  action: 'note',
  title: 'Add a note',
  button: 'Add note',
  fields: [{ name: 'text', label: 'Note', type: 'textarea' }],
  startingAnswers: nothing,
  async save(answers, { cases, orgId, actor, recordId }) {
    const input = parsedAnswers(z.object({ text: text('Enter the note') }), answers);
    return cases.addCaseNote(orgId, actor, recordId, input.text);
  },
  success: (reference) => `Your note has been added to ${reference}`,
};

// Meetings, the Ombudsman, escalation, learning and tasks

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || null);

const meeting: ActionForm = {
  action: 'meeting',
  title: 'Record a local resolution meeting',
  button: 'Save meeting',
  fields: [
    { name: 'meetingDate', label: 'Date of the meeting', type: 'date' },
    {
      name: 'attendees',
      label: 'Who attended',
      hint: 'Names and roles, such as the complainant, their daughter and the ward manager',
      type: 'textarea',
    },
    { name: 'notes', label: 'Notes (optional)', type: 'textarea' },
  ],
  startingAnswers: todayAs('meetingDate'),
  async save(answers, { cases, orgId, actor, recordId }) {
    const input = parsedAnswers(
      z.object({
        meetingDate: date('Enter the date of the meeting, like 2017-08-01'),
        attendees: text('Enter who attended'),
        notes: optionalText,
      }),
      answers,
    );
    return cases.recordLocalResolutionMeeting(orgId, actor, recordId, input);
  },
  success: (reference) => `The local resolution meeting has been recorded on ${reference}`,
};

const ombudsmanReferral: ActionForm = {
  action: 'ombudsman-referral',
  title: 'Record a referral to the Ombudsman',
  button: 'Save referral',
  fields: [
    { name: 'referredDate', label: 'Date referred', type: 'date' },
    { name: 'status', label: 'Where the referral stands', type: 'radios', choices: 'referralStatuses' },
  ],
  startingAnswers: (today) => ({ referredDate: today, status: 'referred' }),
  async save(answers, { cases, orgId, actor, recordId }) {
    const referral = parsedAnswers(
      z.object({
        referredDate: date('Enter the date it was referred to the Ombudsman, like 2017-09-01'),
        status: z.enum(referralStatuses, { error: 'Select where the referral stands' }),
      }),
      answers,
    );
    return cases.referToOmbudsman(orgId, actor, recordId, referral);
  },
  success: (reference) => `The referral of ${reference} to the Ombudsman has been recorded`,
};

const ombudsmanOutcome: ActionForm = {
  action: 'ombudsman-outcome',
  title: 'Record the Ombudsman’s decision',
  button: 'Save decision',
  fields: [
    { name: 'outcome', label: 'What the Ombudsman decided', type: 'radios', choices: 'ombudsmanOutcomes' },
    { name: 'outcomeDate', label: 'Date of the decision', type: 'date' },
  ],
  startingAnswers: todayAs('outcomeDate'),
  async save(answers, { cases, orgId, actor, recordId }) {
    const decision = parsedAnswers(
      z.object({
        outcome: z.enum(ombudsmanOutcomes, { error: 'Select what the Ombudsman decided' }),
        outcomeDate: date('Enter the date of the Ombudsman’s decision, like 2018-01-15'),
      }),
      answers,
    );
    return cases.recordOmbudsmanOutcome(orgId, actor, recordId, decision);
  },
  success: (reference) => `The Ombudsman’s decision on ${reference} has been recorded`,
};

const escalate: ActionForm = {
  action: 'escalate',
  title: 'Escalate the concern to a formal complaint',
  button: 'Log the complaint',
  fields: [
    {
      name: 'channel',
      label: 'How did the complaint reach us?',
      hint: 'The complaint keeps the concern’s service, summary and the person’s details',
      type: 'radios',
      choices: 'loggedChannels',
    },
    { name: 'receivedDate', label: 'Date the complaint was received', type: 'date' },
  ],
  startingAnswers: todayAs('receivedDate'),
  async save(answers, { cases, orgId, actor, recordId }) {
    const complaint = parsedAnswers(
      z.object({
        channel: z.enum(loggedChannels, { error: 'Select how the complaint reached us' }),
        receivedDate: date('Enter the date the complaint was received, like 2017-07-20'),
      }),
      answers,
    );
    return cases.escalateConcern(orgId, actor, recordId, complaint);
  },
  success: (reference) => `${reference} has been escalated to a formal complaint`,
};

const learningPoint: ActionForm = {
  action: 'learning-point',
  title: 'Add a learning point',
  button: 'Add learning point',
  fields: [
    { name: 'text', label: 'What was learnt', type: 'textarea' },
    { name: 'unitId', label: 'Service the learning is for', type: 'select', choices: 'units' },
  ],
  startingAnswers: (_today, current) => ({ unitId: current.record.unitId }),
  async save(answers, { cases, orgId, actor, recordId }) {
    const point = parsedAnswers(
      z.object({ text: text('Enter what was learnt'), unitId: optionalText }),
      answers,
    );
    return cases.addLearningPoint(orgId, actor, recordId, {
      text: point.text,
      ...(point.unitId ? { unitId: point.unitId } : {}),
    });
  },
  success: (reference) => `A learning point has been added to ${reference}`,
};

const task: ActionForm = {
  action: 'task',
  title: 'Add a task',
  button: 'Add task',
  fields: [
    { name: 'description', label: 'What needs to be done', type: 'textarea' },
    {
      name: 'assignedUserId',
      label: 'Who will do it (optional)',
      type: 'select',
      choices: 'staff',
    },
    { name: 'dueDate', label: 'Due date (optional)', type: 'date' },
  ],
  startingAnswers: nothing,
  save: (answers, { tasks, orgId, actor, recordId }) =>
    tasks.addTask(orgId, actor, recordId, {
      description: String(answers.description ?? ''),
      assignedUserId: String(answers.assignedUserId ?? ''),
      dueDate: String(answers.dueDate ?? ''),
    }),
  success: (reference) => `A task has been added to ${reference}`,
};

const resolve: ActionForm = {
  action: 'resolve',
  title: 'Record the resolution',
  button: 'Save and close',
  fields: [
    { name: 'resolvedDate', label: 'Date resolved', type: 'date' },
    {
      name: 'resolution',
      label: 'How was it resolved?',
      hint: 'What was done or explained, and whether the person was satisfied',
      type: 'textarea',
    },
  ],
  startingAnswers: todayAs('resolvedDate'),
  async save(answers, { cases, orgId, actor, recordId }) {
    const input = parsedAnswers(
      z.object({
        resolvedDate: date('Enter the date it was resolved, like 2017-08-07'),
        resolution: text('Enter how it was resolved'),
      }),
      answers,
    );
    return cases.resolveRecord(orgId, actor, recordId, input);
  },
  success: (reference) => `${reference} has been resolved and closed`,
};

const concernStaffGroups: ActionForm = {
  action: 'concern-staff-groups',
  title: 'Record the staff groups involved',
  button: 'Save staff groups',
  fields: [
    {
      name: 'staffGroupCodes',
      label: 'Staff groups involved',
      hint: 'Select all that apply, or No staff identified',
      type: 'checkboxes',
      choices: 'staffGroups',
    },
  ],
  startingAnswers: (_today, current) => ({
    staffGroupCodes: (current.record as { staffGroupCodes?: string[] }).staffGroupCodes ?? [],
  }),
  async save(answers, { cases, orgId, actor, recordId }) {
    const { staffGroupCodes } = parsedAnswers(
      z.object({
        staffGroupCodes: z
          .array(z.string())
          .min(1, 'Select the staff groups involved, or No staff identified'),
      }),
      { staffGroupCodes: checkedValues(answers.staffGroupCodes).map(String) },
    );
    return cases.recordConcernStaffGroups(orgId, actor, recordId, staffGroupCodes);
  },
  success: (reference) => `The staff groups involved in ${reference} have been saved`,
};

/** The radio answer for a KO41a item not known; the complaint then records none. */
export const notKnownAnswer = 'not-known';
const knownOrNull = (answer: string) => (answer === notKnownAnswer ? null : answer);
type Ko41aDetails = { patientAgeBandCode: string | null; complainantStatusCode: string | null };

const complaintKo41a: ActionForm = {
  action: 'ko41a',
  title: 'Record the patient’s age and who complained',
  button: 'Save',
  fields: [
    {
      name: 'patientAgeBandCode',
      label: 'How old is the patient?',
      hint: 'For the KO41a return: their age when the complaint was made',
      type: 'radios',
      choices: 'ko41aAgeBands',
    },
    {
      name: 'complainantStatusCode',
      label: 'Who made the complaint?',
      hint: 'For the KO41a return',
      type: 'radios',
      choices: 'ko41aComplainantStatuses',
    },
  ],
  startingAnswers: (_today, current) => {
    const details = (current as { details?: Ko41aDetails | null }).details;
    return {
      patientAgeBandCode: details?.patientAgeBandCode ?? undefined,
      complainantStatusCode: details?.complainantStatusCode ?? undefined,
    };
  },
  async save(answers, { cases, orgId, actor, recordId }) {
    const chosen = parsedAnswers(
      z.object({
        patientAgeBandCode: text('Select how old the patient is, or Not known'),
        complainantStatusCode: text('Select who made the complaint, or Not known'),
      }),
      answers,
    );
    return cases.recordComplaintKo41a(orgId, actor, recordId, {
      patientAgeBandCode: knownOrNull(chosen.patientAgeBandCode),
      complainantStatusCode: knownOrNull(chosen.complainantStatusCode),
    });
  },
  success: (reference) => `The patient’s age and who complained have been saved on ${reference}`,
};

/** The page recording an existing issue's service area, and its sub-category when it is about clinical treatment. */
export function issueKo41aForm(aboutClinicalTreatment: boolean): ActionForm {
  return {
    action: 'issue-ko41a',
    title: aboutClinicalTreatment
      ? 'Record the issue’s service area and clinical treatment sub-category'
      : 'Record the issue’s service area',
    button: 'Save',
    fields: aboutClinicalTreatment ? [serviceAreaField, clinicalTreatmentField] : [serviceAreaField],
    startingAnswers: nothing,
    save: (answers, { cases, orgId, actor, issueId }) =>
      cases.recordIssueKo41a(orgId, actor, issueId ?? '', {
        serviceAreaCode: String(answers.serviceAreaCode ?? ''),
        clinicalTreatmentCode: String(answers.clinicalTreatmentCode ?? ''),
      }),
    success: (reference) => `The issue’s service area has been saved on ${reference}`,
  };
}

const litigation: ActionForm = {
  action: 'litigation',
  title: 'Record litigation',
  button: 'Save',
  fields: [
    {
      name: 'ongoing',
      label: 'Is there litigation about this complaint?',
      hint: 'While it continues, the case file is kept beyond its 10-year retention',
      type: 'radios',
      choices: 'yesNo',
    },
  ],
  startingAnswers: nothing,
  async save(answers, { cases, orgId, actor, recordId }) {
    const { ongoing } = parsedAnswers(
      z.object({ ongoing: yesNo('Select yes if there is litigation about this complaint') }),
      answers,
    );
    return cases.recordLitigation(orgId, actor, recordId, ongoing);
  },
  success: (reference) => `Litigation about ${reference} has been recorded`,
};

/** The action pages reached from a case, by the last part of their address. */
export const caseActionForms = {
  acknowledge,
  extension,
  assign,
  'time-limit': timeLimit,
  close,
  withdraw,
  reopen,
  note,
  issues: addIssue,
  meeting,
  ombudsman: ombudsmanReferral,
  'ombudsman-outcome': ombudsmanOutcome,
  escalate,
  learning: learningPoint,
  tasks: task,
  litigation,
  resolve,
  'staff-groups': concernStaffGroups,
  ko41a: complaintKo41a,
} as const satisfies Record<string, ActionForm>;

export const issueOutcomeForm = issueOutcome;

// Logging a new record

export const loggedChannels = ['phone', 'email', 'letter', 'in-person'] as const;

export const newRecordFields = [
  'kind',
  'channel',
  'unitId',
  'receivedDate',
  'eventDate',
  'resolvedDate',
  'summary',
  'narrative',
  'personName',
  'email',
  'phone',
  'patientAgeBandCode',
  'complainantStatusCode',
  'recordAs',
] as const;

const optional = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);

const newRecordForm = z.object({
  kind: z.string({ error: 'Select the kind of feedback' }).min(1, 'Select the kind of feedback'),
  channel: z.enum(loggedChannels, { error: 'Select how it reached us' }),
  unitId: text('Select the service it is about'),
  receivedDate: date('Enter the date it was received, like 2017-07-03'),
  eventDate: optional.refine(
    (value) => !value || isIsoDate(value),
    'Enter the date it happened, like 2017-06-20',
  ),
  resolvedDate: optional.refine(
    (value) => !value || isIsoDate(value),
    'Enter the date it was resolved, like 2017-07-04',
  ),
  summary: text('Enter a short summary'),
  narrative: optional,
  personName: optional,
  email: optional,
  phone: optional,
  // Complaints only (KO41a sections 3 and 4): the service refuses them on other kinds.
  patientAgeBandCode: optional,
  complainantStatusCode: optional,
  /** The answer to the offer of a concern: "concern", or "complaint" to keep it under the Regulations. */
  recordAs: z.enum(['concern', 'complaint']).optional(),
});

/** The service's input for a logged record, or Invalid naming each field with a problem. */
export function newRecordFrom(answers: Record<string, unknown>): NewRecord {
  const form = parsedAnswers(newRecordForm, answers);
  const contactDetails = {
    ...(form.email ? { email: form.email } : {}),
    ...(form.phone ? { phone: form.phone } : {}),
  };
  // Recording the complaint as a concern when offered (SI 2009/309 reg 8(1)(c)) leaves behind
  // what only a complaint records; otherwise "Not known" is recorded as nothing.
  const ko41a = (answer: string | undefined) =>
    form.recordAs === 'concern' || answer === undefined ? null : knownOrNull(answer);
  return {
    kind: (form.recordAs === 'concern' ? 'concern' : form.kind) as NewRecord['kind'],
    channel: form.channel,
    unitId: form.unitId,
    receivedDate: form.receivedDate,
    eventDate: form.eventDate ?? null,
    resolvedDate: form.resolvedDate ?? null,
    summary: form.summary,
    narrative: form.narrative ?? null,
    personName: form.personName ?? null,
    contactDetails,
    keepAsComplaint: form.recordAs === 'complaint',
    patientAgeBandCode: ko41a(form.patientAgeBandCode),
    complainantStatusCode: ko41a(form.complainantStatusCode),
  };
}
