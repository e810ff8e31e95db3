import { z } from 'zod';
import type { AuditSearch } from '../queries.ts';

export const auditPageSize = 50;

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** What the person typed into the search form, kept as typed so the form can show it again. */
export interface AuditSearchValues {
  text: string;
  entityType: string;
  entityId: string;
  actor: string;
  from: DateParts;
  to: DateParts;
  confidentialReadsOnly: boolean;
  page: number;
}

export type AuditFilters = Omit<AuditSearch, 'limit' | 'offset'>;

export interface AuditSearchForm {
  values: AuditSearchValues;
  /** Field id (as linked from the error summary) to message. */
  errors: Record<string, string>;
  filters: AuditFilters;
}

const text = z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string().trim().max(200));

const queryShape = z.object({
  q: text,
  entityType: text,
  entityId: text,
  actor: text,
  'from-day': text,
  'from-month': text,
  'from-year': text,
  'to-day': text,
  'to-month': text,
  'to-year': text,
  confidential: text,
  page: text,
});

/** Reads the search form from a query string; a bad date is reported, not thrown. */
export function readAuditSearchForm(query: unknown): AuditSearchForm {
  const parsed = queryShape.safeParse(query ?? {});
  const raw = parsed.success ? parsed.data : queryShape.parse({});
  const values: AuditSearchValues = {
    text: raw.q,
    entityType: raw.entityType,
    entityId: raw.entityId,
    actor: raw.actor,
    from: { day: raw['from-day'], month: raw['from-month'], year: raw['from-year'] },
    to: { day: raw['to-day'], month: raw['to-month'], year: raw['to-year'] },
    confidentialReadsOnly: raw.confidential === 'yes',
    page: Math.max(1, Number.parseInt(raw.page, 10) || 1),
  };
  const errors: Record<string, string> = {};
  const from = readDate(values.from, 'Date from', 'from', errors);
  const to = readDate(values.to, 'Date to', 'to', errors);
  if (from && to && to < from) errors['to-day'] = 'Date to must be the same as or after date from';
  const filters: AuditFilters = {
    text: values.text || undefined,
    entityType: values.entityType || undefined,
    entityId: values.entityId || undefined,
    actor: values.actor || undefined,
    from: from ?? undefined,
    // "To" includes the whole of that day.
    to: to ? new Date(endOfLondonDay(to).getTime() - 1) : undefined,
    confidentialReadsOnly: values.confidentialReadsOnly || undefined,
  };
  return { values, errors, filters };
}

/**
 * A date typed into an NHS date input, as the start of that day in England.
 * Messages follow the design system's date input guidance.
 */
function readDate(parts: DateParts, label: string, id: string, errors: Record<string, string>): Date | null {
  const given = { day: parts.day, month: parts.month, year: parts.year };
  const missing = (['day', 'month', 'year'] as const).filter((part) => !given[part]);
  if (missing.length === 3) return null;
  if (missing.length > 0) {
    errors[`${id}-${missing[0]}`] = `${label} must include a ${missing.join(' and ')}`;
    return null;
  }
  const [day, month, year] = [Number(parts.day), Number(parts.month), Number(parts.year)];
  const valid =
    Number.isInteger(day) &&
    Number.isInteger(month) &&
    Number.isInteger(year) &&
    year >= 1000 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!valid) {
    errors[`${id}-day`] = `${label} must be a real date`;
    return null;
  }
  return startOfLondonDay(year, month, day);
}

/** Midnight in England (GMT or BST) on the given day, as an instant. */
export function startOfLondonDay(year: number, month: number, day: number): Date {
  const midnightUtc = Date.UTC(year, month - 1, day);
  // England is never more than an hour ahead of UTC, so the offset at UTC midnight is the offset at local midnight
  // except on the days the clocks change, which change at 01:00 UTC, after local midnight.
  return new Date(midnightUtc - londonOffsetMinutes(new Date(midnightUtc)) * 60_000);
}

function endOfLondonDay(start: Date): Date {
  const local = new Date(start.getTime() + londonOffsetMinutes(start) * 60_000);
  return startOfLondonDay(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate() + 1);
}

function londonOffsetMinutes(instant: Date): number {
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', timeZoneName: 'shortOffset' })
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name ?? '');
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** The query string for the same search on another page. */
export function searchQueryFor(values: AuditSearchValues, page: number): string {
  const params = new URLSearchParams();
  const add = (name: string, value: string) => {
    if (value) params.append(name, value);
  };
  add('q', values.text);
  add('entityType', values.entityType);
  add('entityId', values.entityId);
  add('actor', values.actor);
  for (const [prefix, parts] of [
    ['from', values.from],
    ['to', values.to],
  ] as const) {
    add(`${prefix}-day`, parts.day);
    add(`${prefix}-month`, parts.month);
    add(`${prefix}-year`, parts.year);
  }
  if (values.confidentialReadsOnly) params.append('confidential', 'yes');
  if (page > 1) params.append('page', String(page));
  const query = params.toString();
  return query ? `?${query}` : '';
}
