import { describe, expect, it } from 'vitest';
import { parsePeriod } from '#src/domains/calendar/index.ts';
import {
  acknowledgedWithinThreeWorkingDays,
  closedWithinAgreedTimescale,
  escalationRate,
  measure,
  responseDateInForce,
  wholePercent,
} from './measures.ts';

const quarter2 = parsePeriod('2017/18-Q2');

// The seed report: "Percentages rounded to nearest whole number". Halves go up.
describe('wholePercent: nearest whole percent, halves up', () => {
  it.each<[number, number, number | null, string]>([
    [5, 44, 11, 'the seed report: 5 of 44 concerns escalated is 11%'],
    [14, 19, 74, 'the seed report, Table 4: 14 of 19 partially upheld is 74%'],
    [4, 19, 21, 'the seed report, Table 4: 4 of 19 not upheld is 21%'],
    [1, 19, 5, 'the seed report, Table 4: 1 of 19 withdrawn is 5%'],
    [0, 19, 0, 'none'],
    [19, 19, 100, 'all'],
    [1, 8, 13, '12.5% goes up'],
    [3, 8, 38, '37.5% goes up'],
    [1, 40, 3, '2.5% goes up'],
    [1, 200, 1, '0.5% goes up'],
    [29, 200, 15, '14.5% goes up, though 29 / 200 * 100 is 14.499999999999998 in floating point'],
    [17, 18, 94, 'one response late of 18'],
    [14, 15, 93, 'one response late of 15: the seed report’s 93% needs 14 or 15 closed, not 18 or 19'],
    [0, 0, null, 'no records: no percentage'],
  ])('%i of %i is %s%% (%s)', (numerator, denominator, percent) => {
    expect(wholePercent(numerator, denominator)).toBe(percent);
  });

  it.each([
    [5, 4, '5 of 4 is more than all of them'],
    [-1, 4, '-1 of 4 is not a count of records'],
    [1.5, 4, '1.5 of 4 is not a count of records'],
  ])('refuses %s of %s', (numerator, denominator, message) => {
    expect(() => wholePercent(numerator, denominator)).toThrow(message);
  });

  it('keeps the counts with the percentage', () => {
    expect(measure(5, 44)).toEqual({ numerator: 5, denominator: 44, percent: 11 });
  });
});

// SI 2009/309 reg 13(1); the seed report, Table 2: "Acknowledged within three days 100%".
describe('acknowledgedWithinThreeWorkingDays: of complaints received in the period', () => {
  const complaints = [
    { receivedDate: '2017-07-03', acknowledgedDate: '2017-07-06' }, // on the due date
    { receivedDate: '2017-07-01', acknowledgedDate: '2017-07-05' }, // a Saturday, due Wednesday
    { receivedDate: '2017-08-25', acknowledgedDate: '2017-09-01' }, // due 31 August after the bank holiday: late
    { receivedDate: '2017-09-20', acknowledgedDate: null }, // due 25 September and never acknowledged
    { receivedDate: '2017-09-29', acknowledgedDate: null }, // due 4 October: still pending on 2 October
    { receivedDate: '2017-06-30', acknowledgedDate: '2017-07-03' }, // received in Q1: not counted
  ];

  it('counts on-time acknowledgements against complaints received, leaving out those still pending', () => {
    expect(acknowledgedWithinThreeWorkingDays(complaints, quarter2, '2017-10-02')).toEqual({
      numerator: 2,
      denominator: 4,
      percent: 50,
      pending: 1,
    });
  });

  it('counts a pending complaint once its due date has passed', () => {
    expect(acknowledgedWithinThreeWorkingDays(complaints, quarter2, '2017-10-05')).toMatchObject({
      denominator: 5,
      pending: 0,
      percent: 40,
    });
  });

  it('gives the seed report’s 100% when all 19 complaints were acknowledged in time', () => {
    const nineteen = Array.from({ length: 19 }, (_, day) => {
      const date = `2017-07-${String(day + 3).padStart(2, '0')}`;
      return { receivedDate: date, acknowledgedDate: date };
    });
    expect(acknowledgedWithinThreeWorkingDays(nineteen, quarter2, '2017-10-10')).toEqual({
      numerator: 19,
      denominator: 19,
      percent: 100,
      pending: 0,
    });
  });
});

// SI 2009/309 reg 14: a longer response period counts only if agreed before the current one expires.
describe('responseDateInForce: the first agreed date moved by extensions agreed in time', () => {
  const extension = (previousResponseDate: string, newResponseDate: string, agreedOn: string) => ({
    previousResponseDate,
    newResponseDate,
    agreedOn,
  });

  it.each<[string, ReturnType<typeof extension>[], string]>([
    ['no extension', [], '2017-08-07'],
    ['one agreed before the date', [extension('2017-08-07', '2017-09-04', '2017-08-01')], '2017-09-04'],
    ['one agreed on the date itself', [extension('2017-08-07', '2017-09-04', '2017-08-07')], '2017-09-04'],
    [
      'one agreed after the date had passed',
      [extension('2017-08-07', '2017-09-04', '2017-08-08')],
      '2017-08-07',
    ],
    [
      'two, listed latest first',
      [
        extension('2017-09-04', '2017-10-02', '2017-09-01'),
        extension('2017-08-07', '2017-09-04', '2017-08-01'),
      ],
      '2017-10-02',
    ],
  ])('%s', (_case, extensions, inForce) => {
    expect(responseDateInForce('2017-08-07', extensions)).toBe(inForce);
  });
});

// The seed report, Table 2: "Complaint closed within agreed timescales 93% ... Only one complaint
// investigation was overdue in this time period".
describe('closedWithinAgreedTimescale: of complaints whose response fell due in the period', () => {
  const due = (
    responseDueDate: string,
    status: 'open' | 'closed' | 'withdrawn',
    responseSentDate: string | null,
  ) => ({ responseDueDate, status, responseSentDate });

  const complaints = [
    due('2017-07-20', 'closed', '2017-07-14'), // answered early: on time
    due('2017-08-07', 'closed', '2017-08-07'), // answered on the date: on time
    due('2017-08-15', 'closed', '2017-08-16'), // answered a day late: overdue
    due('2017-09-01', 'open', null), // never answered, date passed: overdue
    due('2017-08-21', 'open', '2017-08-18'), // answered in time, but reopened and open again: overdue
    due('2017-09-29', 'open', null), // due on 29 September: pending on 28 September
    due('2017-08-01', 'withdrawn', null), // withdrawn: no response due, not counted
    due('2017-06-30', 'closed', '2017-07-03'), // due in Q1: counted there, not here
    due('2017-10-02', 'closed', '2017-09-20'), // answered in Q2 but due in Q3: counted in Q3
  ];

  it('counts responses sent by their date against all that fell due, overdue ones included', () => {
    expect(closedWithinAgreedTimescale(complaints, quarter2, '2017-10-10')).toEqual({
      numerator: 2,
      denominator: 6,
      percent: 33,
      pending: 0,
    });
  });

  it('leaves out a complaint still within its date, until the date passes', () => {
    expect(closedWithinAgreedTimescale(complaints, quarter2, '2017-09-28')).toMatchObject({
      denominator: 5,
      pending: 1,
    });
  });

  it('gives the seed report’s 93% for one overdue of the 15 that fell due', () => {
    const fifteen = Array.from({ length: 15 }, (_, index) => {
      const date = `2017-08-${String(index + 1).padStart(2, '0')}`;
      return due(date, 'closed', index === 0 ? '2017-08-02' : date);
    });
    expect(closedWithinAgreedTimescale(fifteen, quarter2, '2017-10-10')).toEqual({
      numerator: 14,
      denominator: 15,
      percent: 93,
      pending: 0,
    });
  });

  it('gives no percentage when nothing fell due', () => {
    expect(closedWithinAgreedTimescale([], quarter2, '2017-10-10')).toEqual({
      numerator: 0,
      denominator: 0,
      percent: null,
      pending: 0,
    });
  });
});

// The seed report, Table 2: "Of 44 concerns received (Q1=54), five were escalated": 11%.
describe('escalationRate: of concerns received in the period, those escalated to a complaint', () => {
  it('gives 11% for 5 escalated of 44 received', () => {
    const concerns = Array.from({ length: 44 }, (_, index) => ({
      receivedDate: `2017-0${7 + (index % 3)}-15`,
      escalated: index < 5,
    }));
    const outsideTheQuarter = [
      { receivedDate: '2017-06-30', escalated: true },
      { receivedDate: '2017-10-01', escalated: true },
    ];
    expect(escalationRate([...concerns, ...outsideTheQuarter], quarter2)).toEqual({
      numerator: 5,
      denominator: 44,
      percent: 11,
    });
  });
});
