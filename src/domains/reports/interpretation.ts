import type { Period } from '#src/domains/calendar/index.ts';
import { type Direction, direction } from './spc.ts';

// The interpretation sentences of the seed report's tables, generated from the figures so that
// the words always agree with the numbers: "An increase in the number of complaints has been
// reported in Gloucestershire in Q2 (Q1 n=13)".

/** 'Q2' for a quarter, the label for anything else. */
export function shortLabel(period: Pick<Period, 'kind' | 'code' | 'label'>): string {
  return period.kind === 'quarter' ? (period.code.split('-').at(-1) ?? period.label) : period.label;
}

const numberWords = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
/** Small counts in words, as the seed report writes them ("five were escalated"). */
export function inWords(count: number): string {
  return numberWords[count] ?? count.toLocaleString('en-GB');
}

export interface Comparison {
  current: number | null;
  previous: number | null;
  period: Pick<Period, 'kind' | 'code' | 'label'>;
  previousPeriod: Pick<Period, 'kind' | 'code' | 'label'>;
}

const compared: Record<Direction, string> = { up: 'higher than', similar: 'the same as', down: 'lower than' };

/** Table 1, a locality's row. */
export function localityInterpretation(noun: string, place: string, comparison: Comparison): string {
  const { current, previous } = comparison;
  const now = shortLabel(comparison.period);
  const before = `(${shortLabel(comparison.previousPeriod)} n=${previous ?? 'not known'})`;
  switch (direction(current, previous)) {
    case 'up':
      return `An increase in the number of ${noun} has been reported in ${place} in ${now} ${before}.`;
    case 'down':
      return `A decrease in the number of ${noun} has been reported in ${place} in ${now} ${before}.`;
    case 'similar':
      return `The same number of ${noun} has been reported in ${place} in ${now} ${before}.`;
    default:
      return `${current ?? 0} ${noun} were reported in ${place} in ${now}.`;
  }
}

/** Table 1, the total row. */
export function totalInterpretation(noun: string, comparison: Comparison): string {
  const way = direction(comparison.current, comparison.previous);
  const before = `(${shortLabel(comparison.previousPeriod)} n=${comparison.previous ?? 'not known'})`;
  return way === null
    ? `The total number of ${noun} received is ${comparison.current ?? 0}.`
    : `The total number of ${noun} received is ${compared[way]} the previous quarter ${before}.`;
}

/** Table 2, a percentage against last quarter's; `allMet` is said when every one met it ("All complaints were acknowledged…"). */
export function percentInterpretation(comparison: Comparison, allMet?: string): string {
  const { current, previous } = comparison;
  const before = `(${shortLabel(comparison.previousPeriod)}=${previous === null ? 'not known' : `${previous}%`})`;
  if (current === 100 && allMet) return `${allMet} ${before}.`;
  if (current === null) return `There was nothing to measure this quarter ${before}.`;
  const way = direction(current, previous);
  return way === null ? `This is ${current}%.` : `This is ${compared[way]} last quarter ${before}.`;
}

/** Table 3, a count against last quarter's. */
export function countInterpretation(comparison: Comparison): string {
  const way = direction(comparison.current, comparison.previous);
  const before = `(${shortLabel(comparison.previousPeriod)} n=${comparison.previous ?? 'not known'})`;
  return way === null
    ? `This figure is ${comparison.current ?? 0}.`
    : `This figure is ${compared[way]} the previous quarter ${before}.`;
}

/** Table 2, concerns escalated: "Of 44 concerns received (Q1=55), five were escalated; this is higher than last quarter (Q1=4%)". */
export function escalationInterpretation(
  received: { current: number; previous: number },
  escalated: number,
  percent: Comparison,
): string {
  const before = shortLabel(percent.previousPeriod);
  const way = direction(percent.current, percent.previous);
  const verb = escalated === 1 ? 'was' : 'were';
  const trend =
    way === null
      ? ''
      : `; this is ${compared[way]} last quarter (${before}=${percent.previous === null ? 'not known' : `${percent.previous}%`})`;
  const how = escalated === 0 ? 'none' : inWords(escalated);
  return `Of ${received.current} concerns received (${before}=${received.previous}), ${how} ${verb} escalated${trend}.`;
}
