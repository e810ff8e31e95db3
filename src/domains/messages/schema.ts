import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, orgId, orgIsolation, updatedAt } from '#src/db/columns.ts';
import { organisations } from '#src/domains/organisations/schema.ts';

export const messageChannels = ['email', 'sms', 'letter'] as const;
export type MessageChannel = (typeof messageChannels)[number];

/**
 * Where a message is. Queued: waiting for its (next) attempt. Sending: claimed by a dispatcher.
 * Sent: GOV.UK Notify accepted it. The rest are Notify's own final statuses, or cancelled.
 */
export const messageStatuses = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'permanent-failure',
  'temporary-failure',
  'technical-failure',
  'cancelled',
] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** What fills a Notify template's ((placeholders)); for a letter, address_line_1 to address_line_7 too. */
export type Personalisation = Record<string, string | number | boolean | null | string[]>;

const moment = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

/**
 * The transactional outbox: a message is written in the same transaction as the change that
 * causes it, and a dispatcher sends it through GOV.UK Notify afterwards, retrying while Notify is
 * unavailable, so that nothing is lost and nothing is sent for a change that rolled back.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    orgId: orgId(),
    messageId: uuid('message_id').notNull().defaultRandom(),
    channel: text('channel', { enum: messageChannels }).notNull(),
    /** The Notify template's UUID. */
    templateId: uuid('template_id').notNull(),
    /** The email address or mobile number; null for a letter, whose address is in the personalisation. */
    recipient: text('recipient'),
    personalisation: jsonb('personalisation').$type<Personalisation>().notNull().default({}),
    /** Sent to Notify with the message: opaque, made by Heard, holding no personal data (DESIGN.md §3). */
    reference: text('reference').notNull(),
    /** A short machine label, such as complaint.acknowledgement. */
    purpose: text('purpose').notNull(),
    relatedEntityType: text('related_entity_type'),
    relatedEntityId: text('related_entity_id'),
    status: text('status', { enum: messageStatuses }).notNull().default('queued'),
    /** How many times Heard has asked Notify to send it. */
    attempts: integer('attempts').notNull().default(0),
    /** When a dispatcher should next act on it: its next send attempt, or its next status check once sent. */
    nextAttemptAt: moment('next_attempt_at').notNull().defaultNow(),
    lastAttemptAt: moment('last_attempt_at'),
    lastError: text('last_error'),
    notifyNotificationId: uuid('notify_notification_id'),
    createdAt: createdAt(),
    sentAt: moment('sent_at'),
    /** When Notify reached a final status (delivered, or a failure). */
    completedAt: moment('completed_at'),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.messageId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    check('outbox_messages_recipient', sql`${t.channel} = 'letter' or ${t.recipient} is not null`),
    // The dispatcher looks across organisations for work due; finished messages need no index entry.
    index('outbox_messages_due')
      .on(t.status, t.nextAttemptAt)
      .where(sql`${t.status} in ('queued', 'sending', 'sent')`),
    // Notify's rate limit counts what every Heard process sent in the last minute.
    index('outbox_messages_last_attempt').on(t.lastAttemptAt),
    // A delivery receipt names Notify's id and our reference, not the organisation.
    index('outbox_messages_notify_id').on(t.notifyNotificationId),
    index('outbox_messages_reference').on(t.reference),
    index('outbox_messages_related').on(t.orgId, t.relatedEntityType, t.relatedEntityId),
    orgIsolation('outbox_messages'),
  ],
).enableRLS();
