import { describe, expect, it } from 'vitest';
import { bankHolidayCalendar, englandAndWalesBankHolidays } from './bank-holidays.ts';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days.ts';

// SI 2009/309 reg 13(1): a complaint is acknowledged "not later than 3 working days after the day
// on which it is received", so the day of receipt never counts. Working days exclude weekends and
// bank holidays in England, one-off days included (DESIGN.md §3).
describe('acknowledgement due date, three working days after the day of receipt', () => {
  it.each([
    ['2017-07-03', '2017-07-06', 'received on a Monday, due that Thursday'],
    ['2017-07-01', '2017-07-05', 'received on a Saturday, the count starts on Monday'],
    ['2017-07-02', '2017-07-05', 'received on a Sunday, the count starts on Monday'],
    ['2017-07-07', '2017-07-12', 'received on a Friday, the weekend is skipped'],
    [
      '2021-04-01',
      '2021-04-08',
      'received Thursday before Good Friday 2 April and Easter Monday 5 April 2021',
    ],
    ['2023-12-22', '2023-12-29', 'received Friday 22 December 2023, Christmas Day and Boxing Day skipped'],
    [
      '2021-12-24',
      '2021-12-31',
      'Christmas 2021 fell on a Saturday: substitutes on Monday 27 and Tuesday 28',
    ],
    [
      '2022-12-23',
      '2022-12-30',
      'Christmas 2022 fell on a Sunday: Boxing Day Monday 26, substitute Tuesday 27',
    ],
    ['2022-12-30', '2023-01-05', 'New Year’s Day 2023 fell on a Sunday: substitute Monday 2 January'],
    [
      '2011-04-26',
      '2011-05-03',
      'the royal wedding on Friday 29 April 2011 and Early May bank holiday skipped',
    ],
    ['2012-06-01', '2012-06-08', 'Spring bank holiday moved to 4 June 2012, Diamond Jubilee on 5 June'],
    ['2020-05-07', '2020-05-13', 'Early May bank holiday moved to Friday 8 May 2020 for VE day'],
    ['2022-06-01', '2022-06-08', 'Spring bank holiday moved to 2 June 2022, Platinum Jubilee on 3 June'],
    ['2022-09-16', '2022-09-22', 'the State Funeral of Queen Elizabeth II on Monday 19 September 2022'],
    ['2023-05-05', '2023-05-11', 'the coronation of King Charles III on Monday 8 May 2023'],
  ])('received %s, acknowledge by %s (%s)', (received, due) => {
    expect(addWorkingDays(received, 3)).toBe(due);
  });
});

describe('addWorkingDays', () => {
  it('gives the date itself for zero working days', () => {
    expect(addWorkingDays('2021-04-02', 0)).toBe('2021-04-02');
  });

  it('counts backwards for a negative number, skipping the Easter bank holidays', () => {
    expect(addWorkingDays('2021-04-08', -3)).toBe('2021-04-01');
  });

  it('finds a local 25-working-day response target five weeks on when no bank holiday intervenes', () => {
    expect(addWorkingDays('2017-07-03', 25)).toBe('2017-08-07');
  });

  it('refuses a part of a day', () => {
    expect(() => addWorkingDays('2017-07-03', 2.5)).toThrow('2.5 is not a whole number of working days');
  });

  it('refuses to count into a year the bank holiday calendar does not cover, rather than guess', () => {
    expect(() => addWorkingDays('2035-12-28', 3)).toThrow(
      'cover 2009 to 2035, so it cannot count working days in 2036',
    );
    expect(() => isWorkingDay('2008-12-25')).toThrow('cannot count working days in 2008');
  });

  it('refuses a date that does not exist', () => {
    expect(() => addWorkingDays('2021-02-29', 3)).toThrow("'2021-02-29' is not a date");
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['2017-07-04', true, 'an ordinary Tuesday'],
    ['2017-07-08', false, 'a Saturday'],
    ['2017-07-09', false, 'a Sunday'],
    ['2017-12-25', false, 'Christmas Day'],
    ['2017-04-14', false, 'Good Friday'],
    ['2011-04-29', false, 'the royal wedding, 29 April 2011'],
    ['2012-06-04', false, 'the moved Spring bank holiday, 4 June 2012'],
    ['2012-06-05', false, 'the Diamond Jubilee, 5 June 2012'],
    ['2012-05-28', true, 'the last Monday of May 2012, when the Spring bank holiday had moved'],
    ['2020-05-08', false, 'VE day, 8 May 2020'],
    ['2020-05-04', true, 'the first Monday of May 2020, when the Early May bank holiday had moved'],
    ['2022-06-02', false, 'the moved Spring bank holiday, 2 June 2022'],
    ['2022-06-03', false, 'the Platinum Jubilee, 3 June 2022'],
    ['2022-05-30', true, 'the last Monday of May 2022, when the Spring bank holiday had moved'],
    ['2022-09-19', false, 'the State Funeral of Queen Elizabeth II, 19 September 2022'],
    ['2023-05-08', false, 'the coronation of King Charles III, 8 May 2023'],
    ['2010-12-27', false, 'the Christmas Day substitute, Christmas 2010 being a Saturday'],
    ['2010-12-28', false, 'the Boxing Day substitute, Christmas 2010 being a Saturday'],
    ['2016-12-27', false, 'the Christmas Day substitute, Christmas 2016 being a Sunday'],
    ['2020-12-28', false, 'the Boxing Day substitute, Boxing Day 2020 being a Saturday'],
    ['2026-12-28', false, 'the Boxing Day substitute, Boxing Day 2026 being a Saturday'],
    ['2027-12-27', false, 'the Christmas Day substitute, Christmas 2027 being a Saturday'],
    ['2027-12-28', false, 'the Boxing Day substitute, Christmas 2027 being a Saturday'],
    ['2032-12-27', false, 'the Christmas Day substitute, Christmas 2032 being a Saturday (computed)'],
    ['2032-12-28', false, 'the Boxing Day substitute, Christmas 2032 being a Saturday (computed)'],
    ['2033-12-26', false, 'Boxing Day 2033, a Monday, Christmas being a Sunday (computed)'],
    ['2033-12-27', false, 'the Christmas Day substitute, Christmas 2033 being a Sunday (computed)'],
    ['2033-01-03', false, 'the New Year’s Day substitute, 1 January 2033 being a Saturday (computed)'],
    ['2035-03-23', false, 'Good Friday 2035, Easter being 25 March (computed)'],
    ['2035-03-26', false, 'Easter Monday 2035 (computed)'],
    ['2035-12-31', true, 'the last day the calendar covers, a Monday'],
  ])('%s is a working day: %s (%s)', (date, working) => {
    expect(isWorkingDay(date)).toBe(working);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['2021-04-01', '2021-04-08', 3],
    ['2023-12-22', '2023-12-29', 3],
    ['2017-07-03', '2017-07-03', 0],
    ['2021-04-08', '2021-04-01', -3],
    ['2018-12-31', '2019-12-31', 253],
    // Christmas 2034 is a Monday: 25 and 26 December and 1 January 2035 are bank holidays.
    ['2034-12-22', '2035-01-02', 4],
    ['2034-12-22', '2034-12-29', 3],
  ])('from %s to %s there are %i working days', (from, to, count) => {
    expect(workingDaysBetween(from, to)).toBe(count);
  });

  it.each([
    ['2011-04-21', 7],
    ['2012-05-31', 4],
    ['2020-12-23', 10],
    ['2022-09-15', 25],
    ['2032-12-20', 10],
  ])('undoes addWorkingDays from %s by %i working days', (date, workingDays) => {
    expect(workingDaysBetween(date, addWorkingDays(date, workingDays))).toBe(workingDays);
  });
});

describe('the England and Wales bank holiday calendar', () => {
  const calendar = englandAndWalesBankHolidays();
  const holidaysIn = (year: number) =>
    [...calendar.holidays.keys()].filter((date) => date.startsWith(`${year}-`)).length;

  it('covers every year from 2009, when the complaints regulations began, to 2035, as announced to 2027', () => {
    expect([calendar.firstYear, calendar.lastYear, calendar.lastAnnouncedYear]).toEqual([2009, 2035, 2027]);
  });

  const usual = [
    2009, 2010, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2024, 2025, 2026, 2027, 2028, 2029,
    2030, 2031, 2032, 2033, 2034, 2035,
  ];
  it.each<[number, number, string]>([
    ...usual.map((year): [number, number, string] => [year, 8, 'the usual eight']),
    [2011, 9, 'the royal wedding added a ninth'],
    [2012, 9, 'the Diamond Jubilee added a ninth'],
    [2022, 10, 'the Platinum Jubilee and the State Funeral added two'],
    [2023, 9, 'the coronation added a ninth'],
  ])('%i has %i bank holidays (%s)', (year, count) => {
    expect(holidaysIn(year)).toBe(count);
  });

  it.each([
    ['2009-04-10', '2009-04-13'],
    ['2013-03-29', '2013-04-01'],
    ['2016-03-25', '2016-03-28'],
    ['2019-04-19', '2019-04-22'],
    ['2024-03-29', '2024-04-01'],
    ['2027-03-26', '2027-03-29'],
    ['2030-04-19', '2030-04-22'],
    ['2035-03-23', '2035-03-26'],
  ])('has Good Friday %s and Easter Monday %s', (goodFriday, easterMonday) => {
    expect(calendar.holidays.get(goodFriday)).toBe('Good Friday');
    expect(calendar.holidays.get(easterMonday)).toBe('Easter Monday');
  });

  const file = (events: { date: string; title: string }[]) => ({
    division: 'test',
    firstYear: 2020,
    lastYear: 2020,
    events,
  });

  it.each([
    [
      [{ date: '2020-12-26', title: 'Boxing Day' }],
      '2020-12-26 is a weekend: list the substitute weekday instead',
    ],
    [
      [
        { date: '2020-12-25', title: 'Christmas Day' },
        { date: '2020-12-25', title: 'Christmas Day' },
      ],
      '2020-12-25 is listed twice',
    ],
    [[{ date: '2021-01-01', title: 'New Year’s Day' }], '2021-01-01 is outside 2020 to 2020'],
    [[{ date: '2020-13-01', title: 'Nonsense' }], 'must be a date written YYYY-MM-DD'],
  ])('refuses a calendar file with a mistake: %j', (events, message) => {
    expect(() => bankHolidayCalendar(file(events))).toThrow(message);
  });
});
