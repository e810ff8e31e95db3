import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import type { Actor } from '#src/web/principal.ts';
import { type ArrivalCoding, codeArrivingComments } from './arrivals.ts';
import { waitingComments } from './schema.ts';

// Comments that arrived in bulk and wait to be coded (see `waitingComments` in schema.ts). A survey
// import of a million rows stores its free text in `comments_waiting` at COPY's speed; the job here
// codes it afterwards, a batch a transaction: each batch is coded as one arriving on its own would
// be (themes, sentiment, personal data, safeguarding, with its alert), stored in `comments` and taken
// off the queue in the same transaction. A killed run loses nothing and the next takes up where it
// stopped; two runs at once take different rows (SKIP LOCKED).

/** The queue's columns a bulk writer fills, in this order (the rest are made by the database). */
export const waitingCommentColumns = [
  'source',
  'source_id',
  'unit_id',
  'received_on',
  'question',
  'fft_score',
  'text',
] as const;

/** The queue's table, for a bulk writer's INSERT … SELECT (the survey import). */
export const waitingCommentsTable = 'comments_waiting';

export async function waitingCount(db: Database, orgId: string): Promise<number> {
  return withOrg(db, orgId, (tx) => waitingCountIn(tx, orgId));
}

async function waitingCountIn(tx: OrgTransaction, orgId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(waitingComments).where(eq(waitingComments.orgId, orgId));
  return Number(row?.n ?? 0);
}

/**
 * Codes the oldest waiting comments (after `after`, the last one a run has coded) in one
 * transaction; returns how many (0 when none wait) and the last one's place in the queue. A run
 * starts each batch after the last: the rows it deleted stay in the queue's index until vacuumed,
 * and stepping over them again each time would make a million comments' run slow down as it goes.
 */
export async function codeWaitingBatch(
  db: Database,
  orgId: string,
  actor: Actor,
  {
    batchSize = 2000,
    coding = {},
    after = 0,
  }: { batchSize?: number; coding?: ArrivalCoding; after?: number } = {},
): Promise<{ coded: number; last: number }> {
  return withOrg(db, orgId, async (tx) => {
    const batch = await tx
      .select()
      .from(waitingComments)
      .where(and(eq(waitingComments.orgId, orgId), gt(waitingComments.waitingId, after)))
      .orderBy(asc(waitingComments.waitingId))
      .limit(batchSize)
      .for('update', { skipLocked: true });
    if (batch.length === 0) return { coded: 0, last: after };
    await codeArrivingComments(tx, orgId, actor, batch, coding);
    await tx.delete(waitingComments).where(
      and(
        eq(waitingComments.orgId, orgId),
        inArray(
          waitingComments.waitingId,
          batch.map((row) => row.waitingId),
        ),
      ),
    );
    return { coded: batch.length, last: batch.at(-1)?.waitingId ?? after };
  });
}

export interface WaitingProgress {
  /** Coded so far by this run. */
  coded: number;
  /** Still waiting. */
  waiting: number;
}

/** Codes every waiting comment of the organisation, reporting after each batch; returns how many it coded. */
export async function codeWaitingComments(
  db: Database,
  orgId: string,
  actor: Actor,
  options: {
    batchSize?: number;
    coding?: ArrivalCoding;
    onProgress?: (progress: WaitingProgress) => void;
  } = {},
): Promise<number> {
  let waiting = await waitingCount(db, orgId);
  let coded = 0;
  let after = 0;
  options.onProgress?.({ coded, waiting });
  for (;;) {
    const batch = await codeWaitingBatch(db, orgId, actor, { ...options, after });
    if (batch.coded === 0) break;
    coded += batch.coded;
    after = batch.last;
    waiting = Math.max(0, waiting - batch.coded);
    options.onProgress?.({ coded, waiting });
  }
  return coded;
}

/** Whether any organisation's comments wait, without counting them (cheap enough to ask every minute). */
export async function anyWaiting(db: Database, orgId: string): Promise<boolean> {
  return withOrg(db, orgId, async (tx) => {
    const result = (await tx.execute(
      sql`select exists (select 1 from comments_waiting where org_id = ${orgId}) as waiting`,
    )) as unknown as { rows: { waiting: boolean }[] };
    return Boolean(result.rows[0]?.waiting);
  });
}
