import type { FeedbackKind } from './kinds-and-channels.ts';

// Reference numbers staff and the public quote on the phone and in letters: a letter for the kind,
// the year it was received and a number counted from 1 each year within the organisation,
// such as C-2017-00042. Short, unambiguous when read aloud, and sorted by year.

/** One letter per kind: C complaint, P PALS concern, T thanks (compliment), S comment or suggestion, E enquiry, M MP enquiry. */
export const referencePrefixes: Record<FeedbackKind, string> = {
  complaint: 'C',
  concern: 'P',
  compliment: 'T',
  comment: 'S',
  enquiry: 'E',
  'mp-enquiry': 'M',
};

/** Five digits, so that numbers sort as text; a year with more than 99,999 records simply grows a digit. */
const numberDigits = 5;

/** The reference of the `sequence`th record of `kind` received in `year`: C-2017-00042. */
export function recordReference(kind: FeedbackKind, year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`${year} is not a year`);
  if (!Number.isInteger(sequence) || sequence < 1) {
    throw new RangeError(`${sequence} is not a record number: they count from 1`);
  }
  return `${referencePrefixes[kind]}-${year}-${String(sequence).padStart(numberDigits, '0')}`;
}
