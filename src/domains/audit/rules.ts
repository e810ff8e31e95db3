import { createHash } from 'node:crypto';
import { canonicalJson } from '#src/db/canonical-json.ts';

/** The hash the first event of every organisation's chain points back to. */
export const genesisHash = '0'.repeat(64);

export interface ChainedFields {
  orgId: string;
  sequence: number;
  occurredAt: Date;
  actorKind: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  confidentialRead: boolean;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export { canonicalJson } from '#src/db/canonical-json.ts';

/** Makes a value exactly what jsonb will give back: dates become strings, undefined disappears. */
export function asStoredJson(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/** SHA-256 over the previous link and every field of the event: change one and the chain breaks. */
export function auditHash(previousHash: string, event: ChainedFields): string {
  const payload = canonicalJson({
    previousHash,
    orgId: event.orgId,
    sequence: event.sequence,
    occurredAt: event.occurredAt.toISOString(),
    actorKind: event.actorKind,
    actorId: event.actorId,
    actorName: event.actorName,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    confidentialRead: event.confidentialRead,
    before: event.before,
    after: event.after,
    requestId: event.requestId,
  });
  return createHash('sha256').update(payload).digest('hex');
}

export interface StoredEvent extends ChainedFields {
  previousHash: string;
  hash: string;
}

/**
 * One place where the chain is broken: an event `changed` since it was written, an event
 * `unlinked` from the one before it, or events `missing`. `problem` says so in a sentence.
 */
export type ChainBreak = { sequence: number; kind: 'changed' | 'unlinked' | 'missing'; problem: string };

/** A link in the chain: the sequence number and hash of an event (0 and the genesis hash before the first). */
export interface ChainLink {
  sequence: number;
  hash: string;
}

export const chainStart: ChainLink = { sequence: 0, hash: genesisHash };

/**
 * Checks events, in sequence order, each against the one before it, starting from `from`.
 * Returns what is broken and the last link, so a long trail can be checked a batch at a time.
 */
export function findChainBreaks(
  events: readonly StoredEvent[],
  from: ChainLink = chainStart,
): { breaks: ChainBreak[]; last: ChainLink } {
  const breaks: ChainBreak[] = [];
  let previous = from;
  for (const event of events) {
    if (event.sequence !== previous.sequence + 1) {
      breaks.push({
        sequence: previous.sequence + 1,
        kind: 'missing',
        problem: gapProblem(previous.sequence, event.sequence),
      });
    }
    if (event.previousHash !== previous.hash) {
      breaks.push({
        sequence: event.sequence,
        kind: 'unlinked',
        problem: `Event ${event.sequence} does not point to the event before it`,
      });
    }
    if (auditHash(event.previousHash, event) !== event.hash) {
      breaks.push({
        sequence: event.sequence,
        kind: 'changed',
        problem: `Event ${event.sequence} has been changed since it was written`,
      });
    }
    previous = { sequence: event.sequence, hash: event.hash };
  }
  return { breaks, last: previous };
}

/** Says which events are missing between two that are present (or that they are out of order). */
function gapProblem(before: number, after: number): string {
  if (after <= before) return `Event ${after} comes after event ${before}: the events are out of order`;
  if (after - before === 2) return `Event ${before + 1} is missing`;
  return `Events ${before + 1} to ${after - 1} are missing`;
}

/** The chain head records the last event written: if the trail ends earlier, events were removed. */
export function findMissingTail(
  last: ChainLink,
  head: { lastSequence: number; lastHash: string } | null,
): ChainBreak[] {
  if (!head || (head.lastSequence === last.sequence && head.lastHash === last.hash)) return [];
  const problem =
    head.lastSequence === last.sequence
      ? `Event ${last.sequence} is not the event that was written last`
      : head.lastSequence < last.sequence
        ? `The trail ends with event ${last.sequence} but event ${head.lastSequence} was written last`
        : head.lastSequence === last.sequence + 1
          ? `Event ${head.lastSequence}, at the end of the trail, is missing`
          : `Events ${last.sequence + 1} to ${head.lastSequence}, at the end of the trail, are missing`;
  return [
    { sequence: head.lastSequence, kind: head.lastSequence > last.sequence ? 'missing' : 'changed', problem },
  ];
}
