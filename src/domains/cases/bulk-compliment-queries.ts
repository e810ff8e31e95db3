import { sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { recordColumns } from './queries.ts';
import { type FeedbackRecordRow, feedbackRecords, recordReferenceCounters } from './schema.ts';

// The SQL behind logging many compliments at once (bulk-compliments.ts).

/**
 * Takes the next `count` reference numbers for a prefix and year in one step, under the counter
 * row's lock as queries.ts nextReferenceNumber does for one; returns the first of them.
 */
export async function reserveReferenceNumbers(
  tx: OrgTransaction,
  orgId: string,
  prefix: string,
  year: number,
  count: number,
): Promise<number> {
  const [row] = await tx
    .insert(recordReferenceCounters)
    .values({ orgId, prefix, year, lastNumber: count })
    .onConflictDoUpdate({
      target: [recordReferenceCounters.orgId, recordReferenceCounters.prefix, recordReferenceCounters.year],
      set: { lastNumber: sql`${recordReferenceCounters.lastNumber} + ${count}` },
    })
    .returning({ lastNumber: recordReferenceCounters.lastNumber });
  if (!row) throw new Error('reference counter was not written');
  return row.lastNumber - count + 1;
}

/** Writes the records in one statement, returning them in the order given. */
export async function insertRecords(
  tx: OrgTransaction,
  records: (typeof feedbackRecords.$inferInsert)[],
): Promise<FeedbackRecordRow[]> {
  if (records.length === 0) return [];
  const rows = await tx.insert(feedbackRecords).values(records).returning(recordColumns);
  const byReference = new Map(rows.map((row) => [row.reference, row]));
  return records.map((record) => {
    const row = byReference.get(record.reference);
    if (!row) throw new Error(`${record.reference} was not written`);
    return row;
  });
}
