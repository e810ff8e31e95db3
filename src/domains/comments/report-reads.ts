import { and, between, desc, eq } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { type CommentSource, comments } from './schema.ts';

/** A comment's words with personal details taken out, for reports that quote what people said. */
export interface QuotableComment {
  unitId: string | null;
  receivedOn: string;
  redactedText: string;
  sentiment: number | null;
}

/**
 * The most recent comments of a source received in a period, newest first, with their redacted
 * words only: never the text as written. Comments flagged for safeguarding are left out (their
 * words are for the safeguarding lead, not a board report).
 */
export async function recentComments(
  db: Database,
  orgId: string,
  { source, from, to, limit = 200 }: { source: CommentSource; from: string; to: string; limit?: number },
): Promise<QuotableComment[]> {
  return withOrg(db, orgId, (tx) =>
    tx
      .select({
        unitId: comments.unitId,
        receivedOn: comments.receivedOn,
        redactedText: comments.redactedText,
        sentiment: comments.sentiment,
      })
      .from(comments)
      .where(
        and(
          eq(comments.orgId, orgId),
          eq(comments.source, source),
          eq(comments.safeguardingFlag, false),
          between(comments.receivedOn, from, to),
        ),
      )
      .orderBy(desc(comments.receivedOn), desc(comments.createdAt))
      .limit(limit),
  );
}
