import { foreignKey, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, orgIsolation } from '#src/db/columns.ts';
import { organisations } from '#src/domains/organisations/schema.ts';

/** A key an integration (survey vendor, BI tool, trust system) uses to call the JSON API. */
export const apiKeys = pgTable(
  'api_keys',
  {
    orgId: orgId(),
    apiKeyId: uuid('api_key_id').notNull().defaultRandom(),
    name: text('name').notNull(),
    /** SHA-256 of the secret part; the key itself is shown once, when it is made. */
    secretHash: text('secret_hash').notNull(),
    permissions: text('permissions').array().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.apiKeyId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    orgIsolation('api_keys'),
  ],
).enableRLS();
