import { addDays, addWorkingDays, type IsoDate } from '#src/domains/calendar/index.ts';
import { Invalid } from '#src/web/errors.ts';
import type { CaseAlertKind } from './schema.ts';

// Issue 4, notifications: reminders to investigators before a due date and overdue alerts to the
// team. These rules say which alerts a case has earned on a day; alerts.ts queues each one once
// per case, kind and due date (table case_alerts), so a deadline moved by an extension earns a
// fresh reminder and running the scheduler again earns nothing new.

/** Who an alert goes to: the case's investigator, the complaints team, or a task's assignee. */
export type AlertAudience = 'investigator' | 'team' | 'assignee';

export interface DueAlert {
  kind: CaseAlertKind;
  /** The deadline the alert is about; with the case and kind, what makes it once only. */
  dueDate: IsoDate;
  to: AlertAudience;
}

/** An open complaint's deadlines as they stand (the response date is the one in force, extensions included). */
export interface ComplaintDeadlinesForAlerts {
  acknowledgementDueDate: IsoDate;
  acknowledgedDate: IsoDate | null;
  responseDueDate: IsoDate;
  responseSentDate: IsoDate | null;
  withdrawnDate: IsoDate | null;
  hasInvestigator: boolean;
}

/** The first day the investigator is reminded: `workingDays` working days before the response is due. */
export function responseReminderDate(responseDueDate: IsoDate, workingDays: number): IsoDate | null {
  try {
    return addWorkingDays(responseDueDate, -workingDays);
  } catch (error) {
    // A due date beyond the bank-holiday calendar: no reminder rather than a wrong one.
    if (error instanceof Invalid) return null;
    throw error;
  }
}

/**
 * The alerts an open complaint has earned on `today`. The investigator is reminded from
 * `reminderWorkingDays` working days before the response is due until the day itself (so a pass
 * missed on the day still reminds them); the team is told once a deadline has passed undone.
 * A withdrawn complaint needs no response (case-reads.ts).
 */
export function complaintAlertsDue(
  complaint: ComplaintDeadlinesForAlerts,
  today: IsoDate,
  reminderWorkingDays: number,
): DueAlert[] {
  const alerts: DueAlert[] = [];
  if (!complaint.acknowledgedDate && today > complaint.acknowledgementDueDate) {
    alerts.push({ kind: 'acknowledgement-overdue', dueDate: complaint.acknowledgementDueDate, to: 'team' });
  }
  const responseDue = complaint.responseDueDate;
  if (complaint.responseSentDate || complaint.withdrawnDate) return alerts;
  if (today > responseDue) {
    alerts.push({ kind: 'response-overdue', dueDate: responseDue, to: 'team' });
    return alerts;
  }
  const remindFrom = responseReminderDate(responseDue, reminderWorkingDays);
  if (complaint.hasInvestigator && remindFrom !== null && today >= remindFrom) {
    alerts.push({ kind: 'response-reminder', dueDate: responseDue, to: 'investigator' });
  }
  return alerts;
}

/** The next working day after `today`, or tomorrow beyond the bank-holiday calendar. */
function nextWorkingDay(today: IsoDate): IsoDate {
  try {
    return addWorkingDays(today, 1);
  } catch (error) {
    if (error instanceof Invalid) return addDays(today, 1);
    throw error;
  }
}

/**
 * Whether a task's assignee is reminded on `today`: it is not done and is due on the next working
 * day (on a Friday, a task due on Saturday, Sunday or Monday).
 */
export function taskReminderDue(
  task: { dueDate: IsoDate | null; completedDate: IsoDate | null },
  today: IsoDate,
): boolean {
  if (!task.dueDate || task.completedDate) return false;
  return task.dueDate > today && task.dueDate <= nextWorkingDay(today);
}
