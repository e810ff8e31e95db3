import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englandAndWalesBankHolidays } from './bank-holidays.ts';
import { type BankHolidayEvent, easterSunday, standingBankHolidays } from './standing-bank-holidays.ts';

// DESIGN.md §3: working days exclude weekends and bank holidays in England, one-off days included.
// reference/bank-holidays-england.json holds GOV.UK's announced years and, after them, the years
// the standing rules give (scripts/bank-holidays.ts writes those).

const file = JSON.parse(
  readFileSync(new URL('../../../reference/bank-holidays-england.json', import.meta.url), 'utf8'),
) as { lastAnnouncedYear: number; events: BankHolidayEvent[] };
const eventsIn = (year: number) => file.events.filter((event) => event.date.startsWith(`${year}-`));
const datesOf = (events: readonly BankHolidayEvent[]) => events.map((event) => event.date);

describe('Easter Sunday by the anonymous Gregorian algorithm', () => {
  it.each([
    [2008, '2008-03-23', 'the earliest for two centuries but one'],
    [2011, '2011-04-24', 'the royal wedding year'],
    [2019, '2019-04-21', ''],
    [2024, '2024-03-31', ''],
    [2025, '2025-04-20', ''],
    [2030, '2030-04-21', ''],
    [2035, '2035-03-25', ''],
    [2038, '2038-04-25', 'the latest date Easter can fall'],
    [2285, '2285-03-22', 'the earliest date Easter can fall'],
  ])('in %i is %s %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('the standing rules', () => {
  it('give 2030 its eight bank holidays, from New Year’s Day to Boxing Day', () => {
    expect(standingBankHolidays(2030)).toEqual([
      { date: '2030-01-01', title: 'New Year’s Day' },
      { date: '2030-04-19', title: 'Good Friday' },
      { date: '2030-04-22', title: 'Easter Monday' },
      { date: '2030-05-06', title: 'Early May bank holiday' },
      { date: '2030-05-27', title: 'Spring bank holiday' },
      { date: '2030-08-26', title: 'Summer bank holiday' },
      { date: '2030-12-25', title: 'Christmas Day' },
      { date: '2030-12-26', title: 'Boxing Day' },
    ]);
  });

  it.each([
    [2032, 'Christmas on a Saturday', ['2032-12-27', 'Christmas Day'], ['2032-12-28', 'Boxing Day']],
    [2033, 'Christmas on a Sunday', ['2033-12-26', 'Boxing Day'], ['2033-12-27', 'Christmas Day']],
    [2026, 'Boxing Day on a Saturday', ['2026-12-25', 'Christmas Day'], ['2026-12-28', 'Boxing Day']],
  ])('in %i (%s) give the substitute weekdays GOV.UK would', (year, _why, first, second) => {
    const christmas = standingBankHolidays(year).slice(-2);
    expect(christmas.map((event) => [event.date, event.title])).toEqual([first, second]);
  });

  it.each([
    [2033, '2033-01-03', 'a Saturday'],
    [2034, '2034-01-02', 'a Sunday'],
    [2035, '2035-01-01', 'a Monday'],
  ])('in %i put New Year’s Day on %s, 1 January being %s', (year, date) => {
    expect(standingBankHolidays(year)[0]?.date).toBe(date);
  });

  const oneOffYears = [2011, 2012, 2020, 2022, 2023];
  const plainYears = Array.from({ length: file.lastAnnouncedYear - 2009 + 1 }, (_, i) => 2009 + i).filter(
    (year) => !oneOffYears.includes(year),
  );
  it.each(plainYears)('reproduce GOV.UK’s %i exactly, a year with no one-off day', (year) => {
    expect(standingBankHolidays(year)).toEqual(eventsIn(year));
  });

  it('give exactly the years the file computes after the last announced one', () => {
    for (let year = file.lastAnnouncedYear + 1; year <= 2035; year += 1) {
      expect(eventsIn(year)).toEqual(standingBankHolidays(year));
    }
  });
});

describe('the one-off days in the calendar', () => {
  const calendar = englandAndWalesBankHolidays();

  it.each([
    ['2011-04-29', /Wedding of Prince William/],
    ['2012-06-04', /Spring bank holiday/],
    ['2012-06-05', /Diamond Jubilee/],
    ['2020-05-08', /VE day/],
    ['2022-06-02', /Spring bank holiday/],
    ['2022-06-03', /Platinum Jubilee/],
    ['2022-09-19', /State Funeral/],
    ['2023-05-08', /coronation/i],
  ])('has %s (%s)', (date, title) => {
    expect(calendar.holidays.get(date)).toMatch(title);
  });

  it.each<[number, string[], string[]]>([
    [2011, ['2011-04-29'], []],
    [2012, ['2012-06-04', '2012-06-05'], ['2012-05-28']],
    [2020, ['2020-05-08'], ['2020-05-04']],
    [2022, ['2022-06-02', '2022-06-03', '2022-09-19'], ['2022-05-30']],
    [2023, ['2023-05-08'], []],
  ])('differs from the standing rules in %i by adding %j and moving %j', (year, added, moved) => {
    const announced = datesOf(eventsIn(year));
    const standing = datesOf(standingBankHolidays(year));
    expect(announced.filter((date) => !standing.includes(date))).toEqual(added);
    expect(standing.filter((date) => !announced.includes(date))).toEqual(moved);
  });
});
