import { describe, expect, it } from 'vitest';
import {
  closingProblem,
  type IssueOutcome,
  type OverallOutcome,
  overallOutcome,
  reopened,
  reopeningProblem,
} from './outcomes.ts';

const U: IssueOutcome = 'upheld';
const N: IssueOutcome = 'not-upheld';

// The seed report, Table 4: "Not upheld: no element of the complaint was upheld; Partially
// upheld: some elements ...; Upheld: all elements ...; Withdrawn". Individual issues are upheld
// or not upheld; partially upheld is not used for issues (DESIGN.md §2).
describe('overallOutcome', () => {
  it.each<[string, (IssueOutcome | null)[], boolean, OverallOutcome]>([
    ['every issue upheld', [U, U, U], false, 'upheld'],
    ['a single issue, upheld', [U], false, 'upheld'],
    ['some issues upheld', [U, N, N], false, 'partially-upheld'],
    ['one of two issues upheld', [N, U], false, 'partially-upheld'],
    ['no issue upheld', [N, N], false, 'not-upheld'],
    ['a single issue, not upheld', [N], false, 'not-upheld'],
    ['an issue still without an outcome', [U, null], false, 'undecided'],
    ['every issue without an outcome', [null, null], false, 'undecided'],
    ['no issues recorded yet', [], false, 'undecided'],
    ['withdrawn, whatever its issues', [U, U], true, 'withdrawn'],
    ['withdrawn before any outcome was decided', [null], true, 'withdrawn'],
    ['withdrawn before any issue was recorded', [], true, 'withdrawn'],
  ])('%s: %s', (_case, issueOutcomes, withdrawn, expected) => {
    expect(overallOutcome({ issueOutcomes, withdrawn })).toBe(expected);
  });
});

describe('closingProblem: a complaint closes with an outcome', () => {
  it.each<[string, (IssueOutcome | null)[], boolean, string | null]>([
    ['every issue decided', [U, N], false, null],
    ['withdrawn', [null], true, null],
    ['no issues', [], false, 'Add the complaint’s issues before closing it'],
    [
      'one issue undecided',
      [U, null],
      false,
      '1 issue has no outcome yet. Record whether each issue is upheld or not upheld before closing the complaint',
    ],
    [
      'two issues undecided',
      [null, N, null],
      false,
      '2 issues have no outcome yet. Record whether each issue is upheld or not upheld before closing the complaint',
    ],
  ])('%s: %j', (_case, issueOutcomes, withdrawn, problem) => {
    expect(closingProblem({ issueOutcomes, withdrawn })).toBe(problem);
  });
});

// The seed report, Table 3, counts reopened complaints: each reopening is kept as a count.
describe('reopening a complaint', () => {
  const closed = { reference: 'C-0042', closedDate: '2017-08-07', reopenCount: 0 };
  const reopening = { reopenedOn: '2017-08-21', reason: 'The response did not answer question 3' };

  it('opens it again and counts the reopening, keeping everything else', () => {
    expect(reopened(closed, reopening)).toEqual({ reference: 'C-0042', closedDate: null, reopenCount: 1 });
  });

  it('counts every reopening', () => {
    const twice = reopened(
      { ...reopened(closed, reopening), closedDate: '2017-09-04' },
      {
        reopenedOn: '2017-09-20',
        reason: 'New information from the complainant',
      },
    );
    expect(twice.reopenCount).toBe(2);
  });

  it.each([
    ['still open', { closedDate: null }, reopening, 'Only a closed complaint can be reopened'],
    [
      'without a reason',
      closed,
      { ...reopening, reason: '' },
      'Enter the reason for reopening the complaint',
    ],
    [
      'dated before it closed',
      closed,
      { ...reopening, reopenedOn: '2017-08-06' },
      'A complaint cannot be reopened before it was closed on 7 August 2017',
    ],
  ])('refuses to reopen a complaint %s', (_case, complaint, attempt, problem) => {
    expect(reopeningProblem(complaint, attempt)).toBe(problem);
    expect(() => reopened({ reopenCount: 0, ...complaint }, attempt)).toThrow(problem);
  });
});
