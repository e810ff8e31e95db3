import { NotifyClient } from 'notifications-node-client';
import type { Config } from '#src/config.ts';
import type { SendFailure } from './rules.ts';
import type { MessageChannel, Personalisation } from './schema.ts';

/** A message as Notify is asked to send it. */
export interface OutgoingMessage {
  channel: MessageChannel;
  templateId: string;
  /** Email address or mobile number; null for a letter. */
  recipient: string | null;
  personalisation: Personalisation;
  reference: string;
}

export interface NotificationStatus {
  /** Notify's own word: created, sending, delivered, permanent-failure, received … */
  status: string;
  completedAt: Date | null;
}

/** What the dispatcher needs of GOV.UK Notify; `notifyGateway` is the real one. */
export interface NotifyGateway {
  /** Hands a message to Notify; resolves with Notify's id for it, or throws NotifyRequestFailed. */
  send(message: OutgoingMessage): Promise<{ notificationId: string }>;
  notificationStatus(notificationId: string): Promise<NotificationStatus>;
}

/** A request Notify refused or never answered. */
export class NotifyRequestFailed extends Error {
  constructor(readonly failure: SendFailure) {
    super(
      failure.httpStatus === null
        ? `GOV.UK Notify could not be reached (${failure.detail ?? 'no answer'})`
        : `GOV.UK Notify answered ${failure.httpStatus}`,
    );
    this.name = 'NotifyRequestFailed';
  }
}

/** A request that takes longer than this is given up (and the message retried later). */
const requestTimeoutMs = 20_000;

interface HttpErrorLike {
  code?: string;
  message?: string;
  response?: { status?: number; data?: { errors?: unknown } };
}

const isNotifyError = (item: unknown): item is { error: string; message: string } =>
  typeof item === 'object' &&
  item !== null &&
  typeof (item as { error?: unknown }).error === 'string' &&
  typeof (item as { message?: unknown }).message === 'string';

/** The client rejects with its HTTP library's error; this keeps only what Heard acts on. */
export function sendFailureOf(error: unknown): SendFailure {
  const http = (typeof error === 'object' && error !== null ? error : {}) as HttpErrorLike;
  const status = http.response?.status;
  if (typeof status !== 'number') {
    return { httpStatus: null, errors: [], detail: http.code ?? http.message ?? String(error) };
  }
  const errors = http.response?.data?.errors;
  return { httpStatus: status, errors: Array.isArray(errors) ? errors.filter(isNotifyError) : [] };
}

async function calling<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw new NotifyRequestFailed(sendFailureOf(error));
  }
}

/** GOV.UK Notify through its official client, which takes (baseUrl, apiKey) (DESIGN.md §3). */
export function notifyGateway(baseUrl: string, apiKey: string): NotifyGateway {
  const client = new NotifyClient(baseUrl, apiKey);
  // The client sets no time-out of its own: without one, a Notify that hangs would hold a
  // dispatcher for ever. Its HTTP library's `create` makes one with the same defaults and a limit.
  const library = client.apiClient.restClient as { create(options: { timeout: number }): unknown };
  client.setClient(library.create({ timeout: requestTimeoutMs }) as Parameters<NotifyClient['setClient']>[0]);
  return {
    async send(message) {
      const options = { personalisation: message.personalisation, reference: message.reference };
      const response = await calling<{ data: { id: string } }>(() => {
        if (message.channel === 'letter') return client.sendLetter(message.templateId, options);
        const recipient = message.recipient ?? '';
        return message.channel === 'email'
          ? client.sendEmail(message.templateId, recipient, options)
          : client.sendSms(message.templateId, recipient, options);
      });
      return { notificationId: response.data.id };
    },
    async notificationStatus(notificationId) {
      const response = await calling(() => client.getNotificationById(notificationId));
      const completedAt = response.data.completed_at;
      return { status: response.data.status, completedAt: completedAt ? new Date(completedAt) : null };
    },
  };
}

/** The configured Notify, or null when NOTIFY_API_KEY is not set (messages then wait in the outbox). */
export function notifyGatewayFor(config: Config): NotifyGateway | null {
  return config.NOTIFY_API_KEY ? notifyGateway(config.NOTIFY_BASE_URL, config.NOTIFY_API_KEY) : null;
}
