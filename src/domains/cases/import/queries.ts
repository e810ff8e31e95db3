import { and, eq, inArray } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { feedbackRecords } from '../schema.ts';

// What the importer asks of the database beyond the cases domain's own queries (queries.ts):
// which of a file's references were imported before. The external reference is unique in an
// organisation (feedback_records_external_reference), so importing twice adds nothing.

/** Heard's reference for each of `externalReferences` already imported. */
export async function importedReferences(
  tx: OrgTransaction,
  orgId: string,
  externalReferences: readonly string[],
): Promise<Map<string, string>> {
  if (externalReferences.length === 0) return new Map();
  const rows = await tx
    .select({ externalReference: feedbackRecords.externalReference, reference: feedbackRecords.reference })
    .from(feedbackRecords)
    .where(
      and(
        eq(feedbackRecords.orgId, orgId),
        inArray(feedbackRecords.externalReference, [...externalReferences]),
      ),
    );
  return new Map(
    rows.flatMap((row) => (row.externalReference ? [[row.externalReference, row.reference]] : [])),
  );
}
