import { describe, expect, it } from 'vitest';
import {
  type ComplaintDeadlinesForAlerts,
  complaintAlertsDue,
  responseReminderDate,
  taskReminderDue,
} from './alert-rules.ts';

// Issue 4, notifications: reminders to investigators before a due date, overdue alerts to the team.
// Working days skip weekends and bank holidays in England (DESIGN.md §3).

const complaint = (changes: Partial<ComplaintDeadlinesForAlerts> = {}): ComplaintDeadlinesForAlerts => ({
  acknowledgementDueDate: '2024-06-06',
  acknowledgedDate: '2024-06-05',
  responseDueDate: '2024-07-08',
  responseSentDate: null,
  withdrawnDate: null,
  hasInvestigator: true,
  ...changes,
});

describe('responseReminderDate', () => {
  it.each([
    ['2024-07-08', 5, '2024-07-01', 'a Monday due date: the Monday before'],
    ['2024-04-05', 5, '2024-03-27', 'Good Friday 29 March and Easter Monday 1 April 2024 skipped'],
    ['2034-12-29', 5, '2034-12-20', 'Christmas Day and Boxing Day 2034 skipped'],
    ['2024-07-08', 1, '2024-07-05', 'one working day before a Monday is the Friday'],
  ])('a response due %s with %i working days’ notice is reminded from %s (%s)', (due, days, from) => {
    expect(responseReminderDate(due, days)).toBe(from);
  });

  it('gives no reminder date beyond the bank-holiday calendar rather than a wrong one', () => {
    expect(responseReminderDate('2036-01-10', 5)).toBeNull();
  });
});

describe('complaintAlertsDue', () => {
  it.each<[string, Partial<ComplaintDeadlinesForAlerts>, string, string[]]>([
    ['six working days before the response is due', {}, '2024-06-28', []],
    ['five working days before the response is due', {}, '2024-07-01', ['response-reminder 2024-07-08']],
    ['on the day the response is due', {}, '2024-07-08', ['response-reminder 2024-07-08']],
    ['the day after the response was due', {}, '2024-07-09', ['response-overdue 2024-07-08']],
    ['five working days before, with no investigator', { hasInvestigator: false }, '2024-07-01', []],
    ['a week after, the response sent', { responseSentDate: '2024-07-05' }, '2024-07-15', []],
    ['a week after, the complaint withdrawn', { withdrawnDate: '2024-06-20' }, '2024-07-15', []],
    [
      'the day after the acknowledgement was due, not yet acknowledged',
      { acknowledgedDate: null },
      '2024-06-07',
      ['acknowledgement-overdue 2024-06-06'],
    ],
    ['on the day the acknowledgement is due', { acknowledgedDate: null }, '2024-06-06', []],
    [
      'long after both deadlines, neither done',
      { acknowledgedDate: null },
      '2024-08-01',
      ['acknowledgement-overdue 2024-06-06', 'response-overdue 2024-07-08'],
    ],
    [
      'five working days before a date moved by an extension',
      { responseDueDate: '2024-07-22' },
      '2024-07-15',
      ['response-reminder 2024-07-22'],
    ],
  ])('%s: %j on %s gives %j', (_when, changes, today, expected) => {
    const alerts = complaintAlertsDue(complaint(changes), today, 5);
    expect(alerts.map((alert) => `${alert.kind} ${alert.dueDate}`)).toEqual(expected);
  });

  it('sends reminders to the investigator and overdue alerts to the team', () => {
    expect(complaintAlertsDue(complaint(), '2024-07-01', 5)[0]?.to).toBe('investigator');
    expect(complaintAlertsDue(complaint(), '2024-07-09', 5)[0]?.to).toBe('team');
  });

  it('reminds as many working days ahead as the trust chooses', () => {
    expect(complaintAlertsDue(complaint(), '2024-06-24', 10)).toHaveLength(1);
    expect(complaintAlertsDue(complaint(), '2024-06-21', 10)).toEqual([]);
  });
});

describe('taskReminderDue', () => {
  it.each([
    ['2024-07-02', '2024-07-01', true, 'due tomorrow'],
    ['2024-07-01', '2024-07-01', false, 'due today: too late to remind'],
    ['2024-07-03', '2024-07-01', false, 'due in two days'],
    ['2024-07-08', '2024-07-05', true, 'due Monday, reminded on the Friday'],
    ['2024-07-06', '2024-07-05', true, 'due Saturday, reminded on the Friday'],
    ['2024-04-02', '2024-03-28', true, 'due the Tuesday after Easter, reminded the Thursday before'],
  ])('a task due %s, on %s: %s (%s)', (dueDate, today, due) => {
    expect(taskReminderDue({ dueDate, completedDate: null }, today)).toBe(due);
  });

  it('does not remind of a task done or with no due date', () => {
    expect(taskReminderDue({ dueDate: '2024-07-02', completedDate: '2024-06-30' }, '2024-07-01')).toBe(false);
    expect(taskReminderDue({ dueDate: null, completedDate: null }, '2024-07-01')).toBe(false);
  });
});
