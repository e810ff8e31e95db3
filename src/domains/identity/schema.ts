import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, orgId, orgIsolation, updatedAt } from '#src/db/columns.ts';
import { organisations, units } from '#src/domains/organisations/schema.ts';

/** A member of staff who signs in to Heard, locally or through the trust's identity provider. */
export const users = pgTable(
  'users',
  {
    orgId: orgId(),
    userId: uuid('user_id').notNull().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    oidcSubject: text('oidc_subject'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true, mode: 'date' }),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    uniqueIndex('users_email').on(t.orgId, sql`lower(${t.email})`),
    uniqueIndex('users_oidc_subject').on(t.orgId, t.oidcSubject),
    index('users_email_lookup').on(sql`lower(${t.email})`),
    orgIsolation('users'),
  ],
).enableRLS();

export const roles = [
  'administrator',
  'complaints_officer',
  'investigator',
  'service_manager',
  'involvement_lead',
  'executive',
  'auditor',
] as const;
export type Role = (typeof roles)[number];

/** A role held by a user; a service manager's grant names the unit whose subtree it covers. */
export const roleGrants = pgTable(
  'role_grants',
  {
    orgId: orgId(),
    grantId: uuid('grant_id').notNull().defaultRandom(),
    userId: uuid('user_id').notNull(),
    role: text('role', { enum: roles }).notNull(),
    unitId: uuid('unit_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.grantId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.userId] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.orgId, t.unitId], foreignColumns: [units.orgId, units.unitId] }),
    index('role_grants_user').on(t.orgId, t.userId),
    orgIsolation('role_grants'),
  ],
).enableRLS();

/**
 * Server-side web sessions. A global table: a session exists before anyone signs in
 * (it carries the CSRF secret of the sign-in form), so it cannot belong to an organisation.
 * The id stored is a SHA-256 of the cookie's value, so a copy of this table signs nobody in.
 */
export const webSessions = pgTable(
  'web_sessions',
  {
    sessionIdHash: text('session_id_hash').primaryKey(),
    data: jsonb('data').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [index('web_sessions_expiry').on(t.expiresAt)],
);
