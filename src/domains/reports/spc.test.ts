import { describe, expect, it } from 'vitest';
import {
  type AssuranceIcon,
  assuranceIcon,
  type Direction,
  direction,
  type ImprovementDirection,
  type SpecialCauseRule,
  type VariationIcon,
  variationIcon,
  xmrChart,
} from './spc.ts';

// NHS England, "Making Data Count" (MDC): XmR charts with process limits at the mean ± 2.66 × the
// mean moving range, four special-cause rules, and the variation and assurance icons.

const series = (values: readonly number[]) =>
  values.map((value, index) => ({ label: `P${index + 1}`, value }));
const flagged = (values: readonly number[]) =>
  Object.fromEntries(
    xmrChart(series(values))
      .points.map((point, index) => [index, point] as const)
      .filter(([, point]) => point.specialCauses.length > 0)
      .map(([index, point]) => [index, `${point.specialCauses.join('+')}:${point.side}`]),
  );
const alternating = (times: number, a: number, b: number) =>
  Array.from({ length: times * 2 }, (_, index) => (index % 2 === 0 ? a : b));

describe('xmrChart: mean, moving ranges and process limits (MDC: mean ± 2.66 × mean moving range)', () => {
  it('computes them for 10, 12, 11, 13, 12', () => {
    const chart = xmrChart(series([10, 12, 11, 13, 12]));
    expect(chart.mean).toBeCloseTo(11.6);
    expect(chart.points.map((point) => point.movingRange)).toEqual([null, 2, 1, 2, 1]);
    expect(chart.meanMovingRange).toBeCloseTo(1.5);
    expect(chart.upperProcessLimit).toBeCloseTo(15.59);
    expect(chart.lowerProcessLimit).toBeCloseTo(7.61);
    expect(chart.sigma).toBeCloseTo(1.5 / 1.128);
    expect(flagged([10, 12, 11, 13, 12])).toEqual({});
  });

  it('floors the lower limit at a bound, as counts cannot fall below zero', () => {
    expect(xmrChart(series([1, 5, 1, 5]), { lowerBound: 0 }).lowerProcessLimit).toBe(0);
    expect(xmrChart(series([1, 5, 1, 5])).lowerProcessLimit).toBeLessThan(0);
  });

  it('computes limits from a baseline and judges later points against them', () => {
    const chart = xmrChart(series([10, 12, 10, 12, 20]), { baselinePoints: 4 });
    expect(chart.mean).toBe(11);
    expect(chart.meanMovingRange).toBe(2);
    expect(chart.points[4]?.specialCauses).toEqual(['outside-limits']);
  });

  it('draws a single point as its own mean with no limits around it', () => {
    const chart = xmrChart(series([7]));
    expect([chart.mean, chart.upperProcessLimit, chart.lowerProcessLimit]).toEqual([7, 7, 7]);
    expect(chart.points[0]?.specialCauses).toEqual([]);
  });
});

describe('special-cause rules (MDC)', () => {
  it.each<[string, number[], Record<number, string>]>([
    ['common cause: nothing flagged', [10, 12, 11, 13, 12], {}],
    [
      'a point beyond the upper process limit (the 7 before it sit below the mean: a shift too)',
      [10, 11, 10, 11, 10, 11, 10, 30],
      {
        0: 'shift:low',
        1: 'shift:low',
        2: 'shift:low',
        3: 'shift:low',
        4: 'shift:low',
        5: 'shift:low',
        6: 'shift:low',
        7: 'outside-limits:high',
      },
    ],
    [
      'a shift: 7 points above the mean after 8 below; the 7 include points near the limit',
      [2, 3, 2, 3, 2, 3, 2, 3, 6, 5, 6, 5, 6, 5, 6],
      {
        0: 'shift:low',
        1: 'shift:low',
        2: 'shift:low',
        3: 'shift:low',
        4: 'shift:low',
        5: 'shift:low',
        6: 'shift:low',
        7: 'shift:low',
        8: 'shift+two-of-three:high',
        9: 'shift:high',
        10: 'shift+two-of-three:high',
        11: 'shift:high',
        12: 'shift+two-of-three:high',
        13: 'shift:high',
        14: 'shift+two-of-three:high',
      },
    ],
    [
      'no shift from only 6 points above the mean',
      [2, 3, 2, 3, 2, 3, 2, 3, 6, 5, 6, 5, 6, 5],
      {
        0: 'shift:low',
        1: 'shift:low',
        2: 'shift:low',
        3: 'shift:low',
        4: 'shift:low',
        5: 'shift:low',
        6: 'shift:low',
        7: 'shift:low',
        8: 'two-of-three:high',
        10: 'two-of-three:high',
        12: 'two-of-three:high',
      },
    ],
    [
      'a trend: 6 points each higher than the one before',
      [4, 5, 4, 5, 4, 1, 2, 3, 4, 5, 6],
      {
        5: 'trend:high',
        6: 'trend:high',
        7: 'trend:high',
        8: 'trend:high',
        9: 'trend:high',
        10: 'trend:high',
      },
    ],
    ['no trend when a repeated value breaks the rise after 5', [4, 5, 4, 5, 4, 1, 2, 3, 4, 5, 5], {}],
    [
      'two of three points beyond 2 sigma, high',
      [...alternating(7, 10, 12), 17, 13, 17],
      { 14: 'two-of-three:high', 16: 'two-of-three:high' },
    ],
    [
      'two of three points beyond 2 sigma, low',
      [...alternating(7, 12, 10), 5, 9, 5],
      { 14: 'two-of-three:low', 16: 'two-of-three:low' },
    ],
    ['one point beyond 2 sigma is not enough', [...alternating(7, 10, 12), 16, 12, 11], {}],
  ])('%s', (_, values, expected) => {
    expect(flagged(values)).toEqual(expected);
  });

  it('names a point in every rule it takes part in', () => {
    const rules: SpecialCauseRule[] =
      xmrChart(series([2, 3, 2, 3, 2, 3, 2, 3, 6, 5, 6, 5, 6, 5, 6])).points[8]?.specialCauses ?? [];
    expect(rules).toEqual(['shift', 'two-of-three']);
  });
});

describe('variationIcon: read from the latest point (MDC)', () => {
  const high = [10, 11, 10, 11, 10, 11, 10, 30];
  const low = [30, 31, 30, 31, 30, 31, 30, 5];
  it.each<[string, number[], ImprovementDirection, VariationIcon]>([
    ['common cause', [10, 12, 11, 13, 12], 'up', 'common-cause'],
    ['high when higher is better: improving', high, 'up', 'special-cause-improving-high'],
    ['high when lower is better: concerning', high, 'down', 'special-cause-concerning-high'],
    ['low when lower is better: improving', low, 'down', 'special-cause-improving-low'],
    ['low when higher is better: concerning', low, 'up', 'special-cause-concerning-low'],
    ['high with no better direction', high, 'neither', 'special-cause-neither-high'],
    ['a special cause earlier but not at the latest point', [...high, 12], 'up', 'common-cause'],
  ])('%s', (_, values, improvement, icon) => {
    expect(variationIcon(xmrChart(series(values)), improvement)).toBe(icon);
  });
});

describe('assuranceIcon: where the target sits against the process limits (MDC)', () => {
  const limits = { lowerProcessLimit: 80, upperProcessLimit: 95 };
  it.each<[string, number | null, ImprovementDirection, AssuranceIcon]>([
    ['a target within the limits is hit and miss', 90, 'up', 'hit-and-miss'],
    ['a target on a limit is hit and miss', 95, 'up', 'hit-and-miss'],
    [
      'higher is better and the target is below the lower limit: consistently passing',
      75,
      'up',
      'consistently-passing',
    ],
    [
      'higher is better and the target is above the upper limit: consistently failing',
      100,
      'up',
      'consistently-failing',
    ],
    [
      'lower is better and the target is above the upper limit: consistently passing',
      100,
      'down',
      'consistently-passing',
    ],
    [
      'lower is better and the target is below the lower limit: consistently failing',
      75,
      'down',
      'consistently-failing',
    ],
    ['no target', null, 'up', 'no-target'],
    ['no direction of improvement', 90, 'neither', 'no-target'],
  ])('%s', (_, target, improvement, icon) => {
    expect(assuranceIcon(limits, target, improvement)).toBe(icon);
  });
});

describe('direction: the seed report’s arrows against the previous quarter', () => {
  it.each<[number | null, number | null, number, Direction | null, string]>([
    [16, 13, 0, 'up', 'Gloucestershire: 16 complaints against 13 (↑)'],
    [3, 3, 0, 'similar', 'Herefordshire: 3 against 3 (↔)'],
    [100, 100, 0, 'similar', 'acknowledged 100% against 100% (↔)'],
    [1, 4, 0, 'down', 'reopened 1 against 4'],
    [88, 90, 0, 'down', 'FFT 88% against 90% with no tolerance'],
    [88, 90, 2, 'similar', 'FFT 88% against 90% “nearly the same” with a tolerance of 2'],
    [5, null, 0, null, 'nothing to compare with'],
  ])('%s against %s (tolerance %s) is %s: %s', (current, previous, tolerance, expected) => {
    expect(direction(current, previous, tolerance)).toBe(expected);
  });
});
