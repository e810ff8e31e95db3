// The default layout of a file of historic cases (issue 4, import): one row per case, one column
// per field, each column named as the field is here unless a mapping file names it otherwise. The
// README's table "Importing historic cases" and the upload page are built from this list.

/** How many issues a row can carry, in the columns issue_1_… to issue_5_…. */
export const issueSlots = 5;

export const issueParts = [
  'subject',
  'staff_groups',
  'outcome',
  'description',
  'service_area',
  'clinical_treatment',
] as const;
export type IssuePart = (typeof issueParts)[number];
export type IssueField = `issue_${number}_${IssuePart}`;

export const recordFields = [
  'reference',
  'kind',
  'channel',
  'unit_code',
  'received_date',
  'event_date',
  'notice_date',
  'summary',
  'narrative',
  'desired_outcome',
  'person_name',
  'email',
  'phone',
  'address',
  'on_behalf_of',
  'consent',
  'consent_date',
  'status',
  'closed_date',
  // Concerns only: a complaint names its staff groups on each issue, in issue_N_staff_groups.
  'staff_groups',
] as const;

/** Columns that only a complaint (SI 2009/309) can have. */
export const complaintFields = [
  'acknowledged_date',
  'agreed_response_date',
  'response_sent_date',
  'signed_off_by',
  'withdrawn_date',
  'withdrawal_reason',
  'investigator_email',
  'ombudsman_referred_date',
  'ombudsman_outcome',
  'ombudsman_outcome_date',
  'patient_age_band',
  'complainant_status',
] as const;

export type RecordField = (typeof recordFields)[number];
export type ComplaintField = (typeof complaintFields)[number];
export type ImportField = RecordField | ComplaintField | IssueField;

export const issueField = (slot: number, part: IssuePart): IssueField => `issue_${slot}_${part}`;

export const issueFields: readonly IssueField[] = Array.from({ length: issueSlots }, (_, index) =>
  issueParts.map((part) => issueField(index + 1, part)),
).flat();

export const importFields: readonly ImportField[] = [...recordFields, ...complaintFields, ...issueFields];

/** A row cannot be read without these, so the file needs a column for each. */
export const requiredFields: readonly ImportField[] = [
  'reference',
  'kind',
  'channel',
  'unit_code',
  'received_date',
  'summary',
];

const dates = 'YYYY-MM-DD or DD/MM/YYYY, or a date cell in Excel';

/** What each column holds, for the README and the upload page. */
export const fieldMeanings: Record<RecordField | ComplaintField, string> = {
  reference: 'the case’s reference in the system it comes from; a reference Heard already has is skipped',
  kind: 'complaint, concern, compliment, comment, enquiry or mp-enquiry, or their names such as “Comment or suggestion”',
  channel:
    'phone, email, letter, in-person, web-form, care-opinion or survey, or their names such as “In person”',
  unit_code: 'the code of the unit (ward, team, service) it is about, as in Units',
  received_date: `the date it was received (${dates})`,
  event_date: 'when what it is about happened',
  notice_date: 'when it came to the person’s notice, if later',
  summary: 'a short description with no names or personal details',
  narrative: 'the account in the person’s own words',
  desired_outcome: 'what would put it right, in their words',
  person_name: 'who told us',
  email: 'their email address',
  phone: 'their phone number',
  address: 'their postal address',
  on_behalf_of: 'the patient’s name, when someone else spoke for them',
  consent: 'yes or no: whether the patient’s consent to that is recorded',
  consent_date: 'when the consent was given',
  status: 'open, closed or withdrawn; blank works it out from the dates below',
  closed_date: 'when it was closed; blank for a complaint uses response_sent_date (or withdrawn_date)',
  staff_groups:
    'concerns: the staff groups involved, written as in issue_N_staff_groups, such as “Nursing; Medical”, or “No staff identified”; a complaint gives them on each issue instead',
  acknowledged_date: 'complaints: when the acknowledgement was sent',
  agreed_response_date:
    'complaints: the response date agreed; blank uses the local target from the date received',
  response_sent_date: 'complaints: when the response was sent',
  signed_off_by: 'complaints: who signed the response',
  withdrawn_date: 'complaints: when it was withdrawn',
  withdrawal_reason: 'complaints: why it was withdrawn',
  investigator_email: 'complaints: the email address of the investigator, a member of staff in Heard',
  ombudsman_referred_date:
    'complaints: when it was referred to the Parliamentary and Health Service Ombudsman',
  ombudsman_outcome:
    'complaints: the Ombudsman’s outcome: not-investigated, resolved-without-investigation, upheld, partly-upheld or not-upheld',
  ombudsman_outcome_date: 'complaints: when the Ombudsman decided',
  patient_age_band:
    'complaints: the patient’s age band for KO41a, as a code or name from reference/ko41a-age-bands.json, such as “65 to 74”; blank counts as Not known',
  complainant_status:
    'complaints: who made the complaint for KO41a, as a code or name from reference/ko41a-complainant-status.json, such as “Relative or carer”; blank counts as Not known',
};

export const issueMeanings: Record<IssuePart, string> = {
  subject: 'complaints: the issue’s KO41a subject, as a code or name from reference/ko41a-subjects.json',
  staff_groups:
    'complaints: the staff groups involved, codes or names separated by semicolons, such as “Nursing; Medical”, or “No staff identified”',
  outcome: 'complaints: upheld or not upheld; every issue of a closed complaint needs one',
  description: 'complaints: what the issue is about; blank uses the subject’s name',
  service_area:
    'complaints: the issue’s KO41a service area, as a code or name from reference/ko41a-service-areas.json; blank counts as Not known',
  clinical_treatment:
    'complaints, issues whose subject is clinical treatment only: the KO41a sub-category, as a code or name from reference/ko41a-clinical-treatment.json; blank counts as Not known',
};

export function meaningOf(field: ImportField): string {
  const issue = /^issue_\d+_(.+)$/.exec(field);
  if (issue) return issueMeanings[issue[1] as IssuePart];
  return fieldMeanings[field as RecordField | ComplaintField];
}

export const isImportField = (name: string): name is ImportField =>
  (importFields as readonly string[]).includes(name);
