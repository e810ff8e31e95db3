// Statistical process control as NHS England's "Making Data Count" (MDC) teaches it: an XmR chart
// (the individual values with their mean, and process limits from the mean moving range), four
// rules for special-cause variation, and the two icons MDC puts beside every measure – variation
// (is anything unusual happening?) and assurance (will the target reliably be met?). Pure
// functions: the values come in already counted, in time order.

/** MDC: process limits sit 2.66 mean moving ranges either side of the mean (3 sigma, sigma = MR̄ / 1.128). */
export const limitFactor = 2.66;
/** The d2 constant for moving ranges of two points: sigma is the mean moving range divided by it. */
export const d2 = 1.128;
/** MDC: a shift is a run of 7 or more points all above, or all below, the mean. */
export const shiftLength = 7;
/** MDC: a trend is 6 or more points each higher (or each lower) than the one before. */
export const trendLength = 6;

export type ImprovementDirection = 'up' | 'down' | 'neither';

export type SpecialCauseRule = 'outside-limits' | 'shift' | 'trend' | 'two-of-three';

export interface XmrPoint {
  label: string;
  value: number;
  /** |this value − the one before|; null for the first point. */
  movingRange: number | null;
  /** The rules this point takes part in; empty for common-cause variation. */
  specialCauses: SpecialCauseRule[];
  /** Which side of the mean the special cause lies on, when there is one. */
  side: 'high' | 'low' | null;
}

export interface XmrChart {
  points: XmrPoint[];
  mean: number;
  meanMovingRange: number;
  upperProcessLimit: number;
  lowerProcessLimit: number;
  /** One sigma: the mean moving range / 1.128. */
  sigma: number;
}

export interface XmrOptions {
  /** Compute mean and limits from the first N points only (MDC: a baseline), then judge every point against them. */
  baselinePoints?: number;
  /** A floor for the lower limit, such as 0 for counts, which cannot fall below it. */
  lowerBound?: number;
}

function average(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The XmR chart of values in time order, with every point's special causes marked. */
export function xmrChart(
  data: readonly { label: string; value: number }[],
  options: XmrOptions = {},
): XmrChart {
  const values = data.map((point) => point.value);
  const movingRanges = values.slice(1).map((value, index) => Math.abs(value - (values[index] as number)));
  const baseline = options.baselinePoints ? Math.max(2, options.baselinePoints) : values.length;
  const mean = average(values.slice(0, baseline));
  const meanMovingRange = average(movingRanges.slice(0, Math.max(1, baseline - 1)));
  const upper = mean + limitFactor * meanMovingRange;
  const lowerUnbounded = mean - limitFactor * meanMovingRange;
  const lower =
    options.lowerBound === undefined ? lowerUnbounded : Math.max(options.lowerBound, lowerUnbounded);
  const sigma = meanMovingRange / d2;
  const points: XmrPoint[] = data.map((point, index) => ({
    label: point.label,
    value: point.value,
    movingRange: index === 0 ? null : (movingRanges[index - 1] as number),
    specialCauses: [],
    side: null,
  }));
  const mark = (index: number, rule: SpecialCauseRule, side: 'high' | 'low') => {
    const point = points[index];
    if (!point) return;
    if (!point.specialCauses.includes(rule)) point.specialCauses.push(rule);
    point.side ??= side;
  };
  // Rule 1: a single point outside the process limits.
  values.forEach((value, index) => {
    if (value > upper) mark(index, 'outside-limits', 'high');
    else if (value < lower) mark(index, 'outside-limits', 'low');
  });
  // Rule 2: a shift, 7 or more consecutive points on one side of the mean (a point on the mean breaks the run).
  for (const run of runs(values, (value) => (value > mean ? 1 : value < mean ? -1 : 0))) {
    if (run.key !== 0 && run.length >= shiftLength) {
      for (let i = run.start; i < run.start + run.length; i += 1)
        mark(i, 'shift', run.key > 0 ? 'high' : 'low');
    }
  }
  // Rule 3: a trend, 6 or more consecutive points each rising (or each falling); equal values break it.
  const steps = values.slice(1).map((value, index) => Math.sign(value - (values[index] as number)));
  for (const run of runs(steps, (step) => step)) {
    // A run of n rising steps spans n + 1 points.
    if (run.key !== 0 && run.length + 1 >= trendLength) {
      for (let i = run.start; i <= run.start + run.length; i += 1)
        mark(i, 'trend', run.key > 0 ? 'high' : 'low');
    }
  }
  // Rule 4: two of three consecutive points beyond 2 sigma on the same side (near a limit).
  const twoSigmaHigh = mean + 2 * sigma;
  const twoSigmaLow = mean - 2 * sigma;
  for (let start = 0; start + 3 <= values.length; start += 1) {
    for (const side of ['high', 'low'] as const) {
      const beyond = [start, start + 1, start + 2].filter((i) =>
        side === 'high' ? (values[i] as number) > twoSigmaHigh : (values[i] as number) < twoSigmaLow,
      );
      if (beyond.length >= 2) for (const i of beyond) mark(i, 'two-of-three', side);
    }
  }
  return {
    points,
    mean,
    meanMovingRange,
    upperProcessLimit: upper,
    lowerProcessLimit: lower,
    sigma,
  };
}

/** Maximal runs of equal keys. */
function runs<T>(
  items: readonly T[],
  keyOf: (item: T) => number,
): { key: number; start: number; length: number }[] {
  const found: { key: number; start: number; length: number }[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    const last = found.at(-1);
    if (last && last.key === key) last.length += 1;
    else found.push({ key, start: index, length: 1 });
  });
  return found;
}

/** MDC's variation icon, read from the latest point. */
export type VariationIcon =
  | 'common-cause'
  | 'special-cause-improving-high'
  | 'special-cause-improving-low'
  | 'special-cause-concerning-high'
  | 'special-cause-concerning-low'
  | 'special-cause-neither-high'
  | 'special-cause-neither-low';

/**
 * The variation icon: common cause unless the latest point is part of a special cause; then
 * improving or concerning by whether its side is the direction of improvement (MDC: orange for
 * concerning, blue for improving, grey when neither direction is better).
 */
export function variationIcon(chart: XmrChart, improvement: ImprovementDirection): VariationIcon {
  const latest = chart.points.at(-1);
  if (!latest || latest.specialCauses.length === 0 || latest.side === null) return 'common-cause';
  if (improvement === 'neither') return `special-cause-neither-${latest.side}`;
  const improving = (improvement === 'up') === (latest.side === 'high');
  return `special-cause-${improving ? 'improving' : 'concerning'}-${latest.side}`;
}

export type AssuranceIcon = 'consistently-passing' | 'consistently-failing' | 'hit-and-miss' | 'no-target';

/**
 * The assurance icon: a target inside the process limits will be met only some of the time (hit
 * and miss); one beyond the limit on the side away from improvement will reliably be met
 * (passing); beyond the other limit, reliably missed (failing).
 */
export function assuranceIcon(
  chart: Pick<XmrChart, 'upperProcessLimit' | 'lowerProcessLimit'>,
  target: number | null,
  improvement: ImprovementDirection,
): AssuranceIcon {
  if (target === null || improvement === 'neither') return 'no-target';
  const { lowerProcessLimit: lower, upperProcessLimit: upper } = chart;
  if (target >= lower && target <= upper) return 'hit-and-miss';
  const targetBelowProcess = target < lower;
  return targetBelowProcess === (improvement === 'up') ? 'consistently-passing' : 'consistently-failing';
}

export const variationIconNames: Record<VariationIcon, string> = {
  'common-cause': 'Common cause variation: no significant change',
  'special-cause-improving-high': 'Special cause variation of an improving nature: higher values',
  'special-cause-improving-low': 'Special cause variation of an improving nature: lower values',
  'special-cause-concerning-high': 'Special cause variation of a concerning nature: higher values',
  'special-cause-concerning-low': 'Special cause variation of a concerning nature: lower values',
  'special-cause-neither-high': 'Special cause variation: higher values',
  'special-cause-neither-low': 'Special cause variation: lower values',
};

export const assuranceIconNames: Record<AssuranceIcon, string> = {
  'consistently-passing': 'The system is expected to consistently pass the target',
  'consistently-failing': 'The system is expected to consistently fail the target',
  'hit-and-miss': 'The system may pass or fail the target (hit and miss)',
  'no-target': 'No target',
};

export const specialCauseRuleNames: Record<SpecialCauseRule, string> = {
  'outside-limits': 'a point beyond the process limits',
  shift: `a run of ${shiftLength} or more points on one side of the mean`,
  trend: `${trendLength} or more points all rising or all falling`,
  'two-of-three': 'two of three points near a process limit',
};

/** The simple arrows of the seed report's key: ↑ increased, ↔ similar, ↓ reduced. */
export type Direction = 'up' | 'similar' | 'down';

/**
 * The direction of a figure against the previous period. The seed report shows 3 against 3 and
 * 100% against 100% as ↔; `tolerance` widens "similar" (for example 1 percentage point).
 */
export function direction(current: number | null, previous: number | null, tolerance = 0): Direction | null {
  if (current === null || previous === null) return null;
  if (Math.abs(current - previous) <= tolerance) return 'similar';
  return current > previous ? 'up' : 'down';
}

export const directionArrows: Record<Direction, string> = { up: '↑', similar: '↔', down: '↓' };
export const directionNames: Record<Direction, string> = {
  up: 'Increased performance or activity',
  similar: 'Performance or activity remains similar',
  down: 'Reduced performance or activity',
};
