import { sql } from 'drizzle-orm';
import type { Database } from './engine.ts';

/** A transaction bound to one organisation; row-level security keeps it inside that organisation. */
export type OrgTransaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The role every organisation's queries run as: not a superuser and not a table owner, so RLS applies. */
export const applicationRole = 'heard_app';

/**
 * Runs `work` in a transaction that can see and change only `orgId`'s rows.
 * DESIGN.md §4: isolation is enforced by the database, not only by the code's filters.
 */
export async function withOrg<T>(
  db: Database,
  orgId: string,
  work: (tx: OrgTransaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    // One round trip: `set_config('role', …, true)` is SET LOCAL ROLE.
    await tx.execute(
      sql`select set_config('heard.org_id', ${orgId}, true), set_config('role', ${applicationRole}, true)`,
    );
    return work(tx);
  });
}

/**
 * Runs `work` with the connecting role, which row-level security does not bind.
 * Only for what must look across organisations before one is known: finding the
 * account behind a sign-in or an API key, listing organisations, migrations and demo loading.
 */
export async function asSystem<T>(db: Database, work: (tx: OrgTransaction) => Promise<T>): Promise<T> {
  return db.transaction(work);
}

/**
 * Runs several reads of one transaction one after another and gives their results in order, as
 * Promise.all would. A transaction is one connection, which answers one statement at a time:
 * node-postgres queues statements sent at once and warns that its next major version will refuse
 * them, so reads inside `withOrg` are awaited in turn.
 */
export async function inTurn<const Reads extends readonly (() => Promise<unknown>)[]>(
  ...reads: Reads
): Promise<{ -readonly [Index in keyof Reads]: Awaited<ReturnType<Reads[Index]>> }> {
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as { -readonly [Index in keyof Reads]: Awaited<ReturnType<Reads[Index]>> };
}
