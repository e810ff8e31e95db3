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

/**
 * Inserts many comments in one statement, skipping any whose source already gave them; returns the
 * ids of those inserted. The rows travel as one JSON parameter: a statement of thousands of rows
 * costs one parameter, not twenty a row (coding a million imported comments spends its time coding).
 */
export async function insertComments(
  tx: OrgTransaction,
  rows: readonly (NewCommentRow & { commentId: string })[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const records = rows.map((row) => ({
    org_id: row.orgId,
    comment_id: row.commentId,
    source: row.source,
    source_id: row.sourceId,
    unit_id: row.unitId ?? null,
    received_on: row.receivedOn,
    question: row.question ?? null,
    fft_score: row.fftScore ?? null,
    text: row.text,
    redacted_text: row.redactedText,
    themes: row.themes ?? [],
    theme_scores: row.themeScores ?? {},
    sentiment: row.sentiment ?? null,
    model_themes: row.modelThemes ?? [],
    model_sentiment: row.modelSentiment ?? null,
    model_version: row.modelVersion,
    contains_personal_data: row.containsPersonalData,
    personal_data_kinds: row.personalDataKinds ?? [],
    safeguarding_flag: row.safeguardingFlag,
    safeguarding_concerns: row.safeguardingConcerns ?? [],
  }));
  const texts = (column: string) => sql.raw(`array(select jsonb_array_elements_text(r.${column}))`);
  const result = (await tx.execute(sql`
    insert into comments (org_id, comment_id, source, source_id, unit_id, received_on, question, fft_score,
      text, redacted_text, themes, theme_scores, sentiment, model_themes, model_sentiment, model_version,
      contains_personal_data, personal_data_kinds, safeguarding_flag, safeguarding_concerns)
    select r.org_id, r.comment_id, r.source, r.source_id, r.unit_id, r.received_on, r.question, r.fft_score,
      r.text, r.redacted_text, ${texts('themes')}, r.theme_scores, r.sentiment, ${texts('model_themes')},
      r.model_sentiment, r.model_version, r.contains_personal_data, ${texts('personal_data_kinds')},
      r.safeguarding_flag, ${texts('safeguarding_concerns')}
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(
      org_id uuid, comment_id uuid, source text, source_id text, unit_id uuid, received_on date, question text,
      fft_score integer, text text, redacted_text text, themes jsonb, theme_scores jsonb, sentiment integer,
      model_themes jsonb, model_sentiment integer, model_version text, contains_personal_data boolean,
      personal_data_kinds jsonb, safeguarding_flag boolean, safeguarding_concerns jsonb)
    on conflict do nothing
    returning comment_id`)) as unknown as { rows: { comment_id: string }[] };
  return new Set(result.rows.map((row) => row.comment_id));
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

/** How many of the organisation's comments there are, and how many the given model version coded. */
export async function codingCounts(tx: OrgTransaction, orgId: string, modelVersion: string) {
  const [row] = await tx
    .select({
      total: count(),
      current: sql<number>`count(*) filter (where ${comments.modelVersion} = ${modelVersion})`.mapWith(
        Number,
      ),
    })
    .from(comments)
    .where(eq(comments.orgId, orgId));
  return { total: row?.total ?? 0, current: row?.current ?? 0 };
}

export interface StaleComment {
  commentId: string;
  text: string;
  question: string | null;
  fftScore: number | null;
  modelVersion: string;
  corrected: boolean;
}

/**
 * The next comments another model version coded, locked for this transaction; another worker's
 * locked rows are skipped, so the scheduler and the command line can re-code at once.
 */
export async function staleComments(
  tx: OrgTransaction,
  orgId: string,
  modelVersion: string,
  limit: number,
): Promise<StaleComment[]> {
  const corrected = exists(
    tx
      .select({ one: sql`1` })
      .from(commentCorrections)
      .where(
        and(
          eq(commentCorrections.orgId, comments.orgId),
          eq(commentCorrections.commentId, comments.commentId),
        ),
      ),
  );
  return tx
    .select({
      commentId: comments.commentId,
      text: comments.text,
      question: comments.question,
      fftScore: comments.fftScore,
      modelVersion: comments.modelVersion,
      corrected: sql<boolean>`${corrected}`,
    })
    .from(comments)
    .where(and(eq(comments.orgId, orgId), sql`${comments.modelVersion} <> ${modelVersion}`))
    .orderBy(asc(comments.commentId))
    .limit(limit)
    .for('update', { of: comments, skipLocked: true });
}

export interface RecodedComment {
  commentId: string;
  modelThemes: string[];
  modelSentiment: number | null;
  themeScores: Record<string, number>;
  /** False when staff corrected the coding: theirs stays in force, only the model's is replaced. */
  replaceCoding: boolean;
}

/** Writes a batch of new model codings in one statement. */
export async function updateModelCodings(
  tx: OrgTransaction,
  orgId: string,
  modelVersion: string,
  rows: readonly RecodedComment[],
): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map((row) => ({
    comment_id: row.commentId,
    model_themes: row.modelThemes,
    model_sentiment: row.modelSentiment,
    theme_scores: row.themeScores,
    replace_coding: row.replaceCoding,
  }));
  await tx.execute(sql`
    update comments c set
      model_themes = array(select jsonb_array_elements_text(r.model_themes)),
      model_sentiment = r.model_sentiment,
      theme_scores = r.theme_scores,
      model_version = ${modelVersion},
      themes = case when r.replace_coding then array(select jsonb_array_elements_text(r.model_themes)) else c.themes end,
      sentiment = case when r.replace_coding then r.model_sentiment else c.sentiment end,
      updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(
      comment_id uuid, model_themes jsonb, model_sentiment integer, theme_scores jsonb, replace_coding boolean)
    where c.org_id = ${orgId} and c.comment_id = r.comment_id`);
}
