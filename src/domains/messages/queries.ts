import { and, asc, count, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { dueStatuses, messageReference } from './rules.ts';
import { type MessageStatus, outboxMessages } from './schema.ts';

const t = outboxMessages;

export type OutboxMessageRow = typeof outboxMessages.$inferSelect;

/** A message as the dispatcher knows it while it looks across organisations: ids only, no content. */
export interface ClaimedMessage {
  orgId: string;
  messageId: string;
  attempts: number;
}

export async function insertMessage(tx: OrgTransaction, message: typeof outboxMessages.$inferInsert) {
  const [row] = await tx
    .insert(outboxMessages)
    .values(message)
    .returning({ messageId: t.messageId, reference: t.reference, status: t.status });
  if (!row) throw new Error('message was not queued');
  return row;
}

/** Messages asked of Notify in the minute before `now`, by every Heard process (one key serves them all). */
export async function attemptsSince(tx: OrgTransaction, since: Date): Promise<number> {
  const [row] = await tx.select({ attempts: count() }).from(t).where(gt(t.lastAttemptAt, since));
  return row?.attempts ?? 0;
}

/**
 * Marks up to `limit` due messages, of any organisation, as being sent by this dispatcher until
 * `leaseUntil`. SKIP LOCKED lets dispatchers in several Heard processes claim at the same time,
 * each passing over the rows another is claiming, so that no message is claimed twice.
 */
export async function claimDueMessages(
  tx: OrgTransaction,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedMessage[]> {
  const due = tx
    .select({ orgId: t.orgId, messageId: t.messageId })
    .from(t)
    .where(and(inArray(t.status, [...dueStatuses]), lte(t.nextAttemptAt, now)))
    .orderBy(asc(t.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return tx
    .update(t)
    .set({ status: 'sending', nextAttemptAt: leaseUntil, lastAttemptAt: now, updatedAt: now })
    .where(sql`(${t.orgId}, ${t.messageId}) in (${due})`)
    .returning({ orgId: t.orgId, messageId: t.messageId, attempts: t.attempts });
}

/** Sent messages whose status is due to be checked, claimed for `leaseUntil` as above. */
export async function claimStatusChecks(
  tx: OrgTransaction,
  now: Date,
  sentSince: Date,
  leaseUntil: Date,
  limit: number,
) {
  const due = tx
    .select({ orgId: t.orgId, messageId: t.messageId })
    .from(t)
    .where(
      and(
        eq(t.status, 'sent'),
        lte(t.nextAttemptAt, now),
        gt(t.sentAt, sentSince),
        sql`${t.notifyNotificationId} is not null`,
      ),
    )
    .orderBy(asc(t.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return tx
    .update(t)
    .set({ nextAttemptAt: leaseUntil })
    .where(sql`(${t.orgId}, ${t.messageId}) in (${due})`)
    .returning({ orgId: t.orgId, messageId: t.messageId });
}

/** Run as system: a delivery receipt names Notify's id and Heard's reference, not the organisation. */
export async function messageOfReceipt(tx: OrgTransaction, notificationId: string, messageId: string | null) {
  const [row] = await tx
    .select({ orgId: t.orgId, messageId: t.messageId })
    .from(t)
    .where(
      or(
        eq(t.notifyNotificationId, notificationId),
        messageId ? eq(t.reference, messageReference(messageId)) : undefined,
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function messageById(tx: OrgTransaction, orgId: string, messageId: string) {
  const [row] = await tx
    .select()
    .from(t)
    .where(and(eq(t.orgId, orgId), eq(t.messageId, messageId)));
  return row ?? null;
}

const byId = (orgId: string, messageId: string) => and(eq(t.orgId, orgId), eq(t.messageId, messageId));

/**
 * Notify accepted the message. A delivery receipt may already have moved it on (receipts can
 * overtake this write), so only a message still being sent becomes 'sent'.
 */
export async function markSent(
  tx: OrgTransaction,
  orgId: string,
  messageId: string,
  result: { notificationId: string; attempts: number; sentAt: Date; nextCheckAt: Date },
) {
  await tx
    .update(t)
    .set({
      status: sql`case when ${t.status} = 'sending' then 'sent' else ${t.status} end`,
      notifyNotificationId: result.notificationId,
      attempts: result.attempts,
      sentAt: result.sentAt,
      nextAttemptAt: result.nextCheckAt,
      lastError: null,
      updatedAt: result.sentAt,
    })
    .where(byId(orgId, messageId));
}

/** Records a failed attempt: queued again for later, or failed for good. */
export async function markAttemptFailed(
  tx: OrgTransaction,
  orgId: string,
  messageId: string,
  outcome: {
    status: MessageStatus;
    attempts: number;
    lastError: string;
    nextAttemptAt?: Date;
    now: Date;
  },
) {
  await tx
    .update(t)
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      lastError: outcome.lastError,
      ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
      ...(outcome.status === 'queued' ? {} : { completedAt: outcome.now }),
      updatedAt: outcome.now,
    })
    .where(and(byId(orgId, messageId), eq(t.status, 'sending')));
}

/** Hands a claimed message back untried (Notify went down during the batch). */
export async function releaseClaim(
  tx: OrgTransaction,
  orgId: string,
  messageId: string,
  nextAttemptAt: Date,
  now: Date,
) {
  await tx
    .update(t)
    .set({ status: 'queued', nextAttemptAt, updatedAt: now })
    .where(and(byId(orgId, messageId), eq(t.status, 'sending')));
}

/**
 * Records a status Notify reported, unless the message has already reached a final one (Notify
 * repeats receipts, and polling and callbacks may report the same change). Returns whether it changed.
 */
export async function markNotifyStatus(
  tx: OrgTransaction,
  orgId: string,
  messageId: string,
  change: { status: MessageStatus; notificationId: string; completedAt: Date | null; now: Date },
): Promise<boolean> {
  const updated = await tx
    .update(t)
    .set({
      status: change.status,
      notifyNotificationId: change.notificationId,
      completedAt: change.completedAt,
      updatedAt: change.now,
    })
    .where(
      and(
        byId(orgId, messageId),
        inArray(t.status, ['sending', 'sent']),
        sql`${t.status} <> ${change.status}`,
      ),
    )
    .returning({ messageId: t.messageId });
  return updated.length > 0;
}

export async function setNextStatusCheck(tx: OrgTransaction, orgId: string, messageId: string, at: Date) {
  await tx
    .update(t)
    .set({ nextAttemptAt: at })
    .where(and(byId(orgId, messageId), eq(t.status, 'sent')));
}

export async function cancelQueued(tx: OrgTransaction, orgId: string, messageId: string, now: Date) {
  const [row] = await tx
    .update(t)
    .set({ status: 'cancelled', completedAt: now, updatedAt: now })
    .where(and(byId(orgId, messageId), eq(t.status, 'queued')))
    .returning({ messageId: t.messageId });
  return row ?? null;
}

export async function statusCounts(tx: OrgTransaction, orgId: string) {
  return tx
    .select({ status: t.status, messages: count() })
    .from(t)
    .where(eq(t.orgId, orgId))
    .groupBy(t.status);
}
