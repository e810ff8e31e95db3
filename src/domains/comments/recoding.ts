import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { listOrganisations } from '#src/domains/organisations/index.ts';
import { type Actor, systemActor } from '#src/web/principal.ts';
import type { ArrivalCoding } from './arrivals.ts';
import { codeComment, shippedModel, type ThemeModel } from './model.ts';
import { codingCounts, staleComments, updateModelCodings } from './queries.ts';
import { anyWaiting, codeWaitingComments } from './waiting.ts';

/**
 * Re-coding after a model change. The job's state is each comment's `model_version`: a comment is
 * done once the model in use coded it. So the job needs no table of its own, running it twice does
 * nothing more (idempotent), and a killed run resumes where it stopped: each batch commits on its
 * own, and the next run picks up the comments still coded by another version.
 */

export interface RecodingProgress {
  orgId: string;
  modelVersion: string;
  /** Comments in the organisation. */
  total: number;
  /** Comments the model in use has coded. */
  done: number;
}

export async function recodingProgress(
  db: Database,
  orgId: string,
  model: ThemeModel = shippedModel(),
): Promise<RecodingProgress> {
  const counts = await withOrg(db, orgId, (tx) => codingCounts(tx, orgId, model.version));
  return { orgId, modelVersion: model.version, total: counts.total, done: counts.current };
}

/**
 * Re-codes one batch in one transaction with one audit event; returns how many it re-coded (0 when
 * none is left). Staff corrections stay in force: only the model's own coding is replaced on them.
 */
export async function recodeBatch(
  db: Database,
  orgId: string,
  actor: Actor,
  { model = shippedModel(), batchSize = 500 }: { model?: ThemeModel; batchSize?: number } = {},
): Promise<number> {
  return withOrg(db, orgId, async (tx) => {
    const stale = await staleComments(tx, orgId, model.version, batchSize);
    if (stale.length === 0) return 0;
    const recoded = stale.map((comment) => {
      const coding = codeComment(model, comment);
      return {
        commentId: comment.commentId,
        modelThemes: coding.labels,
        modelSentiment: coding.sentiment,
        themeScores: coding.scores,
        replaceCoding: !comment.corrected,
      };
    });
    await updateModelCodings(tx, orgId, model.version, recoded);
    await recordAudit(tx, orgId, actor, {
      action: 'comments.recoded',
      entityType: 'comment',
      entityId: null,
      after: {
        recoded: recoded.length,
        modelVersion: model.version,
        fromVersions: [...new Set(stale.map((comment) => comment.modelVersion))],
        correctedKept: stale.filter((comment) => comment.corrected).length,
      },
    });
    return recoded.length;
  });
}

/** Re-codes every comment of the organisation another model version coded, reporting progress after each batch. */
export async function recodeComments(
  db: Database,
  orgId: string,
  actor: Actor,
  options: { model?: ThemeModel; batchSize?: number; onProgress?: (progress: RecodingProgress) => void } = {},
): Promise<RecodingProgress> {
  const model = options.model ?? shippedModel();
  let progress = await recodingProgress(db, orgId, model);
  options.onProgress?.(progress);
  while ((await recodeBatch(db, orgId, actor, { model, batchSize: options.batchSize })) > 0) {
    progress = await recodingProgress(db, orgId, model);
    options.onProgress?.(progress);
  }
  return recodingProgress(db, orgId, model);
}

export interface RecodingLog {
  info(message: string): void;
  error(details: { err: unknown }, message: string): void;
}

const hourly = 3_600_000;
const everyMinute = 60_000;

/**
 * `heard serve`'s scheduler. Every minute it codes the comments waiting after a bulk import (see
 * waiting.ts), so an imported million is coded in the background minutes after it arrives; at start
 * and every hour it re-codes whatever another model version coded in every organisation (after an
 * upgrade ships a retrained model, the whole archive follows).
 */
export function startRecoding(
  db: Database,
  log: RecodingLog,
  options: {
    intervalMs?: number;
    waitingIntervalMs?: number;
    model?: ThemeModel;
    coding?: ArrivalCoding;
  } = {},
): () => Promise<void> {
  const actor = systemActor('Scheduler: re-coding comments after a model change');
  const coder = systemActor('Scheduler: coding imported comments');
  let stopping = false;
  const recodePass = async () => {
    try {
      for (const organisation of await listOrganisations(db)) {
        if (stopping) return;
        const before = await recodingProgress(db, organisation.orgId, options.model);
        if (before.done === before.total) continue;
        const after = await recodeComments(db, organisation.orgId, actor, { model: options.model });
        log.info(
          `Re-coded ${after.done - before.done} comments of ${organisation.name} with ${after.modelVersion}`,
        );
      }
    } catch (error) {
      log.error({ err: error }, 're-coding comments failed');
    }
  };
  const waitingPass = async () => {
    try {
      for (const organisation of await listOrganisations(db)) {
        if (stopping) return;
        if (!(await anyWaiting(db, organisation.orgId))) continue;
        const coded = await codeWaitingComments(db, organisation.orgId, coder, {
          coding: { ...options.coding, model: options.model ?? options.coding?.model },
        });
        log.info(`Coded ${coded} imported comments of ${organisation.name}`);
      }
    } catch (error) {
      log.error({ err: error }, 'coding imported comments failed');
    }
  };
  // One pass at a time: a pass still running when its timer fires again is left to finish.
  const single = (pass: () => Promise<void>) => {
    let running: Promise<void> | null = null;
    return {
      run: () => {
        running ??= pass().finally(() => {
          running = null;
        });
      },
      finished: async () => {
        await running;
      },
    };
  };
  const recoding = single(recodePass);
  const coding = single(waitingPass);
  const timers = [
    setInterval(recoding.run, options.intervalMs ?? hourly),
    setInterval(coding.run, options.waitingIntervalMs ?? everyMinute),
  ];
  for (const timer of timers) timer.unref();
  coding.run();
  recoding.run();
  return async () => {
    stopping = true;
    for (const timer of timers) clearInterval(timer);
    await Promise.all([recoding.finished(), coding.finished()]);
  };
}
