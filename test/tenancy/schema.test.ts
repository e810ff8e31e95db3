import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationRole } from '#src/db/tenancy.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { rowsOf } from '#test/support/rows.ts';

/**
 * The only tables that belong to no organisation, each with the reason. Every other table must
 * have org_id, row-level security and a primary key starting with org_id (DESIGN.md §4), so that
 * the database keeps organisations apart and Citus can shard by organisation.
 */
const globalTables: Record<string, string> = {
  // A session exists before anyone signs in (it carries the sign-in form's CSRF secret),
  // so it cannot belong to an organisation until then.
  'public.web_sessions': 'sessions begin before sign-in, when no organisation is known',
  // Drizzle's record of which migrations have run: one schema serves every organisation.
  'drizzle.__drizzle_migrations': 'the migrations applied to the whole database',
};

interface TableFacts {
  name: string;
  has_org_id: boolean;
  row_security: boolean;
  first_key_column: string | null;
  owned_by_application_role: boolean;
}

async function tablesOf(database: TestDatabase): Promise<TableFacts[]> {
  return rowsOf<TableFacts>(
    database.db,
    sql`
    select n.nspname || '.' || c.relname as name,
      exists (
        select 1 from pg_attribute a
        where a.attrelid = c.oid and a.attname = 'org_id' and a.attnum > 0 and not a.attisdropped
      ) as has_org_id,
      c.relrowsecurity as row_security,
      (
        select a.attname from pg_index i
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
        where i.indrelid = c.oid and i.indisprimary
      ) as first_key_column,
      pg_get_userbyid(c.relowner) = ${applicationRole} as owned_by_application_role
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p')
      and n.nspname not in ('pg_catalog', 'information_schema')
      and n.nspname not like 'pg\\_%'
    order by 1`,
  );
}

interface PolicyFacts {
  name: string;
  roles: string[] | string;
  qual: string | null;
  with_check: string | null;
}

describe.each(engines)('the migrated schema keeps organisations apart on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let tables: TableFacts[];
    let tenantTables: TableFacts[];
    beforeAll(async () => {
      database = await createTestDatabase(engine);
      tables = await tablesOf(database);
      tenantTables = tables.filter((table) => !(table.name in globalTables));
    });
    afterAll(async () => database?.close());

    it('has tables belonging to organisations to check', () => {
      expect(tenantTables.map((table) => table.name)).toEqual(
        expect.arrayContaining([
          'public.organisations',
          'public.units',
          'public.users',
          'public.audit_events',
        ]),
      );
    });

    it('lists on the global allow-list only tables that exist', () => {
      const names = tables.map((table) => table.name);
      for (const table of Object.keys(globalTables)) expect(names).toContain(table);
    });

    it('gives every table outside the allow-list an org_id column', () => {
      expect(tenantTables.filter((table) => !table.has_org_id).map((table) => table.name)).toEqual([]);
    });

    it('turns on row-level security on every table outside the allow-list', () => {
      expect(tenantTables.filter((table) => !table.row_security).map((table) => table.name)).toEqual([]);
    });

    it('starts every primary key outside the allow-list with org_id, as Citus needs to shard by organisation', () => {
      const wrong = tenantTables
        .filter((table) => table.first_key_column !== 'org_id')
        .map((table) => `${table.name} (primary key starts with ${table.first_key_column ?? 'nothing'})`);
      expect(wrong).toEqual([]);
    });

    it('binds every such table to the current organisation with a policy for the application role', async () => {
      const policies = await rowsOf<PolicyFacts>(
        database.db,
        sql`select schemaname || '.' || tablename as name, roles, qual, with_check from pg_policies`,
      );
      const unbound = tenantTables
        .map((table) => table.name)
        .filter((name) => {
          const policy = policies.find((candidate) => candidate.name === name);
          const roles = Array.isArray(policy?.roles) ? policy.roles : String(policy?.roles ?? '');
          return !(
            policy &&
            roles.includes(applicationRole) &&
            policy.qual?.includes('org_id') &&
            policy.qual.includes('heard.org_id') &&
            policy.with_check?.includes('heard.org_id')
          );
        });
      expect(unbound).toEqual([]);
    });

    it('does not let the application role own a table, since an owner is not bound by row-level security', () => {
      expect(tables.filter((table) => table.owned_by_application_role).map((table) => table.name)).toEqual(
        [],
      );
    });
  });
});
