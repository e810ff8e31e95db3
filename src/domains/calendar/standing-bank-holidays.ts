import { addDays, dayOfWeek, type IsoDate, isoDate, isWeekend, lastDayOfMonth } from './dates.ts';

// England and Wales's bank holidays by their standing rules (the Banking and Financial Dealings
// Act 1971 and the royal proclamations made every year under it): New Year's Day, Good Friday,
// Easter Monday, the first Monday in May, the last Mondays in May and August, Christmas Day and
// Boxing Day, with the next free weekday instead of a day that falls at a weekend. A one-off day
// (a jubilee, a coronation, a state funeral) or a moved day is proclaimed for its year alone, so
// these rules give only what a year is expected to have until GOV.UK announces it.

/** One bank holiday, as reference/bank-holidays-england.json lists it (GOV.UK's layout). */
export interface BankHolidayEvent {
  date: IsoDate;
  title: string;
  notes?: string;
}

/**
 * Easter Sunday in the Gregorian calendar, by the anonymous Gregorian algorithm (Meeus/Jones/
 * Butcher), the computus the Church of England's tables follow.
 */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

const monday = 1;

function firstMonday(year: number, month: number): IsoDate {
  const first = isoDate(year, month, 1);
  return addDays(first, (monday - dayOfWeek(first) + 7) % 7);
}

function lastMonday(year: number, month: number): IsoDate {
  const last = lastDayOfMonth(year, month);
  return addDays(last, -((dayOfWeek(last) - monday + 7) % 7));
}

const substitute = 'Substitute day';

/** The first weekday after `date` that is not already taken. */
function nextFreeWeekday(date: IsoDate, taken: ReadonlySet<IsoDate>): IsoDate {
  let day = addDays(date, 1);
  while (isWeekend(day) || taken.has(day)) day = addDays(day, 1);
  return day;
}

/**
 * Christmas Day and Boxing Day. A day that falls on a weekday keeps its date; one at a weekend
 * moves to the next weekday the other has not taken, as GOV.UK lists them: Christmas on a Sunday
 * gives Boxing Day on Monday 26 and the Christmas substitute on Tuesday 27.
 */
function christmas(year: number): BankHolidayEvent[] {
  const days = [
    { date: isoDate(year, 12, 25), title: 'Christmas Day' },
    { date: isoDate(year, 12, 26), title: 'Boxing Day' },
  ];
  const taken = new Set(days.filter((day) => !isWeekend(day.date)).map((day) => day.date));
  const events = days.map((day): BankHolidayEvent => {
    if (!isWeekend(day.date)) return day;
    const moved = nextFreeWeekday(day.date, taken);
    taken.add(moved);
    return { date: moved, title: day.title, notes: substitute };
  });
  return events.sort((a, b) => a.date.localeCompare(b.date));
}

function newYearsDay(year: number): BankHolidayEvent {
  const date = isoDate(year, 1, 1);
  const title = 'New Year’s Day';
  return isWeekend(date)
    ? { date: nextFreeWeekday(date, new Set()), title, notes: substitute }
    : { date, title };
}

/** The bank holidays the standing rules give a year, in date order, with no one-off days. */
export function standingBankHolidays(year: number): BankHolidayEvent[] {
  const easter = easterSunday(year);
  return [
    newYearsDay(year),
    { date: addDays(easter, -2), title: 'Good Friday' },
    { date: addDays(easter, 1), title: 'Easter Monday' },
    { date: firstMonday(year, 5), title: 'Early May bank holiday' },
    { date: lastMonday(year, 5), title: 'Spring bank holiday' },
    { date: lastMonday(year, 8), title: 'Summer bank holiday' },
    ...christmas(year),
  ];
}
