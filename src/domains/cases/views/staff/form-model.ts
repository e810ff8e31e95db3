import { checkedValues, type FieldErrors, formErrors } from '#src/web/forms.ts';
import { channelNames, channels, feedbackKindNames, feedbackKinds } from '../../kinds-and-channels.ts';
import { ombudsmanOutcomeNames, ombudsmanStatusNames, referralStatuses } from '../../ombudsman.ts';
import { issueOutcomeNames, issueOutcomes } from '../../outcomes.ts';
import { ombudsmanOutcomes } from '../../schema.ts';
import {
  type ActionForm,
  type ChoiceSource,
  type FieldSpec,
  loggedChannels,
  newRecordFields,
} from '../../staff-forms.ts';

export interface Choice {
  value: string;
  text: string;
  /** Shown under a radio or checkbox item, such as a reference list item's description. */
  hint?: string;
}

export type Choices = Record<ChoiceSource, readonly Choice[]>;

export const fixedChoices = {
  yesNo: [
    { value: 'yes', text: 'Yes' },
    { value: 'no', text: 'No' },
  ],
  issueOutcomes: issueOutcomes.map((value) => ({ value, text: issueOutcomeNames[value] })),
  channels: channels.map((value) => ({ value, text: channelNames[value] })),
  loggedChannels: loggedChannels.map((value) => ({ value, text: channelNames[value] })),
  referralStatuses: referralStatuses.map((value) => ({ value, text: ombudsmanStatusNames[value] })),
  ombudsmanOutcomes: ombudsmanOutcomes.map((value) => ({ value, text: ombudsmanOutcomeNames[value] })),
} satisfies Partial<Choices>;

/** The KO41a lists, for a page that shows none of them. */
export const noKo41aChoices = {
  ko41aAgeBands: [],
  ko41aComplainantStatuses: [],
  ko41aServiceAreas: [],
  ko41aClinicalTreatment: [],
} satisfies Partial<Choices>;

/**
 * Where the error summary links for a field: the input itself, or a radio or checkbox group's
 * first item, which nhsuk-frontend's macros give the group's own id (the second is `name-2`).
 */
const anchorFor = (name: string) => `#${name}`;

/** One field's macro parameters: the macro to call, its answer kept, and its error beside it. */
function fieldModel(
  field: FieldSpec,
  answers: Record<string, unknown>,
  errors: FieldErrors,
  choices: Choices,
) {
  const answer = answers[field.name];
  const errorMessage = errors[field.name] ? { text: errors[field.name] } : undefined;
  const options = field.choices ? choices[field.choices] : [];
  const chosen = checkedValues(answer).map(String);
  return {
    type: field.type,
    params: {
      id: field.name,
      idPrefix: field.name,
      name: field.name,
      label: { text: field.label, size: 's' },
      fieldset: { legend: { text: field.label, size: 's' } },
      hint: field.hint ? { text: field.hint } : undefined,
      value: typeof answer === 'string' ? answer : undefined,
      errorMessage,
      items:
        field.type === 'select'
          ? [{ value: '', text: 'Select one' }, ...options].map(({ value, text }) => ({
              value,
              text,
              selected: chosen.includes(value),
            }))
          : options.map(({ value, text, hint }) => ({
              value,
              text,
              ...(hint ? { hint: { text: hint } } : {}),
              checked: chosen.includes(value),
            })),
    },
  };
}

/** A page with one of a case's action forms. */
export function actionFormPage(input: {
  form: ActionForm;
  reference: string;
  postTo: string;
  caseHref: string;
  answers: Record<string, unknown>;
  errors?: FieldErrors;
  choices: Choices;
  /** The case's version this page shows, sent back with the answers (issue 4, concurrency). */
  caseVersion?: number;
}) {
  const errors = input.errors ?? {};
  const { form } = input;
  const fieldNames = new Set(form.fields.map((field) => field.name));
  return {
    pageTitle: `${form.title} – ${input.reference}`,
    caption: input.reference,
    heading: form.title,
    action: input.postTo,
    backLinkHref: input.caseHref,
    submitText: form.button,
    caseVersion: input.caseVersion,
    ...formErrors(
      errors,
      form.fields.map((field) => field.name),
      (name) => (fieldNames.has(name) ? anchorFor(name) : '#maincontent'),
    ),
    fields: form.fields.map((field) => fieldModel(field, input.answers, errors, input.choices)),
  };
}

const newRecordSpecs: FieldSpec[] = [
  { name: 'kind', label: 'What kind of feedback is it?', type: 'radios', choices: 'units' },
  { name: 'channel', label: 'How did it reach us?', type: 'radios', choices: 'units' },
  { name: 'unitId', label: 'Service it is about', type: 'select', choices: 'units' },
  { name: 'receivedDate', label: 'Date received', type: 'date' },
  { name: 'eventDate', label: 'Date it happened (optional)', type: 'date' },
  {
    name: 'resolvedDate',
    label: 'Date it was resolved (optional)',
    hint: 'Only for a complaint made by phone or in person and already resolved to the person’s satisfaction',
    type: 'date',
  },
  { name: 'summary', label: 'Summary', type: 'text' },
  { name: 'narrative', label: 'What they told us (optional)', type: 'textarea' },
  { name: 'personName', label: 'Their name (optional)', type: 'text' },
  { name: 'email', label: 'Email address (optional)', type: 'text' },
  { name: 'phone', label: 'Phone number (optional)', type: 'text' },
];

// KO41a sections 3 and 4, asked as a complaint is logged so that a complaint taken by phone needs
// no second page. The page is the same for every kind: these sit in a fieldset for complaints, and
// the service refuses them on any other kind.
const complaintKo41aSpecs: FieldSpec[] = [
  {
    name: 'patientAgeBandCode',
    label: 'How old is the patient? (optional)',
    hint: 'Their age when the complaint was made',
    type: 'radios',
    choices: 'ko41aAgeBands',
  },
  {
    name: 'complainantStatusCode',
    label: 'Who is making the complaint? (optional)',
    type: 'radios',
    choices: 'ko41aComplainantStatuses',
  },
];

/** The page that logs a record; with `offer`, it asks whether to record the complaint as a concern. */
export function newRecordPage(input: {
  answers: Record<string, unknown>;
  errors?: FieldErrors;
  units: readonly Choice[];
  /** The KO41a age bands and complainant statuses a complaint may record, "Not known" included. */
  ko41a: Pick<Choices, 'ko41aAgeBands' | 'ko41aComplainantStatuses'>;
  offer?: string;
}) {
  const errors = input.errors ?? {};
  const choices: Choices = {
    ...fixedChoices,
    units: input.units,
    subjects: [],
    staffGroups: [],
    ...noKo41aChoices,
    ...input.ko41a,
    investigators: [],
    staff: [],
  };
  const kindChoices = feedbackKinds.map((kind) => ({ value: kind, text: feedbackKindNames[kind] }));
  const channelChoices = loggedChannels.map((channel) => ({ value: channel, text: channelNames[channel] }));
  const fields = newRecordSpecs.map((spec) => {
    const field = fieldModel(spec, input.answers, errors, choices);
    if (spec.name === 'kind')
      field.params.items = kindChoices.map((c) => ({ ...c, checked: c.value === input.answers.kind }));
    if (spec.name === 'channel')
      field.params.items = channelChoices.map((c) => ({ ...c, checked: c.value === input.answers.channel }));
    return field;
  });
  const fieldNames = new Set([...newRecordSpecs, ...complaintKo41aSpecs].map((field) => field.name));
  return {
    pageTitle: 'Log feedback',
    heading: 'Log feedback',
    action: '/cases/new',
    backLinkHref: '/cases',
    submitText: 'Log it',
    ...formErrors(errors, newRecordFields, (name) =>
      name === 'recordAs' || fieldNames.has(name) ? anchorFor(name) : '#maincontent',
    ),
    fields,
    complaintFields: complaintKo41aSpecs.map((spec) => fieldModel(spec, input.answers, errors, choices)),
    offer: input.offer
      ? {
          text: input.offer,
          items: [
            { value: 'concern', text: 'Record it as a concern' },
            { value: 'complaint', text: 'Keep it as a complaint under the Regulations' },
          ],
        }
      : null,
  };
}
