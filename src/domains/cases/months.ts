import { addDays, type IsoDate, isIsoDate } from '#src/domains/calendar/index.ts';
import { Invalid } from '#src/web/errors.ts';

// Periods of months and years in the complaints rules (12 months to complain, 6 months to
// respond, 10 years to keep the file) are counted in calendar months, the way English law
// counts them: the period ends on the "corresponding date" with the same day number, or, when
// that month is too short to have one, on its last day (Dodds v Walker [1981] 1 WLR 1441).
// The calendar domain has no month arithmetic yet; this could move there.

/** `date` itself when it is a real 'YYYY-MM-DD' date; throws Invalid, as the calendar does, otherwise. */
export function checkedDate(date: IsoDate): IsoDate {
  if (!isIsoDate(date)) {
    throw new Invalid(`'${date}' is not a date: write it as YYYY-MM-DD, for example 2017-07-01`);
  }
  return date;
}

/** Throws Invalid with `message` when `later` is before `earlier`: a reply cannot precede what it answers. */
export function requireOnOrAfter(later: IsoDate, earlier: IsoDate, message: string): void {
  if (checkedDate(later) < checkedDate(earlier)) throw new Invalid(message);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The corresponding date `months` calendar months after `date`: 15 March + 1 month is 15 April;
 * 31 August + 6 months is the last day of February, 28 or 29 February.
 */
export function monthsAfter(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new Invalid(`${months} is not a whole number of months`);
  const [year = 0, month = 0, day = 0] = checkedDate(date).split('-').map(Number);
  const monthIndex = year * 12 + (month - 1) + months;
  const laterYear = Math.floor(monthIndex / 12);
  const laterMonth = monthIndex - laterYear * 12 + 1;
  const laterDay = Math.min(day, daysInMonth(laterYear, laterMonth));
  return `${String(laterYear).padStart(4, '0')}-${String(laterMonth).padStart(2, '0')}-${String(laterDay).padStart(2, '0')}`;
}

/** The corresponding date `years` years after `date`: 29 February 2016 + 10 years is 28 February 2026. */
export function yearsAfter(date: IsoDate, years: number): IsoDate {
  return monthsAfter(date, years * 12);
}

/**
 * The last day of a period of `months` months that begins on (and so includes) `firstDay`:
 * the day before the corresponding date, or, when the last month has no corresponding date,
 * that month's last day. Six months beginning 1 January end on 30 June; six months beginning
 * 31 August end on the last day of February.
 */
export function lastDayOfMonthsBeginning(firstDay: IsoDate, months: number): IsoDate {
  const corresponding = monthsAfter(firstDay, months);
  const sameDayNumber = corresponding.slice(8) === firstDay.slice(8);
  return sameDayNumber ? addDays(corresponding, -1) : corresponding;
}
