import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Environment } from './server.ts';

/**
 * Reads the feedback records straight from the database Heard wrote to, not through Heard, so that
 * a submission the server confirmed but did not keep would show. The embedded database is one
 * process's at a time: call this only while no `heard` is running on it.
 */
export interface RecordCount {
  /** Every record that came from the public web form. */
  fromWebForm: number;
  /** How many of `references` are in the database. */
  found: number;
}

const countsSql = `
  select
    (select count(*) from feedback_records where channel = 'web-form')::int as "fromWebForm",
    (select count(distinct reference) from feedback_records where reference = any($1::text[]))::int as "found"`;

export async function countRecords(env: Environment, references: readonly string[]): Promise<RecordCount> {
  if (env.DATABASE_URL) {
    // The benchmark's own database, reached as the PostgreSQL superuser: row-level security does not apply.
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      const result = await client.query<RecordCount>(countsSql, [references]);
      return result.rows[0] ?? { fromWebForm: 0, found: 0 };
    } finally {
      await client.end();
    }
  }
  const dataDir = env.HEARD_DATA_DIR;
  if (!dataDir) throw new Error('the benchmark environment names neither DATABASE_URL nor HEARD_DATA_DIR');
  const client = await PGlite.create(dataDir);
  try {
    const result = await client.query<RecordCount>(countsSql, [references]);
    return result.rows[0] ?? { fromWebForm: 0, found: 0 };
  } finally {
    await client.close();
  }
}
