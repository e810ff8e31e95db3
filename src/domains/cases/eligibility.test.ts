import { describe, expect, it } from 'vitest';
import {
  coveredByComplaintsRegulations,
  oralComplaintResolvedNextWorkingDay,
  type TimeLimitCheck,
  type TimeLimitDecision,
  timeLimitAllowsInvestigation,
  timeLimitCheck,
  timeLimitProblem,
  timeLimitWaived,
} from './eligibility.ts';
import type { Channel } from './kinds-and-channels.ts';

describe('coveredByComplaintsRegulations (SI 2009/309 reg 6(1): complaints made from 1 April 2009)', () => {
  it.each([
    ['2009-03-31', false],
    ['2009-04-01', true],
    ['2017-07-03', true],
  ])('a complaint made on %s is covered: %s', (made, covered) => {
    expect(coveredByComplaintsRegulations(made)).toBe(covered);
  });

  it('refuses a date that does not exist', () => {
    expect(() => coveredByComplaintsRegulations('2009-02-29')).toThrow("'2009-02-29' is not a date");
  });
});

// SI 2009/309 reg 8(1)(c): an oral complaint resolved to the complainant's satisfaction not later
// than the next working day after the day it was made is outside the Regulations.
describe('oralComplaintResolvedNextWorkingDay (SI 2009/309 reg 8(1)(c))', () => {
  it.each<[string, string, string | null, Channel, boolean]>([
    ['by phone, resolved the same day', '2017-07-03', '2017-07-03', 'phone', true],
    ['by phone, resolved the next working day', '2017-07-03', '2017-07-04', 'phone', true],
    ['by phone, resolved two working days later', '2017-07-03', '2017-07-05', 'phone', false],
    ['in person on a Friday, resolved on Monday', '2017-07-07', '2017-07-10', 'in-person', true],
    ['in person on a Friday, resolved on Tuesday', '2017-07-07', '2017-07-11', 'in-person', false],
    ['by phone on a Saturday, resolved on Monday', '2017-07-01', '2017-07-03', 'phone', true],
    ['by phone before Easter, resolved on Easter Tuesday', '2021-04-01', '2021-04-06', 'phone', true],
    [
      'by phone before the State Funeral, resolved the Tuesday after',
      '2022-09-16',
      '2022-09-20',
      'phone',
      true,
    ],
    [
      'by phone before the coronation, resolved the Wednesday after',
      '2023-05-05',
      '2023-05-10',
      'phone',
      false,
    ],
    ['by email, resolved the same day: not oral', '2017-07-03', '2017-07-03', 'email', false],
    ['by letter, resolved the next day: not oral', '2017-07-03', '2017-07-04', 'letter', false],
    ['on the web form, resolved the same day: not oral', '2017-07-03', '2017-07-03', 'web-form', false],
    ['by phone, not resolved', '2017-07-03', null, 'phone', false],
  ])('a complaint made %s: %s', (_case, received, resolved, channel, outside) => {
    expect(oralComplaintResolvedNextWorkingDay(received, resolved, channel)).toBe(outside);
  });

  it('refuses a resolution dated before the complaint was made', () => {
    expect(() => oralComplaintResolvedNextWorkingDay('2017-07-03', '2017-07-02', 'phone')).toThrow(
      'A complaint cannot be resolved before it was made on 3 July 2017',
    );
  });
});

// SI 2009/309 reg 12(1): not later than 12 months after the event or, if later, after it came to
// the complainant's notice.
describe('timeLimitCheck (SI 2009/309 reg 12(1))', () => {
  it.each<[string, string, string | null, string, TimeLimitCheck]>([
    [
      'made exactly 12 months after the event',
      '2016-07-01',
      null,
      '2017-07-01',
      { status: 'within', lastDay: '2017-07-01', runsFrom: 'event' },
    ],
    [
      'made 12 months and a day after the event',
      '2016-07-01',
      null,
      '2017-07-02',
      { status: 'outside', lastDay: '2017-07-01', runsFrom: 'event' },
    ],
    [
      'about 29 February 2016, made on 28 February 2017',
      '2016-02-29',
      null,
      '2017-02-28',
      { status: 'within', lastDay: '2017-02-28', runsFrom: 'event' },
    ],
    [
      'about 29 February 2016, made on 1 March 2017',
      '2016-02-29',
      null,
      '2017-03-01',
      { status: 'outside', lastDay: '2017-02-28', runsFrom: 'event' },
    ],
    [
      'about 28 February 2019, made on 29 February 2020',
      '2019-02-28',
      null,
      '2020-02-29',
      { status: 'outside', lastDay: '2020-02-28', runsFrom: 'event' },
    ],
    [
      'about an event years before, made within 12 months of finding out',
      '2015-01-10',
      '2016-05-01',
      '2017-04-30',
      { status: 'within', lastDay: '2017-05-01', runsFrom: 'notice' },
    ],
    [
      'made more than 12 months after finding out',
      '2015-01-10',
      '2016-05-01',
      '2017-05-02',
      { status: 'outside', lastDay: '2017-05-01', runsFrom: 'notice' },
    ],
    [
      'found out on 29 February 2016, made on 28 February 2017',
      '2015-03-01',
      '2016-02-29',
      '2017-02-28',
      { status: 'within', lastDay: '2017-02-28', runsFrom: 'notice' },
    ],
    [
      'found out the day it happened',
      '2016-07-01',
      '2016-07-01',
      '2017-07-01',
      { status: 'within', lastDay: '2017-07-01', runsFrom: 'event' },
    ],
  ])('a complaint %s is %j', (_case, eventDate, noticeDate, receivedDate, expected) => {
    expect(timeLimitCheck({ eventDate, noticeDate, receivedDate })).toEqual(expected);
  });

  it('needs no date of notice', () => {
    expect(timeLimitCheck({ eventDate: '2016-07-01', receivedDate: '2017-07-02' }).status).toBe('outside');
  });

  it.each([
    [
      { eventDate: '2017-07-05', receivedDate: '2017-07-03' },
      'A complaint cannot be received before what it is about happened on 5 July 2017',
    ],
    [
      { eventDate: '2017-07-05', noticeDate: '2017-07-04', receivedDate: '2017-07-10' },
      'The date the complainant found out must be the same as or after the date it happened, 5 July 2017',
    ],
    [
      { eventDate: '2017-07-05', noticeDate: '2017-07-11', receivedDate: '2017-07-10' },
      'The date the complainant found out must be on or before the date the complaint was received, 10 July 2017',
    ],
  ])('refuses dates in an impossible order: %j', (dates, message) => {
    expect(() => timeLimitCheck(dates)).toThrow(message);
  });
});

// SI 2009/309 reg 12(2): the limit does not apply if the complainant had good reason for not
// complaining in time and it is still possible to investigate effectively and fairly.
describe('a complaint made outside the time limit needs a recorded decision (SI 2009/309 reg 12(2))', () => {
  const received = '2017-07-02';
  const outside = timeLimitCheck({ eventDate: '2016-07-01', receivedDate: received });
  const within = timeLimitCheck({ eventDate: '2016-07-01', receivedDate: '2017-07-01' });
  const decision = (changes: Partial<TimeLimitDecision> = {}): TimeLimitDecision => ({
    complainantHadGoodReason: true,
    stillPossibleToInvestigateFairly: true,
    reason: 'In hospital for most of the year; the ward’s records are complete',
    decidedOn: '2017-07-05',
    ...changes,
  });

  it.each<[string, TimeLimitCheck, TimeLimitDecision | null, string | null, boolean]>([
    ['made in time: nothing to decide', within, null, null, true],
    [
      'out of time with no decision',
      outside,
      null,
      'This complaint was made after 1 July 2017, more than 12 months after it happened. Record whether the time limit is waived and why',
      false,
    ],
    ['waived: good reason, and a fair investigation still possible', outside, decision(), null, true],
    [
      'not waived: a good reason, but a fair investigation no longer possible',
      outside,
      decision({ stillPossibleToInvestigateFairly: false }),
      null,
      false,
    ],
    [
      'not waived: no good reason, though it could be investigated',
      outside,
      decision({ complainantHadGoodReason: false }),
      null,
      false,
    ],
    [
      'waived without a reason',
      outside,
      decision({ reason: ' ' }),
      'Enter the reason for the decision on the time limit',
      false,
    ],
    [
      'decided before the complaint arrived',
      outside,
      decision({ decidedOn: '2017-07-01' }),
      'The decision on the time limit must be on or after the date the complaint was received, 2 July 2017',
      false,
    ],
  ])('%s', (_case, check, recorded, problem, allowed) => {
    expect(timeLimitProblem(check, recorded, received)).toBe(problem);
    expect(timeLimitAllowsInvestigation(check, recorded, received)).toBe(allowed);
  });

  it('says when the 12 months ran from the complainant finding out', () => {
    const fromNotice = timeLimitCheck({
      eventDate: '2015-01-10',
      noticeDate: '2016-05-01',
      receivedDate: '2017-05-02',
    });
    expect(timeLimitProblem(fromNotice, null, '2017-05-02')).toBe(
      'This complaint was made after 1 May 2017, more than 12 months after the complainant found out. Record whether the time limit is waived and why',
    );
  });

  it('waives only when both conditions hold', () => {
    expect(timeLimitWaived(decision())).toBe(true);
    expect(timeLimitWaived(decision({ complainantHadGoodReason: false }))).toBe(false);
    expect(timeLimitWaived(decision({ stillPossibleToInvestigateFairly: false }))).toBe(false);
  });
});
