import { describe, expect, it } from 'vitest';
import {
  headerProblems,
  nationalFigure,
  publishedHeader,
  publishedMonth,
  publishedPercent,
  publishedSetting,
  readPublishedRow,
} from './fft-published.ts';

const before2020 = [
  'Period',
  'Org Code',
  'Org Name',
  'Total Responses',
  'Percentage Recommended',
  'Percentage Not Recommended',
  'Extremely likely',
  'Likely',
  'Neither likely nor unlikely',
  'Unlikely',
  'Extremely unlikely',
  "Don't know",
];
const since2020 = [
  'Period',
  'Org code',
  'Org name',
  'Total Responses',
  'Prop_Pos',
  'Prop_Neg',
  'Very Good',
  'Good',
  'Neither Good nor Poor',
  'Poor',
  'Very Poor',
  'Dont Know',
];

describe('reading NHS England’s published FFT data', () => {
  it('finds the header by its names, past title rows, in either era’s words', () => {
    expect(publishedHeader(['Friends and Family Test: Mental Health'])).toBeNull();
    expect(publishedHeader(before2020)).toMatchObject({
      period: 0,
      code: 1,
      name: 2,
      responses: 3,
      answer1: 6,
      answer6: 11,
    });
    expect(publishedHeader(since2020)).toMatchObject({
      percentPositive: 4,
      answer2: 7,
      answer3: 8,
      answer6: 11,
    });
  });

  it('says what a header lacks, given the command’s options', () => {
    const header = publishedHeader(['Org Code', 'Org Name', 'Total Responses']);
    expect(header).not.toBeNull();
    const problems = headerProblems(header ?? {}, {});
    expect(problems.join(' ')).toMatch(/--month/);
    expect(problems.join(' ')).toMatch(/--setting/);
    expect(problems.join(' ')).toMatch(/neither the six answers/);
    expect(headerProblems(publishedHeader(before2020) ?? {}, { setting: 'community' })).toEqual([]);
  });

  it('reads months, settings and percentages as NHS England writes them', () => {
    expect(publishedMonth('Jul-17')).toBe('2017-07');
    expect(publishedMonth('July 2017')).toBe('2017-07');
    expect(publishedMonth('SEPT-2017')).toBe('2017-09');
    expect(publishedMonth('01/07/2017')).toBe('2017-07');
    expect(publishedMonth('2017-07-01')).toBe('2017-07');
    expect(publishedMonth('Julember 17')).toBeNull();
    expect(publishedMonth('2017-13')).toBeNull();
    expect(publishedSetting('Mental Health')).toBe('mental-health');
    expect(publishedSetting('A&E')).toBe('ae');
    expect(publishedSetting('Hospice')).toBeNull();
    expect(publishedPercent('0.91')).toBeCloseTo(91);
    expect(publishedPercent('91%')).toBe(91);
    expect(publishedPercent('91')).toBe(91);
    expect(publishedPercent('1')).toBe(100);
    expect(publishedPercent('140')).toBeNull();
  });

  it('turns a row into counts, from the six answers or else from the percentages', () => {
    const header = publishedHeader(before2020) ?? {};
    const withAnswers = readPublishedRow(
      ['Jul-17', 'zt1', 'Westshire', '200', '0.9', '0.03', '120', '60', '8', '4', '2', '6'],
      header,
      { setting: 'mental-health' },
    );
    expect(withAnswers).toEqual({
      kind: 'row',
      row: {
        month: '2017-07-01',
        setting: 'mental-health',
        providerCode: 'ZT1',
        providerName: 'Westshire',
        responses: 200,
        positive: 180,
        negative: 6,
        answers: [120, 60, 8, 4, 2, 6],
      },
    });
    const fromPercent = readPublishedRow(
      ['Jul-17', 'ZT3', 'Southvale', '400', '85%', '5%', '', '', '', '', '', ''],
      header,
      { setting: 'mental-health' },
    );
    expect(fromPercent).toMatchObject({ kind: 'row', row: { positive: 340, negative: 20, answers: null } });
  });

  it('refuses a row whose figures do not hold together, and skips suppressed rows and notes', () => {
    const header = publishedHeader(before2020) ?? {};
    const defaults = { setting: 'mental-health' as const };
    expect(
      readPublishedRow(
        ['Jul-17', 'ZT1', 'W', '201', '', '', '120', '60', '8', '4', '2', '6'],
        header,
        defaults,
      ),
    ).toMatchObject({ kind: 'refused', problem: expect.stringContaining('add up to 200, not the 201') });
    expect(
      readPublishedRow(['Jul-17', 'ZT1', 'W', 'many', '', '', '', '', '', '', '', ''], header, defaults),
    ).toMatchObject({ kind: 'refused', problem: expect.stringContaining('Total Responses') });
    expect(
      readPublishedRow(['Julember', 'ZT1', 'W', '5', '', '', '', '', '', '', '', ''], header, defaults),
    ).toMatchObject({ kind: 'refused', problem: expect.stringContaining('Period') });
    expect(
      readPublishedRow(
        ['Jul-17', 'ZT4', 'Hillside', '*', '*', '*', '*', '*', '*', '*', '*', '*'],
        header,
        defaults,
      ),
    ).toMatchObject({ kind: 'skipped' });
    expect(readPublishedRow(['Note: * not published', '', ''], header, defaults)).toMatchObject({
      kind: 'skipped',
    });
  });

  it('takes the published national row, else works England out from every provider’s counts', () => {
    const providers = [
      { providerCode: 'ZT1', responses: 200, positive: 180 },
      { providerCode: 'ZT2', responses: 150, positive: 135 },
      { providerCode: 'ZT3', responses: 400, positive: 340 },
    ];
    expect(nationalFigure(providers)).toEqual({
      responses: 750,
      percentPositive: 87, // 655 / 750 = 87.3%
      source: 'computed',
      providers: 3,
    });
    expect(
      nationalFigure([...providers, { providerCode: 'ENG', responses: 10_000, positive: 8900 }]),
    ).toEqual({
      responses: 10_000,
      percentPositive: 89,
      source: 'published',
      providers: 3,
    });
    expect(nationalFigure([])).toBeNull();
  });
});
