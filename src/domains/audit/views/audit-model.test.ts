import { describe, expect, it } from 'vitest';
import type { AuditEventRow } from '../queries.ts';
import {
  auditEventModel,
  auditSearchModel,
  labelFor,
  paginationFor,
  readableFields,
  verifyResultModel,
} from './audit-model.ts';
import { readAuditSearchForm } from './search-form.ts';

const event = (sequence: number, changes: Partial<AuditEventRow> = {}): AuditEventRow => ({
  orgId: 'org',
  sequence,
  occurredAt: new Date('2025-07-01T08:30:00Z'),
  actorKind: 'user',
  actorId: 'user-1',
  actorName: 'Pat Officer',
  action: 'complaint.updated',
  entityType: 'complaint',
  entityId: 'C-1',
  confidentialRead: false,
  before: null,
  after: { status: 'closed' },
  requestId: 'req-1',
  previousHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
  ...changes,
});

describe('labelFor', () => {
  it.each([
    ['displayName', 'Display name'],
    ['closed_on', 'Closed on'],
    ['odsCode', 'Ods code'],
    ['status', 'Status'],
  ])('labels %s as %s', (key, label) => {
    expect(labelFor(key)).toBe(label);
  });
});

describe('readableFields', () => {
  it.each([
    { case: 'nothing recorded gives no rows', value: null, rows: [] },
    {
      case: 'an object gives a row per field',
      value: { status: 'closed', upheld: true, issues: 3, closedOn: null },
      rows: [
        { key: 'Status', value: 'closed' },
        { key: 'Upheld', value: 'Yes' },
        { key: 'Issues', value: '3' },
        { key: 'Closed on', value: 'None' },
      ],
    },
    {
      case: 'a list of plain values is one comma-separated row',
      value: { permissions: ['units:view', 'reports:view'] },
      rows: [{ key: 'Permissions', value: 'units:view, reports:view' }],
    },
    {
      case: 'nested objects and lists of objects are labelled by where they sit',
      value: {
        grants: [{ role: 'administrator' }, { role: 'auditor', unitId: 'u1' }],
        unit: { name: 'Ward 1' },
      },
      rows: [
        { key: 'Grants 1: Role', value: 'administrator' },
        { key: 'Grants 2: Role', value: 'auditor' },
        { key: 'Grants 2: Unit id', value: 'u1' },
        { key: 'Unit: Name', value: 'Ward 1' },
      ],
    },
    { case: 'an empty list says None', value: { grants: [] }, rows: [{ key: 'Grants', value: 'None' }] },
    {
      case: 'a plain value on its own is one row',
      value: 'closed',
      rows: [{ key: 'Value', value: 'closed' }],
    },
    {
      case: 'large numbers are grouped',
      value: { responses: 12345 },
      rows: [{ key: 'Responses', value: '12,345' }],
    },
  ])('$case', ({ value, rows }) => {
    expect(readableFields(value)).toEqual(rows);
  });
});

describe('paginationFor', () => {
  const href = (page: number) => `/audit?page=${page}`;

  it('has no pagination for a single page', () => {
    expect(paginationFor(1, 1, href)).toBeUndefined();
  });

  it('shows the first, last and neighbouring pages with ellipses between', () => {
    const pagination = paginationFor(5, 10, href);
    expect(pagination?.items.map((item) => ('ellipsis' in item ? '…' : item.number))).toEqual([
      '1',
      '…',
      '4',
      '5',
      '6',
      '…',
      '10',
    ]);
    expect(pagination?.items.find((item) => 'current' in item && item.current)).toMatchObject({
      number: '5',
    });
    expect(pagination?.previous).toEqual({ href: '/audit?page=4' });
    expect(pagination?.next).toEqual({ href: '/audit?page=6' });
  });

  it('has no previous link on the first page and no next link on the last', () => {
    expect(paginationFor(1, 3, href)?.previous).toBeUndefined();
    expect(paginationFor(3, 3, href)?.next).toBeUndefined();
  });
});

describe('auditSearchModel', () => {
  it('lists events with when, who, action, what and a link to each, and counts them', () => {
    const form = readAuditSearchForm({ q: 'complaint' });
    const model = auditSearchModel(form, {
      events: [
        event(2, { confidentialRead: true, action: 'complaint.viewed' }),
        event(1, { entityId: null }),
      ],
      total: 120,
    });
    expect(model.resultSummary).toBe('120 events found');
    expect(model.rows[0]).toEqual([
      { text: '1 Jul 2025, 09:30' },
      { text: 'Pat Officer' },
      { text: 'complaint.viewed (confidential read)' },
      { text: 'complaint C-1' },
      { text: 'View', visuallyHiddenText: ' event 2', href: '/audit/2' },
    ]);
    expect(model.rows[1]?.[3]).toEqual({ text: 'complaint' });
    expect(model.pagination?.next).toEqual({ href: '/audit?q=complaint&page=2' });
    expect(model.pagination?.items).toHaveLength(3);
  });

  it('says one event in the singular', () => {
    expect(auditSearchModel(readAuditSearchForm({}), { events: [event(1)], total: 1 }).resultSummary).toBe(
      '1 event found',
    );
  });

  it('lists date errors in the error summary in the order of the form, and marks the boxes', () => {
    const form = readAuditSearchForm({ 'to-day': '40', 'to-month': '1', 'to-year': '2025', 'from-day': '1' });
    const model = auditSearchModel(form, null);
    expect(model.hasErrors).toBe(true);
    expect(model.errorList).toEqual([
      { text: 'Date from must include a month and year', href: '#from-month' },
      { text: 'Date to must be a real date', href: '#to-day' },
    ]);
    expect(model.fromError).toEqual({ text: 'Date from must include a month and year' });
    expect(model.fromItems.map((item) => item.classes)).toEqual([undefined, 'nhsuk-input--error', undefined]);
    expect(model.toItems.every((item) => item.classes === 'nhsuk-input--error')).toBe(true);
    expect(model.resultSummary).toBeUndefined();
  });
});

describe('auditEventModel', () => {
  it('shows the event, what it changed and its hashes', () => {
    const model = auditEventModel(event(7, { before: { status: 'open' }, actorKind: 'api_key' }));
    expect(model.heading).toBe('Event 7: complaint.updated');
    expect(model.details).toContainEqual({ key: { text: 'Kind of actor' }, value: { text: 'API key' } });
    expect(model.before).toEqual([{ key: { text: 'Status' }, value: { text: 'open' } }]);
    expect(model.after).toEqual([{ key: { text: 'Status' }, value: { text: 'closed' } }]);
    expect(model.hashes[1]).toEqual({ key: { text: 'This event’s hash' }, value: { text: 'b'.repeat(64) } });
  });
});

describe('verifyResultModel', () => {
  it('says an intact trail is intact, with the number of events checked', () => {
    expect(verifyResultModel({ eventsChecked: 1234, breaks: [] })).toMatchObject({
      intact: true,
      summary: 'The audit trail is intact: 1,234 events checked',
      breaks: [],
    });
  });

  it('lists each break, linking to the events that are still there', () => {
    const model = verifyResultModel({
      eventsChecked: 9,
      breaks: [
        { sequence: 3, kind: 'missing', problem: 'Event 3 is missing' },
        { sequence: 4, kind: 'unlinked', problem: 'Event 4 does not point to the event before it' },
      ],
    });
    expect(model.intact).toBe(false);
    expect(model.summary).toBe('The audit trail is broken in 2 places: 9 events checked');
    expect(model.breaks).toEqual([
      { text: 'Event 3 is missing', href: undefined },
      { text: 'Event 4 does not point to the event before it', href: '/audit/4' },
    ]);
  });
});
