import { Invalid } from '#src/web/errors.ts';
import { type BankHolidayCalendar, englandAndWalesBankHolidays } from './bank-holidays.ts';
import { addDays, dayNumber, type IsoDate, isWeekend } from './dates.ts';

/**
 * Working days exclude Saturdays, Sundays and bank holidays in England (Christmas Day and Good
 * Friday among them), as the complaints regulations count them (SI 2009/309 reg 2).
 */
export function isWorkingDay(date: IsoDate, calendar = englandAndWalesBankHolidays()): boolean {
  requireCovered(date, calendar);
  return !isWeekend(date) && !calendar.holidays.has(date);
}

/**
 * The `workingDays`-th working day after `date`; the day itself never counts, so a deadline
 * "no later than 3 working days after the day of receipt" (SI 2009/309 reg 13(1)) is
 * addWorkingDays(received, 3). Zero gives `date` back; a negative number counts backwards.
 */
export function addWorkingDays(
  date: IsoDate,
  workingDays: number,
  calendar = englandAndWalesBankHolidays(),
): IsoDate {
  if (!Number.isInteger(workingDays)) {
    throw new Invalid(`${workingDays} is not a whole number of working days`);
  }
  requireCovered(date, calendar);
  const step = workingDays < 0 ? -1 : 1;
  let day = date;
  for (let counted = 0; counted < Math.abs(workingDays); ) {
    day = addDays(day, step);
    if (isWorkingDay(day, calendar)) counted += 1;
  }
  return day;
}

/**
 * How many working days come after `from` up to and including `to`, counted as addWorkingDays
 * counts them: workingDaysBetween(d, addWorkingDays(d, n)) is n. Negative when `to` is before `from`.
 */
export function workingDaysBetween(
  from: IsoDate,
  to: IsoDate,
  calendar = englandAndWalesBankHolidays(),
): number {
  const [first, last] = [dayNumber(from), dayNumber(to)];
  if (last < first) return -workingDaysBetween(to, from, calendar);
  requireCovered(from, calendar);
  requireCovered(to, calendar);
  let count = 0;
  for (let day = addDays(from, 1); dayNumber(day) <= last; day = addDays(day, 1)) {
    if (isWorkingDay(day, calendar)) count += 1;
  }
  return count;
}

/** A date beyond the calendar's years would silently count a bank holiday as a working day. */
function requireCovered(date: IsoDate, calendar: BankHolidayCalendar) {
  const year = Number(date.slice(0, 4));
  dayNumber(date);
  if (year < calendar.firstYear || year > calendar.lastYear) {
    throw new Invalid(
      `Heard's bank holidays for ${calendar.division} cover ${calendar.firstYear} to ${calendar.lastYear}, so it cannot count working days in ${year}: add that year to the bank holiday calendar`,
    );
  }
}
