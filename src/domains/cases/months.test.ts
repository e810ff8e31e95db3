import { describe, expect, it } from 'vitest';
import { lastDayOfMonthsBeginning, monthsAfter, yearsAfter } from './months.ts';

// Calendar months as English law counts them: the corresponding date, or the month's last day
// when it has none (Dodds v Walker [1981]).
describe('monthsAfter', () => {
  it.each([
    ['2017-03-15', 1, '2017-04-15', 'an ordinary date'],
    ['2017-08-31', 6, '2018-02-28', '31 August + 6 months: February has no 31st, so its last day'],
    ['2019-08-31', 6, '2020-02-29', '31 August + 6 months in a leap year: 29 February'],
    ['2017-01-31', 1, '2017-02-28', '31 January + 1 month'],
    ['2017-10-31', 3, '2018-01-31', 'across a year end'],
    ['2016-02-29', 12, '2017-02-28', '29 February + 12 months: the year after has no 29 February'],
    ['2016-02-29', 48, '2020-02-29', '29 February + 4 years: a leap year again'],
    ['2017-07-01', 12, '2018-07-01', 'exactly 12 months'],
    ['2017-05-31', -3, '2017-02-28', 'a negative number counts back'],
    ['2017-07-01', 0, '2017-07-01', 'zero months'],
  ])('%s + %i months is %s (%s)', (date, months, expected) => {
    expect(monthsAfter(date, months)).toBe(expected);
  });

  it('refuses a part of a month', () => {
    expect(() => monthsAfter('2017-07-01', 1.5)).toThrow('1.5 is not a whole number of months');
  });

  it.each(['2017-02-30', '2017-7-1', ''])('refuses %j, which is not a date', (date) => {
    expect(() => monthsAfter(date, 1)).toThrow(`'${date}' is not a date`);
  });
});

describe('yearsAfter', () => {
  it.each([
    ['2017-09-30', 10, '2027-09-30'],
    ['2016-02-29', 10, '2026-02-28'],
    ['2012-02-29', 4, '2016-02-29'],
  ])('%s + %i years is %s', (date, years, expected) => {
    expect(yearsAfter(date, years)).toBe(expected);
  });
});

describe('lastDayOfMonthsBeginning', () => {
  it.each([
    ['2017-01-01', 6, '2017-06-30', 'six months beginning 1 January end on 30 June'],
    ['2017-07-03', 6, '2018-01-02', 'the day before the corresponding date'],
    ['2017-08-31', 6, '2018-02-28', 'no 31 February: the last day of February'],
    ['2019-08-31', 6, '2020-02-29', 'no 31 February in a leap year: 29 February'],
    ['2019-08-29', 6, '2020-02-28', '29 February 2020 exists, so the day before it'],
    ['2017-08-28', 6, '2018-02-27', 'the day before 28 February'],
    ['2024-03-01', 6, '2024-08-31', 'beginning 1 March: March to August'],
  ])('%s for %i months ends on %s (%s)', (firstDay, months, expected) => {
    expect(lastDayOfMonthsBeginning(firstDay, months)).toBe(expected);
  });
});
