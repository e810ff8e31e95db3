import type { ContactDetails } from './schema.ts';
import type { CasesService } from './service.ts';
import type { ActionForm, FieldSpec } from './staff-forms.ts';

// "Edit details": correcting what was recorded about a case. The person's details and account
// are shown, and may be changed, only by someone who may see them (cases/access.ts); for anyone
// else they are neither on the page nor sent to the service, which then keeps them as they are.

type CaseView = Awaited<ReturnType<CasesService['getCase']>>;

const caseFields: FieldSpec[] = [
  { name: 'summary', label: 'Summary', hint: 'No names or personal details', type: 'text' },
  { name: 'unitId', label: 'Service it is about', type: 'select', choices: 'units' },
  { name: 'channel', label: 'How it reached us', type: 'select', choices: 'channels' },
  { name: 'receivedDate', label: 'Date received', type: 'date' },
  { name: 'eventDate', label: 'Date it happened (optional)', type: 'date' },
  { name: 'noticeDate', label: 'Date they found out, if later (optional)', type: 'date' },
];

const personalFields: FieldSpec[] = [
  { name: 'personName', label: 'Their name (optional)', type: 'text' },
  { name: 'email', label: 'Email address (optional)', type: 'text' },
  { name: 'phone', label: 'Phone number (optional)', type: 'text' },
  { name: 'narrative', label: 'What they told us (optional)', type: 'textarea' },
  { name: 'desiredOutcome', label: 'What would put it right, in their words (optional)', type: 'textarea' },
];

const answer = (answers: Record<string, unknown>, name: string) => {
  const value = answers[name];
  return typeof value === 'string' ? value : '';
};

/** The record's personal data, when the reader may see it (getCase removes it otherwise). */
function personalAnswers(record: CaseView['record']) {
  if (!('personName' in record)) return {};
  const seen = record as typeof record & {
    personName: string | null;
    contactDetails: ContactDetails;
    narrative: string | null;
    desiredOutcome: string | null;
  };
  return {
    personName: seen.personName ?? '',
    email: seen.contactDetails.email ?? '',
    phone: seen.contactDetails.phone ?? '',
    narrative: seen.narrative ?? '',
    desiredOutcome: seen.desiredOutcome ?? '',
  };
}

export const editDetailsForm: ActionForm = {
  action: 'edit-details',
  title: 'Edit the case’s details',
  button: 'Save details',
  fields: [...caseFields, ...personalFields],
  fieldsFor: ({ seesPersonalData }) => (seesPersonalData ? [...caseFields, ...personalFields] : caseFields),
  readsCase: true,
  startingAnswers(_today, current) {
    const { record } = current as CaseView;
    return {
      summary: record.summary,
      unitId: record.unitId,
      channel: record.channel,
      receivedDate: record.receivedDate,
      eventDate: record.eventDate ?? '',
      noticeDate: record.noticeDate ?? '',
      ...personalAnswers(record),
    };
  },
  save(answers, { cases, orgId, actor, recordId, seesPersonalData }) {
    const personal = seesPersonalData
      ? Object.fromEntries(personalFields.map((field) => [field.name, answer(answers, field.name)]))
      : {};
    return cases.editCaseDetails(orgId, actor, recordId, {
      summary: answer(answers, 'summary'),
      unitId: answer(answers, 'unitId'),
      channel: answer(answers, 'channel'),
      receivedDate: answer(answers, 'receivedDate'),
      eventDate: answer(answers, 'eventDate'),
      noticeDate: answer(answers, 'noticeDate'),
      ...personal,
    });
  },
  success: (reference) => `The details of ${reference} have been saved`,
};
