import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Database, openDatabase } from '#src/db/engine.ts';
import { applyMigrations } from '#src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from './database.ts';
import type { TestEngine } from './environment.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `heard …` in its own process, as an operator would, with only the given database settings;
 * `input`, when given, is piped to its standard input.
 */
export function runHeard(args: string[], env: Record<string, string>, input?: string): Promise<CommandRun> {
  const { DATABASE_URL: _url, HEARD_DATA_DIR: _dir, NOTIFY_API_KEY: _key, ...inherited } = process.env;
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['bin/heard.js', ...args],
      {
        cwd: root,
        env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
        timeout: 60_000,
        maxBuffer: 256 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    child.stdin?.end(input ?? '');
  });
}

/**
 * The engine's database as a command sees it: a PGlite folder (which only one process may have
 * open, so it is closed while the command runs) or a fresh PostgreSQL database's URL.
 */
export interface CommandDatabase {
  env: Record<string, string>;
  withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function commandDatabase(engine: TestEngine): Promise<CommandDatabase> {
  if (engine === 'postgres') {
    const database: TestDatabase = await createTestDatabase('postgres');
    return {
      env: { DATABASE_URL: database.url ?? '', SESSION_SECRET: 'a-session-secret-of-at-least-32-characters' },
      withDatabase: (work) => work(database.db),
      close: () => database.close(),
    };
  }
  const folder = mkdtempSync(join(tmpdir(), 'heard-cli-'));
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
