import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { demoAdministratorEmail } from '#src/demo/accounts.ts';
import { createTestDatabase } from '#test/support/database.ts';
import { engineLabel, skipEngine } from '#test/support/environment.ts';

/** Starts `heard serve --first-run-demo` as `npm start` does and waits for its start-up message. */
function startHeard(env: Record<string, string>): Promise<{ child: ChildProcess; output: string }> {
  const child = spawn(process.execPath, ['bin/heard.js', 'serve', '--first-run-demo'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start-up message in time:\n${output}`)), 170_000);
    const listen = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Heard is running at http:\/\/localhost:\d+/.test(output)) {
        clearTimeout(timer);
        // The demo sign-in line follows the URL line.
        setTimeout(() => resolve({ child, output }), 300);
      }
    };
    child.stdout?.on('data', listen);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`heard exited with ${code}:\n${output}`)));
  });
}

const urlIn = (output: string) => /Heard is running at (http:\/\/localhost:\d+)/.exec(output)?.[1] ?? '';

describe('npm start', () => {
  let child: ChildProcess | undefined;
  const folders: string[] = [];
  afterEach(() => {
    child?.kill();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });

  it('on a fresh embedded database, migrates, loads the demo trust and prints the URL and demo sign-in', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'heard-start-'));
    folders.push(dataDir);
    const started = await startHeard({ HEARD_DATA_DIR: dataDir });
    child = started.child;
    expect(started.output).toContain('Loaded the demo trust');
    expect(started.output).toContain(`Demo sign-in: ${demoAdministratorEmail}`);
    const page = await fetch(`${urlIn(started.output)}/sign-in`);
    expect(page.status).toBe(200);
  }, 180_000);

  describe.skipIf(skipEngine('postgres'))(engineLabel('postgres'), () => {
    it('with DATABASE_URL set, creates no account with a known password', async () => {
      const database = await createTestDatabase('postgres');
      try {
        const started = await startHeard({
          DATABASE_URL: database.url ?? '',
          SESSION_SECRET: 's'.repeat(40),
        });
        child = started.child;
        expect(started.output).not.toContain('Demo sign-in');
        const result = (await database.db.execute(
          sql`select count(*)::int as users from users`,
        )) as unknown as {
          rows: unknown[];
        };
        expect(result.rows[0]).toEqual({ users: 0 });
        child.kill();
        await new Promise((resolve) => child?.once('exit', resolve));
      } finally {
        await database.close();
      }
    }, 60_000);
  });
});
