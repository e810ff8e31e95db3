import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationRole, asSystem, type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { addUser } from '#src/domains/identity/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { databaseErrorOf, rowsOf } from '#test/support/rows.ts';

/** Thrown to end a transaction so that what a test changed is rolled back. */
class RollBack extends Error {}

/**
 * Runs `work` bound to `orgId` as the application does (withOrg), then rolls it back, so each test
 * starts from the same two organisations.
 */
async function tryInOrg<T>(database: TestDatabase, orgId: string, work: (tx: OrgTransaction) => Promise<T>) {
  let outcome: T | undefined;
  await withOrg(database.db, orgId, async (tx) => {
    outcome = await work(tx);
    throw new RollBack();
  }).catch((error: unknown) => {
    if (!(error instanceof RollBack)) throw error;
  });
  return outcome as T;
}

/** Every row of a table, whichever organisation it belongs to. */
const everyRow = (database: TestDatabase, table: 'units' | 'users') =>
  asSystem(database.db, (tx) =>
    rowsOf<{ org_id: string; name: string }>(
      tx,
      sql.raw(`select org_id, ${table === 'units' ? 'name' : 'display_name'} as name from ${table}`),
    ),
  );

// DESIGN.md §4: organisations are kept apart by the database itself, so that a query written
// without an organisation filter still sees and changes only the organisation it is bound to.
describe.each(engines)('row-level security keeps organisations apart on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgA: string;
    let orgB: string;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      const actor = systemActor('tenancy test');
      orgA = (await createOrganisation(database.db, actor, { name: 'Alpha NHS Trust', odsCode: 'RA1' }))
        .orgId;
      orgB = (await createOrganisation(database.db, actor, { name: 'Beta NHS Trust', odsCode: 'RB1' })).orgId;
      for (const [orgId, prefix, units, users] of [
        [orgA, 'A', 2, 2],
        [orgB, 'B', 3, 1],
      ] as const) {
        for (let i = 1; i <= units; i += 1) {
          await createUnit(database.db, orgId, actor, {
            code: `${prefix}-TEAM-${i}`,
            name: `${prefix} team ${i}`,
            kind: 'team',
            activeFrom: '2020-04-01',
          });
        }
        for (let i = 1; i <= users; i += 1) {
          await addUser(database.db, orgId, actor, {
            email: `user${i}@${prefix.toLowerCase()}.nhs.uk`,
            displayName: `${prefix} user ${i}`,
            grants: [{ role: 'investigator' }],
          });
        }
      }
    });
    afterAll(async () => database?.close());

    it('lets an unfiltered select see only the bound organisation’s units', async () => {
      const rows = await tryInOrg(database, orgA, (tx) =>
        rowsOf<{ org_id: string; code: string }>(tx, sql`select * from units`),
      );
      expect(rows.map((row) => row.code).sort()).toEqual(['A-TEAM-1', 'A-TEAM-2']);
      expect(new Set(rows.map((row) => row.org_id))).toEqual(new Set([orgA]));
    });

    it('lets an unfiltered select see only the bound organisation’s users', async () => {
      const rows = await tryInOrg(database, orgB, (tx) =>
        rowsOf<{ display_name: string }>(tx, sql`select * from users`),
      );
      expect(rows.map((row) => row.display_name)).toEqual(['B user 1']);
    });

    it('lets an unfiltered update change only the bound organisation’s units', async () => {
      const changed = await tryInOrg(database, orgA, async (tx) => {
        const updated = await rowsOf<{ org_id: string }>(
          tx,
          sql`update units set name = 'x' returning org_id`,
        );
        const everyName = await rowsOf<{ name: string }>(tx, sql`select name from units`);
        return { updated, everyName };
      });
      expect(changed.updated).toHaveLength(2);
      expect(new Set(changed.updated.map((row) => row.org_id))).toEqual(new Set([orgA]));
      expect(changed.everyName.map((row) => row.name)).toEqual(['x', 'x']);
    });

    it('lets an unfiltered delete remove only the bound organisation’s users', async () => {
      const outcome = await tryInOrg(database, orgA, async (tx) => {
        const deleted = await rowsOf<{ org_id: string }>(tx, sql`delete from users returning org_id`);
        const left = await rowsOf<{ count: number | string }>(tx, sql`select count(*) as count from users`);
        return { deleted, left: Number(left[0]?.count) };
      });
      expect(outcome.deleted).toHaveLength(2);
      expect(new Set(outcome.deleted.map((row) => row.org_id))).toEqual(new Set([orgA]));
      expect(outcome.left).toBe(0);
      const users = await everyRow(database, 'users');
      expect(users.filter((row) => row.org_id === orgB)).toHaveLength(1);
    });

    it('leaves the other organisation’s rows untouched by those statements', async () => {
      const units = await everyRow(database, 'units');
      expect(
        units
          .filter((row) => row.org_id === orgB)
          .map((row) => row.name)
          .sort(),
      ).toEqual(['B team 1', 'B team 2', 'B team 3']);
      expect(units.filter((row) => row.name === 'x')).toEqual([]);
      expect(await everyRow(database, 'users')).toHaveLength(3);
    });

    it('refuses to insert a unit for another organisation', async () => {
      const attempt = tryInOrg(database, orgA, (tx) =>
        tx.execute(sql`
          insert into units (org_id, kind, code, name, active_from)
          values (${orgB}, 'team', 'SMUGGLED', 'Smuggled team', '2020-04-01')`),
      );
      const error = databaseErrorOf(await attempt.catch((caught: unknown) => caught));
      expect(error.code).toBe('42501');
      expect(error.message).toMatch(/row-level security/);
      const units = await everyRow(database, 'units');
      expect(units.map((row) => row.name)).not.toContain('Smuggled team');
    });

    it('refuses to move a unit to another organisation', async () => {
      const attempt = tryInOrg(database, orgA, (tx) => tx.execute(sql`update units set org_id = ${orgB}`));
      const error = databaseErrorOf(await attempt.catch((caught: unknown) => caught));
      expect(error.code).toBe('42501');
      expect(error.message).toMatch(/row-level security/);
    });

    it('shows nothing to the application role when no organisation is bound', async () => {
      const rows = await asSystem(database.db, async (tx) => {
        await tx.execute(sql.raw(`set local role ${applicationRole}`));
        return rowsOf<{ count: number | string }>(tx, sql`select count(*) as count from units`);
      });
      expect(Number(rows[0]?.count)).toBe(0);
    });

    it('runs organisation work as heard_app, which is neither a superuser nor able to bypass row-level security', async () => {
      const [role] = await tryInOrg(database, orgA, (tx) =>
        rowsOf<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean }>(
          tx,
          sql`select current_user, rolsuper, rolbypassrls from pg_roles where rolname = current_user`,
        ),
      );
      expect(role).toEqual({ current_user: applicationRole, rolsuper: false, rolbypassrls: false });
    });

    it('does not let heard_app turn row-level security off for its queries', async () => {
      const attempt = tryInOrg(database, orgA, async (tx) => {
        await tx.execute(sql`set local row_security = off`);
        return tx.execute(sql`select * from units`);
      });
      const error = databaseErrorOf(await attempt.catch((caught: unknown) => caught));
      expect(error.code).toBe('42501');
      expect(error.message).toMatch(/row-level security/);
    });

    it('does not let heard_app disable row-level security on a table', async () => {
      const attempt = tryInOrg(database, orgA, (tx) =>
        tx.execute(sql`alter table units disable row level security`),
      );
      const error = databaseErrorOf(await attempt.catch((caught: unknown) => caught));
      expect(error.code).toBe('42501');
      expect(error.message).toMatch(/must be owner/);
    });
  });
});
