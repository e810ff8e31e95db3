import { addWorkingDays, type IsoDate, isIsoDate, ukDate } from '#src/domains/calendar/index.ts';
import { Invalid } from '#src/web/errors.ts';
import { lastDayOfMonthsBeginning, requireOnOrAfter } from './months.ts';

// The deadlines of a complaint under the Local Authority Social Services and National Health
// Service Complaints (England) Regulations 2009, SI 2009/309 (DESIGN.md §3). Dates are
// 'YYYY-MM-DD'; "working day" is the calendar domain's (SI 2009/309 reg 2).

/** SI 2009/309 reg 13(1): acknowledge "not later than 3 working days after the day on which it receives the complaint". */
export const acknowledgementWorkingDays = 3;

/** The common 25 working days is a local target, not law (DESIGN.md §3): each trust sets its own. */
export const defaultResponseTargetWorkingDays = 25;

/** SI 2009/309 reg 14: the response is due within 6 months beginning on the day the complaint was received. */
export const statutoryResponseMonths = 6;

// Acknowledgement

/** The last day to acknowledge: the day of receipt never counts, so a Saturday receipt is due on Wednesday. */
export function acknowledgementDueDate(receivedDate: IsoDate): IsoDate {
  // The reports ask this of every complaint of eight quarters at once; the answer depends only on
  // the day (the bank holiday calendar is shipped data), so each day is worked out once.
  const known = acknowledgementDueDates.get(receivedDate);
  if (known) return known;
  const due = addWorkingDays(receivedDate, acknowledgementWorkingDays);
  if (acknowledgementDueDates.size > 20_000) acknowledgementDueDates.clear();
  acknowledgementDueDates.set(receivedDate, due);
  return due;
}
const acknowledgementDueDates = new Map<IsoDate, IsoDate>();

/** Whether an acknowledgement sent on `acknowledgedDate` met SI 2009/309 reg 13(1). */
export function acknowledgedOnTime(receivedDate: IsoDate, acknowledgedDate: IsoDate): boolean {
  requireOnOrAfter(
    acknowledgedDate,
    receivedDate,
    `The complaint cannot be acknowledged before it was received on ${ukDate(receivedDate)}`,
  );
  return acknowledgedDate <= acknowledgementDueDate(receivedDate);
}

/**
 * Where a deadline stands on `today`, for work queues: done on time or late, or not done and
 * still due (the due date itself included) or overdue.
 */
export type DeadlineStatus = 'done-on-time' | 'done-late' | 'due' | 'overdue';

export function deadlineStatus(dueDate: IsoDate, doneDate: IsoDate | null, today: IsoDate): DeadlineStatus {
  if (doneDate !== null) return doneDate <= dueDate ? 'done-on-time' : 'done-late';
  return today <= dueDate ? 'due' : 'overdue';
}

// Response

/**
 * The response date first agreed with the complainant (or set by the trust if they do not discuss
 * it: SI 2009/309 reg 13), from the trust's local target of working days after the day of receipt.
 */
export function agreedResponseDate(
  receivedDate: IsoDate,
  targetWorkingDays: number = defaultResponseTargetWorkingDays,
): IsoDate {
  if (!Number.isInteger(targetWorkingDays) || targetWorkingDays < 1) {
    throw new Invalid(
      `The response target must be a whole number of working days, 1 or more (it is ${targetWorkingDays})`,
    );
  }
  return addWorkingDays(receivedDate, targetWorkingDays);
}

/**
 * The last day of the statutory response period, SI 2009/309 reg 14: 6 months "commencing on
 * the day on which the complaint was received", so that day is the first of the period. Received
 * 1 January, due by 30 June; received 31 August, due by the last day of February.
 */
export function statutoryResponseDate(receivedDate: IsoDate): IsoDate {
  return lastDayOfMonthsBeginning(receivedDate, statutoryResponseMonths);
}

/** A new response date agreed with the complainant, and why. */
export interface Extension {
  /** The day the complainant agreed it. */
  agreedOn: IsoDate;
  newAgreedDate: IsoDate;
  reason: string;
}

export type ExtensionProblems = Partial<Record<keyof Extension, string>>;

/**
 * What is wrong with an extension, field by field (empty when nothing is). An extension is agreed
 * with the complainant before the current date expires (on that date at the latest), moves the
 * date later, and says why.
 */
export function extensionProblems(
  complaint: { receivedDate: IsoDate; currentAgreedDate: IsoDate },
  extension: Extension,
): ExtensionProblems {
  const problems: ExtensionProblems = {};
  const current = ukDate(complaint.currentAgreedDate);
  if (!isIsoDate(extension.agreedOn)) {
    problems.agreedOn = 'Enter the date the extension was agreed with the complainant';
  } else if (extension.agreedOn < complaint.receivedDate) {
    problems.agreedOn = `The date the extension was agreed must be on or after the date the complaint was received, ${ukDate(complaint.receivedDate)}`;
  } else if (extension.agreedOn > complaint.currentAgreedDate) {
    problems.agreedOn = `The response date of ${current} had passed: an extension must be agreed with the complainant on or before it`;
  }
  if (!isIsoDate(extension.newAgreedDate)) {
    problems.newAgreedDate = 'Enter the new response date';
  } else if (extension.newAgreedDate <= complaint.currentAgreedDate) {
    problems.newAgreedDate = `The new response date must be after the current one, ${current}`;
  }
  if (extension.reason.trim() === '') problems.reason = 'Enter the reason for the extension';
  return problems;
}

/** The response date in force: the last agreed, whatever order the extensions are listed in. */
export function latestAgreedResponseDate(
  firstAgreedDate: IsoDate,
  extensions: readonly Pick<Extension, 'newAgreedDate'>[],
): IsoDate {
  return extensions.reduce<IsoDate>(
    (latest, extension) => (extension.newAgreedDate > latest ? extension.newAgreedDate : latest),
    firstAgreedDate,
  );
}

/**
 * The end of the "relevant period" of SI 2009/309 reg 14: 6 months, or a longer period agreed
 * with the complainant before those 6 months expire. An extension agreed after the 6 months
 * expired keeps the agreed date but does not lengthen the statutory period: the Regulations
 * allow only a period agreed before expiry, so Heard reads them literally.
 */
export function relevantPeriodEnd(
  receivedDate: IsoDate,
  extensions: readonly Pick<Extension, 'agreedOn' | 'newAgreedDate'>[],
): IsoDate {
  const sixMonths = statutoryResponseDate(receivedDate);
  const agreedInTime = extensions.filter((extension) => extension.agreedOn <= sixMonths);
  return latestAgreedResponseDate(sixMonths, agreedInTime);
}

export interface ResponseTimeliness {
  latestAgreedResponseDate: IsoDate;
  /** Sent on or before the latest agreed date: the trust's "closed within the agreed timescale". */
  withinAgreedTimescale: boolean;
  /** Sent on or before the date first agreed, before any extension. */
  withinFirstAgreedTimescale: boolean;
  relevantPeriodEnd: IsoDate;
  /**
   * Sent after the relevant period: SI 2009/309 reg 14 then requires the trust to tell the
   * complainant in writing and explain why. Heard flags it so the letter is not forgotten.
   */
  overranStatutoryPeriod: boolean;
}

/** How a response sent on `responseSentDate` stands against the agreed dates and the statutory period. */
export function responseTimeliness(
  complaint: { receivedDate: IsoDate; firstAgreedDate: IsoDate; extensions: readonly Extension[] },
  responseSentDate: IsoDate,
): ResponseTimeliness {
  requireOnOrAfter(
    responseSentDate,
    complaint.receivedDate,
    `The response cannot be sent before the complaint was received on ${ukDate(complaint.receivedDate)}`,
  );
  const latest = latestAgreedResponseDate(complaint.firstAgreedDate, complaint.extensions);
  const periodEnd = relevantPeriodEnd(complaint.receivedDate, complaint.extensions);
  return {
    latestAgreedResponseDate: latest,
    withinAgreedTimescale: responseSentDate <= latest,
    withinFirstAgreedTimescale: responseSentDate <= complaint.firstAgreedDate,
    relevantPeriodEnd: periodEnd,
    overranStatutoryPeriod: responseSentDate > periodEnd,
  };
}
