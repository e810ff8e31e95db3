import { and, asc, count, eq, exists, inArray, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { commentCorrections, comments } from './schema.ts';

export type CommentRow = typeof comments.$inferSelect;
export type NewCommentRow = typeof comments.$inferInsert;
export type CorrectionRow = typeof commentCorrections.$inferSelect;

/** Inserts the comment unless its source already gave it; returns the new row, or null. */
export async function insertComment(tx: OrgTransaction, row: NewCommentRow): Promise<CommentRow | null> {
  const [inserted] = await tx.insert(comments).values(row).onConflictDoNothing().returning();
  return inserted ?? null;
}

/** Inserts many comments in one statement, skipping any whose source already gave them; returns the new rows. */
export async function insertComments(tx: OrgTransaction, rows: NewCommentRow[]): Promise<CommentRow[]> {
  if (rows.length === 0) return [];
  return tx.insert(comments).values(rows).onConflictDoNothing().returning();
}

/** The comments already stored for these sources (a retried submission, a re-imported file). */
export async function commentsBySource(
  tx: OrgTransaction,
  orgId: string,
  sources: readonly { source: CommentRow['source']; sourceId: string }[],
): Promise<CommentRow[]> {
  if (sources.length === 0) return [];
  const found: CommentRow[] = [];
  for (const source of new Set(sources.map((entry) => entry.source))) {
    const ids = sources.filter((entry) => entry.source === source).map((entry) => entry.sourceId);
    found.push(
      ...(await tx
        .select()
        .from(comments)
        .where(and(eq(comments.orgId, orgId), eq(comments.source, source), inArray(comments.sourceId, ids)))),
    );
  }
  return found;
}

export async function commentBySource(
  tx: OrgTransaction,
  orgId: string,
  source: CommentRow['source'],
  sourceId: string,
): Promise<CommentRow | null> {
  const [found] = await tx
    .select()
    .from(comments)
    .where(and(eq(comments.orgId, orgId), eq(comments.source, source), eq(comments.sourceId, sourceId)));
  return found ?? null;
}

export async function commentById(tx: OrgTransaction, orgId: string, commentId: string, lock = false) {
  const query = tx
    .select()
    .from(comments)
    .where(and(eq(comments.orgId, orgId), eq(comments.commentId, commentId)));
  const [found] = await (lock ? query.for('update') : query);
  return found ?? null;
}

export async function updateCoding(
  tx: OrgTransaction,
  orgId: string,
  commentId: string,
  coding: { themes: string[]; sentiment: number | null },
): Promise<void> {
  await tx
    .update(comments)
    .set({ ...coding, updatedAt: new Date() })
    .where(and(eq(comments.orgId, orgId), eq(comments.commentId, commentId)));
}

export async function insertCorrection(tx: OrgTransaction, row: typeof commentCorrections.$inferInsert) {
  const [inserted] = await tx.insert(commentCorrections).values(row).returning();
  return inserted;
}

export async function correctionsOf(
  tx: OrgTransaction,
  orgId: string,
  commentId: string,
): Promise<CorrectionRow[]> {
  return tx
    .select()
    .from(commentCorrections)
    .where(and(eq(commentCorrections.orgId, orgId), eq(commentCorrections.commentId, commentId)))
    .orderBy(commentCorrections.correctedAt);
}

/** Comments coded by the model, and how many of them staff have corrected. */
export async function agreementCounts(
  tx: OrgTransaction,
  orgId: string,
): Promise<{ coded: number; corrected: number }> {
  const [coded] = await tx.select({ n: count() }).from(comments).where(eq(comments.orgId, orgId));
  const [corrected] = await tx
    .select({ n: sql<number>`count(distinct ${commentCorrections.commentId})::int` })
    .from(commentCorrections)
    .where(eq(commentCorrections.orgId, orgId));
  return { coded: Number(coded?.n ?? 0), corrected: Number(corrected?.n ?? 0) };
}

/** The comments staff have corrected, oldest first, with the coding now in force. */
export async function correctedComments(tx: OrgTransaction, orgId: string): Promise<CommentRow[]> {
  return tx
    .select()
    .from(comments)
    .where(
      and(
        eq(comments.orgId, orgId),
        exists(
          tx
            .select({ one: sql`1` })
            .from(commentCorrections)
            .where(
              and(
                eq(commentCorrections.orgId, comments.orgId),
                eq(commentCorrections.commentId, comments.commentId),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.commentId));
}
