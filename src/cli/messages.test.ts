import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '#src/db/engine.ts';
import { applyMigrations } from '#src/db/migrate.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { queueMessage } from '#src/domains/messages/index.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine, type TestEngine } from '#test/support/environment.ts';
import { type LocalNotify, startLocalNotify } from '#test/support/notify-server.ts';
import { dispatchSummary, statusLine } from './messages.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const templateId = '4b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e';

/**
 * Runs `heard messages …` in its own process, as an operator would. The command is mounted on a
 * `heard` program of its own here, since src/cli.ts mounts each command.
 */
function heardMessages(args: string[], env: Record<string, string>) {
  const program = [
    "import { Command } from 'commander';",
    "import { messagesCommand } from '#src/cli/messages.ts';",
    "const program = new Command('heard');",
    'messagesCommand(program);',
    "await program.parseAsync(process.argv.slice(1), { from: 'user' });",
  ].join('\n');
  const { DATABASE_URL: _url, HEARD_DATA_DIR: _dir, NOTIFY_API_KEY: _key, ...inherited } = process.env;
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', program, 'messages', ...args],
      { cwd: root, env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

describe('what the messages commands print', () => {
  const none = { claimed: 0, sent: 0, retrying: 0, failed: 0, untried: 0, notifyUnavailable: null };
  it.each([
    [none, ['No messages were due.']],
    [{ ...none, claimed: 3, sent: 3 }, ['3 due: 3 sent.']],
    [{ ...none, claimed: 1500, sent: 1200, failed: 1, retrying: 0 }, ['1,500 due: 1,200 sent, 1 failed.']],
    [
      { ...none, claimed: 4, retrying: 1, untried: 3, notifyUnavailable: 'GOV.UK Notify answered 500' },
      ['4 due: 0 sent, 4 to try again later.', 'GOV.UK Notify was unavailable: GOV.UK Notify answered 500'],
    ],
  ])('a pass of %o', (counts, lines) => {
    expect(dispatchSummary(counts)).toEqual(lines);
  });

  it('lists an organisation’s statuses in the order a message moves through them', () => {
    const organisation = { odsCode: 'RT1', name: 'Test NHS Trust' };
    expect(statusLine(organisation, { delivered: 1200, queued: 2, 'permanent-failure': 1 })).toBe(
      'RT1 Test NHS Trust: 2 queued, 1,200 delivered, 1 permanent-failure',
    );
    expect(statusLine(organisation, {})).toBe('RT1 Test NHS Trust: no messages');
  });
});

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
  const folder = mkdtempSync(join(tmpdir(), 'heard-messages-cli-'));
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

describe.each(engines)('heard messages on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let target: Target;
    let notify: LocalNotify;
    beforeAll(async () => {
      notify = await startLocalNotify({
        templates: { [templateId]: { type: 'sms', body: 'Hello ((name))' } },
      });
      target = await targetFor(engine);
      await target.withDatabase(async (db) => {
        const { orgId } = await createOrganisation(db, systemActor(), {
          name: 'Sending NHS Trust',
          odsCode: 'SND1',
        });
        await createOrganisation(db, systemActor(), { name: 'Quiet NHS Trust', odsCode: 'QUI1' });
        for (const name of ['Pat', 'Sam']) {
          await withOrg(db, orgId, (tx) =>
            queueMessage(tx, orgId, systemActor(), {
              channel: 'sms',
              templateId,
              recipient: '07700 900123',
              personalisation: { name },
              purpose: 'survey.invitation',
            }),
          );
        }
      });
    });
    afterAll(async () => {
      await target?.close();
      await notify?.close();
    });

    it('counts each organisation’s messages by status, sends those due once, and counts again', {
      timeout: 120_000,
    }, async () => {
      const before = await heardMessages(['status'], target.env);
      expect(before.stderr).toBe('');
      expect(before.stdout).toContain('SND1 Sending NHS Trust: 2 queued');
      expect(before.stdout).toContain('QUI1 Quiet NHS Trust: no messages');

      const notifyEnv = { NOTIFY_API_KEY: notify.apiKey, NOTIFY_BASE_URL: notify.url };
      const sent = await heardMessages(['send-due'], { ...target.env, ...notifyEnv });
      expect(sent.stdout.trim()).toBe('2 due: 2 sent.');
      expect(sent.code).toBe(0);
      expect(
        notify
          .notifications()
          .map((n) => n.personalisation.name)
          .sort(),
      ).toEqual(['Pat', 'Sam']);

      const after = await heardMessages(['status'], target.env);
      expect(after.stdout).toContain('SND1 Sending NHS Trust: 2 sent');
    });

    it('says it cannot send without NOTIFY_API_KEY, and exits 1', { timeout: 60_000 }, async () => {
      const run = await heardMessages(['send-due'], target.env);
      expect(run.stderr).toContain('NOTIFY_API_KEY is not set, so nothing can be sent');
      expect(run.code).toBe(1);
    });
  });
});
