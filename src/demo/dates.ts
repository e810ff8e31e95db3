import { addDays, addWorkingDays, type IsoDate, isWorkingDay } from '#src/domains/calendar/index.ts';
import type { Random } from './random.ts';

// Dates for the demo generator: ranges of days and random working days within them.

export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

export const later = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
export const earlier = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);

const dayMs = 86_400_000;
const daysFrom = (from: IsoDate, to: IsoDate) => Math.round((Date.parse(to) - Date.parse(from)) / dayMs);

/** The range from `start` to `end`, or null when it would be empty. */
export function range(start: IsoDate, end: IsoDate): DateRange | null {
  return start <= end ? { start, end } : null;
}

/** A working day chosen at random in the range; null when it holds none. */
export function workingDayIn(random: Random, within: DateRange | null): IsoDate | null {
  if (!within) return null;
  const span = daysFrom(within.start, within.end);
  const offset = random.integer(0, span);
  for (let step = 0; step <= span; step += 1) {
    const forward = addDays(within.start, (offset + step) % (span + 1));
    if (isWorkingDay(forward)) return forward;
  }
  return null;
}

/** Any day chosen at random in the range, weekends included (letters and emails arrive on any day). */
export function dayIn(random: Random, within: DateRange): IsoDate {
  return addDays(within.start, random.integer(0, daysFrom(within.start, within.end)));
}

export const workingDaysAfter = (date: IsoDate, days: number) => addWorkingDays(date, days);
