import { and, asc, count, desc, eq, gte, ilike, lte, or, type SQL, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { auditChainHeads, auditEvents } from './schema.ts';

export type AuditEventRow = typeof auditEvents.$inferSelect;

/** Locks and returns the organisation's chain head, creating it at the genesis link. */
export async function lockChainHead(tx: OrgTransaction, orgId: string, genesis: string) {
  await tx
    .insert(auditChainHeads)
    .values({ orgId, lastSequence: 0, lastHash: genesis })
    .onConflictDoNothing();
  const [head] = await tx
    .select()
    .from(auditChainHeads)
    .where(eq(auditChainHeads.orgId, orgId))
    .for('update');
  if (!head) throw new Error('audit chain head could not be locked');
  return head;
}

export async function insertEvent(tx: OrgTransaction, event: typeof auditEvents.$inferInsert) {
  await tx.insert(auditEvents).values(event);
  await tx
    .update(auditChainHeads)
    .set({ lastSequence: event.sequence, lastHash: event.hash })
    .where(eq(auditChainHeads.orgId, event.orgId));
}

export async function chainHead(tx: OrgTransaction, orgId: string) {
  const [head] = await tx.select().from(auditChainHeads).where(eq(auditChainHeads.orgId, orgId));
  return head ?? null;
}

export async function eventsInOrder(tx: OrgTransaction, orgId: string, afterSequence: number, limit: number) {
  return tx
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), sql`${auditEvents.sequence} > ${afterSequence}`))
    .orderBy(asc(auditEvents.sequence))
    .limit(limit);
}

export interface AuditSearch {
  /** Matched, in part and ignoring case, against the actor's name, the action and the entity. */
  text?: string;
  actorId?: string;
  /** Matched against the actor's id exactly or, in part and ignoring case, their name. */
  actor?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  confidentialReadsOnly?: boolean;
  limit: number;
  offset: number;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function searchFilters(orgId: string, search: Omit<AuditSearch, 'limit' | 'offset'>): SQL | undefined {
  const filters: (SQL | undefined)[] = [eq(auditEvents.orgId, orgId)];
  if (search.text) {
    const pattern = likePattern(search.text);
    filters.push(
      or(
        ilike(auditEvents.actorName, pattern),
        ilike(auditEvents.action, pattern),
        ilike(auditEvents.entityType, pattern),
        ilike(auditEvents.entityId, pattern),
      ),
    );
  }
  if (search.actorId) filters.push(eq(auditEvents.actorId, search.actorId));
  if (search.actor) {
    filters.push(
      or(eq(auditEvents.actorId, search.actor), ilike(auditEvents.actorName, likePattern(search.actor))),
    );
  }
  if (search.entityType) filters.push(eq(auditEvents.entityType, search.entityType));
  if (search.entityId) filters.push(eq(auditEvents.entityId, search.entityId));
  if (search.from) filters.push(gte(auditEvents.occurredAt, search.from));
  if (search.to) filters.push(lte(auditEvents.occurredAt, search.to));
  if (search.confidentialReadsOnly) filters.push(eq(auditEvents.confidentialRead, true));
  return and(...filters);
}

export async function searchEvents(tx: OrgTransaction, orgId: string, search: AuditSearch) {
  return tx
    .select()
    .from(auditEvents)
    .where(searchFilters(orgId, search))
    .orderBy(desc(auditEvents.sequence))
    .limit(search.limit)
    .offset(search.offset);
}

export async function countEvents(
  tx: OrgTransaction,
  orgId: string,
  search: Omit<AuditSearch, 'limit' | 'offset'>,
) {
  const [row] = await tx.select({ total: count() }).from(auditEvents).where(searchFilters(orgId, search));
  return row?.total ?? 0;
}

export async function eventBySequence(tx: OrgTransaction, orgId: string, sequence: number) {
  const [row] = await tx
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.sequence, sequence)));
  return row ?? null;
}
