import type { Config } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import { asSystem, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { pollDeliveryStatuses } from './delivery.ts';
import { type NotifyGateway, NotifyRequestFailed, notifyGatewayFor } from './notify.ts';
import { inParallel } from './parallel.ts';
import {
  attemptsSince,
  type ClaimedMessage,
  claimDueMessages,
  markAttemptFailed,
  markSent,
  messageById,
  releaseClaim,
} from './queries.ts';
import {
  afterFailedAttempt,
  claimLeaseMs,
  claimUsableMs,
  failureReason,
  nextStatusCheckAt,
  notifyMessagesPerMinute,
  sendAllowance,
} from './rules.ts';

const dispatcherActor = systemActor('Heard message dispatcher');

export interface DispatchOptions {
  /** The dispatcher's clock; tests move it on. */
  now?: Date;
  /** The most messages to claim in one pass. */
  batchSize?: number;
  /** Notify's limit per API key (3,000 a minute). */
  perMinute?: number;
  /** How many requests to Notify may be in flight at once. */
  concurrency?: number;
}

export interface DispatchCounts {
  /** Claimed for sending in this pass. */
  claimed: number;
  /** Accepted by Notify. */
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Refused by Notify for good, or given up on after a day of trying. */
  failed: number;
  /** Put back untried because Notify became unavailable during the pass. */
  untried: number;
  /** Why Notify was unavailable, if it was. */
  notifyUnavailable: string | null;
}

/** A message is retried only when Notify was unavailable (rules.ts), so a retry says until when. */
type Outcome = { kind: 'sent' } | { kind: 'failed' } | { kind: 'retrying'; retryAt: Date; reason: string };

/**
 * Sends one claimed message. The dispatcher claimed it across organisations knowing only its ids;
 * its content is read, and its outcome written, in its own organisation's transaction, so that
 * row-level security guarantees it goes out with its own organisation's data.
 */
async function sendClaimed(
  db: Database,
  notify: NotifyGateway,
  claimed: ClaimedMessage,
  now: Date,
): Promise<Outcome | null> {
  const { orgId, messageId } = claimed;
  const message = await withOrg(db, orgId, (tx) => messageById(tx, orgId, messageId));
  if (message?.status !== 'sending') return null;
  const attempts = claimed.attempts + 1;
  const audit = { entityType: 'message', entityId: messageId };
  try {
    const { notificationId } = await notify.send({
      channel: message.channel,
      templateId: message.templateId,
      recipient: message.recipient,
      personalisation: message.personalisation,
      reference: message.reference,
    });
    await withOrg(db, orgId, async (tx) => {
      const nextCheckAt = nextStatusCheckAt(now, now) ?? now;
      await markSent(tx, orgId, messageId, { notificationId, attempts, sentAt: now, nextCheckAt });
      await recordAudit(tx, orgId, dispatcherActor, {
        action: 'message.sent',
        ...audit,
        after: {
          channel: message.channel,
          purpose: message.purpose,
          attempts,
          notifyNotificationId: notificationId,
        },
      });
    });
    return { kind: 'sent' };
  } catch (error) {
    if (!(error instanceof NotifyRequestFailed)) throw error;
    const after = afterFailedAttempt(error.failure, attempts, now);
    await withOrg(db, orgId, async (tx) => {
      await markAttemptFailed(tx, orgId, messageId, { ...after, attempts, now });
      if (after.status !== 'queued') {
        await recordAudit(tx, orgId, dispatcherActor, {
          action: 'message.failed',
          ...audit,
          after: {
            channel: message.channel,
            purpose: message.purpose,
            status: after.status,
            reason: after.lastError,
          },
        });
      }
    });
    if (after.status !== 'queued') return { kind: 'failed' };
    return { kind: 'retrying', retryAt: after.nextAttemptAt, reason: failureReason(error.failure) };
  }
}

/**
 * One pass of the outbox: claims the messages that are due (within Notify's rate limit), sends
 * each through Notify and records the outcome. A Notify that is down or busy delays messages and
 * loses none: they wait with a growing back-off, and the rest of the pass is put back untried.
 */
export async function dispatchDueMessages(
  db: Database,
  notify: NotifyGateway,
  options: DispatchOptions = {},
): Promise<DispatchCounts> {
  const now = options.now ?? new Date();
  const claimed = await asSystem(db, async (tx) => {
    const recent = await attemptsSince(tx, new Date(now.getTime() - 60_000));
    const allowance = sendAllowance(
      recent,
      options.batchSize ?? 100,
      options.perMinute ?? notifyMessagesPerMinute,
    );
    return allowance > 0 ? claimDueMessages(tx, now, new Date(now.getTime() + claimLeaseMs), allowance) : [];
  });
  const counts: DispatchCounts = {
    claimed: claimed.length,
    sent: 0,
    retrying: 0,
    failed: 0,
    untried: 0,
    notifyUnavailable: null,
  };
  let unavailableUntil: Date | null = null;
  const claimedAt = Date.now();
  await inParallel(claimed, options.concurrency ?? 8, async (message) => {
    // Not worth trying while Notify is down; not safe once the claim is about to lapse (rules.ts).
    if (unavailableUntil || Date.now() - claimedAt > claimUsableMs) {
      const until = unavailableUntil ?? now;
      await withOrg(db, message.orgId, (tx) =>
        releaseClaim(tx, message.orgId, message.messageId, until, now),
      );
      counts.untried += 1;
      return;
    }
    const outcome = await sendClaimed(db, notify, message, now);
    if (!outcome) return;
    if (outcome.kind === 'sent') counts.sent += 1;
    if (outcome.kind === 'failed') counts.failed += 1;
    if (outcome.kind === 'retrying') {
      counts.retrying += 1;
      unavailableUntil ??= outcome.retryAt;
      counts.notifyUnavailable ??= outcome.reason;
    }
  });
  return counts;
}

/** Where the dispatcher reports; Fastify's logger (pino) fits. */
export interface DispatcherLog {
  info(message: string): void;
  warn(message: string): void;
  error(details: object, message: string): void;
}

/**
 * Runs the dispatcher and the status checks every `intervalMs` (one pass at a time, never
 * overlapping, and never keeping the process alive). Returns a function that stops it and waits
 * for a pass under way. Without NOTIFY_API_KEY it says so once and leaves messages queued.
 */
export function startMessageDispatcher(
  db: Database,
  config: Config,
  log: DispatcherLog,
  options: { intervalMs?: number; notify?: NotifyGateway } = {},
): () => Promise<void> {
  const notify = options.notify ?? notifyGatewayFor(config);
  if (!notify) {
    log.warn('NOTIFY_API_KEY is not set, so emails, text messages and letters wait in the outbox unsent');
    return async () => {};
  }
  let running: Promise<void> | null = null;
  let unavailable = false;
  const pass = async () => {
    try {
      const counts = await dispatchDueMessages(db, notify);
      if (counts.notifyUnavailable && !unavailable) {
        log.warn(`Messages are waiting to be retried: ${counts.notifyUnavailable}`);
      }
      if (unavailable && counts.sent > 0) log.info('GOV.UK Notify is accepting messages again');
      if (counts.notifyUnavailable || counts.sent > 0) unavailable = Boolean(counts.notifyUnavailable);
      await pollDeliveryStatuses(db, notify);
    } catch (error) {
      log.error({ err: error }, 'sending messages through GOV.UK Notify failed');
    }
  };
  const timer = setInterval(() => {
    running ??= pass().finally(() => {
      running = null;
    });
  }, options.intervalMs ?? 10_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
