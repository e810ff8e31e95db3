import { addWorkingDays, type IsoDate, periodContains } from '#src/domains/calendar/index.ts';
import { type ComplaintForReturn, type Measure, measure } from '#src/domains/cases/index.ts';
import type { ImprovementDirection } from './spc.ts';

// The measures register: the delivery plan's "How we will measure our impact". Each measure has a
// target, a direction of improvement, a deadline and an owner; its value each quarter is computed
// from records where Heard holds them, or entered by an officer. Pure rules: RAG status and the
// computed measures.

/** Where a measure's quarterly values come from. */
export const measureSources = [
  'acknowledged-within-3-working-days',
  'responded-within-25-working-days',
  'fft-response-rate',
  'entered',
] as const;
export type MeasureSource = (typeof measureSources)[number];

export const measureSourceNames: Record<MeasureSource, string> = {
  'acknowledged-within-3-working-days': 'Computed: complaints acknowledged within 3 working days (%)',
  'responded-within-25-working-days': 'Computed: complaints responded to within 25 working days (%)',
  'fft-response-rate':
    'Computed: Friends and Family Test response rate (%), when surveys are recorded in Heard',
  entered: 'Entered each quarter by an officer',
};

export const measureUnits = ['percent', 'number'] as const;
export type MeasureUnit = (typeof measureUnits)[number];

/** The local target for a response (DESIGN.md §3: 25 working days is a local target, not law). */
export const responseTargetWorkingDays = 25;

/**
 * Complaints responded to within 25 working days of receipt: of the complaints closed (not
 * withdrawn) in the period, those whose response was sent no later than 25 working days after
 * the day they were received. The agreed date and extensions do not move it: that is the other
 * measure, closed within the agreed timescale.
 */
export function respondedWithinWorkingDays(
  complaints: readonly Pick<
    ComplaintForReturn,
    'status' | 'receivedDate' | 'resolvedDate' | 'responseSentDate'
  >[],
  period: { start: IsoDate; end: IsoDate },
  workingDays = responseTargetWorkingDays,
): Measure {
  const closed = complaints.filter(
    (complaint) =>
      complaint.status === 'closed' &&
      complaint.resolvedDate !== null &&
      periodContains(period, complaint.resolvedDate),
  );
  const onTime = closed.filter((complaint) => {
    const responded = complaint.responseSentDate ?? complaint.resolvedDate;
    return responded !== null && responded <= addWorkingDays(complaint.receivedDate, workingDays);
  });
  return measure(onTime.length, closed.length);
}

export type Rag = 'green' | 'amber' | 'red' | 'grey';

export const ragNames: Record<Rag, string> = {
  green: 'Green: on target',
  amber: 'Amber: close to target',
  red: 'Red: off target',
  grey: 'No figure yet',
};

/**
 * Red, amber or green for a measure's latest value: green when the target is met; amber when it
 * is missed by no more than `amberMargin` and the deadline (if any) has not passed; red
 * otherwise; grey when there is no value to judge.
 */
export function ragStatus(
  value: number | null,
  target: number,
  improvement: Exclude<ImprovementDirection, 'neither'>,
  {
    amberMargin = 5,
    deadline = null,
    today,
  }: { amberMargin?: number; deadline?: IsoDate | null; today: IsoDate },
): Rag {
  if (value === null) return 'grey';
  const met = improvement === 'up' ? value >= target : value <= target;
  if (met) return 'green';
  const pastDeadline = deadline !== null && today > deadline;
  return !pastDeadline && Math.abs(value - target) <= amberMargin ? 'amber' : 'red';
}
