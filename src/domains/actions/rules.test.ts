import { describe, expect, it } from 'vitest';
import {
  assuranceProblem,
  completionProblem,
  formatDueDate,
  isDigestDay,
  isOverdue,
  overdueAlertDue,
  parseDueDate,
  personalDataIn,
  planProgress,
  publicTextProblem,
  reminderDate,
  reminderDue,
  shownStatus,
  themeProgress,
  todayInEngland,
  weekStarting,
} from './rules.ts';

// Issue 7: an action's status is not started, in progress or completed, and "overdue" is derived
// from its due date and today. A due date is a calendar date in England (Europe/London), so the
// instant that makes an action overdue is London's midnight: 23:00 UTC in summer (BST, UTC+1),
// 00:00 UTC in winter (GMT).
describe('overdue is derived from a London due date and the instant now, across time zones', () => {
  it.each([
    // instant (UTC), due date, overdue?, why
    ['2024-07-01T22:59:59Z', '2024-07-01', false, 'BST: 23:59:59 in London on the due date itself'],
    ['2024-07-01T23:00:00Z', '2024-07-01', true, 'BST: midnight in London, though still 1 July in UTC'],
    ['2024-12-31T23:30:00Z', '2024-12-31', false, 'GMT: 23:30 in London on the due date'],
    ['2025-01-01T00:00:00Z', '2024-12-31', true, 'GMT: London midnight is UTC midnight'],
    ['2024-03-30T23:59:00Z', '2024-03-30', false, 'the night before BST begins (31 March 2024), still GMT'],
    ['2024-03-31T00:30:00Z', '2024-03-30', true, 'the clocks go forward at 01:00 UTC on 31 March 2024'],
    [
      '2024-03-31T23:00:00Z',
      '2024-03-31',
      true,
      'the first BST evening: 23:00 UTC is already 1 April in London',
    ],
    ['2024-10-26T22:59:00Z', '2024-10-26', false, 'the last BST evening: 23:59 in London'],
    ['2024-10-26T23:00:00Z', '2024-10-26', true, 'the last BST midnight, an hour before the clocks go back'],
    ['2024-10-27T23:30:00Z', '2024-10-27', false, 'after the clocks went back (27 October 2024): 23:30 GMT'],
  ])('at %s an action due %s is overdue: %s (%s)', (instant, dueDate, expected) => {
    const today = todayInEngland(new Date(instant));
    expect(isOverdue({ status: 'in-progress', dueDate }, today)).toBe(expected);
  });

  it.each(['UTC', 'America/New_York', 'Pacific/Auckland', 'Europe/London'])(
    'gives the same answers whatever the server’s own time zone (%s)',
    (zone) => {
      const before = process.env.TZ;
      process.env.TZ = zone;
      try {
        expect(todayInEngland(new Date('2024-07-01T23:00:00Z'))).toBe('2024-07-02');
        expect(todayInEngland(new Date('2024-12-31T23:30:00Z'))).toBe('2024-12-31');
      } finally {
        process.env.TZ = before;
      }
    },
  );

  it.each([
    [{ status: 'completed', dueDate: '2014-01-31' }, 'completed', 'a completed action is never overdue'],
    [{ status: 'not-started', dueDate: null }, 'not-started', 'no due date, never overdue'],
    [{ status: 'not-started', dueDate: '2014-03-31' }, 'overdue', 'not started and past its date'],
    [{ status: 'in-progress', dueDate: '2014-04-01' }, 'in-progress', 'due tomorrow'],
  ] as const)('%o is shown as %s on 1 April 2014 (%s)', (action, expected, _why) => {
    expect(shownStatus(action, '2014-04-01')).toBe(expected);
  });
});

// Reminders count working days (weekends and England's bank holidays excluded, as SI 2009/309
// reg 2 counts them), from the calendar domain's data.
describe('reminders fall on working days before the due date', () => {
  it.each([
    ['2024-06-14', 3, '2024-06-11', 'due Friday: reminded the Tuesday before'],
    ['2024-06-17', 3, '2024-06-12', 'due Monday: the weekend is not counted'],
    [
      '2024-04-02',
      3,
      '2024-03-26',
      'due the Tuesday after Easter 2024: Good Friday and Easter Monday skipped',
    ],
    ['2024-04-01', 3, '2024-03-26', 'due on Easter Monday itself'],
    ['2023-12-27', 2, '2023-12-21', 'due after Christmas and Boxing Day 2023'],
    ['2023-05-09', 1, '2023-05-05', 'the coronation bank holiday, Monday 8 May 2023, is skipped'],
  ])('an action due %s with %i working days’ notice is reminded on %s (%s)', (due, days, expected) => {
    expect(reminderDate(due, days)).toBe(expected);
  });

  it.each([
    ['2024-03-25', false, 'before the reminder date'],
    ['2024-03-26', true, 'on the reminder date'],
    ['2024-03-29', true, 'on Good Friday, between reminder and due date'],
    ['2024-04-02', true, 'on the due date'],
    ['2024-04-03', false, 'once overdue, the overdue alert takes over'],
  ])('for an action due 2 April 2024, a reminder is due on %s: %s (%s)', (today, expected) => {
    expect(reminderDue({ status: 'in-progress', dueDate: '2024-04-02' }, today, 3)).toBe(expected);
  });

  it('sends no reminder for a completed action', () => {
    expect(reminderDue({ status: 'completed', dueDate: '2024-04-02' }, '2024-04-01', 3)).toBe(false);
  });

  it.each([
    ['2024-03-28', false, 'the due date itself'],
    ['2024-03-29', false, 'Good Friday: no alert on a bank holiday'],
    ['2024-03-30', false, 'Saturday'],
    ['2024-04-01', false, 'Easter Monday'],
    ['2024-04-02', true, 'the first working day after the due date'],
  ])(
    'for an action due Thursday 28 March 2024, an overdue alert is due on %s: %s (%s)',
    (today, expected) => {
      expect(overdueAlertDue({ status: 'not-started', dueDate: '2024-03-28' }, today)).toBe(expected);
    },
  );

  it.each([
    ['2024-03-25', true, 'an ordinary Monday'],
    ['2024-03-26', false, 'the Tuesday after it'],
    ['2024-04-01', false, 'Easter Monday is a bank holiday'],
    ['2024-04-02', true, 'so the digest goes on the Tuesday'],
    ['2024-04-03', false, 'and not again that week'],
    ['2024-03-31', false, 'a Sunday'],
  ])('the weekly digest goes on %s: %s (%s)', (today, expected) => {
    expect(isDigestDay(today)).toBe(expected);
  });

  it.each([
    ['2024-04-03', '2024-04-01'],
    ['2024-04-07', '2024-04-01'],
    ['2024-04-01', '2024-04-01'],
  ])('the digest week of %s starts on Monday %s', (date, monday) => {
    expect(weekStarting(date)).toBe(monday);
  });
});

describe('a plan’s progress, by status and by CQC key question', () => {
  const today = '2024-06-01';
  const actions = [
    { status: 'completed', dueDate: '2024-05-01', keyQuestion: 'safe', cqcRequirement: 'must-do' },
    { status: 'in-progress', dueDate: '2024-05-01', keyQuestion: 'safe', cqcRequirement: 'must-do' },
    { status: 'in-progress', dueDate: '2024-07-01', keyQuestion: 'safe', cqcRequirement: 'should-do' },
    { status: 'not-started', dueDate: '2024-09-01', keyQuestion: 'caring', cqcRequirement: 'should-do' },
    { status: 'completed', dueDate: null, keyQuestion: 'well-led', cqcRequirement: 'must-do' },
    { status: 'not-started', dueDate: null, keyQuestion: null, cqcRequirement: null },
  ] as const;

  it('counts each action once, overdue in place of its stored status', () => {
    const { counts, percentComplete, withoutKeyQuestion } = planProgress(actions, today);
    expect(counts).toEqual({ 'not-started': 2, 'in-progress': 1, overdue: 1, completed: 2, total: 6 });
    expect(percentComplete).toBe(33);
    expect(withoutKeyQuestion).toBe(1);
  });

  it('splits each key question into must-do and should-do', () => {
    const safe = planProgress(actions, today).byKeyQuestion.find((entry) => entry.keyQuestion === 'safe');
    expect(safe?.counts).toMatchObject({ completed: 1, overdue: 1, 'in-progress': 1, total: 3 });
    expect(safe?.mustDo).toMatchObject({ completed: 1, overdue: 1, total: 2 });
    expect(safe?.shouldDo).toMatchObject({ 'in-progress': 1, total: 1 });
    const keyQuestions = planProgress(actions, today).byKeyQuestion.map((entry) => entry.keyQuestion);
    expect(keyQuestions).toEqual(['safe', 'effective', 'caring', 'responsive', 'well-led']);
  });

  it('has no percentage for a plan without actions', () => {
    expect(planProgress([], today).percentComplete).toBeNull();
  });
});

describe('assurance and completion', () => {
  it.each([
    ['full', 'Audit of 30 care plans found all compliant', null],
    ['limited', '', 'Enter why you give this level of assurance'],
    [null, 'Because', 'Select the level of assurance'],
    [null, null, null],
  ] as const)('assurance %s with reason %o: %o', (level, reason, expected) => {
    expect(assuranceProblem(level, reason)).toBe(expected);
  });

  it.each([
    [0, null, 'Record evidence that the action was done before you mark it completed'],
    [0, '  ', 'Record evidence that the action was done before you mark it completed'],
    [1, null, null],
    [0, 'Training was provided on 17 July 2013', null],
  ])('with %i evidence and action completed %o: %o', (evidence, done, expected) => {
    expect(completionProblem(evidence, done)).toBe(expected);
  });
});

// The independent review's table writes its dates as "Mar-14", "January 2014" or "Feb-13".
describe('due dates as action plans write them', () => {
  it.each([
    ['Mar-14', { date: '2014-03-31', precision: 'month' }, 'Mar-14'],
    ['January 2014', { date: '2014-01-31', precision: 'month' }, 'Jan-14'],
    ['Feb-14', { date: '2014-02-28', precision: 'month' }, 'Feb-14'],
    ['Feb-16', { date: '2016-02-29', precision: 'month' }, 'Feb-16'],
    ['Sept 2014', { date: '2014-09-30', precision: 'month' }, 'Sep-14'],
    ['2014-05-31', { date: '2014-05-31', precision: 'day' }, '2014-05-31'],
    ['9/12/2013', { date: '2013-12-09', precision: 'day' }, '2013-12-09'],
  ] as const)('%s is read as %o and written back as %s', (text, expected, written) => {
    expect(parseDueDate(text)).toEqual(expected);
    expect(formatDueDate(expected)).toBe(written);
  });

  it.each(['soon', 'Marchember 2014', '31/02/2014', '2014-13-01', ''])('%o is not a date', (text) => {
    expect(parseDueDate(text)).toBeNull();
  });
});

// "You said – We did" is published to anyone: nothing in it may say who gave the feedback.
describe('personal data in a public statement', () => {
  it.each([
    ['Families told us discharge plans were not shared with them', []],
    ['Write to jane.smith@example.com', ['an email address']],
    ['Call 01452 891000 for more', ['a phone number']],
    ['Call +44 7700 900123', ['a phone number']],
    ['Mrs Jones said the ward was noisy', ['a person’s name']],
    ['Her NHS number is 943 476 5919', ['an NHS number']],
    ['A made-up number 943 476 5918 fails its check digit', []],
    ['Lives at GL1 2AB', ['a postcode']],
    ['About C-2017-00042', ['a case reference']],
    ['DOB 1 April 1970', ['a date of birth']],
  ])('%s: %o', (text, expected) => {
    expect(personalDataIn(text)).toEqual(expected);
  });

  it.each([
    ['you said', '', 'Enter you said'],
    ['you said', 'x'.repeat(601), 'You said must be 600 characters or fewer'],
    [
      'we did',
      'We met Mr Brown',
      'We did must not include personal details: it seems to include a person’s name',
    ],
    ['we did', 'We added artwork to the ward', null],
  ])('%s %o: %o', (label, text, expected) => {
    expect(publicTextProblem(label, text)).toBe(expected);
  });
});

// The seed report: Table 17 lists this quarter's themes with the action plan "to be sought" from
// locality leads; Table 18 lists last quarter's, each locality's plan and the date assurance came.
describe('an organisational learning theme’s progress through the localities', () => {
  const localities = ['herefordshire', 'cyps', 'countywide'];
  const plan = (unitId: string, assuranceReceivedDate: string | null = null) => ({
    unitId,
    actionPlan: `${unitId}: reminded at team meetings`,
    assuranceReceivedDate,
  });
  it.each([
    [[], 'action-plans-sought', 3, 3],
    [[plan('herefordshire'), plan('cyps')], 'action-plans-sought', 1, 3],
    [[plan('herefordshire'), plan('cyps'), plan('countywide')], 'action-plans-received', 0, 3],
    [
      [plan('herefordshire', '2017-09-01'), plan('cyps', '2017-09-12'), plan('countywide')],
      'action-plans-received',
      0,
      1,
    ],
    [
      [plan('herefordshire', '2017-09-01'), plan('cyps', '2017-09-12'), plan('countywide', '2017-09-20')],
      'assured',
      0,
      0,
    ],
  ] as const)(
    'with responses %o the theme is %s (%i plans and %i assurances awaited)',
    (responses, stage, plans, assurances) => {
      const progress = themeProgress(localities, responses);
      expect(progress.stage).toBe(stage);
      expect(progress.awaitingPlan).toHaveLength(plans);
      expect(progress.awaitingAssurance).toHaveLength(assurances);
    },
  );
});
