import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '#src/domains/audit/index.ts';
import { principalForApiKey } from '#src/domains/integrations/index.ts';
import { createOrganisation, findOrganisationByOdsCode } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type CommandDatabase, commandDatabase, runHeard } from '#test/support/cli.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';

describe.each(engines)('heard api-keys on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let target: CommandDatabase;
    beforeAll(async () => {
      target = await commandDatabase(engine);
      await target.withDatabase((db) =>
        createOrganisation(db, systemActor(), { name: 'Command Line NHS Trust', odsCode: 'CLI1' }),
      );
    });
    afterAll(async () => target?.close());

    it('makes a key that works, lists it, and revokes it, each recorded in the audit trail', {
      timeout: 120_000,
    }, async () => {
      const created = await runHeard(
        [
          'api-keys',
          'create',
          '--org',
          'CLI1',
          '--name',
          'BI tool',
          '--permission',
          'units:view',
          '--permission',
          'reports:view',
        ],
        target.env,
      );
      expect(created.code).toBe(0);
      const key = /heard_[0-9a-f]{32}_[A-Za-z0-9_-]{43}/.exec(created.stdout)?.[0] ?? '';
      const principal = await target.withDatabase((db) => principalForApiKey(db, key));
      expect(principal?.name).toBe('API key: BI tool');

      const listed = await runHeard(['api-keys', 'list', '--org', 'CLI1'], target.env);
      expect(listed.stdout).toContain(`${principal?.id}  BI tool  [units:view, reports:view]  active`);
      expect(listed.stdout).not.toContain(key);

      const revoked = await runHeard(
        ['api-keys', 'revoke', '--org', 'CLI1', principal?.id ?? ''],
        target.env,
      );
      expect(revoked.stdout).toContain('Revoked the API key BI tool.');
      expect(await target.withDatabase((db) => principalForApiKey(db, key))).toBeNull();

      const actions = await target.withDatabase(async (db) => {
        const organisation = await findOrganisationByOdsCode(db, 'CLI1');
        const events = await searchAuditTrail(db, organisation?.orgId ?? '', {
          entityType: 'api_key',
          limit: 10,
          offset: 0,
        });
        return events.map((event) => [event.action, event.actorName.startsWith('heard api-keys command')]);
      });
      expect(actions).toEqual([
        ['api_key.revoked', true],
        ['api_key.created', true],
      ]);
    });

    it('refuses a permission an API key may not hold, before touching the database', {
      timeout: 60_000,
    }, async () => {
      const run = await runHeard(
        ['api-keys', 'create', '--org', 'CLI1', '--name', 'Too much', '--permission', 'users:manage'],
        target.env,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        'An API key may hold only: units:view, units:manage, reports:view, cases:view, cases:manage, surveys:submit, actions:view, actions:update.',
      );
    });
  });
});
