import { createHash, timingSafeEqual } from 'node:crypto';
import type { MessageChannel, MessageStatus, Personalisation } from './schema.ts';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

// ---- References ---------------------------------------------------------------------------------

/**
 * The reference sent to Notify with a message. DESIGN.md §3: it must hold no personal data, since
 * Notify shows it on its dashboard and in delivery receipts. It is the message's random id and
 * nothing else, so that a receipt arriving before Heard has noted Notify's id still finds its message.
 */
export function messageReference(messageId: string): string {
  return `heard-${messageId.toLowerCase()}`;
}

const referencePattern = /^heard-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function messageIdOfReference(reference: string | null | undefined): string | null {
  return referencePattern.exec(reference ?? '')?.[1] ?? null;
}

// ---- What may be queued -------------------------------------------------------------------------

export interface MessageToCheck {
  channel: MessageChannel;
  templateId: string;
  recipient?: string | null;
  personalisation?: Personalisation;
  purpose: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** complaint.acknowledgement, survey.invitation, safeguarding.alert-raised … */
const purposePattern = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const letterAddressLines = [1, 2, 3, 4, 5, 6, 7].map((n) => `address_line_${n}`);

/**
 * Why a message cannot be queued, or null. Only what is plainly wrong is caught here; Notify
 * validates the rest (a real mobile number, a real postcode) and its refusal is kept with the message.
 */
export function messageProblem(message: MessageToCheck): string | null {
  if (!uuidPattern.test(message.templateId)) return 'The Notify template id must be a UUID';
  if (message.purpose.length > 64 || !purposePattern.test(message.purpose)) {
    return 'The purpose must be a short label such as complaint.acknowledgement';
  }
  const recipient = message.recipient?.trim() ?? '';
  if (message.channel === 'email' && !emailPattern.test(recipient)) {
    return 'An email needs an email address to go to';
  }
  if (message.channel === 'sms' && (recipient.replace(/\D/g, '').length < 10 || /[a-z]/i.test(recipient))) {
    return 'A text message needs a mobile phone number to go to';
  }
  if (message.channel === 'letter') {
    if (message.recipient) return 'A letter’s address goes in its personalisation, as address_line_1 to 7';
    // GOV.UK Notify: "The address must have at least 3 lines", address_line_1 first.
    const lines = letterAddressLines.filter((key) => String(message.personalisation?.[key] ?? '').trim());
    if (!message.personalisation?.address_line_1 || lines.length < 3) {
      return 'A letter needs an address of at least 3 lines, starting at address_line_1';
    }
  }
  return null;
}

// ---- When a message is due ----------------------------------------------------------------------

/**
 * A dispatcher claims a message by marking it sending for this long. If the process dies while
 * sending, the claim lapses and another dispatcher tries again.
 */
export const claimLeaseMs = 5 * minute;

/**
 * A dispatcher starts sending a claimed message only this long into its claim, leaving time for the
 * request (20 s at most) to end before the claim lapses; the rest of a slow pass goes back untried,
 * so that no message is sent by two dispatchers at once.
 */
export const claimUsableMs = claimLeaseMs - 60_000;

/** Queued messages, and claimed ones whose dispatcher died (its lease has passed). */
export const dueStatuses = ['queued', 'sending'] as const satisfies readonly MessageStatus[];

export function isDue(message: { status: MessageStatus; nextAttemptAt: Date }, now: Date): boolean {
  return (
    (dueStatuses as readonly MessageStatus[]).includes(message.status) &&
    message.nextAttemptAt.getTime() <= now.getTime()
  );
}

// ---- Notify's rate limit ------------------------------------------------------------------------

/** GOV.UK Notify: 3,000 messages a minute per API key. */
export const notifyMessagesPerMinute = 3000;

/** How many messages this tick may send, given how many were sent in the minute before it. */
export function sendAllowance(
  sentInLastMinute: number,
  batchSize: number,
  perMinute = notifyMessagesPerMinute,
): number {
  return Math.max(0, Math.min(batchSize, perMinute - sentInLastMinute));
}

// ---- Retries ------------------------------------------------------------------------------------

/** Wait 1 minute after the first failed attempt, then 2, 4, 8 … never more than an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(minute * 2 ** Math.max(0, attempts - 1), hour);
}

/**
 * 30 attempts: 6 while the wait doubles from 1 to 32 minutes, then hourly. The last comes about
 * 24 hours after the first, long enough to outlast an outage of Notify; then Heard gives up.
 */
export const maxSendAttempts = 30;

/** How a request to Notify failed: its HTTP status (null if no answer came) and Notify's errors. */
export interface SendFailure {
  httpStatus: number | null;
  /** Notify's `errors`: [{ error: 'ValidationError', message: 'phone_number Not a UK mobile number' }]. */
  errors: readonly { error: string; message: string }[];
  /** What went wrong when there was no answer: ECONNREFUSED, a time-out. */
  detail?: string;
}

/**
 * True when Notify (or the way to it) is down or busy rather than the message wrong: no answer,
 * 5xx, 429 rate limited, or 401/403 (Heard's API key refused, which fixing the key cures).
 */
export function isNotifyUnavailable(failure: SendFailure): boolean {
  const status = failure.httpStatus;
  return status === null || status >= 500 || status === 429 || status === 401 || status === 403;
}

export function failureReason(failure: SendFailure): string {
  const errors = failure.errors.map((item) => `${item.error}: ${item.message}`).join('; ');
  if (failure.httpStatus === null) {
    return `GOV.UK Notify could not be reached (${failure.detail ?? 'no answer'})`;
  }
  if (failure.httpStatus === 401 || failure.httpStatus === 403) {
    return `GOV.UK Notify refused Heard’s API key: check NOTIFY_API_KEY (${errors || failure.httpStatus})`;
  }
  return `GOV.UK Notify answered ${failure.httpStatus}${errors ? ` (${errors})` : ''}`;
}

export type AfterFailure =
  | { status: 'queued'; nextAttemptAt: Date; lastError: string }
  | { status: 'permanent-failure' | 'technical-failure'; lastError: string };

/**
 * What becomes of a message after a failed attempt (`attempts` counts it). Notify being down or
 * busy delays a message; Notify refusing the message itself (400: a bad template, a number that
 * is not a mobile) fails it for good, keeping Notify's reason.
 */
export function afterFailedAttempt(failure: SendFailure, attempts: number, now: Date): AfterFailure {
  const reason = failureReason(failure);
  if (!isNotifyUnavailable(failure)) return { status: 'permanent-failure', lastError: reason };
  if (attempts >= maxSendAttempts) {
    return {
      status: 'technical-failure',
      lastError: `Gave up after ${attempts} attempts over about 24 hours. The last: ${reason}`,
    };
  }
  return {
    status: 'queued',
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
    lastError: reason,
  };
}

// ---- Delivery statuses --------------------------------------------------------------------------

export const finalStatuses = [
  'delivered',
  'permanent-failure',
  'temporary-failure',
  'technical-failure',
  'cancelled',
] as const satisfies readonly MessageStatus[];

export const isFinal = (status: MessageStatus) =>
  (finalStatuses as readonly MessageStatus[]).includes(status);

/**
 * Notify's status of a notification, as Heard records it; null for one Heard does not know
 * (left as it was). GOV.UK Notify API: email and text message statuses, and letter statuses.
 */
export function statusFromNotify(notifyStatus: string): MessageStatus | null {
  switch (notifyStatus) {
    // Still with Notify or its providers. 'sent' is a text to an international number, about
    // which many networks say nothing more: it stays sent.
    case 'created':
    case 'sending':
    case 'pending':
    case 'sent':
    case 'accepted':
    case 'pending-virus-check':
      return 'sent';
    case 'delivered':
    // A letter is 'received' once the provider has printed and posted it: as delivered as a letter gets.
    case 'received':
      return 'delivered';
    case 'permanent-failure':
    case 'validation-failed':
    case 'virus-scan-failed':
      return 'permanent-failure';
    case 'temporary-failure':
      return 'temporary-failure';
    case 'technical-failure':
      return 'technical-failure';
    case 'cancelled':
      return 'cancelled';
    default:
      return null;
  }
}

/** Notify keeps a notification for 7 days by default; after that there is nothing to ask about. */
export const statusCheckHorizonMs = 7 * day;

/**
 * When to next ask Notify about a sent message: often at first, when most receipts arrive, then
 * less often; null once Notify no longer keeps it. Callbacks usually make these checks idle.
 */
export function nextStatusCheckAt(sentAt: Date, now: Date): Date | null {
  const age = now.getTime() - sentAt.getTime();
  if (age >= statusCheckHorizonMs) return null;
  const interval = age < 10 * minute ? minute : age < hour ? 5 * minute : age < day ? 30 * minute : 3 * hour;
  return new Date(now.getTime() + interval);
}

// ---- Callbacks ----------------------------------------------------------------------------------

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether a callback carries the bearer token Heard gave Notify. Compared in constant time, after
 * hashing so that the lengths match too; no token configured means no callback is accepted.
 */
export function callbackTokenMatches(
  expected: string | undefined,
  authorization: string | undefined,
): boolean {
  if (!expected || !authorization?.startsWith('Bearer ')) return false;
  return timingSafeEqual(sha256(authorization.slice('Bearer '.length).trim()), sha256(expected));
}
