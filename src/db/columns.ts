import { sql } from 'drizzle-orm';
import { pgPolicy, pgRole, timestamp, uuid } from 'drizzle-orm/pg-core';
import { applicationRole } from './tenancy.ts';

/** The role created by the first migration; drizzle only refers to it. */
export const heardApp = pgRole(applicationRole).existing();

/** Every tenant-owned table starts with this column, and its primary key starts with it (DESIGN.md §4). */
export const orgId = () => uuid('org_id').notNull();

export const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** The organisation the current transaction is bound to, set by withOrg. */
export const currentOrg = sql`(nullif(current_setting('heard.org_id', true), ''))::uuid`;

/** Row-level security: the application role sees and writes only the current organisation's rows. */
export const orgIsolation = (table: string) =>
  pgPolicy(`${table}_org_isolation`, {
    as: 'permissive',
    for: 'all',
    to: heardApp,
    using: sql`org_id = ${currentOrg}`,
    withCheck: sql`org_id = ${currentOrg}`,
  });
