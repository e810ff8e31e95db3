import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { Invalid, NotFound } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import {
  type CommentArrival,
  codeArrivingComments,
  type RecordedComment,
  refuseEmpty,
  type SafeguardingAlerts,
} from './arrivals.ts';
import { acceptanceRate, applyChange, type CodingChange } from './coding.ts';
import { shippedModel, type ThemeModel } from './model.ts';
import { commonFirstNames } from './personal-data-names.ts';
import {
  agreementCounts,
  commentById,
  correctedComments,
  correctionsOf,
  insertCorrection,
  updateCoding,
} from './queries.ts';

/** One line of train.jsonl's layout. */
export interface TrainingExample {
  id: string;
  text: string;
  question: string | null;
  fft_score: number | null;
  labels: string[];
  sentiment: number | null;
}

export interface CommentsServiceDependencies {
  db: Database;
  model?: ThemeModel;
  firstNames?: ReadonlySet<string>;
  /** Without it a flagged comment is still flagged and audited, but no alert is sent. */
  safeguardingAlerts?: SafeguardingAlerts | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function commentsService(dependencies: CommentsServiceDependencies) {
  const { db } = dependencies;
  const model = () => dependencies.model ?? shippedModel();
  const firstNames = () => dependencies.firstNames ?? commonFirstNames();

  /**
   * Codes each comment as it arrives (themes, sentiment, personal data, safeguarding) and stores it
   * with its redacted text, in one transaction with its audit entries and any safeguarding alert.
   * Surveys and cases call codeArrivingComments inside their own transaction instead.
   */
  async function recordComments(
    orgId: string,
    actor: Actor,
    arrivals: CommentArrival[],
  ): Promise<RecordedComment[]> {
    refuseEmpty(arrivals);
    return withOrg(db, orgId, (tx) =>
      codeArrivingComments(tx, orgId, actor, arrivals, {
        model: model(),
        firstNames: firstNames(),
        safeguardingAlerts: dependencies.safeguardingAlerts ?? null,
      }),
    );
  }

  async function getComment(orgId: string, commentId: string) {
    const found = uuidPattern.test(commentId)
      ? await withOrg(db, orgId, async (tx) => {
          const comment = await commentById(tx, orgId, commentId);
          return comment ? { comment, corrections: await correctionsOf(tx, orgId, commentId) } : null;
        })
      : null;
    if (!found) throw new NotFound('There is no comment with that id in your organisation.');
    return found;
  }

  /** A member of staff adds or removes a theme, or changes the sentiment; kept with who and when. */
  async function correctComment(orgId: string, actor: Actor, commentId: string, change: CodingChange) {
    if (!uuidPattern.test(commentId))
      throw new NotFound('There is no comment with that id in your organisation.');
    return withOrg(db, orgId, async (tx) => {
      const comment = await commentById(tx, orgId, commentId, true);
      if (!comment) throw new NotFound('There is no comment with that id in your organisation.');
      const before = { themes: comment.themes, sentiment: comment.sentiment };
      const after = applyChange(before, change, model().labels);
      if ('problem' in after) throw new Invalid(after.problem);
      await updateCoding(tx, orgId, commentId, after);
      const correction = await insertCorrection(tx, {
        orgId,
        commentId,
        kind: change.kind,
        theme: change.kind === 'change-sentiment' ? null : change.theme,
        sentimentBefore: change.kind === 'change-sentiment' ? comment.sentiment : null,
        sentimentAfter: change.kind === 'change-sentiment' ? change.sentiment : null,
        correctedById: actor.id,
        correctedByName: actor.name,
      });
      await recordAudit(tx, orgId, actor, {
        action: 'comment.coding-corrected',
        entityType: 'comment',
        entityId: commentId,
        before,
        after,
      });
      return { coding: after, correction };
    });
  }

  /** How often staff accept the model's coding: comments coded, comments corrected, the share accepted. */
  async function agreement(orgId: string) {
    const counts = await withOrg(db, orgId, (tx) => agreementCounts(tx, orgId));
    return { ...counts, acceptanceRate: acceptanceRate(counts) };
  }

  /**
   * The comments staff corrected, as training examples in train.jsonl's layout, for the next
   * `npm run train:themes -- --extra FILE`. They hold the original words: they stay with the trust.
   */
  async function correctionsForTraining(orgId: string): Promise<TrainingExample[]> {
    const rows = await withOrg(db, orgId, (tx) => correctedComments(tx, orgId));
    return rows.map((row) => ({
      id: row.commentId,
      text: row.text,
      question: row.question,
      fft_score: row.fftScore,
      labels: row.themes,
      sentiment: row.sentiment,
    }));
  }

  return { recordComments, getComment, correctComment, agreement, correctionsForTraining };
}

export type CommentsService = ReturnType<typeof commentsService>;
