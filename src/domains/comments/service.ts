import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { queueMessage } from '#src/domains/messages/index.ts';
import { Invalid, NotFound } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import { acceptanceRate, applyChange, type CodingChange } from './coding.ts';
import { codeComment, shippedModel, type ThemeModel } from './model.ts';
import { commonFirstNames } from './personal-data-names.ts';
import { redactPersonalData } from './personal-data-rules.ts';
import {
  agreementCounts,
  type CommentRow,
  commentById,
  commentBySource,
  correctedComments,
  correctionsOf,
  insertComment,
  insertCorrection,
  updateCoding,
} from './queries.ts';
import { safeguardingFlag } from './safeguarding-rules.ts';
import type { CommentSource } from './schema.ts';

/** A comment as it arrives from a survey answer, a case, a compliment or Care Opinion. */
export interface CommentArrival {
  source: CommentSource;
  sourceId: string;
  unitId?: string | null;
  /** ISO date, yyyy-mm-dd. */
  receivedOn: string;
  question?: string | null;
  fftScore?: number | null;
  text: string;
}

/** One line of train.jsonl's layout. */
export interface TrainingExample {
  id: string;
  text: string;
  question: string | null;
  fft_score: number | null;
  labels: string[];
  sentiment: number | null;
}

/** Where a safeguarding alert goes: the trust's named safeguarding contact, by a Notify email template. */
export interface SafeguardingAlerts {
  templateId: string;
  recipient: string;
  /** Heard's address, for the link in the alert (PUBLIC_URL). */
  publicUrl: string;
}

export interface CommentsServiceDependencies {
  db: Database;
  model?: ThemeModel;
  firstNames?: ReadonlySet<string>;
  /** Without it a flagged comment is still flagged and audited, but no alert is sent. */
  safeguardingAlerts?: SafeguardingAlerts | null;
}

export interface RecordedComment {
  commentId: string;
  sourceId: string;
  /** False when the source had already given this comment: it is returned as first recorded. */
  isNew: boolean;
  themes: string[];
  sentiment: number | null;
  containsPersonalData: boolean;
  safeguardingFlag: boolean;
  alertMessageId: string | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function commentsService(dependencies: CommentsServiceDependencies) {
  const { db } = dependencies;
  const model = () => dependencies.model ?? shippedModel();
  const firstNames = () => dependencies.firstNames ?? commonFirstNames();

  /**
   * Codes each comment as it arrives (themes, sentiment, personal data, safeguarding) and stores it
   * with its redacted text, in one transaction with its audit entries and any safeguarding alert.
   */
  async function recordComments(
    orgId: string,
    actor: Actor,
    arrivals: CommentArrival[],
  ): Promise<RecordedComment[]> {
    const themeModel = model();
    return withOrg(db, orgId, async (tx) => {
      const recorded: RecordedComment[] = [];
      for (const arrival of arrivals) {
        if (!arrival.text.trim()) throw new Invalid('A comment needs some text');
        const coding = codeComment(themeModel, {
          text: arrival.text,
          question: arrival.question ?? null,
          fftScore: arrival.fftScore ?? null,
        });
        const redaction = redactPersonalData(arrival.text, firstNames());
        const safeguarding = safeguardingFlag(arrival.text);
        const row = await insertComment(tx, {
          orgId,
          source: arrival.source,
          sourceId: arrival.sourceId,
          unitId: arrival.unitId ?? null,
          receivedOn: arrival.receivedOn,
          question: arrival.question ?? null,
          fftScore: arrival.fftScore ?? null,
          text: arrival.text,
          redactedText: redaction.redacted,
          themes: coding.labels,
          themeScores: coding.scores,
          sentiment: coding.sentiment,
          modelThemes: coding.labels,
          modelSentiment: coding.sentiment,
          modelVersion: themeModel.version,
          containsPersonalData: redaction.containsPersonalData,
          personalDataKinds: redaction.kinds,
          safeguardingFlag: safeguarding.flagged,
          safeguardingConcerns: safeguarding.concerns,
        });
        if (!row) {
          const existing = await commentBySource(tx, orgId, arrival.source, arrival.sourceId);
          if (existing) recorded.push(summary(existing, false, null));
          continue;
        }
        // The trail names the coding and the flags, never the words (they may hold personal data).
        await recordAudit(tx, orgId, actor, {
          action: 'comment.recorded',
          entityType: 'comment',
          entityId: row.commentId,
          after: {
            source: row.source,
            sourceId: row.sourceId,
            themes: row.themes,
            sentiment: row.sentiment,
            modelVersion: row.modelVersion,
            personalDataKinds: row.personalDataKinds,
            safeguardingConcerns: row.safeguardingConcerns,
          },
        });
        let alertMessageId: string | null = null;
        const alerts = dependencies.safeguardingAlerts;
        if (safeguarding.flagged && alerts) {
          const queued = await queueMessage(tx, orgId, actor, {
            channel: 'email',
            templateId: alerts.templateId,
            recipient: alerts.recipient,
            // What the contact needs to act, without the comment's words: they open it in Heard.
            personalisation: {
              concerns: safeguarding.concerns.join(', '),
              source: row.source,
              received_on: row.receivedOn,
              link: `${alerts.publicUrl.replace(/\/$/, '')}/comments/${row.commentId}`,
            },
            purpose: 'safeguarding.alert-raised',
            related: { type: 'comment', id: row.commentId },
          });
          alertMessageId = queued.messageId;
        }
        recorded.push(summary(row, true, alertMessageId));
      }
      return recorded;
    });
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

function summary(row: CommentRow, isNew: boolean, alertMessageId: string | null): RecordedComment {
  return {
    commentId: row.commentId,
    sourceId: row.sourceId,
    isNew,
    themes: row.themes,
    sentiment: row.sentiment,
    containsPersonalData: row.containsPersonalData,
    safeguardingFlag: row.safeguardingFlag,
    alertMessageId,
  };
}
