import { describe, expect, it } from 'vitest';
import {
  financialYearContaining,
  formatPeriod,
  monthContaining,
  parsePeriod,
  periodContains,
  previousPeriod,
  previousQuarter,
  quarterContaining,
} from './periods.ts';

// The NHS financial year runs 1 April to 31 March; Q1 is April–June and Q4 January–March.
describe('parsePeriod', () => {
  it.each([
    ['2017/18-Q1', 'quarter', '2017/18 Q1', '2017-04-01', '2017-06-30'],
    ['2017/18-Q2', 'quarter', '2017/18 Q2', '2017-07-01', '2017-09-30'],
    ['2017/18-Q3', 'quarter', '2017/18 Q3', '2017-10-01', '2017-12-31'],
    ['2017/18-Q4', 'quarter', '2017/18 Q4', '2018-01-01', '2018-03-31'],
    ['2017/18 Q2', 'quarter', '2017/18 Q2', '2017-07-01', '2017-09-30'],
    ['2019/20-q4', 'quarter', '2019/20 Q4', '2020-01-01', '2020-03-31'],
    ['2022/23', 'financial-year', '2022/23', '2022-04-01', '2023-03-31'],
    ['1999/00', 'financial-year', '1999/00', '1999-04-01', '2000-03-31'],
    ['2017-08', 'month', 'August 2017', '2017-08-01', '2017-08-31'],
    ['2024-02', 'month', 'February 2024', '2024-02-01', '2024-02-29'],
    ['2023-02', 'month', 'February 2023', '2023-02-01', '2023-02-28'],
    [' 2021/22-Q3 ', 'quarter', '2021/22 Q3', '2021-10-01', '2021-12-31'],
  ])('reads %j as the %s %s from %s to %s', (input, kind, label, start, end) => {
    expect(parsePeriod(input)).toMatchObject({ kind, label, start, end });
  });

  it.each([
    ['2017/19-Q2', "'2017/19-Q2' is not a financial year: the second year must follow the first"],
    ['2017/17', "'2017/17' is not a financial year: the second year must follow the first"],
    [
      '2017/18-Q5',
      "'2017/18-Q5' is not a quarter: a financial year has Q1 (April to June) to Q4 (January to March)",
    ],
    [
      '2017/18-Q0',
      "'2017/18-Q0' is not a quarter: a financial year has Q1 (April to June) to Q4 (January to March)",
    ],
    ['2017-13', "'2017-13' is not a month: the month must be from 01 to 12"],
    ['2017-00', "'2017-00' is not a month: the month must be from 01 to 12"],
    ['Q2 2017', expect.stringContaining("'Q2 2017' is not a period: write a financial year such as 2022/23")],
    ['', expect.stringContaining("'' is not a period")],
    ['2017/2018', expect.stringContaining('is not a period')],
  ])('refuses %j with a plain message', (input, message) => {
    expect(() => parsePeriod(input)).toThrow(expect.objectContaining({ message, status: 422 }));
  });
});

describe('formatPeriod', () => {
  it.each(['2017/18-Q2', '2019/20-Q4', '2022/23', '2017-08', '1999/00', '2000/01-Q1'])(
    'writes %j back as parsePeriod reads it',
    (code) => {
      expect(formatPeriod(parsePeriod(code))).toBe(code);
    },
  );
});

describe('the period containing a date', () => {
  it.each([
    ['2017-07-01', '2017/18-Q2', '2017/18', '2017-07'],
    ['2017-09-30', '2017/18-Q2', '2017/18', '2017-09'],
    ['2017-04-01', '2017/18-Q1', '2017/18', '2017-04'],
    ['2017-03-31', '2016/17-Q4', '2016/17', '2017-03'],
    ['2018-01-01', '2017/18-Q4', '2017/18', '2018-01'],
    ['2020-02-29', '2019/20-Q4', '2019/20', '2020-02'],
    ['2023-12-31', '2023/24-Q3', '2023/24', '2023-12'],
  ])('%s is in quarter %s, financial year %s and month %s', (date, quarterCode, yearCode, monthCode) => {
    expect(quarterContaining(date).code).toBe(quarterCode);
    expect(financialYearContaining(date).code).toBe(yearCode);
    expect(monthContaining(date).code).toBe(monthCode);
  });

  it.each(['2017-02-30', '2017-7-1', '01/07/2017', 'yesterday'])(
    'refuses %j, which is not a date',
    (date) => {
      expect(() => quarterContaining(date)).toThrow(`'${date}' is not a date`);
    },
  );
});

describe('previous periods', () => {
  it.each([
    ['2017/18-Q2', '2017/18-Q1'],
    ['2017/18-Q1', '2016/17-Q4'],
    ['2017/18-Q4', '2017/18-Q3'],
    ['2022/23', '2021/22-Q4'],
    ['2017-08', '2017/18-Q1'],
  ])('the quarter before %s is %s', (code, previous) => {
    expect(previousQuarter(parsePeriod(code)).code).toBe(previous);
  });

  it.each([
    ['2017/18-Q1', '2016/17-Q4'],
    ['2022/23', '2021/22'],
    ['2017-01', '2016-12'],
    ['2017-08', '2017-07'],
  ])('the period before %s is %s', (code, previous) => {
    expect(previousPeriod(parsePeriod(code)).code).toBe(previous);
  });
});

describe('periodContains', () => {
  const q2 = parsePeriod('2017/18-Q2');
  it.each([
    ['2017-06-30', false],
    ['2017-07-01', true],
    ['2017-08-15', true],
    ['2017-09-30', true],
    ['2017-10-01', false],
  ])('2017/18 Q2 contains %s: %s', (date, contained) => {
    expect(periodContains(q2, date)).toBe(contained);
  });
});
