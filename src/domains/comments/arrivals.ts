import { randomUUID } from 'node:crypto';
import type { Config } from '#src/config.ts';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { queueMessage } from '#src/domains/messages/index.ts';
import { Invalid } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import { codeComment, shippedModel, type ThemeModel } from './model.ts';
import { commonFirstNames } from './personal-data-names.ts';
import { redactPersonalData } from './personal-data-rules.ts';
import { type CommentRow, commentsBySource, insertComments, type NewCommentRow } from './queries.ts';
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

/** Where a safeguarding alert goes: the trust's named safeguarding contact, by a Notify email template. */
export interface SafeguardingAlerts {
  templateId: string;
  recipient: string;
  /** Heard's address, for the link in the alert (PUBLIC_URL). */
  publicUrl: string;
}

/** What coding on arrival needs besides the transaction: the model, the names list and the alert contact. */
export interface ArrivalCoding {
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

/**
 * The named safeguarding contact from the configuration, or null when none is set (then flagged
 * comments are still flagged and shown, but nobody is emailed).
 */
export function safeguardingAlertsOf(
  config: Partial<
    Pick<Config, 'SAFEGUARDING_ALERT_EMAIL' | 'NOTIFY_TEMPLATE_SAFEGUARDING_ALERT_EMAIL' | 'PUBLIC_URL'>
  >,
): SafeguardingAlerts | null {
  if (!config.SAFEGUARDING_ALERT_EMAIL || !config.NOTIFY_TEMPLATE_SAFEGUARDING_ALERT_EMAIL) return null;
  return {
    recipient: config.SAFEGUARDING_ALERT_EMAIL,
    templateId: config.NOTIFY_TEMPLATE_SAFEGUARDING_ALERT_EMAIL,
    publicUrl: config.PUBLIC_URL ?? 'http://localhost:3000',
  };
}

/** Above this many comments one audit event names the batch instead of one event per comment. */
const auditEachUpTo = 20;
/** Rows per insert statement (one JSON parameter each). */
const insertChunk = 2000;

/** What the trail, the alert and the caller need of a comment just stored. */
type CodedComment = Pick<
  CommentRow,
  | 'commentId'
  | 'source'
  | 'sourceId'
  | 'receivedOn'
  | 'themes'
  | 'sentiment'
  | 'modelVersion'
  | 'containsPersonalData'
  | 'personalDataKinds'
  | 'safeguardingFlag'
  | 'safeguardingConcerns'
>;

/**
 * Codes comments as they arrive (themes, sentiment, personal data, safeguarding) and stores them with
 * their redacted text inside the caller's transaction, so a survey answer or a case and its comment
 * are written together or not at all. Many comments are coded in memory and inserted in chunks.
 * Text that is empty after trimming is not a comment and is skipped.
 */
export async function codeArrivingComments(
  tx: OrgTransaction,
  orgId: string,
  actor: Actor,
  arrivals: readonly CommentArrival[],
  options: ArrivalCoding = {},
): Promise<RecordedComment[]> {
  const withText = arrivals.filter((arrival) => arrival.text.trim().length > 0);
  if (withText.length === 0) return [];
  const model = options.model ?? shippedModel();
  const firstNames = options.firstNames ?? commonFirstNames();
  const rows: (NewCommentRow & CodedComment)[] = withText.map((arrival) => {
    const coding = codeComment(model, {
      text: arrival.text,
      question: arrival.question ?? null,
      fftScore: arrival.fftScore ?? null,
    });
    const redaction = redactPersonalData(arrival.text, firstNames);
    const safeguarding = safeguardingFlag(arrival.text);
    return {
      orgId,
      commentId: randomUUID(),
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
      modelVersion: model.version,
      containsPersonalData: redaction.containsPersonalData,
      personalDataKinds: redaction.kinds,
      safeguardingFlag: safeguarding.flagged,
      safeguardingConcerns: safeguarding.concerns,
    };
  });
  const inserted: CodedComment[] = [];
  for (let start = 0; start < rows.length; start += insertChunk) {
    const chunk = rows.slice(start, start + insertChunk);
    const ids = await insertComments(tx, chunk);
    for (const row of chunk) if (ids.has(row.commentId)) inserted.push(row);
  }
  const key = (source: string, sourceId: string) => `${source}\u0000${sourceId}`;
  const newByKey = new Map(inserted.map((row) => [key(row.source, row.sourceId), row]));
  const missing = withText.filter((arrival) => !newByKey.has(key(arrival.source, arrival.sourceId)));
  const existingByKey = new Map(
    (await commentsBySource(tx, orgId, missing)).map((row) => [key(row.source, row.sourceId), row]),
  );
  await auditRecorded(tx, orgId, actor, inserted, model.version);
  const alerts = new Map<string, string>();
  for (const row of inserted) {
    const alertId = await queueSafeguardingAlert(tx, orgId, actor, row, options.safeguardingAlerts ?? null);
    if (alertId) alerts.set(row.commentId, alertId);
  }
  const recorded: RecordedComment[] = [];
  const seen = new Set<string>();
  for (const arrival of withText) {
    const k = key(arrival.source, arrival.sourceId);
    if (seen.has(k)) continue;
    seen.add(k);
    const fresh = newByKey.get(k);
    const row = fresh ?? existingByKey.get(k);
    if (row) recorded.push(summary(row, Boolean(fresh), alerts.get(row.commentId) ?? null));
  }
  return recorded;
}

/** The trail names the coding and the flags, never the words (they may hold personal data). */
async function auditRecorded(
  tx: OrgTransaction,
  orgId: string,
  actor: Actor,
  inserted: CodedComment[],
  modelVersion: string,
) {
  if (inserted.length <= auditEachUpTo) {
    for (const row of inserted) {
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
    }
    return;
  }
  await recordAudit(tx, orgId, actor, {
    action: 'comments.recorded-in-bulk',
    entityType: 'comment',
    entityId: null,
    after: {
      recorded: inserted.length,
      modelVersion,
      bySource: countBy(inserted.map((row) => row.source)),
      containingPersonalData: inserted.filter((row) => row.containsPersonalData).length,
      safeguardingFlagged: inserted.filter((row) => row.safeguardingFlag).map((row) => row.commentId),
    },
  });
}

async function queueSafeguardingAlert(
  tx: OrgTransaction,
  orgId: string,
  actor: Actor,
  row: CodedComment,
  alerts: SafeguardingAlerts | null,
): Promise<string | null> {
  if (!row.safeguardingFlag || !alerts) return null;
  const queued = await queueMessage(tx, orgId, actor, {
    channel: 'email',
    templateId: alerts.templateId,
    recipient: alerts.recipient,
    // What the contact needs to act, without the comment's words: they open it in Heard.
    personalisation: {
      concerns: row.safeguardingConcerns.join(', '),
      source: row.source,
      received_on: row.receivedOn,
      link: `${alerts.publicUrl.replace(/\/$/, '')}/comments/${row.commentId}`,
    },
    purpose: 'safeguarding.alert-raised',
    related: { type: 'comment', id: row.commentId },
  });
  return queued.messageId;
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

export function summary(row: CodedComment, isNew: boolean, alertMessageId: string | null): RecordedComment {
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

/** Used by recordComments: a comment with no words is refused rather than skipped. */
export function refuseEmpty(arrivals: readonly CommentArrival[]) {
  if (arrivals.some((arrival) => !arrival.text.trim())) throw new Invalid('A comment needs some text');
}
