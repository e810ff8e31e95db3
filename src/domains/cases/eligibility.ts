import { addWorkingDays, type IsoDate, isIsoDate, ukDate } from '#src/domains/calendar/index.ts';
import { type Channel, isOral } from './kinds-and-channels.ts';
import { checkedDate, monthsAfter, requireOnOrAfter } from './months.ts';

// Whether a complaint is one the 2009 Regulations (SI 2009/309) require the trust to handle,
// and whether it was made in time.

/** SI 2009/309 reg 6(1): the Regulations apply to complaints made on or after 1 April 2009. */
export const regulationsStart: IsoDate = '2009-04-01';

export function coveredByComplaintsRegulations(madeDate: IsoDate): boolean {
  return checkedDate(madeDate) >= regulationsStart;
}

/**
 * SI 2009/309 reg 8(1)(c): a complaint made orally and resolved to the complainant's
 * satisfaction "not later than the next working day after the day on which the complaint was
 * made" need not be handled under the Regulations; Heard offers to record it as a concern.
 * Made on a Saturday, the next working day is Monday (Tuesday after a bank holiday Monday).
 */
export function oralComplaintResolvedNextWorkingDay(
  receivedDate: IsoDate,
  resolvedDate: IsoDate | null,
  channel: Channel,
): boolean {
  if (resolvedDate === null || !isOral(channel)) return false;
  requireOnOrAfter(
    resolvedDate,
    receivedDate,
    `A complaint cannot be resolved before it was made on ${ukDate(receivedDate)}`,
  );
  return resolvedDate <= addWorkingDays(receivedDate, 1);
}

// Time limit

/** SI 2009/309 reg 12(1): a complaint is made within 12 months of the event or of its coming to notice. */
export const timeLimitMonths = 12;

export interface TimeLimitCheck {
  status: 'within' | 'outside';
  /** The last day on which the complaint could be made: 12 months after the later of the two dates. */
  lastDay: IsoDate;
  /** Which date the 12 months run from: the event, or the complainant's learning of it, if later. */
  runsFrom: 'event' | 'notice';
}

/**
 * SI 2009/309 reg 12(1): "not later than 12 months after (a) the date on which the matter which
 * is the subject of the complaint occurred; or (b) if later, the date on which [it] came to the
 * notice of the complainant". Made on the corresponding date 12 months on is in time; an event on
 * 29 February runs to 28 February of the year after.
 */
export function timeLimitCheck(dates: {
  eventDate: IsoDate;
  noticeDate?: IsoDate | null;
  receivedDate: IsoDate;
}): TimeLimitCheck {
  const { eventDate, receivedDate } = dates;
  const noticeDate = dates.noticeDate ?? null;
  requireOnOrAfter(
    receivedDate,
    eventDate,
    `A complaint cannot be received before what it is about happened on ${ukDate(eventDate)}`,
  );
  if (noticeDate !== null) {
    requireOnOrAfter(
      noticeDate,
      eventDate,
      `The date the complainant found out must be the same as or after the date it happened, ${ukDate(eventDate)}`,
    );
    requireOnOrAfter(
      receivedDate,
      noticeDate,
      `The date the complainant found out must be on or before the date the complaint was received, ${ukDate(receivedDate)}`,
    );
  }
  const noticeIsLater = noticeDate !== null && noticeDate > eventDate;
  const lastDay = monthsAfter(noticeIsLater ? noticeDate : eventDate, timeLimitMonths);
  const runsFrom = noticeIsLater ? 'notice' : 'event';
  return { status: receivedDate <= lastDay ? 'within' : 'outside', lastDay, runsFrom };
}

/**
 * The decision on a complaint made outside the time limit. SI 2009/309 reg 12(2): the limit does
 * not apply if the trust is satisfied that the complainant had good reason for not complaining in
 * time and that it is still possible to investigate the complaint effectively and fairly.
 */
export interface TimeLimitDecision {
  complainantHadGoodReason: boolean;
  stillPossibleToInvestigateFairly: boolean;
  /** Why, in the decision maker's words: recorded whether or not the limit is waived. */
  reason: string;
  decidedOn: IsoDate;
}

/** Reg 12(2) needs both conditions: a good reason alone, or a fair investigation alone, is not enough. */
export function timeLimitWaived(decision: TimeLimitDecision): boolean {
  return decision.complainantHadGoodReason && decision.stillPossibleToInvestigateFairly;
}

/**
 * What is missing before a complaint can go on: nothing when it was made in time; otherwise a
 * recorded decision on waiving the limit, with its reason.
 */
export function timeLimitProblem(
  check: TimeLimitCheck,
  decision: TimeLimitDecision | null,
  receivedDate: IsoDate,
): string | null {
  if (check.status === 'within') return null;
  if (decision === null) {
    return `This complaint was made after ${ukDate(check.lastDay)}, more than 12 months after ${check.runsFrom === 'event' ? 'it happened' : 'the complainant found out'}. Record whether the time limit is waived and why`;
  }
  if (decision.reason.trim() === '') return 'Enter the reason for the decision on the time limit';
  if (!isIsoDate(decision.decidedOn)) return 'Enter the date of the decision on the time limit';
  if (decision.decidedOn < receivedDate) {
    return `The decision on the time limit must be on or after the date the complaint was received, ${ukDate(receivedDate)}`;
  }
  return null;
}

/** Whether the time limit lets the complaint be investigated: made in time, or the limit waived with a recorded reason. */
export function timeLimitAllowsInvestigation(
  check: TimeLimitCheck,
  decision: TimeLimitDecision | null,
  receivedDate: IsoDate,
): boolean {
  if (check.status === 'within') return true;
  return (
    decision !== null && timeLimitProblem(check, decision, receivedDate) === null && timeLimitWaived(decision)
  );
}
