import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '#src/db/tenancy.ts';
import { findOrganisationByOdsCode } from '#src/domains/organisations/index.ts';
import { Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { rowsOf } from '#test/support/rows.ts';
import { demoAccounts, demoOdsCode, demoPassword } from './accounts.ts';
import { demoTrustStructure, loadDemo } from './index.ts';

describe.each(engines)('loading the demo trust on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let orgId: string;
    const countOf = (table: 'units' | 'users' | 'role_grants') =>
      asSystem(heard.database.db, async (tx) => {
        const [row] = await rowsOf<{ count: string | number }>(
          tx,
          sql`select count(*) as count from ${sql.raw(table)} where org_id = ${orgId}`,
        );
        return Number(row?.count);
      });

    beforeAll(async () => {
      heard = await startTestApp(engine);
      // The structure and accounts only: seed-quarter.test.ts loads the case records.
      expect(await loadDemo(heard.database.db, { seed: 11, scale: 1, caseRecords: false })).toBe(true);
      const organisation = await findOrganisationByOdsCode(heard.database.db, demoOdsCode);
      orgId = organisation?.orgId ?? '';
    });
    afterAll(async () => heard?.close());

    it('creates the units the seed describes, with the same codes', async () => {
      const codes = await asSystem(heard.database.db, (tx) =>
        rowsOf<{ code: string }>(tx, sql`select code from units where org_id = ${orgId} order by code`),
      );
      const expected = demoTrustStructure({ seed: 11, scale: 1 }).map((unit) => unit.code);
      expect(codes.map((row) => row.code)).toEqual([...expected].sort());
    });

    it('builds the tree: every team under a service, every service under a locality', async () => {
      const orphans = await asSystem(heard.database.db, (tx) =>
        rowsOf<{ code: string }>(
          tx,
          sql`select child.code from units child
              left join units parent on parent.org_id = child.org_id and parent.unit_id = child.parent_unit_id
              where child.org_id = ${orgId}
                and ((child.kind in ('team', 'ward') and parent.kind is distinct from 'service')
                  or (child.kind in ('service', 'site') and parent.kind is distinct from 'locality'))`,
        ),
      );
      expect(orphans).toEqual([]);
    });

    it('adds nothing when loaded a second time', async () => {
      const before = [await countOf('units'), await countOf('users'), await countOf('role_grants')];
      expect(await loadDemo(heard.database.db, { seed: 11, scale: 1 })).toBe(false);
      expect(await loadDemo(heard.database.db, { seed: 99, scale: 2 })).toBe(false);
      expect([await countOf('units'), await countOf('users'), await countOf('role_grants')]).toEqual(before);
    });

    it('scopes the demo service manager to Northshire only', async () => {
      const [grant] = await asSystem(heard.database.db, (tx) =>
        rowsOf<{ code: string }>(
          tx,
          sql`select units.code from role_grants
              join units on units.org_id = role_grants.org_id and units.unit_id = role_grants.unit_id
              where role_grants.org_id = ${orgId} and role_grants.role = 'service_manager'`,
        ),
      );
      expect(grant?.code).toBe('NTH');
    });

    it.each(demoAccounts.map((account) => [account.role, account.email]))(
      'lets the demo %s sign in as %s with the demo password',
      async (_role, email) => {
        const browser = new Browser(heard.app);
        await browser.signIn(email, demoPassword);
        const home = await browser.get('/');
        expect(home.statusCode).toBe(200);
        expect(home.body).toContain('Demo Partnership NHS Foundation Trust');
      },
    );
  });
});
