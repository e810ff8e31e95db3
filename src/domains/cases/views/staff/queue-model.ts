import { addWorkingDays, type IsoDate } from '#src/domains/calendar/index.ts';
import { type FieldErrors, formErrors } from '#src/web/forms.ts';
import type { ComplaintDeadlines } from '../../case-reads.ts';
import type { DeadlineStatus } from '../../deadlines.ts';
import { type FeedbackKind, feedbackKindNames, feedbackKinds } from '../../kinds-and-channels.ts';
import { searchParameter } from '../../saved-views.ts';
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
  /** "My cases": assigned to me as investigator, or logged by me. */
  mine?: boolean;
  /** This unit and everything below it. */
  unitId?: string;
  investigatorUserId?: string;
  /** The search box's words. */
  q?: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Longer than anyone types into a search box; a longer query is cut, not refused. */
export const searchMaxLength = 200;

const oneValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** The filters in a query string, ignoring anything that is not one of the choices. */
export function queueFiltersOf(query: Record<string, unknown>): QueueFilters {
  const pick = <T extends string>(value: unknown, choices: readonly T[]) =>
    choices.find((choice) => choice === oneValue(value));
  const id = (value: unknown) => {
    const text = oneValue(value);
    return typeof text === 'string' && uuidPattern.test(text) ? text.toLowerCase() : undefined;
  };
  const words = oneValue(query[searchParameter]);
  const q = typeof words === 'string' ? words.trim().slice(0, searchMaxLength) : '';
  return {
    kind: pick(query.kind, feedbackKinds),
    status: pick(query.status, recordStatuses),
    deadline: pick(query.deadline, Object.keys(deadlineFilters) as DeadlineFilter[]),
    mine: oneValue(query.mine) === 'yes',
    unitId: id(query.unitId),
    investigatorUserId: id(query.investigatorUserId),
    q: q || undefined,
  };
}

/** The page asked for: a whole number from 1, or the first page. */
export function queuePageOf(query: Record<string, unknown>): number {
  const page = Number(oneValue(query.page));
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The filters as a query string, in one order, without empty ones: what links and saved views hold. */
export function queueQueryString(filters: QueueFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set(searchParameter, filters.q);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.status) params.set('status', filters.status);
  if (filters.deadline) params.set('deadline', filters.deadline);
  if (filters.unitId) params.set('unitId', filters.unitId);
  if (filters.investigatorUserId) params.set('investigatorUserId', filters.investigatorUserId);
  if (filters.mine) params.set('mine', 'yes');
  return params.toString();
}

const queueHref = (filters: QueueFilters, page = 1) => {
  const query = queueQueryString(filters);
  const withPage = page > 1 ? [query, `page=${page}`].filter(Boolean).join('&') : query;
  return withPage ? `/cases?${withPage}` : '/cases';
};

/** Previous and next links, with where they lead; none for a single page. */
export function queuePagination(filters: QueueFilters, page: number, pageCount: number) {
  if (pageCount <= 1) return null;
  return {
    previous:
      page > 1 ? { href: queueHref(filters, page - 1), labelText: `${page - 1} of ${pageCount}` } : undefined,
    next:
      page < pageCount
        ? { href: queueHref(filters, page + 1), labelText: `${page + 1} of ${pageCount}` }
        : undefined,
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

export interface SavedView {
  viewId: string;
  name: string;
  query: string;
}

/** The work queue: the filter and search form as submitted, a page of the cases found, and saved views. */
/** The team's pages for running the service, linked from the queue for those who may use them. */
const serviceLinks = [
  { href: '/cases/import', text: 'Import historic cases' },
  { href: '/cases/retention', text: 'Case files due for retention review' },
  { href: '/letter-templates', text: 'Letter templates' },
];

export function queuePage(input: {
  rows: QueueRow[];
  total: number;
  page: number;
  pageCount: number;
  unitNames: ReadonlyMap<string, string>;
  /** The units this person may filter by, and the investigators. */
  units: readonly { value: string; text: string }[];
  investigators: readonly { value: string; text: string }[];
  filters: QueueFilters;
  savedViews: readonly SavedView[];
  today: IsoDate;
  canLog: boolean;
  /** Whether this person runs the complaints service itself (cases:administer). */
  canAdminister?: boolean;
  /** Whether this person can have cases of their own: assigned to them, or logged by them. */
  hasOwnCases: boolean;
  /** The name given for a view that could not be saved, and why. */
  viewName?: string;
  errors?: FieldErrors;
}) {
  const { filters, today } = input;
  const errors = input.errors ?? {};
  const option = (value: string, text: string, chosen: string | undefined) => ({
    value,
    text,
    selected: value === (chosen ?? ''),
  });
  const choices = (any: string, items: readonly { value: string; text: string }[], chosen?: string) => [
    option('', any, chosen),
    ...items.map((item) => option(item.value, item.text, chosen)),
  ];
  const filtersApplied = queueQueryString({ ...filters, mine: false }) !== '';
  return {
    pageTitle: filters.mine ? 'My cases' : 'Cases',
    heading: filters.mine ? 'My cases' : 'Cases',
    logHref: input.canLog ? '/cases/new' : null,
    serviceLinks: input.canAdminister ? serviceLinks : [],
    myCasesHref: input.hasOwnCases ? '/cases?mine=yes' : null,
    mine: Boolean(filters.mine),
    search: filters.q ?? '',
    kindItems: choices(
      'All kinds',
      feedbackKinds.map((kind) => ({ value: kind, text: feedbackKindNames[kind] })),
      filters.kind,
    ),
    statusItems: choices(
      'Any status',
      recordStatuses.map((status) => ({ value: status, text: statusNames[status] })),
      filters.status,
    ),
    deadlineItems: choices(
      'Any',
      Object.entries(deadlineFilters).map(([value, filter]) => ({ value, text: filter.text })),
      filters.deadline,
    ),
    unitItems: choices('All services you can see', input.units, filters.unitId),
    investigatorItems: choices('Anyone', input.investigators, filters.investigatorUserId),
    clearHref: filtersApplied ? (filters.mine ? '/cases?mine=yes' : '/cases') : null,
    caseCount: input.total,
    pageText: input.pageCount > 1 ? `page ${input.page} of ${input.pageCount}` : null,
    pagination: queuePagination(filters, input.page, input.pageCount),
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
    savedViews: input.savedViews.map((view) => ({
      name: view.name,
      href: view.query ? `/cases?${view.query}` : '/cases',
      deleteAction: `/cases/views/${view.viewId}/delete`,
    })),
    saveView: {
      query: queueQueryString(filters),
      name: input.viewName ?? '',
      errorMessage: errors.name ? { text: errors.name } : undefined,
    },
    ...formErrors(errors, ['name'], () => '#viewName'),
  };
}
