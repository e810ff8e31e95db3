import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';

/** The query builder both engines share: the code above this folder never knows which it has. */
export type Database = PgDatabase<PgQueryResultHKT>;

export type EngineKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  kind: EngineKind;
  db: Database;
  /** Runs `fn` while holding a lock that no other Heard process holds (migrations, demo loading). */
  exclusively<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL URL; when absent Heard uses the embedded engine. */
  url?: string;
  /** The embedded engine's folder, or 'memory://' for a database that lives only as long as the process. */
  dataDir: string;
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : openPglite(options.dataDir);
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  // PGlite's default shared_buffers (128 MB) suits a server; one trust's embedded Heard does well
  // with less, and idle memory drops by about 100 MB.
  const client = await PGlite.create(dataDir, { postgresqlconf: ['shared_buffers = 32MB'] });
  const db = drizzlePglite({ client }) as unknown as Database;
  return {
    kind: 'pglite',
    db,
    // PGlite is one connection inside this process, so nothing else can interleave.
    exclusively: (_name, fn) => fn(),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, poolSize: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server drops (a restart, a failover) must not crash Heard: the pool
  // replaces it on next use. Without a listener, node-postgres rethrows the error as uncaught.
  pool.on('error', (error) => console.warn(`PostgreSQL closed an idle connection: ${error.message}`));
  // Fail now, with the server's own words, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const db = drizzleNodePostgres({ client: pool }) as unknown as Database;
  return {
    kind: 'postgres',
    db,
    async exclusively(name, fn) {
      const lockClient = await pool.connect();
      try {
        await lockClient.query('select pg_advisory_lock(hashtext($1))', [name]);
        return await fn();
      } finally {
        await lockClient.query('select pg_advisory_unlock(hashtext($1))', [name]).catch(() => undefined);
        lockClient.release();
      }
    },
    close: () => pool.end(),
  };
}
