import { describe, expect, it } from 'vitest';
import { highlightStop as off, highlightStart as on } from '../explorer-queries.ts';
import { highlightParts, readExplorerForm, themeTable } from './explorer-model.ts';

describe('search highlights from ts_headline', () => {
  it.each([
    ['no match marked', 'kind staff', [{ text: 'kind staff', marked: false }]],
    [
      'a word in the middle',
      `the ${on}corridor${off} was cold`,
      [
        { text: 'the ', marked: false },
        { text: 'corridor', marked: true },
        { text: ' was cold', marked: false },
      ],
    ],
    [
      'two words, one at the start',
      `${on}waited${off} and ${on}waited${off}`,
      [
        { text: 'waited', marked: true },
        { text: ' and ', marked: false },
        { text: 'waited', marked: true },
      ],
    ],
    [
      'an unclosed marker marks to the end',
      `x ${on}y`,
      [
        { text: 'x ', marked: false },
        { text: 'y', marked: true },
      ],
    ],
  ])('%s', (_case, excerpt, parts) => {
    expect(highlightParts(excerpt)).toEqual(parts);
  });
});

describe('the themes table', () => {
  it('adds up each theme, most comments first, with the last six months in order', () => {
    const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07'];
    const counts = months.flatMap((month, index) => [
      { theme: 'Parking', month, comments: 1, positive: 0, negative: 1 },
      {
        theme: 'Food & drink provision & facilities',
        month,
        comments: index + 1,
        positive: index,
        negative: 0,
      },
    ]);
    const table = themeTable(counts);
    expect(table.months).toEqual(months.slice(1));
    expect(table.rows[0]).toEqual({
      theme: 'Food & drink provision & facilities',
      comments: 28,
      positive: 21,
      negative: 0,
      months: [2, 3, 4, 5, 6, 7],
    });
    expect(table.rows[1]).toMatchObject({ theme: 'Parking', comments: 7, negative: 7 });
  });
});

describe('reading the explorer’s filters', () => {
  it('keeps what it can use, ignores what it cannot, and reports a date it cannot read', () => {
    const form = readExplorerForm({
      sentiment: '9',
      source: 'nonsense',
      from: 'June',
      q: ' corridor ',
      page: '2',
    });
    expect(form.filters).toMatchObject({
      sentiment: undefined,
      source: undefined,
      from: undefined,
      search: 'corridor',
    });
    expect(form.page).toBe(2);
    expect(form.errors).toEqual({ from: 'Date from must be a date such as 2024-06-30' });
  });
});
