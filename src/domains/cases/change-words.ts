import { isoDateInLondon } from '#src/domains/calendar/index.ts';

// Issue 4, concurrency: when a save is refused because the case moved on, the person is told what
// changed since they opened the page, in plain words, from the case's audit trail.

/** One change to a case as the audit trail recorded it. */
export interface CaseChange {
  actorName: string;
  action: string;
  occurredAt: Date;
  /** The audit event's `after`; for an edit of the details, it names the fields changed. */
  after: unknown;
}

/** What each audited change did, after the person's name. Unknown actions read "changed the case". */
export const changeWords: Record<string, string> = {
  'case.details-edited': 'changed the details',
  'case.note-added': 'added a note',
  'case.learning-point-added': 'added a learning point',
  'complaint.acknowledged': 'recorded the acknowledgement',
  'complaint.extension-agreed': 'agreed a later response date',
  'complaint.investigator-assigned': 'changed the investigator',
  'complaint.time-limit-decided': 'decided on the time limit',
  'complaint.issue-added': 'added an issue',
  'complaint.issue-outcome-recorded': 'recorded an issue’s outcome',
  'complaint.closed': 'closed the complaint',
  'complaint.withdrawn': 'recorded the withdrawal',
  'complaint.reopened': 'reopened the complaint',
  'complaint.meeting-recorded': 'recorded a local resolution meeting',
  'complaint.ombudsman-referred': 'recorded the referral to the Ombudsman',
  'complaint.ombudsman-outcome-recorded': 'recorded the Ombudsman’s decision',
  'concern.escalated': 'escalated the concern to a complaint',
  'concern.staff-groups-recorded': 'recorded the staff groups involved',
  'complaint.ko41a-recorded': 'recorded the patient’s age and who complained',
  'complaint.issue-ko41a-recorded': 'recorded an issue’s service area',
  'case.task-added': 'added a task',
  'case.task-done': 'marked a task as done',
  'case.attachment-added': 'added an attachment',
  'case.attachment-deleted': 'deleted an attachment',
  'case.letter-drafted': 'drafted the response letter',
  'case.response-letter-drafted': 'drafted the response letter',
  'case.response-letter-saved': 'saved the response letter',
  'complaint.litigation-recorded': 'recorded litigation',
  'case.file-retained': 'decided to keep the file',
  'case.file-destroyed': 'destroyed the file',
  'case.resolved': 'recorded the resolution',
};

/** The names of a case's fields as the edit details page shows them. */
export const detailFieldWords: Record<string, string> = {
  summary: 'summary',
  unitId: 'service',
  channel: 'how it reached us',
  receivedDate: 'date received',
  eventDate: 'date it happened',
  noticeDate: 'date they found out',
  personName: 'name',
  contactDetails: 'contact details',
  narrative: 'account of what happened',
  desiredOutcome: 'outcome they want',
};

/** At most this many changes are spelt out; the rest are counted. */
const changesNamed = 3;

function listed(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

function changedFieldsOf(after: unknown): string[] {
  if (!after || typeof after !== 'object' || !('changedFields' in after)) return [];
  const fields = (after as { changedFields: unknown }).changedFields;
  return Array.isArray(fields) ? fields.map((field) => detailFieldWords[String(field)] ?? String(field)) : [];
}

function whatWasDone(change: CaseChange): string {
  const words = changeWords[change.action] ?? 'changed the case';
  const fields = changedFieldsOf(change.after);
  return fields.length ? `${words} (${listed(fields)})` : words;
}

const londonTime = (instant: Date) =>
  instant.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });
const londonDay = (instant: Date) =>
  instant.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });

/** "at 10:42" today, "on 3 June 2024 at 10:42" on another day (in England's time). */
function when(instant: Date, now: Date): string {
  const time = `at ${londonTime(instant)}`;
  return isoDateInLondon(instant) === isoDateInLondon(now) ? time : `on ${londonDay(instant)} ${time}`;
}

/**
 * The refusal shown when a case has moved on since the page was opened, naming who did what and
 * when, oldest first: "Since you opened this page, Dana Officer recorded the acknowledgement at
 * 10:42. Check the case and try again."
 */
export function changedSinceMessage(changes: readonly CaseChange[], now: Date): string {
  const inOrder = [...changes].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const named = inOrder
    .slice(0, changesNamed)
    .map((change) => `${change.actorName} ${whatWasDone(change)} ${when(change.occurredAt, now)}`);
  const others = inOrder.length - named.length;
  if (others > 0)
    named.push(others === 1 ? 'there was 1 other change' : `there were ${others} other changes`);
  const what = named.length ? listed(named) : 'someone else changed this case';
  return `Since you opened this page, ${what}. Check the case and try again.`;
}
