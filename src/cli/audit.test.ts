import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type CommandDatabase, commandDatabase, runHeard } from '#test/support/cli.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { verificationReport } from './audit.ts';

/** Two organisations with a few events each. */
async function prepare(db: Database) {
  for (const [name, odsCode] of [
    ['Intact NHS Trust', 'INT1'],
    ['Tampered NHS Trust', 'TAM1'],
  ] as const) {
    const { orgId } = await createOrganisation(db, systemActor(), { name, odsCode });
    for (let index = 1; index <= 3; index += 1) {
      await withOrg(db, orgId, (tx) =>
        recordAudit(tx, orgId, systemActor(), {
          action: 'complaint.updated',
          entityType: 'complaint',
          entityId: `C-${index}`,
        }),
      );
    }
  }
}

/** What someone with the database's superuser rights could do: switch the guard off and change an event. */
async function tamperWithSecondEventOf(db: Database, odsCode: string) {
  await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
  await db.execute(sql`update audit_events set after = '{"outcome": "not upheld"}'::jsonb
    where sequence = 2 and org_id = (select org_id from organisations where ods_code = ${odsCode})`);
  await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
}

describe('verificationReport', () => {
  const organisation = { odsCode: 'RT1', name: 'Test NHS Trust' };
  it('is one line for an intact trail', () => {
    expect(verificationReport(organisation, { eventsChecked: 1234, breaks: [] })).toEqual([
      'RT1 Test NHS Trust: intact, 1,234 events checked',
    ]);
  });
  it('lists each break under a broken trail', () => {
    expect(
      verificationReport(organisation, {
        eventsChecked: 1,
        breaks: [{ sequence: 1, kind: 'changed', problem: 'Event 1 has been changed since it was written' }],
      }),
    ).toEqual([
      'RT1 Test NHS Trust: BROKEN in 1 place, 1 event checked',
      '  - Event 1 has been changed since it was written',
    ]);
  });
});

describe.each(engines)('heard audit verify on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let target: CommandDatabase;
    beforeAll(async () => {
      target = await commandDatabase(engine);
      await target.withDatabase(prepare);
    });
    afterAll(async () => target?.close());

    it('prints a line for each organisation and exits 0 when every trail is intact, then 1 once one is changed', {
      timeout: 120_000,
    }, async () => {
      const intact = await runHeard(['audit', 'verify'], target.env);
      expect(intact.stderr).toBe('');
      expect(intact.stdout).toContain('INT1 Intact NHS Trust: intact, 4 events checked');
      expect(intact.stdout).toContain('TAM1 Tampered NHS Trust: intact, 4 events checked');
      expect(intact.code).toBe(0);

      await target.withDatabase((db) => tamperWithSecondEventOf(db, 'TAM1'));
      const tampered = await runHeard(['audit', 'verify'], target.env);
      expect(tampered.stdout).toContain('INT1 Intact NHS Trust: intact, 4 events checked');
      expect(tampered.stdout).toContain('TAM1 Tampered NHS Trust: BROKEN in 1 place, 4 events checked');
      expect(tampered.stdout).toContain('  - Event 2 has been changed since it was written');
      expect(tampered.stderr).toContain('The audit trail of one organisation has been changed');
      expect(tampered.code).toBe(1);

      const onlyIntact = await runHeard(['audit', 'verify', '--org', 'int1'], target.env);
      expect(onlyIntact.stdout.trim()).toBe('INT1 Intact NHS Trust: intact, 4 events checked');
      expect(onlyIntact.code).toBe(0);
    });

    it('says so and exits 1 when asked about an organisation that does not exist', {
      timeout: 60_000,
    }, async () => {
      const run = await runHeard(['audit', 'verify', '--org', 'NOPE'], target.env);
      expect(run.stderr).toContain('There is no organisation with the ODS code NOPE');
      expect(run.code).toBe(1);
    });
  });
});
