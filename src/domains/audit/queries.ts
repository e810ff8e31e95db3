import { and, asc, desc, eq, gte, ilike, lte, or, type SQL, sql } from 'drizzle-orm';
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
  text?: string;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  confidentialReadsOnly?: boolean;
  limit: number;
  offset: number;
}

export async function searchEvents(tx: OrgTransaction, orgId: string, search: AuditSearch) {
  const filters: SQL[] = [eq(auditEvents.orgId, orgId)];
  if (search.text) {
    const pattern = `%${search.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const anyMatch = or(
      ilike(auditEvents.actorName, pattern),
      ilike(auditEvents.action, pattern),
      ilike(auditEvents.entityType, pattern),
      ilike(auditEvents.entityId, pattern),
    );
    if (anyMatch) filters.push(anyMatch);
  }
  if (search.actorId) filters.push(eq(auditEvents.actorId, search.actorId));
  if (search.entityType) filters.push(eq(auditEvents.entityType, search.entityType));
  if (search.entityId) filters.push(eq(auditEvents.entityId, search.entityId));
  if (search.from) filters.push(gte(auditEvents.occurredAt, search.from));
  if (search.to) filters.push(lte(auditEvents.occurredAt, search.to));
  if (search.confidentialReadsOnly) filters.push(eq(auditEvents.confidentialRead, true));
  return tx
    .select()
    .from(auditEvents)
    .where(and(...filters))
    .orderBy(desc(auditEvents.sequence))
    .limit(search.limit)
    .offset(search.offset);
}
