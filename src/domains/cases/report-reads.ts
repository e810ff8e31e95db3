import { and, between, eq } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import type { FeedbackKind } from './kinds-and-channels.ts';
import { feedbackRecords } from './schema.ts';

/** The ids of the records of one kind received in a period (such as the quarter's concerns), for reports joining other domains' data to them. */
export async function recordIdsReceived(
  db: Database,
  orgId: string,
  kind: FeedbackKind,
  { start, end }: { start: string; end: string },
): Promise<string[]> {
  const rows = await withOrg(db, orgId, (tx) =>
    tx
      .select({ recordId: feedbackRecords.recordId })
      .from(feedbackRecords)
      .where(
        and(
          eq(feedbackRecords.orgId, orgId),
          eq(feedbackRecords.kind, kind),
          between(feedbackRecords.receivedDate, start, end),
        ),
      ),
  );
  return rows.map((row) => row.recordId);
}
