import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { NotFound } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import {
  type AuditSearch,
  chainHead,
  countEvents,
  eventBySequence,
  eventsInOrder,
  insertEvent,
  lockChainHead,
  searchEvents,
} from './queries.ts';
import {
  asStoredJson,
  auditHash,
  type ChainBreak,
  chainStart,
  findChainBreaks,
  findMissingTail,
  genesisHash,
} from './rules.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** True when the entry records someone reading a confidential record rather than a write. */
  confidentialRead?: boolean;
}

/**
 * Appends one event to the organisation's audit trail, inside the caller's transaction,
 * so that the write it records and the record of it commit or roll back together.
 */
export async function recordAudit(
  tx: OrgTransaction,
  orgId: string,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  const head = await lockChainHead(tx, orgId, genesisHash);
  const event = {
    orgId,
    sequence: head.lastSequence + 1,
    occurredAt: new Date(),
    actorKind: actor.kind,
    actorId: actor.id,
    actorName: actor.name,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    confidentialRead: entry.confidentialRead ?? false,
    before: asStoredJson(entry.before),
    after: asStoredJson(entry.after),
    requestId: actor.requestId ?? null,
  };
  const hash = auditHash(head.lastHash, event);
  await insertEvent(tx, { ...event, previousHash: head.lastHash, hash });
}

const verifyBatchSize = 5000;

/** Re-reads an organisation's whole trail and reports every place where the chain is broken. */
export async function verifyAuditChain(
  db: Database,
  orgId: string,
): Promise<{ eventsChecked: number; breaks: ChainBreak[] }> {
  return withOrg(db, orgId, async (tx) => {
    const breaks: ChainBreak[] = [];
    let link = chainStart;
    let eventsChecked = 0;
    for (;;) {
      const batch = await eventsInOrder(tx, orgId, link.sequence, verifyBatchSize);
      if (batch.length === 0) break;
      const checked = findChainBreaks(batch, link);
      breaks.push(...checked.breaks);
      link = checked.last;
      eventsChecked += batch.length;
    }
    breaks.push(...findMissingTail(link, await chainHead(tx, orgId)));
    return { eventsChecked, breaks };
  });
}

export async function searchAuditTrail(db: Database, orgId: string, search: AuditSearch) {
  return withOrg(db, orgId, (tx) => searchEvents(tx, orgId, search));
}

/** One page of matching events, newest first, and how many match in all. */
export async function auditTrailPage(db: Database, orgId: string, search: AuditSearch) {
  return withOrg(db, orgId, async (tx) => ({
    events: await searchEvents(tx, orgId, search),
    total: await countEvents(tx, orgId, search),
  }));
}

export async function findAuditEvent(db: Database, orgId: string, sequence: number) {
  const event = await withOrg(db, orgId, (tx) => eventBySequence(tx, orgId, sequence));
  if (!event) throw new NotFound('There is no event with that number in your organisation’s audit trail.');
  return event;
}
