import { type IsoDate, type Period, parsePeriod } from '#src/domains/calendar/index.ts';
import { agreedResponseDate, defaultResponseTargetWorkingDays } from '#src/domains/cases/index.ts';
import { type DateRange, workingDaysAfter } from './dates.ts';
import type { Random } from './random.ts';

// A demo complaint's life in dates, and what the generator's parts share about it.

export const demoStart = '2016-04-01';
export const demoEnd = '2018-03-31';

export type DemoOutcome = 'upheld' | 'partially-upheld' | 'not-upheld';
export type LocalityCode = 'NTH' | 'STH' | 'CORP';

export interface ComplaintTimeline {
  receivedDate: IsoDate;
  locality: LocalityCode;
  acknowledgedDate: IsoDate;
  /** The response date the service sets from the local target of 25 working days. */
  firstAgreedDate: IsoDate;
  extension: { agreedOn: IsoDate; newAgreedDate: IsoDate } | null;
  /** The first response; null when withdrawn, or not answered by the end of the demo. */
  firstResponse: IsoDate | null;
  /** Reopened after the first response, and answered again (null: still open at the end). */
  reopening: { reopenedOn: IsoDate; finalResponse: IsoDate | null } | null;
  withdrawnDate: IsoDate | null;
  /** For an answered complaint: what its issues will add up to (complaint-issues.ts). */
  outcome: DemoOutcome | null;
  meetings: IsoDate[];
  ombudsman: {
    referredDate: IsoDate;
    status: 'referred' | 'assessing' | 'investigating';
    decision: {
      outcome: 'not-investigated' | 'upheld' | 'partly-upheld' | 'not-upheld';
      date: IsoDate;
    } | null;
  } | null;
  /** Which set of closed complaints it belongs to when its issues are made to match a seed table. */
  closedInSeedQuarter: SeedQuarter | null;
}

/** The response date in force. */
export const dueDateOf = (complaint: ComplaintTimeline) =>
  complaint.extension?.newAgreedDate ?? complaint.firstAgreedDate;

/** The day it was finally closed or withdrawn; null while open. */
export function closedDateOf(complaint: ComplaintTimeline): IsoDate | null {
  if (complaint.withdrawnDate) return complaint.withdrawnDate;
  return complaint.reopening ? complaint.reopening.finalResponse : complaint.firstResponse;
}

/** When it was open, for meetings: from receipt to the first response, and after a reopening. */
export function openSpells(complaint: ComplaintTimeline): DateRange[] {
  const firstEnd = complaint.withdrawnDate ?? complaint.firstResponse ?? demoEnd;
  const spells = [{ start: complaint.receivedDate, end: firstEnd }];
  if (complaint.reopening) {
    spells.push({ start: complaint.reopening.reopenedOn, end: complaint.reopening.finalResponse ?? demoEnd });
  }
  return spells;
}

export const response = (receivedDate: IsoDate) =>
  agreedResponseDate(receivedDate, defaultResponseTargetWorkingDays);

/** Acknowledged within 3 working days (SI 2009/309 reg 13(1)), or, when `late`, a few days after. */
export function acknowledgement(random: Random, receivedDate: IsoDate, late: boolean): IsoDate {
  return late
    ? workingDaysAfter(receivedDate, random.integer(4, 6))
    : workingDaysAfter(receivedDate, random.integer(1, 3));
}

export const period = (code: string): Period => parsePeriod(code);

export const seedQuarters = ['2017/18-Q1', '2017/18-Q2'] as const;
export type SeedQuarter = (typeof seedQuarters)[number];

/** The seed quarter a date falls in, if any. */
export function seedQuarterOf(date: IsoDate): SeedQuarter | null {
  return seedQuarters.find((code) => date >= period(code).start && date <= period(code).end) ?? null;
}

export function shuffledLocalities(random: Random, counts: Record<LocalityCode, number>): LocalityCode[] {
  return random.shuffle(
    (Object.entries(counts) as [LocalityCode, number][]).flatMap(([code, count]) =>
      Array<LocalityCode>(count).fill(code),
    ),
  );
}
