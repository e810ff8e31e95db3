import type { IsoDate, Period } from '#src/domains/calendar/index.ts';
import { periodContains } from '#src/domains/calendar/index.ts';
import { Invalid } from '#src/web/errors.ts';
import { acknowledgementDueDate } from './deadlines.ts';

// The responsiveness measures of the seed report (Table 2: "Acknowledged within three days",
// "Complaint closed within agreed timescales", "Concerns escalated to complaint"), each defined
// here once so that the page, the report and the SQL behind them agree.

/**
 * A percentage rounded to the nearest whole number, halves up, as the seed report rounds them
 * ("Percentages rounded to nearest whole number": 5 of 44 is 11%, 14 of 19 is 74%). Computed in
 * whole numbers so that no floating-point error moves a half. No percentage of nothing: null.
 */
export function wholePercent(numerator: number, denominator: number): number | null {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator < 0) {
    throw new Invalid(`${numerator} of ${denominator} is not a count of records`);
  }
  if (numerator > denominator) throw new Invalid(`${numerator} of ${denominator} is more than all of them`);
  if (denominator === 0) return null;
  return Math.floor((200 * numerator + denominator) / (2 * denominator));
}

export interface Measure {
  numerator: number;
  denominator: number;
  /** Nearest whole percent, halves up; null when the denominator is 0. */
  percent: number | null;
}

export function measure(numerator: number, denominator: number): Measure {
  return { numerator, denominator, percent: wholePercent(numerator, denominator) };
}

type InPeriod = Pick<Period, 'start' | 'end'>;

/**
 * Acknowledged within 3 working days (SI 2009/309 reg 13(1)).
 * Denominator: complaints under the Regulations *received* in the period, less any not yet
 * acknowledged whose due date has not passed on `today` (still pending: counted in neither part).
 * Numerator: of those, the ones acknowledged on or before their due date. A complaint never
 * acknowledged once its due date has passed counts against the measure.
 */
export function acknowledgedWithinThreeWorkingDays(
  complaints: readonly { receivedDate: IsoDate; acknowledgedDate: IsoDate | null }[],
  period: InPeriod,
  today: IsoDate,
): Measure & { pending: number } {
  let onTime = 0;
  let counted = 0;
  let pending = 0;
  for (const complaint of complaints) {
    if (!periodContains(period, complaint.receivedDate)) continue;
    const due = acknowledgementDueDate(complaint.receivedDate);
    if (complaint.acknowledgedDate === null && today <= due) {
      pending += 1;
      continue;
    }
    counted += 1;
    if (complaint.acknowledgedDate !== null && complaint.acknowledgedDate <= due) onTime += 1;
  }
  return { ...measure(onTime, counted), pending };
}

/**
 * Closed within the agreed timescale.
 * Denominator: complaints *closed* in the period (by closing date) that were not withdrawn; a
 * withdrawn complaint gets no response, so it has no timescale to meet.
 * Numerator: of those, the ones whose response was sent on or before the latest agreed response
 * date (the first agreed date moved by any extensions). A closed complaint with no response date
 * recorded cannot show it was on time and counts against the measure.
 */
export function closedWithinAgreedTimescale(
  complaints: readonly {
    closedDate: IsoDate | null;
    withdrawn: boolean;
    responseSentDate: IsoDate | null;
    latestAgreedResponseDate: IsoDate;
  }[],
  period: InPeriod,
): Measure {
  const closed = complaints.filter(
    (complaint) =>
      complaint.closedDate !== null && !complaint.withdrawn && periodContains(period, complaint.closedDate),
  );
  const onTime = closed.filter(
    (complaint) =>
      complaint.responseSentDate !== null && complaint.responseSentDate <= complaint.latestAgreedResponseDate,
  );
  return measure(onTime.length, closed.length);
}

/**
 * Concerns escalated to a complaint, as the seed report's "Of 44 concerns received, five were
 * escalated" (11%).
 * Denominator: concerns (PALS) *received* in the period.
 * Numerator: of those, the ones escalated to a complaint, whenever the escalation happened up to
 * the day the measure is computed; so a quarter's figure can rise after it ends, never above 100%.
 */
export function escalationRate(
  concerns: readonly { receivedDate: IsoDate; escalated: boolean }[],
  period: InPeriod,
): Measure {
  const received = concerns.filter((concern) => periodContains(period, concern.receivedDate));
  return measure(received.filter((concern) => concern.escalated).length, received.length);
}
