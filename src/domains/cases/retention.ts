import type { IsoDate } from '#src/domains/calendar/index.ts';
import { checkedDate, yearsAfter } from './months.ts';

// Records Management Code of Practice for health and social care: a complaint case file is kept
// 10 years from the closure of the case, separately from the clinical record, then reviewed for
// destruction. A case is not closed while litigation about it continues (DESIGN.md §3).

export const retentionYears = 10;

/**
 * The day a closed case file comes up for review: 10 years after closure, on the corresponding
 * date (closed 29 February 2016, reviewed 28 February 2026). None while the case is open or
 * litigation continues, because the 10 years have not begun.
 */
export function retentionReviewDate(closedDate: IsoDate | null, litigationOngoing: boolean): IsoDate | null {
  if (closedDate === null || litigationOngoing) return null;
  return yearsAfter(closedDate, retentionYears);
}

/** Whether a case file is listed for a retention review on `today`: its review date has come. */
export function isDueForRetentionReview(
  today: IsoDate,
  closedDate: IsoDate | null,
  litigationOngoing: boolean,
): boolean {
  const reviewDate = retentionReviewDate(closedDate, litigationOngoing);
  return reviewDate !== null && checkedDate(today) >= reviewDate;
}
