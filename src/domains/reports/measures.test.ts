import { describe, expect, it } from 'vitest';
import { parsePeriod } from '#src/domains/calendar/index.ts';
import { type Rag, ragStatus, respondedWithinWorkingDays } from './measures.ts';

// The delivery plan's measures ("How we will measure our impact"): responded within 25 working
// days, a local target (DESIGN.md §3), and red, amber, green against a target and deadline.

describe('respondedWithinWorkingDays: complaints closed in the period, answered within 25 working days of receipt', () => {
  const quarter = parsePeriod('2023/24-Q2');
  const closed = (
    receivedDate: string,
    responseSentDate: string | null,
    resolvedDate = responseSentDate ?? '2023-09-01',
  ) => ({
    status: 'closed' as const,
    receivedDate,
    resolvedDate,
    responseSentDate,
  });
  it('counts on time up to the 25th working day, skipping weekends and the August bank holiday', () => {
    // Received Tuesday 1 August 2023; 28 August is the summer bank holiday: day 25 is Wednesday 6 September.
    expect(respondedWithinWorkingDays([closed('2023-08-01', '2023-09-06')], quarter)).toEqual({
      numerator: 1,
      denominator: 1,
      percent: 100,
    });
    expect(respondedWithinWorkingDays([closed('2023-08-01', '2023-09-07')], quarter)).toEqual({
      numerator: 0,
      denominator: 1,
      percent: 0,
    });
  });
  it('leaves out withdrawn complaints and those closed in another period', () => {
    const complaints = [
      closed('2023-07-03', '2023-07-20'),
      {
        status: 'withdrawn' as const,
        receivedDate: '2023-07-03',
        resolvedDate: '2023-07-10',
        responseSentDate: null,
      },
      closed('2023-03-01', '2023-03-20'),
    ];
    expect(respondedWithinWorkingDays(complaints, quarter)).toEqual({
      numerator: 1,
      denominator: 1,
      percent: 100,
    });
  });
  it('has no percentage when nothing was closed', () => {
    expect(respondedWithinWorkingDays([], quarter).percent).toBeNull();
  });
});

describe('ragStatus', () => {
  it.each<[string, number | null, number, 'up' | 'down', string | null, Rag]>([
    ['met, higher is better', 95, 90, 'up', null, 'green'],
    ['missed by 3, within 5', 87, 90, 'up', null, 'amber'],
    ['missed by 3 after the deadline', 87, 90, 'up', '2024-03-31', 'red'],
    ['missed by 3 before the deadline', 87, 90, 'up', '2024-12-31', 'amber'],
    ['missed by 10', 80, 90, 'up', null, 'red'],
    ['met, lower is better', 4, 5, 'down', null, 'green'],
    ['over, lower is better', 12, 5, 'down', null, 'red'],
    ['no figure', null, 90, 'up', null, 'grey'],
  ])('%s', (_, value, target, improvement, deadline, rag) => {
    expect(ragStatus(value, target, improvement, { deadline, today: '2024-06-01' })).toBe(rag);
  });
});
