import type { IsoDate } from '#src/domains/calendar/index.ts';
import { formatUkDate } from '#src/web/views.ts';
import { deadlineStatus } from '../../deadlines.ts';
import type { CaseFollowUp } from '../../follow-up-reads.ts';
import { ombudsmanOutcomeNames, ombudsmanStatusNames } from '../../ombudsman.ts';
import type { CasesService } from '../../service.ts';
import type { CaseAction } from '../../staff-access.ts';
import { deadlineTag } from './queue-model.ts';

// The parts of a case page that follow a case on: local resolution meetings, the Ombudsman, the
// concern and complaint an escalation links, learning points and tasks, each with the button
// that adds to it when this person may.

type CaseView = Awaited<ReturnType<CasesService['getCase']>>;

export interface FollowUpContext {
  unitNames: ReadonlyMap<string, string>;
  allowed: (action: CaseAction) => boolean;
  today: IsoDate;
}

const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });

function ombudsmanRows(details: NonNullable<CaseView['details']>) {
  if (!details.ombudsmanReferredDate) return [];
  return [
    row('Referred', formatUkDate(details.ombudsmanReferredDate)),
    row('Status', details.ombudsmanStatus ? ombudsmanStatusNames[details.ombudsmanStatus] : 'Not recorded'),
    row(
      'Outcome',
      details.ombudsmanOutcome ? ombudsmanOutcomeNames[details.ombudsmanOutcome] : 'Not decided yet',
    ),
    ...(details.ombudsmanOutcomeDate ? [row('Decided', formatUkDate(details.ombudsmanOutcomeDate))] : []),
  ];
}

/** A task's tag: where its due date stands on `today`, or simply done or to do when it has none. */
export function taskTag(task: { dueDate: IsoDate | null; completedDate: IsoDate | null }, today: IsoDate) {
  if (task.dueDate)
    return deadlineTag(deadlineStatus(task.dueDate, task.completedDate, today), task.dueDate, today);
  return task.completedDate
    ? { text: 'Done', classes: 'nhsuk-tag--green' }
    : { text: 'To do', classes: 'nhsuk-tag--grey' };
}

/** What links this case to the one it grew from or became, in a sentence with a link. */
function escalationOf(view: CaseView, followUp: CaseFollowUp) {
  if (followUp.escalatedTo) {
    return {
      before: 'This concern was escalated to complaint',
      reference: followUp.escalatedTo.reference,
      href: `/cases/${followUp.escalatedTo.recordId}`,
    };
  }
  if (followUp.escalatedFrom && view.details) {
    return {
      before: 'This complaint grew from concern',
      reference: followUp.escalatedFrom.reference,
      href: `/cases/${followUp.escalatedFrom.recordId}`,
    };
  }
  return null;
}

/** The follow-up sections of a case page and the buttons this person may use in them. */
export function followUpSections(view: CaseView, followUp: CaseFollowUp, context: FollowUpContext) {
  const { record, details } = view;
  const href = `/cases/${record.recordId}`;
  const linkIf = (when: boolean, action: CaseAction, path: string) =>
    when && context.allowed(action) ? `${href}/${path}` : null;
  const referred = Boolean(details?.ombudsmanReferredDate);
  return {
    escalation: escalationOf(view, followUp),
    escalateHref: linkIf(record.kind === 'concern' && !view.escalatedToRecordId, 'escalate', 'escalate'),
    meetings: view.meetings.map((meeting) => ({
      date: meeting.meetingDate,
      attendees: 'attendees' in meeting ? meeting.attendees : 'Withheld',
      notes: 'notes' in meeting ? meeting.notes : null,
    })),
    meetingHref: linkIf(details !== null && record.status === 'open', 'meeting', 'meeting'),
    ombudsman: details ? ombudsmanRows(details) : [],
    // SI 2009/309: the Ombudsman looks at a complaint after the trust's response, so a closed one may be referred.
    referHref: linkIf(
      details !== null && !referred && record.status !== 'withdrawn',
      'ombudsman-referral',
      'ombudsman',
    ),
    ombudsmanOutcomeHref: linkIf(
      referred && !details?.ombudsmanOutcome,
      'ombudsman-outcome',
      'ombudsman-outcome',
    ),
    learningPoints: view.learningPoints.map((point) => ({
      text: point.text,
      unit: context.unitNames.get(point.unitId) ?? 'Unknown service',
      at: point.createdAt,
    })),
    learningHref: linkIf(true, 'learning-point', 'learning'),
    tasks: followUp.tasks.map((task, index) => ({
      description: task.description ?? 'Withheld: you may not see this case’s personal data',
      /** Names the task to a screen reader beside its "Mark as done" button. */
      name: task.description ?? `task ${index + 1}`,
      assignee: task.assigneeName ?? 'Anyone',
      dueDate: task.dueDate,
      completedDate: task.completedDate,
      tag: taskTag(task, context.today),
      doneAction:
        task.completedDate === null && context.allowed('task') ? `${href}/tasks/${task.taskId}/done` : null,
    })),
    taskHref: linkIf(true, 'task', 'tasks'),
  };
}
