import { describe, expect, it } from 'vitest';
import {
  auditHash,
  type ChainedFields,
  canonicalJson,
  chainStart,
  findChainBreaks,
  findMissingTail,
  genesisHash,
  type StoredEvent,
} from './rules.ts';

const orgId = '6f1c1b9e-2a7d-4c55-9d0e-0a4c0f2b7e11';

function eventFields(sequence: number, overrides: Partial<ChainedFields> = {}): ChainedFields {
  return {
    orgId,
    sequence,
    occurredAt: new Date(Date.UTC(2025, 3, 1, 9, sequence)),
    actorKind: 'user',
    actorId: 'user-1',
    actorName: 'Pat Officer',
    action: 'complaint.updated',
    entityType: 'complaint',
    entityId: `complaint-${sequence}`,
    confidentialRead: false,
    before: { status: 'open' },
    after: { status: 'closed', outcome: 'upheld' },
    requestId: `request-${sequence}`,
    ...overrides,
  };
}

/** A correctly chained trail of `length` events, as the database would hold it. */
function chainOf(length: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  let previousHash = genesisHash;
  for (let sequence = 1; sequence <= length; sequence += 1) {
    const fields = eventFields(sequence);
    const hash = auditHash(previousHash, fields);
    events.push({ ...fields, previousHash, hash });
    previousHash = hash;
  }
  return events;
}

function at(events: StoredEvent[], sequence: number): StoredEvent {
  const event = events.find((candidate) => candidate.sequence === sequence);
  if (!event) throw new Error(`no event ${sequence}`);
  return event;
}

describe('canonicalJson', () => {
  it.each([
    { value: { b: 1, a: 2 }, expected: '{"a":2,"b":1}', case: 'sorts object keys' },
    { value: { z: { y: 1, x: 2 } }, expected: '{"z":{"x":2,"y":1}}', case: 'sorts keys of nested objects' },
    { value: [3, 1, 2], expected: '[3,1,2]', case: 'keeps the order of arrays' },
    { value: { a: undefined, b: null }, expected: '{"b":null}', case: 'drops undefined, keeps null' },
    { value: undefined, expected: 'null', case: 'writes undefined as null' },
    {
      value: new Date(Date.UTC(2025, 0, 2, 3, 4, 5)),
      expected: '"2025-01-02T03:04:05.000Z"',
      case: 'writes dates as ISO strings',
    },
    { value: 'Ward 3 "A"', expected: '"Ward 3 \\"A\\""', case: 'escapes strings as JSON does' },
  ])('$case', ({ value, expected }) => {
    expect(canonicalJson(value)).toBe(expected);
  });
});

describe('auditHash', () => {
  const base = eventFields(1);
  const original = auditHash(genesisHash, base);

  it('is the same however the keys of before and after are ordered (jsonb reorders them)', () => {
    const reordered = { ...base, after: { outcome: 'upheld', status: 'closed' }, before: { status: 'open' } };
    expect(auditHash(genesisHash, reordered)).toBe(original);
  });

  it.each<[string, Partial<ChainedFields>]>([
    ['sequence', { sequence: 2 }],
    ['occurredAt', { occurredAt: new Date(Date.UTC(2025, 3, 1, 9, 2)) }],
    ['actorKind', { actorKind: 'system' }],
    ['actorId', { actorId: 'user-2' }],
    ['actorName', { actorName: 'Someone Else' }],
    ['action', { action: 'complaint.deleted' }],
    ['entityType', { entityType: 'concern' }],
    ['entityId', { entityId: 'complaint-99' }],
    ['confidentialRead', { confidentialRead: true }],
    ['before', { before: { status: 'closed' } }],
    ['after', { after: { status: 'closed', outcome: 'not upheld' } }],
    ['requestId', { requestId: null }],
    ['orgId', { orgId: '00000000-0000-0000-0000-000000000001' }],
  ])('changes when %s changes', (_field, change) => {
    expect(auditHash(genesisHash, { ...base, ...change })).not.toBe(original);
  });

  it('changes when the link to the previous event changes', () => {
    expect(auditHash('1'.repeat(64), base)).not.toBe(original);
  });
});

describe('findChainBreaks and findMissingTail', () => {
  const trail = chainOf(5);
  const head = { lastSequence: 5, lastHash: at(trail, 5).hash };

  function changed(sequence: number, change: Partial<StoredEvent>): StoredEvent[] {
    return trail.map((event) => (event.sequence === sequence ? { ...event, ...change } : event));
  }

  function swappedSequences(first: number, second: number): StoredEvent[] {
    return trail
      .map((event) =>
        event.sequence === first
          ? { ...event, sequence: second }
          : event.sequence === second
            ? { ...event, sequence: first }
            : event,
      )
      .sort((a, b) => a.sequence - b.sequence);
  }

  it.each([
    { case: 'an intact trail has no breaks', events: trail, breaks: [] },
    {
      case: 'a changed field breaks the event it is in',
      events: changed(3, { after: { status: 'closed', outcome: 'not upheld' } }),
      breaks: [{ sequence: 3, kind: 'changed', problem: 'Event 3 has been changed since it was written' }],
    },
    {
      case: 'a changed actor breaks the event it is in',
      events: changed(2, { actorName: 'Someone Else' }),
      breaks: [{ sequence: 2, kind: 'changed', problem: 'Event 2 has been changed since it was written' }],
    },
    {
      case: 'an event removed from the middle is reported missing, and the next no longer links back',
      events: trail.filter((event) => event.sequence !== 3),
      breaks: [
        { sequence: 3, kind: 'missing', problem: 'Event 3 is missing' },
        { sequence: 4, kind: 'unlinked', problem: 'Event 4 does not point to the event before it' },
      ],
    },
    {
      case: 'several events removed from the middle are reported as a range',
      events: trail.filter((event) => event.sequence !== 2 && event.sequence !== 3),
      breaks: [
        { sequence: 2, kind: 'missing', problem: 'Events 2 to 3 are missing' },
        { sequence: 4, kind: 'unlinked', problem: 'Event 4 does not point to the event before it' },
      ],
    },
    {
      case: 'a re-ordered pair breaks both events and the one after them',
      events: swappedSequences(2, 3),
      breaks: [
        { sequence: 2, kind: 'unlinked', problem: 'Event 2 does not point to the event before it' },
        { sequence: 2, kind: 'changed', problem: 'Event 2 has been changed since it was written' },
        { sequence: 3, kind: 'unlinked', problem: 'Event 3 does not point to the event before it' },
        { sequence: 3, kind: 'changed', problem: 'Event 3 has been changed since it was written' },
        { sequence: 4, kind: 'unlinked', problem: 'Event 4 does not point to the event before it' },
      ],
    },
    {
      case: 'a recomputed hash on a changed event still breaks the link to the next event',
      events: trail.map((event) => {
        if (event.sequence !== 2) return event;
        const forged = { ...event, actorName: 'Someone Else' };
        return { ...forged, hash: auditHash(forged.previousHash, forged) };
      }),
      breaks: [{ sequence: 3, kind: 'unlinked', problem: 'Event 3 does not point to the event before it' }],
    },
    {
      case: 'before and after read back from jsonb with their keys reordered do not break the chain',
      events: trail.map((event) => ({ ...event, after: { outcome: 'upheld', status: 'closed' } })),
      breaks: [],
    },
  ])('$case', ({ events, breaks }) => {
    expect(findChainBreaks(events).breaks).toEqual(breaks);
  });

  it('returns the last link so that a long trail can be checked a batch at a time', () => {
    const first = findChainBreaks(trail.slice(0, 2));
    expect(first.last).toEqual({ sequence: 2, hash: at(trail, 2).hash });
    const rest = findChainBreaks(trail.slice(2), first.last);
    expect(rest.breaks).toEqual([]);
    expect(rest.last).toEqual({ sequence: 5, hash: head.lastHash });
  });

  it('finds nothing to check in an empty trail and ends at the start of the chain', () => {
    expect(findChainBreaks([])).toEqual({ breaks: [], last: chainStart });
  });

  it.each([
    { case: 'a trail that ends where the head says is complete', events: trail, breaks: [] },
    {
      case: 'a trail whose last event was removed is missing its tail',
      events: trail.slice(0, 4),
      breaks: [{ sequence: 5, kind: 'missing', problem: 'Event 5, at the end of the trail, is missing' }],
    },
    {
      case: 'a trail whose last three events were removed is missing its tail',
      events: trail.slice(0, 2),
      breaks: [
        { sequence: 5, kind: 'missing', problem: 'Events 3 to 5, at the end of the trail, are missing' },
      ],
    },
    {
      case: 'a trail whose last event was replaced, hash and all, no longer ends where the head says',
      events: [...trail.slice(0, 4), { ...at(trail, 5), hash: 'f'.repeat(64) }],
      breaks: [
        { sequence: 5, kind: 'changed', problem: 'Event 5 has been changed since it was written' },
        { sequence: 5, kind: 'changed', problem: 'Event 5 is not the event that was written last' },
      ],
    },
  ])('$case', ({ events, breaks }) => {
    const checked = findChainBreaks(events);
    expect([...checked.breaks, ...findMissingTail(checked.last, head)]).toEqual(breaks);
  });

  it('finds no missing tail when the organisation has no chain head yet', () => {
    expect(findMissingTail(chainStart, null)).toEqual([]);
  });
});
