import { z } from 'zod';
import { type IsoDate, isIsoDate } from '#src/domains/calendar/index.ts';
import { personalDataFields } from './access.ts';
import { coveredByComplaintsRegulations, regulationsStart } from './eligibility.ts';
import { optionalDate } from './inputs.ts';
import { channels } from './kinds-and-channels.ts';
import type { ContactDetails, FeedbackRecordRow } from './schema.ts';

// Correcting what was recorded about a case: its summary, service, dates and channel, and (for
// those who may see it) the person's details and account. Pure: the service locks, checks the
// unit and writes.

const date = (message: string) => z.string({ error: message }).trim().refine(isIsoDate, message);
/** Left out (undefined): keep what is there. Empty: clear it. */
const keptOrText = z
  .string()
  .trim()
  .nullish()
  .transform((value) => (value === undefined ? undefined : value || null));
const isEmail = (value: string) => z.email().safeParse(value).success;

export const detailsEditSchema = z.object({
  summary: z.string({ error: 'Enter a short summary' }).trim().min(1, 'Enter a short summary'),
  unitId: z.uuid({ error: 'Select the service it is about' }),
  channel: z.enum(channels, { error: 'Select how it reached us' }),
  receivedDate: date('Enter the date it was received as a real date, like 2017-07-03'),
  eventDate: optionalDate('Enter the date it happened as a real date, like 2017-06-20'),
  noticeDate: optionalDate('Enter the date they found out as a real date, like 2017-06-25'),
  // Personal data: given only by someone who may see it (cases/access.ts); left out, it is kept.
  personName: keptOrText,
  email: keptOrText.refine(
    (value) => !value || isEmail(value),
    'Enter an email address in the correct format, like name@example.com',
  ),
  phone: keptOrText,
  narrative: keptOrText,
  desiredOutcome: keptOrText,
});
/** What the service accepts; it checks every field, the channel among them, and refuses in plain words. */
export type DetailsEdit = Omit<z.input<typeof detailsEditSchema>, 'channel'> & { channel: string };
export type ParsedDetailsEdit = z.output<typeof detailsEditSchema>;

/** The problems with an edit that the form cannot see alone: dates against today and the Regulations. */
export function detailsEditProblems(
  kind: FeedbackRecordRow['kind'],
  edit: Pick<ParsedDetailsEdit, 'receivedDate'>,
  today: IsoDate,
): Record<string, string | null> {
  if (edit.receivedDate > today) return { receivedDate: 'The date received must be today or in the past' };
  // SI 2009/309 reg 6(1): the Regulations cover complaints made from 1 April 2009.
  if (kind === 'complaint' && !coveredByComplaintsRegulations(edit.receivedDate)) {
    return { receivedDate: `A complaint must have been received on or after ${regulationsStart}` };
  }
  return {};
}

export type EditableRecord = Pick<
  FeedbackRecordRow,
  | 'summary'
  | 'unitId'
  | 'channel'
  | 'receivedDate'
  | 'eventDate'
  | 'noticeDate'
  | 'personName'
  | 'contactDetails'
  | 'narrative'
  | 'desiredOutcome'
>;

function contactDetailsAfter(current: ContactDetails, edit: ParsedDetailsEdit): ContactDetails {
  const next: ContactDetails = { ...current };
  for (const key of ['email', 'phone'] as const) {
    const value = edit[key];
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What the edit changes: the new values, and the names of the fields changed, personal ones
 * included by name only so that the audit trail can say what changed without holding it.
 */
export function detailChanges(current: EditableRecord, edit: ParsedDetailsEdit) {
  const proposed: EditableRecord = {
    summary: edit.summary,
    unitId: edit.unitId,
    channel: edit.channel,
    receivedDate: edit.receivedDate,
    eventDate: edit.eventDate,
    noticeDate: edit.noticeDate,
    personName: edit.personName === undefined ? current.personName : edit.personName,
    contactDetails: contactDetailsAfter(current.contactDetails, edit),
    narrative: edit.narrative === undefined ? current.narrative : edit.narrative,
    desiredOutcome: edit.desiredOutcome === undefined ? current.desiredOutcome : edit.desiredOutcome,
  };
  const changedFields = (Object.keys(proposed) as (keyof EditableRecord)[]).filter(
    (field) => !same(current[field], proposed[field]),
  );
  const changes = Object.fromEntries(changedFields.map((field) => [field, proposed[field]]));
  const isPersonal = (field: string) => (personalDataFields as readonly string[]).includes(field);
  const pick = (record: EditableRecord) =>
    Object.fromEntries(changedFields.filter((f) => !isPersonal(f)).map((f) => [f, record[f]]));
  return {
    changes: changes as Partial<EditableRecord>,
    changedFields,
    /** For the audit trail: the values before and after of the fields that hold no personal data. */
    auditBefore: pick(current),
    auditAfter: { changedFields, ...pick(proposed) },
  };
}
