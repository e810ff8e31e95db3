import { describe, expect, it } from 'vitest';
import { readAuditSearchForm, searchQueryFor, startOfLondonDay } from './search-form.ts';

describe('startOfLondonDay', () => {
  it.each([
    { date: [2025, 1, 15], instant: '2025-01-15T00:00:00.000Z', case: 'in winter England keeps GMT' },
    {
      date: [2025, 7, 15],
      instant: '2025-07-14T23:00:00.000Z',
      case: 'in summer England keeps BST, an hour ahead',
    },
    {
      date: [2025, 3, 30],
      instant: '2025-03-30T00:00:00.000Z',
      case: 'the day the clocks go forward starts in GMT',
    },
    {
      date: [2025, 3, 31],
      instant: '2025-03-30T23:00:00.000Z',
      case: 'the day after they go forward starts in BST',
    },
    {
      date: [2025, 10, 26],
      instant: '2025-10-25T23:00:00.000Z',
      case: 'the day the clocks go back starts in BST',
    },
    {
      date: [2025, 10, 27],
      instant: '2025-10-27T00:00:00.000Z',
      case: 'the day after they go back starts in GMT',
    },
  ])('$case', ({ date, instant }) => {
    const [year, month, day] = date as [number, number, number];
    expect(startOfLondonDay(year, month, day).toISOString()).toBe(instant);
  });
});

describe('readAuditSearchForm', () => {
  it('reads an empty query as no filters, page 1', () => {
    const form = readAuditSearchForm({});
    expect(form.errors).toEqual({});
    expect(form.values.page).toBe(1);
    expect(form.filters).toEqual({
      text: undefined,
      entityType: undefined,
      entityId: undefined,
      actor: undefined,
      from: undefined,
      to: undefined,
      confidentialReadsOnly: undefined,
    });
  });

  it('trims what was typed and reads the checkbox and page', () => {
    const form = readAuditSearchForm({ q: '  complaint ', actor: 'Pat', confidential: 'yes', page: '3' });
    expect(form.filters).toMatchObject({ text: 'complaint', actor: 'Pat', confidentialReadsOnly: true });
    expect(form.values.page).toBe(3);
  });

  it.each([
    ['0', 1],
    ['-2', 1],
    ['two', 1],
    ['', 1],
  ])('reads page %j as page %i', (page, expected) => {
    expect(readAuditSearchForm({ page }).values.page).toBe(expected);
  });

  it('ignores a field given twice rather than failing', () => {
    expect(readAuditSearchForm({ q: ['a', 'b'] }).values.text).toBe('');
  });

  it('takes "from" as the start of that day and "to" as the end of that day, in England', () => {
    const form = readAuditSearchForm({
      'from-day': '1',
      'from-month': '7',
      'from-year': '2025',
      'to-day': '31',
      'to-month': '7',
      'to-year': '2025',
    });
    expect(form.errors).toEqual({});
    expect(form.filters.from?.toISOString()).toBe('2025-06-30T23:00:00.000Z');
    expect(form.filters.to?.toISOString()).toBe('2025-07-31T22:59:59.999Z');
  });

  it.each([
    {
      case: 'a date with no month',
      query: { 'from-day': '1', 'from-year': '2025' },
      errors: { 'from-month': 'Date from must include a month' },
    },
    {
      case: 'a date with only a month',
      query: { 'to-month': '3' },
      errors: { 'to-day': 'Date to must include a day and year' },
    },
    {
      case: '31 February',
      query: { 'from-day': '31', 'from-month': '2', 'from-year': '2025' },
      errors: { 'from-day': 'Date from must be a real date' },
    },
    {
      case: 'a month of 13',
      query: { 'to-day': '1', 'to-month': '13', 'to-year': '2025' },
      errors: { 'to-day': 'Date to must be a real date' },
    },
    {
      case: 'a two-digit year',
      query: { 'to-day': '1', 'to-month': '1', 'to-year': '25' },
      errors: { 'to-day': 'Date to must be a real date' },
    },
    {
      case: 'a "to" date before the "from" date',
      query: {
        'from-day': '2',
        'from-month': '1',
        'from-year': '2025',
        'to-day': '1',
        'to-month': '1',
        'to-year': '2025',
      },
      errors: { 'to-day': 'Date to must be the same as or after date from' },
    },
  ])('reports $case', ({ query, errors }) => {
    expect(readAuditSearchForm(query).errors).toEqual(errors);
  });

  it('accepts 29 February in a leap year', () => {
    expect(readAuditSearchForm({ 'from-day': '29', 'from-month': '2', 'from-year': '2024' }).errors).toEqual(
      {},
    );
  });
});

describe('searchQueryFor', () => {
  it('keeps every filter that was typed and the page, and leaves out empty ones', () => {
    const { values } = readAuditSearchForm({
      q: 'complaint',
      'from-day': '1',
      'from-month': '4',
      'from-year': '2025',
      confidential: 'yes',
    });
    expect(searchQueryFor(values, 2)).toBe(
      '?q=complaint&from-day=1&from-month=4&from-year=2025&confidential=yes&page=2',
    );
    expect(searchQueryFor(readAuditSearchForm({}).values, 1)).toBe('');
  });
});
