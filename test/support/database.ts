import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '#src/db/engine.ts';
import { applyMigrations } from '#src/db/migrate.ts';
import { postgresUrl, type TestEngine } from './environment.ts';

export interface TestDatabase extends DatabaseHandle {
  /** The URL of this test's own PostgreSQL database (undefined on PGlite). */
  url?: string;
}

/** A fresh, migrated database for one test file: in memory on PGlite, a new database on PostgreSQL. */
export async function createTestDatabase(engine: TestEngine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await applyMigrations(handle);
    return handle;
  }
  const name = `heard_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = withDatabase(postgresUrl, name);
  const handle = await openDatabase({ url, dataDir: '', poolSize: 5 });
  await applyMigrations(handle);
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(statement: string) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
