import { and, eq, inArray } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { feedbackRecords } from './schema.ts';

// The SQL behind the follow-up parts of a case page (follow-up-reads.ts).

/** The references of records, by id: to name a linked case without reading anything else of it. */
export async function referencesOf(tx: OrgTransaction, orgId: string, recordIds: readonly string[]) {
  if (recordIds.length === 0) return new Map<string, string>();
  const rows = await tx
    .select({ recordId: feedbackRecords.recordId, reference: feedbackRecords.reference })
    .from(feedbackRecords)
    .where(and(eq(feedbackRecords.orgId, orgId), inArray(feedbackRecords.recordId, [...recordIds])));
  return new Map(rows.map((row) => [row.recordId, row.reference]));
}
