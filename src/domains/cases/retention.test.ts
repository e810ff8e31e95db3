import { describe, expect, it } from 'vitest';
import { isDueForRetentionReview, retentionReviewDate } from './retention.ts';

// Records Management Code of Practice: complaint case files are kept 10 years from closure; a
// case is not closed while litigation continues (DESIGN.md §3).
describe('retentionReviewDate', () => {
  it.each<[string | null, boolean, string | null, string]>([
    ['2017-09-30', false, '2027-09-30', 'ten years after closure'],
    ['2016-02-29', false, '2026-02-28', 'closed on 29 February: 28 February ten years on'],
    ['2012-02-29', false, '2022-02-28', 'closed on 29 February 2012: 2022 is not a leap year'],
    [
      '2017-09-30',
      true,
      null,
      'litigation continues: the case is not closed, so the ten years have not begun',
    ],
    [null, false, null, 'still open'],
  ])('closed %s, litigation %s: review on %s (%s)', (closed, litigation, expected) => {
    expect(retentionReviewDate(closed, litigation)).toBe(expected);
  });

  it('refuses a closing date that does not exist', () => {
    expect(() => retentionReviewDate('2017-02-29', false)).toThrow("'2017-02-29' is not a date");
  });
});

describe('isDueForRetentionReview', () => {
  it.each<[string, string | null, boolean, boolean, string]>([
    ['2027-09-29', '2017-09-30', false, false, 'the day before ten years are up'],
    ['2027-09-30', '2017-09-30', false, true, 'on the day ten years are up'],
    ['2031-01-01', '2017-09-30', false, true, 'years later, still not reviewed'],
    ['2031-01-01', '2017-09-30', true, false, 'litigation continues'],
    ['2031-01-01', null, false, false, 'still open'],
    ['2026-02-28', '2016-02-29', false, true, 'closed on 29 February 2016, due on 28 February 2026'],
  ])('on %s, closed %s, litigation %s: due %s (%s)', (today, closed, litigation, due) => {
    expect(isDueForRetentionReview(today, closed, litigation)).toBe(due);
  });
});
