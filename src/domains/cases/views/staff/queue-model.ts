import { addWorkingDays, type IsoDate } from '#src/domains/calendar/index.ts';
import type { ComplaintDeadlines } from '../../case-reads.ts';
import type { DeadlineStatus } from '../../deadlines.ts';
import { type FeedbackKind, feedbackKindNames, feedbackKinds } from '../../kinds-and-channels.ts';
import { type RecordStatus, recordStatuses } from '../../schema.ts';

/** A deadline is "due soon" within this many working days, so the team can act before it passes. */
export const dueSoonWorkingDays = 2;

export const statusNames: Record<RecordStatus, string> = Object.fromEntries(
  recordStatuses.map((status) => [status, status.charAt(0).toUpperCase() + status.slice(1)]),
) as Record<RecordStatus, string>;

/** The NHS.UK tag for where a deadline stands on `today`. */
export function deadlineTag(status: DeadlineStatus, dueDate: IsoDate, today: IsoDate) {
  if (status === 'overdue') return { text: 'Overdue', classes: 'nhsuk-tag--red' };
  if (status === 'done-on-time') return { text: 'Done', classes: 'nhsuk-tag--green' };
  if (status === 'done-late') return { text: 'Done late', classes: 'nhsuk-tag--orange' };
  if (dueDate <= addWorkingDays(today, dueSoonWorkingDays)) {
    return { text: 'Due soon', classes: 'nhsuk-tag--yellow' };
  }
  return { text: 'Due', classes: 'nhsuk-tag--grey' };
}

export const deadlineFilters = {
  'acknowledgement-overdue': { which: 'acknowledgement', status: 'overdue', text: 'Acknowledgement overdue' },
  'response-overdue': { which: 'response', status: 'overdue', text: 'Response overdue' },
  'acknowledgement-due': { which: 'acknowledgement', status: 'due', text: 'Acknowledgement due' },
  'response-due': { which: 'response', status: 'due', text: 'Response due' },
} as const;
export type DeadlineFilter = keyof typeof deadlineFilters;

export interface QueueFilters {
  kind?: FeedbackKind;
  status?: RecordStatus;
  deadline?: DeadlineFilter;
  mine?: boolean;
}

/** The filters in a query string, ignoring anything that is not one of the choices. */
export function queueFiltersOf(query: Record<string, unknown>): QueueFilters {
  const pick = <T extends string>(value: unknown, choices: readonly T[]) =>
    choices.find((choice) => choice === value);
  return {
    kind: pick(query.kind, feedbackKinds),
    status: pick(query.status, recordStatuses),
    deadline: pick(query.deadline, Object.keys(deadlineFilters) as DeadlineFilter[]),
    mine: query.mine === 'yes',
  };
}

export interface QueueRow {
  recordId: string;
  reference: string;
  kind: FeedbackKind;
  unitId: string;
  receivedDate: IsoDate;
  status: RecordStatus;
  deadlines: ComplaintDeadlines | null;
}

function deadlineCell(dueDate: IsoDate, status: DeadlineStatus, today: IsoDate) {
  const tag = deadlineTag(status, dueDate, today);
  return { dueDate, tag };
}

/** The work queue: a table of the cases found, and the filter form as it was submitted. */
export function queuePage(input: {
  rows: QueueRow[];
  unitNames: ReadonlyMap<string, string>;
  filters: QueueFilters;
  today: IsoDate;
  canLog: boolean;
  isInvestigator: boolean;
}) {
  const { filters, today } = input;
  const option = (value: string, text: string, chosen: string | undefined) => ({
    value,
    text,
    selected: value === (chosen ?? ''),
  });
  return {
    pageTitle: input.filters.mine ? 'My cases' : 'Cases',
    logHref: input.canLog ? '/cases/new' : null,
    myCasesHref: input.isInvestigator ? '/cases?mine=yes' : null,
    mine: Boolean(filters.mine),
    kindItems: [
      option('', 'All kinds', filters.kind),
      ...feedbackKinds.map((kind) => option(kind, feedbackKindNames[kind], filters.kind)),
    ],
    statusItems: [
      option('', 'Any status', filters.status),
      ...recordStatuses.map((status) => option(status, statusNames[status], filters.status)),
    ],
    deadlineItems: [
      option('', 'Any', filters.deadline),
      ...Object.entries(deadlineFilters).map(([value, filter]) =>
        option(value, filter.text, filters.deadline),
      ),
    ],
    caseCount: input.rows.length,
    rows: input.rows.map((row) => ({
      href: `/cases/${row.recordId}`,
      reference: row.reference,
      kind: feedbackKindNames[row.kind],
      unit: input.unitNames.get(row.unitId) ?? 'Unknown service',
      receivedDate: row.receivedDate,
      acknowledgement: row.deadlines
        ? deadlineCell(row.deadlines.acknowledgementDueDate, row.deadlines.acknowledgement, today)
        : null,
      response: row.deadlines
        ? deadlineCell(row.deadlines.responseDueDate, row.deadlines.response, today)
        : null,
      status: statusNames[row.status],
    })),
  };
}
