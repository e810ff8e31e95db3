import { describe, expect, it } from 'vitest';
import { parsePeriod } from '#src/domains/calendar/index.ts';
import {
  countInterpretation,
  escalationInterpretation,
  localityInterpretation,
  percentInterpretation,
  shortLabel,
  totalInterpretation,
} from './interpretation.ts';

// The seed report's interpretation column (service-experience-report-2017-q2.txt, Tables 1–3).
const period = parsePeriod('2017/18-Q2');
const previousPeriod = parsePeriod('2017/18-Q1');
const comparing = (current: number | null, previous: number | null) => ({
  current,
  previous,
  period,
  previousPeriod,
});

describe('interpretation sentences, in the seed report’s words', () => {
  it('names a quarter by its number and other periods by their label', () => {
    expect(shortLabel(period)).toBe('Q2');
    expect(shortLabel(parsePeriod('2023/24'))).toBe('2023/24');
  });

  it.each<[number, number, string]>([
    [16, 13, 'An increase in the number of complaints has been reported in Gloucestershire in Q2 (Q1 n=13).'],
    [3, 3, 'The same number of complaints has been reported in Gloucestershire in Q2 (Q1 n=3).'],
    [2, 5, 'A decrease in the number of complaints has been reported in Gloucestershire in Q2 (Q1 n=5).'],
  ])('Table 1, a locality: %i against %i', (current, previous, sentence) => {
    expect(localityInterpretation('complaints', 'Gloucestershire', comparing(current, previous))).toBe(
      sentence,
    );
  });

  it('Table 1, the total', () => {
    expect(totalInterpretation('complaints', comparing(19, 16))).toBe(
      'The total number of complaints received is higher than the previous quarter (Q1 n=16).',
    );
  });

  it.each<[number | null, number | null, string]>([
    [100, 100, 'All complaints were acknowledged within target timeframes (Q1=100%).'],
    [93, 81, 'This is higher than last quarter (Q1=81%).'],
    [81, 93, 'This is lower than last quarter (Q1=93%).'],
    [null, 90, 'There was nothing to measure this quarter (Q1=90%).'],
  ])('Table 2, a percentage: %s against %s', (current, previous, sentence) => {
    expect(
      percentInterpretation(
        comparing(current, previous),
        'All complaints were acknowledged within target timeframes',
      ),
    ).toBe(sentence);
  });

  it('Table 2, concerns escalated', () => {
    expect(escalationInterpretation({ current: 44, previous: 55 }, 5, comparing(11, 4))).toBe(
      'Of 44 concerns received (Q1=55), five were escalated; this is higher than last quarter (Q1=4%).',
    );
    expect(escalationInterpretation({ current: 10, previous: 8 }, 1, comparing(10, 10))).toBe(
      'Of 10 concerns received (Q1=8), one was escalated; this is the same as last quarter (Q1=10%).',
    );
  });

  it.each<[number, number, string]>([
    [1, 4, 'This figure is lower than the previous quarter (Q1 n=4).'],
    [4, 2, 'This figure is higher than the previous quarter (Q1 n=2).'],
  ])('Table 3, a count: %i against %i', (current, previous, sentence) => {
    expect(countInterpretation(comparing(current, previous))).toBe(sentence);
  });
});
