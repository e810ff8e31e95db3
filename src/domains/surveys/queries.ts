import { and, asc, desc, eq, gte, isNotNull, lte, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import type { SurveyDefinition } from './definition.ts';
import { surveyAnswers, surveyEligibleCounts, surveyResponses, surveys, surveyVersions } from './schema.ts';

// SQL for the surveys domain, and nothing else. Every function runs inside withOrg, so row-level
// security keeps it to one organisation whatever its filters say.

export type SurveyRow = typeof surveys.$inferSelect;
export type SurveyVersionRow = typeof surveyVersions.$inferSelect;

export async function surveyByCode(tx: OrgTransaction, code: string): Promise<SurveyRow | null> {
  const [row] = await tx.select().from(surveys).where(eq(surveys.code, code));
  return row ?? null;
}

export function allSurveys(tx: OrgTransaction): Promise<SurveyRow[]> {
  return tx.select().from(surveys).orderBy(asc(surveys.name));
}

export async function insertSurvey(tx: OrgTransaction, row: typeof surveys.$inferInsert): Promise<SurveyRow> {
  const [created] = await tx.insert(surveys).values(row).returning();
  if (!created) throw new Error('The survey was not stored');
  return created;
}

export async function insertVersion(tx: OrgTransaction, row: typeof surveyVersions.$inferInsert) {
  await tx.insert(surveyVersions).values(row);
}

/** The newest version, published or not (a draft waiting to be published comes first). */
export async function latestVersion(tx: OrgTransaction, surveyId: string): Promise<SurveyVersionRow | null> {
  const [row] = await tx
    .select()
    .from(surveyVersions)
    .where(eq(surveyVersions.surveyId, surveyId))
    .orderBy(desc(surveyVersions.version))
    .limit(1);
  return row ?? null;
}

/** The version people answer now: the newest published one. */
export async function currentVersion(tx: OrgTransaction, surveyId: string): Promise<SurveyVersionRow | null> {
  const [row] = await tx
    .select()
    .from(surveyVersions)
    .where(and(eq(surveyVersions.surveyId, surveyId), eq(surveyVersions.published, true)))
    .orderBy(desc(surveyVersions.version))
    .limit(1);
  return row ?? null;
}

export function versionsOf(tx: OrgTransaction, surveyId: string): Promise<SurveyVersionRow[]> {
  return tx
    .select()
    .from(surveyVersions)
    .where(eq(surveyVersions.surveyId, surveyId))
    .orderBy(asc(surveyVersions.version));
}

/** Stores a response unless one with its submission id is already stored; null when it was. */
export async function insertResponseOnce(
  tx: OrgTransaction,
  row: typeof surveyResponses.$inferInsert,
): Promise<string | null> {
  const [created] = await tx
    .insert(surveyResponses)
    .values(row)
    .onConflictDoNothing({ target: [surveyResponses.orgId, surveyResponses.submissionId] })
    .returning({ responseId: surveyResponses.responseId });
  return created?.responseId ?? null;
}

export async function responseIdOfSubmission(
  tx: OrgTransaction,
  submissionId: string,
): Promise<string | null> {
  const [row] = await tx
    .select({ responseId: surveyResponses.responseId })
    .from(surveyResponses)
    .where(eq(surveyResponses.submissionId, submissionId));
  return row?.responseId ?? null;
}

export async function insertAnswers(tx: OrgTransaction, rows: (typeof surveyAnswers.$inferInsert)[]) {
  if (rows.length > 0) await tx.insert(surveyAnswers).values(rows);
}

const inPeriod = (surveyId: string, start: string, end: string) =>
  and(
    eq(surveyResponses.surveyId, surveyId),
    gte(surveyResponses.responseDate, start),
    lte(surveyResponses.responseDate, end),
  );

export interface FftCountRow {
  unitId: string;
  month: string;
  scale: 'fft-2020' | 'fft-pre-2020';
  answer: string;
  mode: string;
  count: number;
}

/** FFT answers counted by unit, month, scale, answer and mode: everything FFT figures are made from. */
export function fftCounts(
  tx: OrgTransaction,
  surveyId: string,
  start: string,
  end: string,
): Promise<FftCountRow[]> {
  const month = sql<string>`to_char(${surveyResponses.responseDate}, 'YYYY-MM')`;
  return tx
    .select({
      unitId: surveyResponses.unitId,
      month,
      scale: sql<'fft-2020' | 'fft-pre-2020'>`${surveyResponses.fftScale}`,
      answer: sql<string>`${surveyResponses.fftAnswer}`,
      mode: surveyResponses.mode,
      count: sql<number>`count(*)`.mapWith(Number),
    })
    .from(surveyResponses)
    .where(and(inPeriod(surveyId, start, end), isNotNull(surveyResponses.fftAnswer)))
    .groupBy(
      surveyResponses.unitId,
      month,
      surveyResponses.fftScale,
      surveyResponses.fftAnswer,
      surveyResponses.mode,
    );
}

export interface OptionCountRow {
  unitId: string;
  variant: string;
  version: number;
  questionCode: string;
  optionCode: string;
  count: number;
}

/**
 * Answers to choice questions counted by unit, variant, version, question and option: the FFT
 * question's from the responses themselves, every other from survey_answers.
 */
export async function optionCounts(
  tx: OrgTransaction,
  surveyId: string,
  start: string,
  end: string,
): Promise<OptionCountRow[]> {
  // One after the other: a transaction is one connection, which runs one statement at a time.
  const answers = await tx
    .select({
      unitId: surveyResponses.unitId,
      variant: surveyResponses.variant,
      version: surveyResponses.version,
      questionCode: surveyAnswers.questionCode,
      optionCode: sql<string>`${surveyAnswers.optionCode}`,
      count: sql<number>`count(*)`.mapWith(Number),
    })
    .from(surveyAnswers)
    .innerJoin(
      surveyResponses,
      and(
        eq(surveyResponses.orgId, surveyAnswers.orgId),
        eq(surveyResponses.responseId, surveyAnswers.responseId),
      ),
    )
    .where(and(inPeriod(surveyId, start, end), isNotNull(surveyAnswers.optionCode)))
    .groupBy(
      surveyResponses.unitId,
      surveyResponses.variant,
      surveyResponses.version,
      surveyAnswers.questionCode,
      surveyAnswers.optionCode,
    );
  const fft = await tx
    .select({
      unitId: surveyResponses.unitId,
      variant: surveyResponses.variant,
      version: surveyResponses.version,
      questionCode: sql<string>`${surveyResponses.fftQuestion}`,
      optionCode: sql<string>`${surveyResponses.fftAnswer}`,
      count: sql<number>`count(*)`.mapWith(Number),
    })
    .from(surveyResponses)
    .where(and(inPeriod(surveyId, start, end), isNotNull(surveyResponses.fftQuestion)))
    .groupBy(
      surveyResponses.unitId,
      surveyResponses.variant,
      surveyResponses.version,
      surveyResponses.fftQuestion,
      surveyResponses.fftAnswer,
    );
  return [...answers, ...fft];
}

export function eligibleCounts(tx: OrgTransaction, surveyId: string, start: string, end: string) {
  return tx
    .select({
      unitId: surveyEligibleCounts.unitId,
      month: sql<string>`to_char(${surveyEligibleCounts.month}, 'YYYY-MM')`,
      eligible: surveyEligibleCounts.eligible,
    })
    .from(surveyEligibleCounts)
    .where(
      and(
        eq(surveyEligibleCounts.surveyId, surveyId),
        gte(surveyEligibleCounts.month, start),
        lte(surveyEligibleCounts.month, end),
      ),
    );
}

export async function upsertEligibleCount(tx: OrgTransaction, row: typeof surveyEligibleCounts.$inferInsert) {
  await tx
    .insert(surveyEligibleCounts)
    .values(row)
    .onConflictDoUpdate({
      target: [
        surveyEligibleCounts.orgId,
        surveyEligibleCounts.surveyId,
        surveyEligibleCounts.unitId,
        surveyEligibleCounts.month,
      ],
      set: { eligible: row.eligible, updatedAt: new Date() },
    });
}

export interface FreeTextRow {
  responseId: string;
  surveyCode: string;
  unitId: string;
  responseDate: string;
  questionCode: string;
  freeText: string;
  fftScale: string | null;
  fftAnswer: string | null;
  variant: string;
  language: string;
  definition: SurveyDefinition;
}

/** Free-text answers given from `since` to `until` (inclusive), oldest first, for the comments domain to code. */
export function freeTextRows(
  tx: OrgTransaction,
  { since, until, limit }: { since: string; until: string; limit: number },
): Promise<FreeTextRow[]> {
  return tx
    .select({
      responseId: surveyAnswers.responseId,
      surveyCode: surveys.code,
      unitId: surveyResponses.unitId,
      responseDate: surveyResponses.responseDate,
      questionCode: surveyAnswers.questionCode,
      freeText: sql<string>`${surveyAnswers.freeText}`,
      fftScale: surveyResponses.fftScale,
      fftAnswer: surveyResponses.fftAnswer,
      variant: surveyResponses.variant,
      language: surveyResponses.language,
      definition: surveyVersions.definition,
    })
    .from(surveyAnswers)
    .innerJoin(
      surveyResponses,
      and(
        eq(surveyResponses.orgId, surveyAnswers.orgId),
        eq(surveyResponses.responseId, surveyAnswers.responseId),
      ),
    )
    .innerJoin(
      surveys,
      and(eq(surveys.orgId, surveyResponses.orgId), eq(surveys.surveyId, surveyResponses.surveyId)),
    )
    .innerJoin(
      surveyVersions,
      and(
        eq(surveyVersions.orgId, surveyResponses.orgId),
        eq(surveyVersions.surveyId, surveyResponses.surveyId),
        eq(surveyVersions.version, surveyResponses.version),
      ),
    )
    .where(
      and(
        isNotNull(surveyAnswers.freeText),
        gte(surveyResponses.responseDate, since),
        lte(surveyResponses.responseDate, until),
      ),
    )
    .orderBy(
      asc(surveyResponses.responseDate),
      asc(surveyAnswers.responseId),
      asc(surveyAnswers.questionCode),
    )
    .limit(limit);
}

/** Counts of stored responses by submission, for tests and the kiosk's check. */
export async function responseCount(tx: OrgTransaction, surveyId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)`.mapWith(Number) })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
  return row?.count ?? 0;
}

// Batches (imports, the demo) are stored through COPY: see import-store.ts.

/** Which of these submission ids are already stored. */
export async function storedSubmissionIds(
  tx: OrgTransaction,
  submissionIds: readonly string[],
): Promise<Set<string>> {
  if (submissionIds.length === 0) return new Set();
  const result = (await tx.execute(
    sql`select submission_id from survey_responses
        where submission_id in (select jsonb_array_elements_text(${JSON.stringify(submissionIds)}::jsonb))`,
  )) as unknown as { rows: { submission_id: string }[] };
  return new Set(result.rows.map((row) => row.submission_id));
}

export type NewResponseRow = typeof surveyResponses.$inferInsert;
