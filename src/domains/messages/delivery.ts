import type { Database } from '#src/db/engine.ts';
import { asSystem, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { type Actor, systemActor } from '#src/web/principal.ts';
import { type NotifyGateway, NotifyRequestFailed } from './notify.ts';
import { inParallel } from './parallel.ts';
import {
  claimStatusChecks,
  markNotifyStatus,
  messageById,
  messageOfReceipt,
  setNextStatusCheck,
} from './queries.ts';
import {
  claimLeaseMs,
  isFinal,
  messageIdOfReference,
  nextStatusCheckAt,
  statusCheckHorizonMs,
  statusFromNotify,
} from './rules.ts';

const receiptActor = systemActor('GOV.UK Notify delivery receipt');
const statusCheckActor = systemActor('GOV.UK Notify status check');

interface NotifyReport {
  notificationId: string;
  /** Notify's word for it: delivered, permanent-failure, received … */
  status: string;
  completedAt: Date | null;
}

/**
 * Records what Notify reports of one message, in its own organisation's transaction; a final
 * status goes in the audit trail. Returns whether anything changed.
 */
async function recordNotifyStatus(
  db: Database,
  message: { orgId: string; messageId: string },
  report: NotifyReport,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  const status = statusFromNotify(report.status);
  if (!status) return false;
  const { orgId, messageId } = message;
  return withOrg(db, orgId, async (tx) => {
    const changed = await markNotifyStatus(tx, orgId, messageId, {
      status,
      notificationId: report.notificationId,
      completedAt: isFinal(status) ? (report.completedAt ?? now) : null,
      now,
    });
    if (changed && isFinal(status)) {
      await recordAudit(tx, orgId, actor, {
        action: 'message.delivery',
        entityType: 'message',
        entityId: messageId,
        after: { status, notifyStatus: report.status },
      });
    }
    return changed;
  });
}

export interface DeliveryReceipt extends NotifyReport {
  /** The reference Heard sent with the message. */
  reference: string | null;
}

/**
 * A delivery receipt Notify sent to the callback. 'unknown' when no message matches: not one of
 * this Heard's, or one whose records are gone.
 */
export async function recordDeliveryReceipt(
  db: Database,
  receipt: DeliveryReceipt,
  now = new Date(),
): Promise<'recorded' | 'unchanged' | 'unknown'> {
  const message = await asSystem(db, (tx) =>
    messageOfReceipt(tx, receipt.notificationId, messageIdOfReference(receipt.reference)),
  );
  if (!message) return 'unknown';
  return (await recordNotifyStatus(db, message, receipt, receiptActor, now)) ? 'recorded' : 'unchanged';
}

export interface StatusCheckCounts {
  checked: number;
  changed: number;
  /** Checks that Notify did not answer; they are tried again later. */
  unanswered: number;
}

/**
 * Asks Notify about sent messages whose next check is due and records what it says, for a Heard
 * that receives no callbacks (or misses one). Like sending, it claims across organisations with ids
 * only, then reads and writes each message in its own organisation's transaction.
 */
export async function pollDeliveryStatuses(
  db: Database,
  notify: NotifyGateway,
  options: { now?: Date; batchSize?: number } = {},
): Promise<StatusCheckCounts> {
  const now = options.now ?? new Date();
  const claimed = await asSystem(db, (tx) =>
    claimStatusChecks(
      tx,
      now,
      new Date(now.getTime() - statusCheckHorizonMs),
      new Date(now.getTime() + claimLeaseMs),
      options.batchSize ?? 100,
    ),
  );
  const counts: StatusCheckCounts = { checked: 0, changed: 0, unanswered: 0 };
  await inParallel(claimed, 8, async ({ orgId, messageId }) => {
    const message = await withOrg(db, orgId, (tx) => messageById(tx, orgId, messageId));
    if (!message?.notifyNotificationId || !message.sentAt) return;
    const { notifyNotificationId: notificationId, sentAt } = message;
    const nextCheck = async () => {
      const at = nextStatusCheckAt(sentAt, now);
      if (at) await withOrg(db, orgId, (tx) => setNextStatusCheck(tx, orgId, messageId, at));
    };
    let report: NotifyReport;
    try {
      report = { notificationId, ...(await notify.notificationStatus(notificationId)) };
    } catch (error) {
      if (!(error instanceof NotifyRequestFailed)) throw error;
      counts.unanswered += 1;
      return nextCheck();
    }
    counts.checked += 1;
    if (await recordNotifyStatus(db, { orgId, messageId }, report, statusCheckActor, now))
      counts.changed += 1;
    const status = statusFromNotify(report.status);
    if (!status || !isFinal(status)) await nextCheck();
  });
  return counts;
}
