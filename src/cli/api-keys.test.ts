import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '#src/db/engine.ts';
import { applyMigrations } from '#src/db/migrate.ts';
import { searchAuditTrail } from '#src/domains/audit/index.ts';
import { principalForApiKey } from '#src/domains/integrations/index.ts';
import { createOrganisation, findOrganisationByOdsCode } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine, type TestEngine } from '#test/support/environment.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function heard(args: string[], env: Record<string, string>) {
  const { DATABASE_URL: _url, HEARD_DATA_DIR: _dir, ...inherited } = process.env;
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['bin/heard.js', ...args],
      { cwd: root, env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

interface Target {
  env: Record<string, string>;
  withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A PGlite folder (closed while the command runs: one process at a time) or a PostgreSQL database. */
async function targetFor(engine: TestEngine): Promise<Target> {
  if (engine === 'postgres') {
    const database: TestDatabase = await createTestDatabase('postgres');
    return {
      env: { DATABASE_URL: database.url ?? '', SESSION_SECRET: 'a-session-secret-of-at-least-32-characters' },
      withDatabase: (work) => work(database.db),
      close: () => database.close(),
    };
  }
  const folder = mkdtempSync(join(tmpdir(), 'heard-api-keys-cli-'));
  return {
    env: { HEARD_DATA_DIR: folder },
    async withDatabase(work) {
      const database = await openDatabase({ dataDir: folder });
      try {
        await applyMigrations(database);
        return await work(database.db);
      } finally {
        await database.close();
      }
    },
    async close() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

describe.each(engines)('heard api-keys on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let target: Target;
    beforeAll(async () => {
      target = await targetFor(engine);
      await target.withDatabase((db) =>
        createOrganisation(db, systemActor(), { name: 'Command Line NHS Trust', odsCode: 'CLI1' }),
      );
    });
    afterAll(async () => target?.close());

    it('makes a key that works, lists it, and revokes it, each recorded in the audit trail', {
      timeout: 120_000,
    }, async () => {
      const created = await heard(
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

      const listed = await heard(['api-keys', 'list', '--org', 'CLI1'], target.env);
      expect(listed.stdout).toContain(`${principal?.id}  BI tool  [units:view, reports:view]  active`);
      expect(listed.stdout).not.toContain(key);

      const revoked = await heard(['api-keys', 'revoke', '--org', 'CLI1', principal?.id ?? ''], target.env);
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
      const run = await heard(
        ['api-keys', 'create', '--org', 'CLI1', '--name', 'Too much', '--permission', 'users:manage'],
        target.env,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('An API key may hold only: units:view, units:manage, reports:view.');
    });
  });
});
