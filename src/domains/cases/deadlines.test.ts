import { describe, expect, it } from 'vitest';
import {
  acknowledgedOnTime,
  acknowledgementDueDate,
  agreedResponseDate,
  deadlineStatus,
  type Extension,
  extensionProblems,
  latestAgreedResponseDate,
  relevantPeriodEnd,
  responseTimeliness,
  statutoryResponseDate,
} from './deadlines.ts';

// SI 2009/309 reg 13(1): acknowledge "not later than 3 working days after the day on which it
// receives the complaint". The day of receipt never counts; working days skip weekends and
// bank holidays in England, one-off days included (reg 2(1), DESIGN.md §3).
describe('acknowledgementDueDate (SI 2009/309 reg 13(1))', () => {
  it.each([
    ['2017-07-03', '2017-07-06', 'received on a Monday, due that Thursday'],
    ['2017-07-01', '2017-07-05', 'received on a Saturday: the count starts on Monday'],
    ['2017-07-02', '2017-07-05', 'received on a Sunday: the count starts on Monday'],
    ['2017-07-07', '2017-07-12', 'received on a Friday: the weekend is skipped'],
    [
      '2021-04-01',
      '2021-04-08',
      'received the Thursday before Easter: Good Friday and Easter Monday skipped',
    ],
    ['2023-04-07', '2023-04-13', 'received on Good Friday itself'],
    ['2019-04-18', '2019-04-25', 'received the Thursday before Easter 2019'],
    ['2023-12-22', '2023-12-29', 'received Friday 22 December 2023: Christmas Day and Boxing Day skipped'],
    ['2024-12-24', '2024-12-31', 'received on Christmas Eve 2024'],
    ['2024-12-20', '2024-12-27', 'received the Friday before Christmas 2024'],
    ['2022-12-30', '2023-01-05', 'New Year’s Day 2023 was a Sunday: the substitute Monday 2 January skipped'],
    [
      '2022-09-16',
      '2022-09-22',
      'the State Funeral of Queen Elizabeth II, Monday 19 September 2022, skipped',
    ],
    ['2022-09-19', '2022-09-22', 'received on the day of the State Funeral itself'],
    ['2023-05-05', '2023-05-11', 'the coronation of King Charles III, Monday 8 May 2023, skipped'],
    ['2023-04-27', '2023-05-03', 'the Early May bank holiday, 1 May 2023, skipped'],
  ])('received %s, acknowledge by %s (%s)', (received, due) => {
    expect(acknowledgementDueDate(received)).toBe(due);
  });
});

describe('acknowledgedOnTime (SI 2009/309 reg 13(1))', () => {
  it.each([
    ['2021-04-01', '2021-04-01', true, 'acknowledged the day it arrived'],
    ['2021-04-01', '2021-04-08', true, 'acknowledged on the third working day, after Easter'],
    ['2021-04-01', '2021-04-09', false, 'acknowledged on the fourth working day'],
    ['2021-04-01', '2021-04-05', true, 'acknowledged on Easter Monday, a bank holiday, before the due date'],
    ['2017-07-01', '2017-07-05', true, 'received on a Saturday, acknowledged on Wednesday'],
    ['2017-07-01', '2017-07-06', false, 'received on a Saturday, acknowledged on Thursday'],
    ['2023-05-05', '2023-05-11', true, 'the coronation bank holiday gave one more calendar day'],
    ['2022-09-16', '2022-09-21', true, 'the State Funeral bank holiday did not count'],
  ])('received %s, acknowledged %s: on time %s (%s)', (received, acknowledged, onTime) => {
    expect(acknowledgedOnTime(received, acknowledged)).toBe(onTime);
  });

  it('refuses an acknowledgement dated before the complaint arrived', () => {
    expect(() => acknowledgedOnTime('2017-07-03', '2017-07-02')).toThrow(
      'The complaint cannot be acknowledged before it was received on 3 July 2017',
    );
  });

  it('refuses a date that does not exist', () => {
    expect(() => acknowledgedOnTime('2017-07-03', '2017-02-30')).toThrow("'2017-02-30' is not a date");
  });
});

describe('deadlineStatus, for work queues', () => {
  it.each([
    ['2017-07-06', '2017-07-06', '2017-07-20', 'done-on-time'],
    ['2017-07-06', '2017-07-07', '2017-07-20', 'done-late'],
    ['2017-07-06', null, '2017-07-05', 'due'],
    ['2017-07-06', null, '2017-07-06', 'due'],
    ['2017-07-06', null, '2017-07-07', 'overdue'],
  ])('due %s, done %s, on %s: %s', (due, done, today, status) => {
    expect(deadlineStatus(due, done, today)).toBe(status);
  });
});

// The 25 working days many trusts use is a local target, not law (DESIGN.md §3): the number is
// the trust's, passed in.
describe('agreedResponseDate, from the local target', () => {
  it.each<[string, number | undefined, string, string]>([
    [
      '2017-07-03',
      undefined,
      '2017-08-07',
      'the default 25 working days, five weeks when no bank holiday intervenes',
    ],
    ['2017-08-01', 25, '2017-09-06', 'the Summer bank holiday, 28 August 2017, skipped'],
    ['2023-12-01', 25, '2024-01-10', 'Christmas, Boxing Day and New Year’s Day skipped'],
    ['2019-04-18', 25, '2019-05-29', 'Easter, Early May and Spring bank holidays skipped'],
    ['2017-07-03', 20, '2017-07-31', 'a trust whose local target is 20 working days'],
    ['2017-07-01', 1, '2017-07-03', 'a target of 1 working day, received on a Saturday'],
  ])('received %s with a target of %s working days: %s (%s)', (received, target, expected) => {
    expect(agreedResponseDate(received, target)).toBe(expected);
  });

  it.each([0, -5, 2.5])('refuses a target of %s working days', (target) => {
    expect(() => agreedResponseDate('2017-07-03', target)).toThrow(
      'The response target must be a whole number of working days, 1 or more',
    );
  });
});

// SI 2009/309 reg 14: respond within 6 months "commencing on the day on which the complaint was
// received", or a longer period agreed before those 6 months expire. The day of receipt is the
// first day of the period; a month without the corresponding day ends the period on its last day.
describe('statutoryResponseDate (SI 2009/309 reg 14)', () => {
  it.each([
    ['2017-01-01', '2017-06-30', 'received 1 January: six months are January to June'],
    ['2017-07-03', '2018-01-02', 'the day before the corresponding date'],
    ['2017-08-31', '2018-02-28', 'received 31 August: February has no 31st, so 28 February'],
    ['2019-08-31', '2020-02-29', 'received 31 August 2019: 29 February in a leap year'],
    ['2017-09-30', '2018-03-29', 'received 30 September'],
    ['2024-03-01', '2024-08-31', 'received 1 March: March to August'],
  ])('received %s, respond by %s (%s)', (received, expected) => {
    expect(statutoryResponseDate(received)).toBe(expected);
  });
});

const complaint = { receivedDate: '2017-07-03', currentAgreedDate: '2017-08-07' };
const extension = (changes: Partial<Extension> = {}): Extension => ({
  agreedOn: '2017-08-01',
  newAgreedDate: '2017-08-21',
  reason: 'Waiting for the community team’s records',
  ...changes,
});

describe('extensionProblems: a new date agreed with the complainant before the current one expires', () => {
  it('accepts an extension agreed before the current date, moving it later, with a reason', () => {
    expect(extensionProblems(complaint, extension())).toEqual({});
  });

  it('accepts an extension agreed on the current response date itself, before it has expired', () => {
    expect(extensionProblems(complaint, extension({ agreedOn: '2017-08-07' }))).toEqual({});
  });

  it.each<[string, Partial<Extension>, Record<string, string>]>([
    [
      'agreed after the current date had passed',
      { agreedOn: '2017-08-08' },
      {
        agreedOn:
          'The response date of 7 August 2017 had passed: an extension must be agreed with the complainant on or before it',
      },
    ],
    [
      'not later than the current date',
      { newAgreedDate: '2017-08-07' },
      { newAgreedDate: 'The new response date must be after the current one, 7 August 2017' },
    ],
    [
      'earlier than the current date',
      { newAgreedDate: '2017-08-01' },
      { newAgreedDate: 'The new response date must be after the current one, 7 August 2017' },
    ],
    ['without a reason', { reason: '   ' }, { reason: 'Enter the reason for the extension' }],
    [
      'agreed before the complaint arrived',
      { agreedOn: '2017-07-01' },
      {
        agreedOn:
          'The date the extension was agreed must be on or after the date the complaint was received, 3 July 2017',
      },
    ],
    [
      'with no dates',
      { agreedOn: '', newAgreedDate: '2017-02-30' },
      {
        agreedOn: 'Enter the date the extension was agreed with the complainant',
        newAgreedDate: 'Enter the new response date',
      },
    ],
  ])('refuses an extension %s', (_case, changes, problems) => {
    expect(extensionProblems(complaint, extension(changes))).toEqual(problems);
  });
});

describe('latestAgreedResponseDate', () => {
  it('is the first agreed date when there is no extension', () => {
    expect(latestAgreedResponseDate('2017-08-07', [])).toBe('2017-08-07');
  });

  it('is the latest extension, whatever order they are listed in', () => {
    const extensions = [{ newAgreedDate: '2017-09-04' }, { newAgreedDate: '2017-08-21' }];
    expect(latestAgreedResponseDate('2017-08-07', extensions)).toBe('2017-09-04');
  });
});

describe('responseTimeliness: the agreed timescale and the statutory period (SI 2009/309 reg 14)', () => {
  const received = '2017-07-03';
  const firstAgreedDate = '2017-08-07';
  const agreed = (agreedOn: string, newAgreedDate: string): Extension => ({
    agreedOn,
    newAgreedDate,
    reason: 'More time to interview staff',
  });

  it.each<[string, Extension[], string, boolean, boolean, boolean]>([
    ['sent on the agreed date', [], '2017-08-07', true, true, false],
    ['sent the day after the agreed date, with no extension', [], '2017-08-08', false, false, false],
    ['sent within an extension', [agreed('2017-08-01', '2017-08-21')], '2017-08-15', true, false, false],
    [
      'sent after an extension ran out',
      [agreed('2017-08-01', '2017-08-21')],
      '2017-08-22',
      false,
      false,
      false,
    ],
    ['sent on the last day of the six months', [], '2018-01-02', false, false, false],
    ['sent the day after the six months, nothing agreed', [], '2018-01-03', false, false, true],
    [
      'sent after six months within a longer period agreed before they expired',
      [agreed('2017-12-20', '2018-02-28')],
      '2018-02-20',
      true,
      false,
      false,
    ],
  ])('%s', (_case, extensions, sent, withinAgreed, withinFirst, overran) => {
    const timeliness = responseTimeliness({ receivedDate: received, firstAgreedDate, extensions }, sent);
    expect(timeliness).toMatchObject({
      withinAgreedTimescale: withinAgreed,
      withinFirstAgreedTimescale: withinFirst,
      overranStatutoryPeriod: overran,
    });
  });

  it('flags an overrun when the longer period was agreed only after the six months had expired', () => {
    const extensions = [agreed('2017-12-20', '2018-01-15'), agreed('2018-01-10', '2018-02-28')];
    const timeliness = responseTimeliness(
      { receivedDate: received, firstAgreedDate, extensions },
      '2018-02-20',
    );
    expect(timeliness).toEqual({
      latestAgreedResponseDate: '2018-02-28',
      withinAgreedTimescale: true,
      withinFirstAgreedTimescale: false,
      relevantPeriodEnd: '2018-01-15',
      overranStatutoryPeriod: true,
    });
  });

  it('refuses a response dated before the complaint arrived', () => {
    expect(() =>
      responseTimeliness({ receivedDate: received, firstAgreedDate, extensions: [] }, '2017-07-01'),
    ).toThrow('The response cannot be sent before the complaint was received on 3 July 2017');
  });
});

describe('relevantPeriodEnd (SI 2009/309 reg 14)', () => {
  it.each<[string, { agreedOn: string; newAgreedDate: string }[], string]>([
    ['six months when nothing longer is agreed', [], '2018-01-02'],
    [
      'six months when every agreed date falls inside them',
      [{ agreedOn: '2017-08-01', newAgreedDate: '2017-09-04' }],
      '2018-01-02',
    ],
    [
      'a longer period agreed on the last day of the six months',
      [{ agreedOn: '2018-01-02', newAgreedDate: '2018-03-01' }],
      '2018-03-01',
    ],
    [
      'not a longer period agreed after the six months expired',
      [{ agreedOn: '2018-01-03', newAgreedDate: '2018-03-01' }],
      '2018-01-02',
    ],
  ])('is %s', (_case, extensions, end) => {
    expect(relevantPeriodEnd('2017-07-03', extensions)).toBe(end);
  });
});
