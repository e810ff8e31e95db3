import type { Config } from '#src/config.ts';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import {
  type CommentArrival,
  codeArrivingComments,
  safeguardingAlertsOf,
} from '#src/domains/comments/index.ts';
import type { Actor } from '#src/web/principal.ts';
import type { FeedbackKind } from './kinds-and-channels.ts';

/** The configuration coding on arrival reads: the named safeguarding contact and Heard's address. */
export type CommentConfig = Partial<
  Pick<Config, 'SAFEGUARDING_ALERT_EMAIL' | 'NOTIFY_TEMPLATE_SAFEGUARDING_ALERT_EMAIL' | 'PUBLIC_URL'>
>;

/** The kinds whose words are feedback to be understood: enquiries and MP letters are requests, not comments. */
const codedKinds: ReadonlySet<FeedbackKind> = new Set(['complaint', 'concern', 'compliment', 'comment']);

interface NarratedRecord {
  recordId: string;
  kind: FeedbackKind;
  unitId: string;
  receivedDate: string;
  narrative: string | null;
}

/** A case's narrative as a comment (compliments as compliments), or nothing when it has no words. */
export function narrativeArrival(record: NarratedRecord): CommentArrival[] {
  if (!codedKinds.has(record.kind) || !record.narrative?.trim()) return [];
  return [
    {
      source: record.kind === 'compliment' ? 'compliment' : 'case-narrative',
      sourceId: record.recordId,
      unitId: record.unitId,
      receivedOn: record.receivedDate,
      question: null,
      fftScore: null,
      text: record.narrative,
    },
  ];
}

/**
 * Codes the narratives of newly written cases in the same transaction as the cases: a case and its
 * comment are stored together or not at all, and a safeguarding flag queues its alert with them.
 */
export function codeNarratives(
  tx: OrgTransaction,
  orgId: string,
  actor: Actor,
  records: readonly NarratedRecord[],
  config: CommentConfig,
) {
  return codeArrivingComments(tx, orgId, actor, records.flatMap(narrativeArrival), {
    safeguardingAlerts: safeguardingAlertsOf(config),
  });
}
