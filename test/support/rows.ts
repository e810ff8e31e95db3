import type { SQL } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import type { OrgTransaction } from '#src/db/tenancy.ts';

/** Runs raw SQL and returns its rows; both engines' drivers answer with `{ rows }`. */
export async function rowsOf<T>(db: Database | OrgTransaction, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}

/** The PostgreSQL error behind a failed query, however the driver and Drizzle wrapped it. */
export function databaseErrorOf(error: unknown): { code?: string; message: string } {
  let current: unknown = error;
  while (current instanceof Error) {
    const { code } = current as { code?: unknown };
    if (typeof code === 'string') return { code, message: current.message };
    current = current.cause;
  }
  return { message: error instanceof Error ? error.message : String(error) };
}
