import { describe, expect, it } from 'vitest';
import { type ReportTable, suppressSmallNumbers } from './tables.ts';

// DESIGN.md §3: published figures suppress any unit with 1–4, with secondary suppression so that
// a suppressed figure cannot be worked out from totals.

const table = (rows: ReportTable['rows'], totalRows: number[] = []): ReportTable => ({
  id: 't',
  title: 'T',
  columns: ['Locality', 'Number', 'Interpretation'],
  rows,
  totalRows,
  countColumns: [1],
  notes: [],
});

describe('suppressSmallNumbers', () => {
  it.each<[string, ReportTable['rows'], number[], (string | number | null)[]]>([
    [
      'nothing small: nothing hidden',
      [
        ['A', 16, ''],
        ['B', 5, ''],
        ['Total', 21, ''],
      ],
      [2],
      [16, 5, 21],
    ],
    [
      'one small count and the next smallest, not the total',
      [
        ['A', 16, ''],
        ['B', 3, ''],
        ['C', 7, ''],
        ['Total', 26, ''],
      ],
      [3],
      [16, '*', '*', 26],
    ],
    [
      'two small counts: no secondary needed',
      [
        ['A', 16, ''],
        ['B', 3, ''],
        ['C', 1, ''],
        ['Total', 20, ''],
      ],
      [3],
      [16, '*', '*', 20],
    ],
    [
      'zero is not suppressed',
      [
        ['A', 16, ''],
        ['B', 0, ''],
        ['Total', 16, ''],
      ],
      [2],
      [16, 0, 16],
    ],
  ])('%s', (_, rows, totals, expected) => {
    expect(suppressSmallNumbers(table(rows, totals)).rows.map((row) => row[1])).toEqual(expected);
  });

  it('hides small counts in the interpretation sentences, which repeat them, but keeps percentages', () => {
    const result = suppressSmallNumbers(
      table([
        ['A', 16, 'An increase in A in Q2 (Q1 n=13).'],
        ['B', 3, 'The same number in B in Q2 (Q1 n=3).'],
        ['C', 12, 'Of 12 concerns (Q1=4), two were escalated; this is higher than last quarter (Q1=4%).'],
      ]),
    );
    expect(result.rows.map((row) => row[2])).toEqual([
      'An increase in A in Q2 (Q1 n=13).',
      'The same number in B in Q2 (Q1 n=*).',
      'Of 12 concerns (Q1=*), * were escalated; this is higher than last quarter (Q1=4%).',
    ]);
    expect(result.notes.at(-1)).toContain('Counts from 1 to 4 are shown as *');
  });
});

describe('suppressSmallNumbers with percentages worked out from a count', () => {
  it('hides a month’s FFT score with its 1–4 responses, and the next smallest month’s too (DESIGN.md §3)', () => {
    const fft: ReportTable = {
      id: 'table-13-fft',
      title: 'Table 13',
      columns: ['Month', 'Number of responses', 'FFT score (% positive)', '% negative'],
      rows: [
        ['July 2017', 3, '67%', '33%'],
        ['August 2017', 116, '86%', '5%'],
        ['September 2017', 215, '88%', '4%'],
        ['Total', 334, '87%', '5%'],
      ],
      totalRows: [3],
      countColumns: [1],
      derivedColumns: { 1: [2, 3] },
      notes: [],
    };
    expect(suppressSmallNumbers(fft).rows).toEqual([
      ['July 2017', '*', '*', '*'],
      ['August 2017', '*', '*', '*'],
      ['September 2017', 215, '88%', '4%'],
      ['Total', 334, '87%', '5%'],
    ]);
  });
});
