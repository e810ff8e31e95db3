import type { FieldErrors } from '#src/web/forms.ts';
import { formErrors } from '#src/web/forms.ts';
import { bulkComplimentLimit } from '../../bulk-compliments.ts';
import { channelNames } from '../../kinds-and-channels.ts';
import { loggedChannels } from '../../staff-forms.ts';

// The page on which a team logs many compliments at once (bulk-compliments.ts).

export const bulkComplimentsPath = '/cases/compliments/bulk';

/** The fields in the order of the page, for the error summary. */
export const bulkComplimentFields = [
  'unitId',
  'receivedDate',
  'channel',
  'count',
  'description',
  'compliments',
] as const;

const anchorOf = (field: string) =>
  field === 'channel'
    ? '#channel'
    : (bulkComplimentFields as readonly string[]).includes(field)
      ? `#${field}`
      : '#maincontent';

const answerOf = (answers: Record<string, unknown>, name: string) =>
  typeof answers[name] === 'string' ? (answers[name] as string) : undefined;

/** The page's macro parameters, with the answers kept and each problem beside its field. */
export function bulkComplimentsPage(input: {
  answers: Record<string, unknown>;
  errors?: FieldErrors;
  units: readonly { value: string; text: string }[];
}) {
  const errors = input.errors ?? {};
  const { answers } = input;
  const errorOf = (name: string) => (errors[name] ? { text: errors[name] } : undefined);
  return {
    pageTitle: 'Log compliments in bulk',
    heading: 'Log compliments in bulk',
    action: bulkComplimentsPath,
    backLinkHref: '/cases',
    submitText: 'Log compliments',
    limit: bulkComplimentLimit,
    ...formErrors(errors, bulkComplimentFields, anchorOf),
    unit: {
      id: 'unitId',
      name: 'unitId',
      label: { text: 'Service they are about', size: 's' },
      items: [{ value: '', text: 'Select one' }, ...input.units].map((unit) => ({
        ...unit,
        selected: unit.value === answers.unitId,
      })),
      errorMessage: errorOf('unitId'),
    },
    receivedDate: {
      id: 'receivedDate',
      name: 'receivedDate',
      type: 'date',
      label: { text: 'Date received', size: 's' },
      value: answerOf(answers, 'receivedDate'),
      classes: 'nhsuk-input--width-10',
      errorMessage: errorOf('receivedDate'),
    },
    channel: {
      idPrefix: 'channel',
      name: 'channel',
      fieldset: { legend: { text: 'How did they reach us?', size: 's' } },
      items: loggedChannels.map((channel) => ({
        value: channel,
        text: channelNames[channel],
        checked: channel === answers.channel,
      })),
      errorMessage: errorOf('channel'),
    },
    count: {
      id: 'count',
      name: 'count',
      inputmode: 'numeric',
      label: { text: 'How many compliments', size: 's' },
      hint: { text: 'For example, 12 thank-you cards' },
      value: answerOf(answers, 'count'),
      classes: 'nhsuk-input--width-4',
      errorMessage: errorOf('count'),
    },
    description: {
      id: 'description',
      name: 'description',
      label: { text: 'What they were (optional)', size: 's' },
      hint: { text: 'For example, thank-you card. This becomes each compliment’s summary' },
      value: answerOf(answers, 'description'),
      errorMessage: errorOf('description'),
    },
    compliments: {
      id: 'compliments',
      name: 'compliments',
      rows: 10,
      label: { text: 'Their words, one compliment to a line', size: 's' },
      hint: {
        text: `Each line is logged as one compliment, up to ${bulkComplimentLimit}. Leave out names and other personal details`,
      },
      value: answerOf(answers, 'compliments'),
      errorMessage: errorOf('compliments'),
    },
  };
}
