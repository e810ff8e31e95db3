import { describe, expect, it } from 'vitest';
import { checkAnswers } from './answers.ts';
import { optionSets, surveyTemplates } from './reference.ts';
import {
  addCounts,
  fftScore,
  localityOf,
  percentOf,
  questionScore,
  responseRate,
  suppressSmallNumbers,
} from './rules.ts';

const fft2020 = optionSets()['fft-2020'] ?? [];
const fftPre2020 = optionSets()['fft-pre-2020'] ?? [];
const yesPartlyNo = optionSets()['yes-partly-no'] ?? [];

describe('FFT % positive and % negative (DESIGN.md §3, NHS England FFT guidance)', () => {
  // Worked by hand: positive = very good + good; negative = poor + very poor; denominator = every
  // answer, "Don't know" included.
  it.each([
    {
      name: 'all six answers, with Don’t know in the denominator',
      counts: { 'very-good': 50, good: 20, neither: 10, poor: 5, 'very-poor': 5, 'dont-know': 10 },
      expected: { responses: 100, positive: 70, negative: 10, percentPositive: 70, percentNegative: 10 },
    },
    {
      name: 'Don’t know lowers % positive: 8 of 10, not 8 of 9',
      counts: { 'very-good': 4, good: 4, poor: 1, 'dont-know': 1 },
      expected: { responses: 10, positive: 8, negative: 1, percentPositive: 80, percentNegative: 10 },
    },
    {
      name: 'rounded half up: 1 of 8 is 12.5%, published as 13%',
      counts: { good: 1, neither: 7 },
      expected: { responses: 8, positive: 1, negative: 0, percentPositive: 13, percentNegative: 0 },
    },
    {
      name: 'no responses gives no percentage rather than 0%',
      counts: {},
      expected: { responses: 0, positive: 0, negative: 0, percentPositive: null, percentNegative: null },
    },
  ])('$name', ({ counts, expected }) => {
    expect(fftScore('fft-2020', counts, fft2020)).toEqual({ scale: 'fft-2020', ...expected });
  });

  it('scores the pre-2020 "how likely are you to recommend" scale on its own options, never converted', () => {
    const counts = {
      'extremely-likely': 60,
      likely: 31,
      neither: 2,
      unlikely: 1,
      'extremely-unlikely': 1,
      'dont-know': 5,
    };
    expect(fftScore('fft-pre-2020', counts, fftPre2020)).toEqual({
      scale: 'fft-pre-2020',
      responses: 100,
      positive: 91,
      negative: 2,
      percentPositive: 91,
      percentNegative: 2,
    });
    // New-scale answers are not counted on the old scale.
    expect(fftScore('fft-pre-2020', { 'very-good': 10 }, fftPre2020).responses).toBe(0);
  });

  it('recomputes a quarter from its months’ counts, not by averaging their percentages', () => {
    // The seed report's 2017/18 Q2: July 123 of 135 (91%), August 100 of 116 (86%), September 189 of 215 (88%).
    const july = { 'extremely-likely': 123, neither: 12 };
    const august = { 'extremely-likely': 100, unlikely: 16 };
    const september = { likely: 189, 'dont-know': 26 };
    const months = [july, august, september].map((counts) => fftScore('fft-pre-2020', counts, fftPre2020));
    expect(months.map((month) => month.percentPositive)).toEqual([91, 86, 88]);
    const quarter = fftScore('fft-pre-2020', addCounts(july, august, september), fftPre2020);
    expect(quarter).toMatchObject({ responses: 466, positive: 412, percentPositive: 88 });
    // The average of the three months' percentages would be 88.33…; at unit level the two differ widely:
    expect(fftScore('fft-2020', addCounts({ good: 1 }, { poor: 9 }), fft2020).percentPositive).toBe(10);
  });
});

describe('quality questions against their targets (seed report, Table 14)', () => {
  it.each([
    {
      counts: { yes: 69, partly: 6, no: 3 },
      target: 92,
      expected: { responses: 78, positive: 69, percentPositive: 88, targetMet: false },
    },
    {
      counts: { yes: 66, partly: 8, no: 3 },
      target: 74,
      expected: { responses: 77, positive: 66, percentPositive: 86, targetMet: true },
    },
    {
      counts: { yes: 56, no: 7, 'not-applicable': 12 },
      target: 76,
      expected: { responses: 63, positive: 56, percentPositive: 89, targetMet: true },
    },
    {
      counts: { yes: 69, no: 31 },
      target: 69,
      expected: { responses: 100, positive: 69, percentPositive: 69, targetMet: true },
    },
    {
      counts: {},
      target: 69,
      expected: { responses: 0, positive: 0, percentPositive: null, targetMet: null },
    },
  ])('$counts against $target%', ({ counts, target, expected }) => {
    expect(questionScore(counts, yesPartlyNo, target)).toMatchObject({ ...expected, target });
  });
});

describe('response rate against target', () => {
  it.each([
    { responses: 30, eligible: 1000, target: 3, percent: 3, met: true },
    { responses: 29, eligible: 1000, target: 3, percent: 2.9, met: false },
    { responses: 41, eligible: 1000, target: 4, percent: 4.1, met: true },
    { responses: 5, eligible: 0, target: 4, percent: null, met: null },
  ])('$responses of $eligible against $target%', ({ responses, eligible, target, percent, met }) => {
    expect(responseRate(responses, eligible, target)).toMatchObject({ percent, targetMet: met });
  });
});

describe('small-number suppression (DESIGN.md §3: units with 1–4 responses, with secondary suppression)', () => {
  const reasons = (units: { key: string; responses: number }[]) => {
    const { suppressed, totalSuppressed } = suppressSmallNumbers(units);
    return { suppressed: Object.fromEntries(suppressed), totalSuppressed };
  };

  it.each([
    {
      name: 'nothing suppressed when every unit has 0 or at least 5',
      units: [
        { key: 'a', responses: 5 },
        { key: 'b', responses: 0 },
        { key: 'c', responses: 40 },
      ],
      expected: { suppressed: {}, totalSuppressed: false },
    },
    {
      name: 'one small unit takes the next smallest with it, so total minus the rest gives neither',
      units: [
        { key: 'a', responses: 3 },
        { key: 'b', responses: 12 },
        { key: 'c', responses: 7 },
      ],
      expected: { suppressed: { a: 'small-number', c: 'secondary' }, totalSuppressed: false },
    },
    {
      name: 'two small units hide each other',
      units: [
        { key: 'a', responses: 1 },
        { key: 'b', responses: 4 },
        { key: 'c', responses: 30 },
      ],
      expected: { suppressed: { a: 'small-number', b: 'small-number' }, totalSuppressed: false },
    },
    {
      name: 'a unit with no responses cannot hide a small one, so the total is withheld',
      units: [
        { key: 'a', responses: 2 },
        { key: 'b', responses: 0 },
      ],
      expected: { suppressed: { a: 'small-number' }, totalSuppressed: true },
    },
    {
      name: 'a total of 1–4 is itself a small number',
      units: [
        { key: 'a', responses: 2 },
        { key: 'b', responses: 1 },
      ],
      expected: { suppressed: { a: 'small-number', b: 'small-number' }, totalSuppressed: true },
    },
  ])('$name', ({ units, expected }) => {
    expect(reasons(units)).toEqual(expected);
  });
});

describe('percentages and localities', () => {
  it.each([
    [0, 0, null],
    [1, 3, 33],
    [2, 3, 67],
    [1, 200, 1],
    [1, 201, 0],
  ])('%i of %i is %s%%', (numerator, denominator, expected) => {
    expect(percentOf(numerator, denominator)).toBe(expected);
  });

  it('finds a ward’s locality through its service', () => {
    const units = new Map([
      ['trust', { unitId: 'trust', parentUnitId: null, kind: 'division' }],
      ['nth', { unitId: 'nth', parentUnitId: 'trust', kind: 'locality' }],
      ['svc', { unitId: 'svc', parentUnitId: 'nth', kind: 'service' }],
      ['ward', { unitId: 'ward', parentUnitId: 'svc', kind: 'ward' }],
    ]);
    expect(localityOf('ward', units)).toBe('nth');
    expect(localityOf('trust', units)).toBeNull();
  });
});

describe('checking answers against a survey version', () => {
  const fft = surveyTemplates().find((template) => template.code === 'fft');
  const current = fft?.versions.at(-1);
  if (!current) throw new Error('The FFT template is missing');

  it('keeps the FFT answer apart (it is stored on the response), trimmed free text and optional equality answers', () => {
    const checked = checkAnswers(current, 'standard', {
      fft: 'dont-know',
      good: '  Kind staff ',
      better: '',
      ethnicity: 'Z',
    });
    expect(checked.problems).toEqual({});
    expect(checked.fft).toEqual({ questionCode: 'fft', scale: 'fft-2020', answer: 'dont-know' });
    expect(checked.rows).toEqual([
      { questionCode: 'good', ordinal: 0, optionCode: null, freeText: 'Kind staff' },
      { questionCode: 'ethnicity', ordinal: 0, optionCode: 'Z', freeText: null },
    ]);
  });

  it('asks for the FFT answer and refuses an option from another scale', () => {
    expect(checkAnswers(current, 'easy-read', {}).problems).toEqual({ fft: 'Select an answer' });
    expect(checkAnswers(current, 'standard', { fft: 'extremely-likely' }).problems).toEqual({
      fft: 'Select one of the answers shown',
    });
  });

  it('ignores equality questions the Easy Read variant does not ask', () => {
    const checked = checkAnswers(current, 'easy-read', { fft: 'good', ethnicity: 'A' });
    expect(checked.rows).toEqual([]);
    expect(checked.fft?.answer).toBe('good');
  });
});
