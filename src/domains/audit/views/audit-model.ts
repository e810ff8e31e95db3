import { errorSummaryList } from '#src/web/forms.ts';
import { formatUkDateTime } from '#src/web/views.ts';
import type { AuditEventRow } from '../queries.ts';
import type { ChainBreak } from '../rules.ts';
import { type AuditSearchForm, auditPageSize, searchQueryFor } from './search-form.ts';

const count = (value: number) => value.toLocaleString('en-GB');
const plural = (value: number, one: string, many: string) => `${count(value)} ${value === 1 ? one : many}`;

/** Field ids in the order they appear on the form, so the error summary lists them in that order. */
const fieldOrder = ['from-day', 'from-month', 'from-year', 'to-day', 'to-month', 'to-year'];

function dateInputItems(prefix: 'from' | 'to', form: AuditSearchForm) {
  const parts = form.values[prefix];
  const hasError = (part: string) => Boolean(form.errors[`${prefix}-${part}`]);
  const anyError = ['day', 'month', 'year'].some(hasError);
  return (['day', 'month', 'year'] as const).map((part) => ({
    id: `${prefix}-${part}`,
    name: `${prefix}-${part}`,
    label: part[0]?.toUpperCase() + part.slice(1),
    value: parts[part],
    width: part === 'year' ? 4 : 2,
    // A message about the whole date marks all three boxes; one about a missing part marks that part.
    classes:
      (form.errors[`${prefix}-day`]?.includes('real date') && anyError) || hasError(part)
        ? 'nhsuk-input--error'
        : undefined,
  }));
}

function dateError(prefix: 'from' | 'to', errors: Record<string, string>) {
  const message = ['day', 'month', 'year'].map((part) => errors[`${prefix}-${part}`]).find(Boolean);
  return message ? { text: message } : undefined;
}

/** Numbered NHS pagination: the first, last and nearby pages, with ellipses between. */
export function paginationFor(current: number, pages: number, hrefFor: (page: number) => string) {
  if (pages <= 1) return undefined;
  const shown = [...new Set([1, current - 1, current, current + 1, pages])]
    .filter((page) => page >= 1 && page <= pages)
    .sort((a, b) => a - b);
  const items: ({ number: string; href: string; current: boolean } | { ellipsis: true })[] = [];
  shown.forEach((page, index) => {
    const previous = shown[index - 1];
    if (previous !== undefined && page - previous > 1) items.push({ ellipsis: true });
    items.push({ number: String(page), href: hrefFor(page), current: page === current });
  });
  return {
    items,
    previous: current > 1 ? { href: hrefFor(current - 1) } : undefined,
    next: current < pages ? { href: hrefFor(current + 1) } : undefined,
  };
}

export function eventWhat(event: Pick<AuditEventRow, 'entityType' | 'entityId'>): string {
  return event.entityId ? `${event.entityType} ${event.entityId}` : event.entityType;
}

/** The audit trail search page: the form as typed, its errors and a page of results. */
export function auditSearchModel(
  form: AuditSearchForm,
  results: { events: readonly AuditEventRow[]; total: number } | null,
) {
  const errorList = errorSummaryList(form.errors, fieldOrder);
  const total = results?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / auditPageSize));
  return {
    pageTitle: 'Audit trail',
    hasErrors: errorList.length > 0,
    errorList,
    values: form.values,
    fromItems: dateInputItems('from', form),
    toItems: dateInputItems('to', form),
    fromError: dateError('from', form.errors),
    toError: dateError('to', form.errors),
    resultSummary: results ? `${plural(total, 'event', 'events')} found` : undefined,
    head: [{ text: 'When' }, { text: 'Who' }, { text: 'Action' }, { text: 'What' }, { text: 'Event' }],
    rows: (results?.events ?? []).map((event) => [
      { text: formatUkDateTime(event.occurredAt) },
      { text: event.actorName },
      { text: event.confidentialRead ? `${event.action} (confidential read)` : event.action },
      { text: eventWhat(event) },
      { text: 'View', visuallyHiddenText: ` event ${event.sequence}`, href: `/audit/${event.sequence}` },
    ]),
    pagination: paginationFor(
      Math.min(form.values.page, pages),
      pages,
      (page) => `/audit${searchQueryFor(form.values, page)}`,
    ),
  };
}

/** "displayName" → "Display name", "closed_on" → "Closed on". */
export function labelFor(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function readableValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'None';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return count(value);
  return JSON.stringify(value);
}

/**
 * A stored before or after value as rows of label and value: nested objects and lists of
 * objects become labels such as "Grants 1: Role", lists of plain values a comma-separated line.
 */
export function readableFields(value: unknown, prefix = ''): { key: string; value: string }[] {
  const isPlain = (item: unknown) => item === null || typeof item !== 'object';
  if (isPlain(value))
    return prefix || value !== null ? [{ key: prefix || 'Value', value: readableValue(value) }] : [];
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ key: prefix || 'Value', value: 'None' }];
    if (value.every(isPlain)) return [{ key: prefix || 'Value', value: value.map(readableValue).join(', ') }];
    return value.flatMap((item, index) => readableFields(item, `${prefix || 'Item'} ${index + 1}`));
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) =>
    readableFields(item, prefix ? `${prefix}: ${labelFor(key)}` : labelFor(key)),
  );
}

const summaryRows = (rows: { key: string; value: string }[]) =>
  rows.map((row) => ({ key: { text: row.key }, value: { text: row.value } }));

/** One event: who did what, when, and what it changed, with the hashes that chain it. */
export function auditEventModel(event: AuditEventRow) {
  return {
    pageTitle: `Audit event ${event.sequence}`,
    backLinkHref: '/audit',
    heading: `Event ${event.sequence}: ${event.action}`,
    details: summaryRows([
      { key: 'When', value: formatUkDateTime(event.occurredAt) },
      { key: 'Who', value: event.actorName },
      { key: 'Kind of actor', value: actorKindNames[event.actorKind] },
      { key: 'Actor id', value: event.actorId ?? 'None' },
      { key: 'Action', value: event.action },
      { key: 'What', value: eventWhat(event) },
      { key: 'Read of a confidential record', value: event.confidentialRead ? 'Yes' : 'No' },
      { key: 'Request reference', value: event.requestId ?? 'None' },
    ]),
    before: summaryRows(readableFields(event.before)),
    after: summaryRows(readableFields(event.after)),
    hashes: summaryRows([
      { key: 'Previous event’s hash', value: event.previousHash },
      { key: 'This event’s hash', value: event.hash },
    ]),
  };
}

const actorKindNames: Record<AuditEventRow['actorKind'], string> = {
  user: 'Member of staff',
  api_key: 'API key',
  system: 'Heard itself',
};

/** The result of checking the chain: intact with the number checked, or each break. */
export function verifyResultModel(result: { eventsChecked: number; breaks: readonly ChainBreak[] }) {
  const intact = result.breaks.length === 0;
  return {
    pageTitle: intact ? 'The audit trail is intact' : 'The audit trail has been changed',
    backLinkHref: '/audit',
    intact,
    summary: intact
      ? `The audit trail is intact: ${plural(result.eventsChecked, 'event', 'events')} checked`
      : `The audit trail is broken in ${plural(result.breaks.length, 'place', 'places')}: ${plural(result.eventsChecked, 'event', 'events')} checked`,
    // A missing event has no page of its own to link to.
    breaks: result.breaks.map((item) => ({
      text: item.problem,
      href: item.kind === 'missing' ? undefined : `/audit/${item.sequence}`,
    })),
  };
}
