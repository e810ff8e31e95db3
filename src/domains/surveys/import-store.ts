import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { applicationRole, type OrgTransaction } from '#src/db/tenancy.ts';
import { waitingCommentColumns, waitingCommentsTable } from '#src/domains/comments/index.ts';
import type { AnswerRow } from './answers.ts';

// Storing a large batch of checked responses (an import, a vendor's batch, the demo) at the speed
// of COPY. Row-level security forbids COPY FROM into the real tables for the application role, so
// each batch is copied into temporary tables (no constraints, no WAL; made once a connection and
// emptied at every commit, so a batch sees only its own rows) and moved into the real tables by one set-based INSERT … SELECT, whose
// ON CONFLICT DO NOTHING on the submission id makes a file imported twice add nothing. Row-level
// security still checks every row that reaches survey_responses and survey_answers.
//
// PostgreSQL takes the rows through COPY FROM STDIN (pg-copy-streams); PGlite, which runs in this
// process and has no such stream, reads the same text from a Blob given as its /dev/blob device.

/** A response as it is stored, its id made here so that its answers can name it before it exists. */
export interface StagedResponse {
  responseId: string;
  submissionId: string;
  unitId: string;
  version: number;
  variant: string;
  language: string;
  mode: string;
  responseDate: string;
  fftQuestion: string | null;
  fftScale: string | null;
  fftAnswer: string | null;
}

export interface StagedAnswer extends AnswerRow {
  responseId: string;
}

/**
 * What a free-text answer's place on the comments' queue (comments_waiting) needs besides the answer
 * and its response: the question's wording as the response's version and variant showed it, and
 * the FFT answer's score (1 for the scale's first option … 6 for Don't know). The queue's rows are
 * made from these in the database, each answer's text copied once rather than sent twice.
 */
export interface QueueLookups {
  wordings: readonly { version: number; variant: string; questionCode: string; wording: string }[];
  fftScores: readonly { scale: string; answer: string; score: number }[];
}

const responseColumns =
  'response_id, submission_id, unit_id, version, variant, language, mode, response_date, fft_question, fft_scale, fft_answer';
const answerColumns = 'response_id, question_code, ordinal, option_code, free_text';

/**
 * Stores responses to one survey and their answers, and puts their free text on the comments'
 * queue to be coded (when given `queue`); those whose submission id the organisation already
 * holds are skipped with their answers and queued comments. Returns how many responses were stored and,
 * when asked (`withIds`), their ids: a large import needs only the count, and reading back every
 * id cost it a tenth of its time in this process.
 */
export async function copyResponses(
  tx: OrgTransaction,
  orgId: string,
  surveyId: string,
  rows: {
    responses: readonly StagedResponse[];
    answers: readonly StagedAnswer[];
    queue?: QueueLookups;
  },
  { withIds }: { withIds: boolean },
): Promise<{ stored: number; ids: Set<string> }> {
  const { responses, answers, queue } = rows;
  if (responses.length === 0) return { stored: 0, ids: new Set() };
  const client = rawClientOf(tx);
  await tx.execute(
    sql.raw(`create temp table if not exists survey_import_responses (
        response_id uuid, submission_id text, unit_id uuid, version integer, variant text, language text,
        mode text, response_date date, fft_question text, fft_scale text, fft_answer text) on commit delete rows`),
  );
  await tx.execute(
    sql.raw(`create temp table if not exists survey_import_answers (
        response_id uuid, question_code text, ordinal integer, option_code text, free_text text) on commit delete rows`),
  );
  await copyInto(
    client,
    `survey_import_responses (${responseColumns})`,
    textRows(
      responses,
      (row) =>
        `${row.responseId}\t${copyText(row.submissionId)}\t${row.unitId}\t${row.version}\t${copyText(row.variant)}\t${copyText(row.language)}\t${copyText(row.mode)}\t${row.responseDate}\t${copyText(row.fftQuestion)}\t${copyText(row.fftScale)}\t${copyText(row.fftAnswer)}`,
    ),
  );
  await copyInto(
    client,
    `survey_import_answers (${answerColumns})`,
    textRows(
      answers,
      (row) =>
        `${row.responseId}\t${copyText(row.questionCode)}\t${row.ordinal}\t${copyText(row.optionCode)}\t${copyText(row.freeText)}`,
    ),
  );
  // Each free-text answer of a response stored is queued with its response's unit and date, the
  // wording its version and variant showed and the score of the response's FFT answer.
  const queued = queue
    ? sql`, waiting_comments as (
      insert into ${sql.raw(waitingCommentsTable)} (org_id, ${sql.raw(waitingCommentColumns.join(', '))})
      select ${orgId}::uuid, 'survey-answer', a.response_id::text || ':' || a.question_code, i.unit_id,
        i.response_date, coalesce(w.wording, a.question_code), s.score, a.free_text
      from survey_import_answers a
      join inserted i using (response_id)
      left join jsonb_to_recordset(${JSON.stringify(queue.wordings)}::jsonb)
        as w(version integer, variant text, "questionCode" text, wording text)
        on w.version = i.version and w.variant = i.variant and w."questionCode" = a.question_code
      left join jsonb_to_recordset(${JSON.stringify(queue.fftScores)}::jsonb) as s(scale text, answer text, score integer)
        on s.scale = i.fft_scale and s.answer = i.fft_answer
      where a.free_text is not null
    )`
    : sql``;
  const result = (await tx.execute(sql`
    with inserted as (
      insert into survey_responses (org_id, survey_id, ${sql.raw(responseColumns)})
      select ${orgId}::uuid, ${surveyId}::uuid, ${sql.raw(responseColumns)} from survey_import_responses
      on conflict (org_id, submission_id) do nothing
      returning response_id, unit_id, response_date, version, variant, fft_scale, fft_answer
    ), stored_answers as (
      insert into survey_answers (org_id, ${sql.raw(answerColumns)})
      select ${orgId}::uuid, ${sql.raw(answerColumns.replace(/(\w+)/g, 'a.$1'))}
      from survey_import_answers a join inserted using (response_id)
    )${queued}
    ${withIds ? sql`select response_id from inserted` : sql`select count(*)::int as stored from inserted`}`)) as unknown as {
    rows: { response_id?: string; stored?: number }[];
  };
  if (!withIds) return { stored: result.rows[0]?.stored ?? 0, ids: new Set() };
  const ids = new Set(result.rows.map((row) => row.response_id ?? ''));
  return { stored: ids.size, ids };
}

/**
 * Ids for responses stored in bulk, in rising order (the layout of a version 7 UUID: the time in
 * milliseconds first, then a counter and random bits), so that each batch's rows go to the right-hand
 * end of the primary key's index, and of its answers', instead of touching a random page a row.
 * Unique: the time, 46 random bits per batch and a counter within it.
 */
export function orderedIds(count: number): string[] {
  if (count > 0xffffff) throw new Error('At most 16,777,215 ids at once');
  const time = Date.now().toString(16).padStart(12, '0').slice(-12);
  const salt = randomBytes(6).toString('hex');
  const variant = (8 | (Number.parseInt(salt[3] ?? '0', 16) & 3)).toString(16);
  const prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7${salt.slice(0, 3)}-${variant}${salt.slice(4, 7)}-${salt.slice(7, 12)}`;
  const ids: string[] = new Array(count);
  for (let index = 0; index < count; index += 1) {
    ids[index] = prefix + index.toString(16).padStart(7, '0');
  }
  return ids;
}

type RawClient = PoolClient | PgliteClient;
interface PgliteClient {
  query(text: string, params: unknown[], options: { blob?: Blob }): Promise<unknown>;
}

/**
 * The connection under a Drizzle transaction: node-postgres's pooled client or PGlite's
 * transaction. Drizzle has no COPY of its own, and both keep the connection as `session.client`.
 */
function rawClientOf(tx: OrgTransaction): RawClient {
  const client = (tx as unknown as { session?: { client?: RawClient } }).session?.client;
  if (!client) throw new Error('The transaction does not expose its connection, so COPY cannot be used');
  return client;
}

const isPostgresClient = (client: RawClient): client is PoolClient =>
  typeof (client as PoolClient).release === 'function';

async function copyInto(client: RawClient, target: string, chunks: string[]) {
  if (chunks.length === 0) return;
  if (isPostgresClient(client)) {
    await pipeline(Readable.from(chunks), client.query(copyFrom(`copy ${target} from stdin`)));
  } else {
    // Reading a "file", even PGlite's /dev/blob, needs the connecting role's rights: the copy into
    // this transaction's own temporary table runs as that role, and everything after as the
    // application role again, under row-level security.
    await client.query('set local role none', [], {});
    await client.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob(chunks) });
    await client.query(`set local role ${applicationRole}`, [], {});
  }
}

// COPY's text format: a tab between columns, \N for null, and backslash, tab, newline and carriage
// return escaped with a backslash (free text may hold any of them).
const needsEscape = /[\\\t\n\r]/;
const escapes: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const copyText = (value: string | null) =>
  value === null
    ? '\\N'
    : needsEscape.test(value)
      ? value.replace(/[\\\t\n\r]/g, (character) => escapes[character] ?? character)
      : value;

/**
 * The rows as COPY text, a few thousand lines a chunk so that no one string grows too large. Each
 * row's line is written by `line` (ids, numbers and dates as they are; text through copyText).
 */
function textRows<T>(rows: readonly T[], line: (row: T) => string): string[] {
  const chunks: string[] = [];
  let text = '';
  let lines = 0;
  for (const row of rows) {
    text += `${line(row)}\n`;
    lines += 1;
    if (lines === 4096) {
      chunks.push(text);
      text = '';
      lines = 0;
    }
  }
  if (lines > 0) chunks.push(text);
  return chunks;
}
