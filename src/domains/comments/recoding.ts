import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { listOrganisations } from '#src/domains/organisations/index.ts';
import { type Actor, systemActor } from '#src/web/principal.ts';
import { codeComment, shippedModel, type ThemeModel } from './model.ts';
import { codingCounts, staleComments, updateModelCodings } from './queries.ts';

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

/**
 * `heard serve`'s scheduler: at start and every hour, re-codes whatever another model version coded
 * in every organisation (after an upgrade ships a retrained model, the whole archive follows).
 */
export function startRecoding(
  db: Database,
  log: RecodingLog,
  options: { intervalMs?: number; model?: ThemeModel } = {},
): () => Promise<void> {
  const actor = systemActor('Scheduler: re-coding comments after a model change');
  let running: Promise<void> | null = null;
  let stopping = false;
  const pass = async () => {
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
  const run = () => {
    running ??= pass().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(run, options.intervalMs ?? hourly);
  timer.unref();
  run();
  return async () => {
    stopping = true;
    clearInterval(timer);
    await running;
  };
}
