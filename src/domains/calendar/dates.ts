import { Invalid } from '#src/web/errors.ts';

/**
 * Calendar dates as 'YYYY-MM-DD' strings, the way the NHS rules state them. Arithmetic is done on
 * whole UTC days so that no time zone or clock change can move a date.
 */
export type IsoDate = string;

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayInMilliseconds = 86_400_000;

/** Days since 1 January 1970 for a valid 'YYYY-MM-DD'; throws Invalid for anything else. */
export function dayNumber(date: IsoDate): number {
  const match = isoDatePattern.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const time = Date.UTC(year, month - 1, day);
  const roundTrips = match && fromDayNumber(time / dayInMilliseconds) === date;
  if (!roundTrips)
    throw new Invalid(`'${date}' is not a date: write it as YYYY-MM-DD, for example 2017-07-01`);
  return time / dayInMilliseconds;
}

export function fromDayNumber(days: number): IsoDate {
  return new Date(days * dayInMilliseconds).toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  try {
    dayNumber(value);
    return true;
  } catch {
    return false;
  }
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 for Sunday to 6 for Saturday, as JavaScript counts them. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(dayNumber(date) * dayInMilliseconds).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/** 'YYYY-MM-DD' for a year, month (1–12) and day, without checking that the day exists. */
export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last day of a month (1–12). */
export function lastDayOfMonth(year: number, month: number): IsoDate {
  return fromDayNumber(Date.UTC(year, month, 0) / dayInMilliseconds);
}

export const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** 2024-04-01 as "1 April 2024", the way the NHS style guide writes dates. */
export function ukDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${monthNames[(month ?? 1) - 1]} ${year}`;
}

/** The date of an instant in England, where every Heard organisation works. */
export function isoDateInLondon(instant: Date): IsoDate {
  return instant.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}
