import type { IsoDate, Period } from '#src/domains/calendar/index.ts';
import { periodContains } from '#src/domains/calendar/index.ts';
import { Invalid } from '#src/web/errors.ts';
import { acknowledgementDueDate } from './deadlines.ts';
import type { RecordStatus } from './schema.ts';

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

/** An extension as the measure reads it: the date it replaced, the date agreed, and the day the complainant agreed it. */
export interface AgreedExtension {
  previousResponseDate: IsoDate;
  newResponseDate: IsoDate;
  agreedOn: IsoDate;
}

/**
 * The response date in force: the date first agreed, moved by each extension agreed with the
 * complainant on or before the date it replaced (SI 2009/309 reg 14 allows a longer period only
 * if agreed before the current one expires). An extension agreed after the date had passed (one
 * imported from an older system, say) does not move the date a response is measured against.
 */
export function responseDateInForce(
  firstAgreedDate: IsoDate,
  extensions: readonly AgreedExtension[],
): IsoDate {
  return extensions.reduce<IsoDate>(
    (latest, extension) =>
      extension.agreedOn <= extension.previousResponseDate && extension.newResponseDate > latest
        ? extension.newResponseDate
        : latest,
    firstAgreedDate,
  );
}

/**
 * Closed within the agreed timescale (the seed report, Table 2: "Complaint closed within agreed
 * timescales 93% ... Only one complaint investigation was overdue in this time period").
 *
 * Cohort (denominator): the complaints whose response fell due in the period, that is whose
 * response date in force (responseDateInForce) is in the period; withdrawn complaints are left
 * out, since no response is due. A complaint not closed whose date has not yet passed on `today`
 * is pending, counted in neither part.
 * Numerator: of those, the ones that stand closed with the response sent on or before that date.
 * One closed after its date, or still open after it (reopened since, or never answered), is
 * overdue and counts against the measure.
 *
 * Why by due date rather than by closing date: the report speaks of investigations overdue in
 * the period, and its 93% cannot be a share of the 18 complaints it answered that quarter (17 of
 * 18 is 94%), while one overdue of the 15 that fell due is. Records are read as they stand, so a
 * complaint reopened and answered again after its date counts as overdue in the period its
 * response fell due: the complaint was not closed within the timescale agreed.
 */
export function closedWithinAgreedTimescale(
  complaints: readonly {
    status: RecordStatus;
    responseSentDate: IsoDate | null;
    /** From responseDateInForce. */
    responseDueDate: IsoDate;
  }[],
  period: InPeriod,
  today: IsoDate,
): Measure & { pending: number } {
  let onTime = 0;
  let counted = 0;
  let pending = 0;
  for (const complaint of complaints) {
    if (complaint.status === 'withdrawn' || !periodContains(period, complaint.responseDueDate)) continue;
    // A reopened complaint keeps its earlier response date, but it is open again: not closed.
    const answered = complaint.status === 'closed' ? complaint.responseSentDate : null;
    if (answered === null && today <= complaint.responseDueDate) {
      pending += 1;
      continue;
    }
    counted += 1;
    if (answered !== null && answered <= complaint.responseDueDate) onTime += 1;
  }
  return { ...measure(onTime, counted), pending };
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
