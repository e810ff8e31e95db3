import {
  bigint,
  boolean,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { orgId, orgIsolation } from '#src/db/columns.ts';
import { organisations } from '#src/domains/organisations/schema.ts';

/**
 * The append-only audit trail: every write, and every read of a confidential record.
 * Each event carries the hash of the one before it in the same organisation, so that a
 * changed or missing event breaks the chain (checked by `heard audit verify`).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    orgId: orgId(),
    sequence: bigint('sequence', { mode: 'number' }).notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date', precision: 3 }).notNull(),
    actorKind: text('actor_kind', { enum: ['user', 'api_key', 'system'] }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    confidentialRead: boolean('confidential_read').notNull().default(false),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    previousHash: text('previous_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.sequence] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    index('audit_events_entity').on(t.orgId, t.entityType, t.entityId),
    index('audit_events_actor').on(t.orgId, t.actorId),
    index('audit_events_time').on(t.orgId, t.occurredAt),
    orgIsolation('audit_events'),
  ],
).enableRLS();

/** The latest link of each organisation's chain; locked while an event is appended. */
export const auditChainHeads = pgTable(
  'audit_chain_heads',
  {
    orgId: orgId().primaryKey(),
    lastSequence: bigint('last_sequence', { mode: 'number' }).notNull(),
    lastHash: text('last_hash').notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    orgIsolation('audit_chain_heads'),
  ],
).enableRLS();
