import { type IsoDate, ukDate } from '#src/domains/calendar/index.ts';
import { Invalid } from '#src/web/errors.ts';
import { checkedDate } from './months.ts';

// Outcomes as the seed report and KO41a record them (DESIGN.md §2–3): each issue of a complaint is
// upheld or not upheld, never "partially"; the complaint's outcome follows from its issues.

export const issueOutcomes = ['upheld', 'not-upheld'] as const;
export type IssueOutcome = (typeof issueOutcomes)[number];

export const issueOutcomeNames: Record<IssueOutcome, string> = {
  upheld: 'Upheld',
  'not-upheld': 'Not upheld',
};

/** 'undecided' until every issue has an outcome (or the complaint is withdrawn). */
export type OverallOutcome = 'upheld' | 'partially-upheld' | 'not-upheld' | 'withdrawn' | 'undecided';

export const overallOutcomeNames: Record<OverallOutcome, string> = {
  upheld: 'Upheld',
  'partially-upheld': 'Partially upheld',
  'not-upheld': 'Not upheld',
  withdrawn: 'Withdrawn',
  undecided: 'Not decided yet',
};

/**
 * The complaint's outcome: upheld when every issue is upheld, partially upheld when some are,
 * not upheld when none is. A recorded withdrawal overrides the issues. Until every issue has an
 * outcome (and while there is no issue at all) it is 'undecided'.
 */
export function overallOutcome(complaint: {
  issueOutcomes: readonly (IssueOutcome | null)[];
  withdrawn: boolean;
}): OverallOutcome {
  if (complaint.withdrawn) return 'withdrawn';
  const outcomes = complaint.issueOutcomes;
  if (outcomes.length === 0 || outcomes.includes(null)) return 'undecided';
  const upheld = outcomes.filter((outcome) => outcome === 'upheld').length;
  if (upheld === outcomes.length) return 'upheld';
  return upheld === 0 ? 'not-upheld' : 'partially-upheld';
}

/** A complaint closes with a derived outcome: withdrawn, or every issue decided. */
export function closingProblem(complaint: {
  issueOutcomes: readonly (IssueOutcome | null)[];
  withdrawn: boolean;
}): string | null {
  if (complaint.withdrawn) return null;
  if (complaint.issueOutcomes.length === 0) return 'Add the complaint’s issues before closing it';
  const undecided = complaint.issueOutcomes.filter((outcome) => outcome === null).length;
  if (undecided === 0) return null;
  const issues = undecided === 1 ? '1 issue has' : `${undecided} issues have`;
  return `${issues} no outcome yet. Record whether each issue is upheld or not upheld before closing the complaint`;
}

// Reopening: the seed report counts reopened complaints (Table 3), so each reopening is counted.

export interface Reopening {
  reopenedOn: IsoDate;
  reason: string;
}

/** What stops a complaint being reopened: it must be closed, and the reopening needs a date and a reason. */
export function reopeningProblem(
  complaint: { closedDate: IsoDate | null },
  reopening: Reopening,
): string | null {
  if (complaint.closedDate === null) return 'Only a closed complaint can be reopened';
  if (reopening.reason.trim() === '') return 'Enter the reason for reopening the complaint';
  if (checkedDate(reopening.reopenedOn) < complaint.closedDate) {
    return `A complaint cannot be reopened before it was closed on ${ukDate(complaint.closedDate)}`;
  }
  return null;
}

/** The complaint after reopening: open again, with one more reopening counted. */
export function reopened<C extends { closedDate: IsoDate | null; reopenCount: number }>(
  complaint: C,
  reopening: Reopening,
): C {
  const problem = reopeningProblem(complaint, reopening);
  if (problem) throw new Invalid(problem);
  return { ...complaint, closedDate: null, reopenCount: complaint.reopenCount + 1 };
}
