import { randomUUID } from 'node:crypto';
import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { Conflict, Invalid, NotFound } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import { cancelQueued, insertMessage, messageById, type OutboxMessageRow, statusCounts } from './queries.ts';
import { messageProblem, messageReference } from './rules.ts';
import type { MessageChannel, MessageStatus, Personalisation } from './schema.ts';

export type { OutboxMessageRow };

/** A message another domain asks Heard to send. */
export interface NewMessage {
  channel: MessageChannel;
  /** The GOV.UK Notify template's id. */
  templateId: string;
  /** The email address or mobile number; leave out for a letter (its address goes in the personalisation). */
  recipient?: string | null;
  personalisation?: Personalisation;
  /** A short machine label such as complaint.acknowledgement. */
  purpose: string;
  /** The record it is about, such as { type: 'complaint', id }. */
  related?: { type: string; id: string };
  /** Not before this moment (a reminder); straight away when left out. */
  sendAfter?: Date;
}

/**
 * Puts a message in the outbox inside the caller's transaction, so that the message and the
 * change that caused it commit (or roll back) together. The dispatcher sends it afterwards.
 * The audit trail records what was queued, not to whom nor with what personal details.
 */
export async function queueMessage(
  tx: OrgTransaction,
  orgId: string,
  actor: Actor,
  message: NewMessage,
): Promise<{ messageId: string; reference: string }> {
  const problem = messageProblem(message);
  if (problem) throw new Invalid(problem);
  const messageId = randomUUID();
  const queued = await insertMessage(tx, {
    orgId,
    messageId,
    channel: message.channel,
    templateId: message.templateId,
    recipient: message.channel === 'letter' ? null : (message.recipient?.trim() ?? null),
    personalisation: message.personalisation ?? {},
    reference: messageReference(messageId),
    purpose: message.purpose,
    relatedEntityType: message.related?.type ?? null,
    relatedEntityId: message.related?.id ?? null,
    ...(message.sendAfter ? { nextAttemptAt: message.sendAfter } : {}),
  });
  await recordAudit(tx, orgId, actor, {
    action: 'message.queued',
    entityType: 'message',
    entityId: messageId,
    after: { messageId, channel: message.channel, purpose: message.purpose, templateId: message.templateId },
  });
  return { messageId: queued.messageId, reference: queued.reference };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findMessage(db: Database, orgId: string, messageId: string): Promise<OutboxMessageRow> {
  const found = uuidPattern.test(messageId)
    ? await withOrg(db, orgId, (tx) => messageById(tx, orgId, messageId))
    : null;
  if (!found) throw new NotFound('There is no message with that id in your organisation.');
  return found;
}

/** Stops a message that is still waiting (a reminder no longer needed). One already sent cannot be recalled. */
export async function cancelQueuedMessage(
  db: Database,
  orgId: string,
  actor: Actor,
  messageId: string,
  now = new Date(),
): Promise<void> {
  const message = await findMessage(db, orgId, messageId);
  await withOrg(db, orgId, async (tx) => {
    const cancelled = await cancelQueued(tx, orgId, messageId, now);
    if (!cancelled) throw new Conflict(`The message cannot be cancelled: it is ${message.status}`);
    await recordAudit(tx, orgId, actor, {
      action: 'message.cancelled',
      entityType: 'message',
      entityId: messageId,
      before: { status: message.status },
      after: { status: 'cancelled' },
    });
  });
}

/** How many of the organisation's messages are in each status. */
export async function messageStatusCounts(
  db: Database,
  orgId: string,
): Promise<Partial<Record<MessageStatus, number>>> {
  const rows = await withOrg(db, orgId, (tx) => statusCounts(tx, orgId));
  return Object.fromEntries(rows.map((row) => [row.status, row.messages]));
}
