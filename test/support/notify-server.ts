import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local GOV.UK Notify: a real HTTP server on 127.0.0.1 speaking the parts of Notify's REST API
 * (v2) that notifications-node-client uses to send and to look up notifications, with Notify's
 * authentication, validation, responses and error shapes. Tests point the real client at it and
 * can make it fail as Notify can: errors, refused connections, rate limits, slowness.
 */

export type NotificationType = 'email' | 'sms' | 'letter';

export interface LocalTemplate {
  type: NotificationType;
  /** With ((placeholders)), which Notify requires in the personalisation. */
  body: string;
  subject?: string;
}

export interface StoredNotification {
  id: string;
  type: NotificationType;
  templateId: string;
  emailAddress: string | null;
  phoneNumber: string | null;
  personalisation: Record<string, unknown>;
  reference: string | null;
  status: string;
  body: string;
  subject: string | null;
  createdAt: Date;
  sentAt: Date | null;
  completedAt: Date | null;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  body: unknown;
  /** What the server answered. */
  status: number;
}

export interface NotifyError {
  error: string;
  message: string;
}

export interface LocalNotify {
  /** The base URL to give the client. */
  url: string;
  serviceId: string;
  /** A live API key for this service: `{key name}-{service id}-{secret}`. */
  apiKey: string;
  /** Every request, in order, with the status it was answered with. */
  readonly requests: ReceivedRequest[];
  /** The notifications Notify accepted, in order. */
  notifications(): StoredNotification[];
  addTemplate(templateId: string, template: LocalTemplate): void;
  /** Answers every request with 500, as Notify does when it is in trouble. */
  goDown(): void;
  /** Stops listening, so that connections are refused. */
  refuseConnections(): Promise<void>;
  /** Listens again on the same port and answers normally. */
  comeBack(): Promise<void>;
  /** Answers the next `count` requests with this error instead of handling them. */
  failNext(count: number, status: number, errors: NotifyError[]): void;
  /** Waits this long before answering each request. */
  setLatency(ms: number): void;
  /** Moves a notification to a status, as Notify's providers would. */
  setStatus(notificationId: string, status: string, completedAt?: Date): void;
  close(): Promise<void>;
}

export interface LocalNotifyOptions {
  /** Requests allowed per 60 seconds before 429 (Notify: 3,000 per key). */
  rateLimitPerMinute?: number;
  templates?: Record<string, LocalTemplate>;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emailPattern = /^[^\s@"(),:;<>[\\\]]+@([a-z0-9-]+\.)+[a-z]{2,}$/i;
const ukPostcodePattern = /^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/i;

/** Notify's error body: { status_code, errors: [{ error, message }] }. */
class NotifyFailure extends Error {
  constructor(
    readonly status: number,
    readonly errors: NotifyError[],
  ) {
    super(errors.map((e) => e.message).join('; '));
  }
}

const validation = (message: string) => new NotifyFailure(400, [{ error: 'ValidationError', message }]);
const badRequest = (message: string) => new NotifyFailure(400, [{ error: 'BadRequestError', message }]);
const authError = (status: 401 | 403, message: string) =>
  new NotifyFailure(status, [{ error: 'AuthError', message }]);

function decodeSegment(segment: string | undefined): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Checks the bearer token as Notify does: a JWT signed HS256 with the API key's secret, `iss` the
 * service id, and `iat` within 30 seconds of the server's clock.
 */
function authenticate(authorization: string | undefined, serviceId: string, secrets: string[]) {
  if (!authorization) throw authError(401, 'Unauthorized: authentication token must be provided');
  if (!authorization.startsWith('Bearer ')) {
    throw authError(401, 'Unauthorized: authentication bearer scheme must be used');
  }
  const token = authorization.slice('Bearer '.length).trim();
  const [headerPart, payloadPart, signature] = token.split('.');
  const header = decodeSegment(headerPart);
  const payload = decodeSegment(payloadPart);
  if (!header || !payload || signature === undefined) {
    throw authError(403, 'Invalid token: signature, api token is not valid');
  }
  if (header.alg !== 'HS256') throw authError(403, 'Invalid token: algorithm used is not HS256');
  if (payload.iss === undefined) throw authError(403, 'Invalid token: iss field not provided');
  if (typeof payload.iss !== 'string' || !uuidPattern.test(payload.iss)) {
    throw authError(403, 'Invalid token: service id is not the right data type');
  }
  if (payload.iss !== serviceId) throw authError(403, 'Invalid token: service not found');
  const signed = `${headerPart}.${payloadPart}`;
  const presented = Buffer.from(signature, 'base64url');
  const matches = secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(signed).digest();
    return expected.length === presented.length && timingSafeEqual(expected, presented);
  });
  if (!matches) throw authError(403, 'Invalid token: API key not found');
  const now = Date.now() / 1000;
  if (typeof payload.iat !== 'number' || payload.iat < now - 30 || payload.iat > now + 30) {
    throw authError(403, 'Error: Your system clock must be accurate to within 30 seconds');
  }
}

const allowedFields: Record<NotificationType, string[]> = {
  email: [
    'email_address',
    'template_id',
    'personalisation',
    'reference',
    'email_reply_to_id',
    'one_click_unsubscribe_url',
  ],
  sms: ['phone_number', 'template_id', 'personalisation', 'reference', 'sms_sender_id'],
  letter: ['template_id', 'personalisation', 'reference', 'postage'],
};

const recipientField = { email: 'email_address', sms: 'phone_number', letter: null } as const;

/** notifications-utils: strip spacing and brackets, then expect a UK mobile (07…, +447…, 00447…). */
function ukMobileProblem(phoneNumber: string): string | null {
  const stripped = phoneNumber.replace(/[\s().-]/g, '').replace(/^\+/, '');
  if (!/^\d+$/.test(stripped)) return 'Mobile numbers can only include: 0 1 2 3 4 5 6 7 8 9 ( ) + -';
  const national = stripped.replace(/^(0044|44|0)/, '');
  if (!national.startsWith('7')) return 'Not a UK mobile number';
  if (national.length > 10) return 'Too many digits';
  if (national.length < 10) return 'Not enough digits';
  return null;
}

function letterAddressProblem(personalisation: Record<string, unknown>): string | null {
  const lines = [1, 2, 3, 4, 5, 6, 7]
    .map((n) => personalisation[`address_line_${n}`])
    .filter((line): line is string => typeof line === 'string' && line.trim() !== '');
  if (lines.length < 3) return 'Address must be at least 3 lines';
  const last = lines[lines.length - 1]?.trim() ?? '';
  if (/\d/.test(last) && !ukPostcodePattern.test(last)) return 'Must be a real UK postcode';
  return null;
}

const placeholders = (text: string) => [...text.matchAll(/\(\(([^)]+)\)\)/g)].map((match) => match[1] ?? '');
const fill = (text: string, values: Record<string, unknown>) =>
  text.replace(/\(\(([^)]+)\)\)/g, (_whole, name: string) => String(values[name] ?? ''));

export async function startLocalNotify(options: LocalNotifyOptions = {}): Promise<LocalNotify> {
  const serviceId = randomUUID();
  const secret = randomUUID();
  const templates = new Map(Object.entries(options.templates ?? {}));
  const stored = new Map<string, StoredNotification>();
  const requests: ReceivedRequest[] = [];
  const recentPosts: number[] = [];
  let down = false;
  let latencyMs = 0;
  const scripted: { status: number; errors: NotifyError[] }[] = [];
  let url = '';

  function createNotification(type: NotificationType, body: unknown): Record<string, unknown> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw validation('Invalid JSON supplied in POST data');
    }
    const fields = body as Record<string, unknown>;
    const unexpected = Object.keys(fields).filter((key) => !allowedFields[type].includes(key));
    if (unexpected.length > 0) {
      throw validation(`Additional properties are not allowed (${unexpected.join(', ')} was unexpected)`);
    }
    const field = recipientField[type];
    const required = [
      ...(field ? [field] : []),
      'template_id',
      ...(type === 'letter' ? ['personalisation'] : []),
    ];
    const missing = required.filter((key) => fields[key] === undefined);
    if (missing.length > 0) {
      throw new NotifyFailure(
        400,
        missing.map((key) => ({ error: 'ValidationError', message: `${key} is a required property` })),
      );
    }
    const templateId = String(fields.template_id);
    if (!uuidPattern.test(templateId)) throw validation('template_id is not a valid UUID');
    if (fields.reference !== undefined && typeof fields.reference !== 'string') {
      throw validation(`reference ${JSON.stringify(fields.reference)} is not of type string`);
    }
    const personalisation = fields.personalisation ?? {};
    if (typeof personalisation !== 'object' || personalisation === null || Array.isArray(personalisation)) {
      throw validation(`personalisation ${JSON.stringify(personalisation)} is not of type object`);
    }
    const values = personalisation as Record<string, unknown>;
    const recipient = field ? String(fields[field]) : null;
    if (type === 'email' && recipient !== null && !emailPattern.test(recipient)) {
      throw validation('email_address Not a valid email address');
    }
    const phoneProblem = type === 'sms' && recipient !== null ? ukMobileProblem(recipient) : null;
    if (phoneProblem) throw validation(`phone_number ${phoneProblem}`);
    const template = templates.get(templateId);
    if (!template) throw badRequest('Template not found');
    if (template.type !== type) {
      throw badRequest(`${template.type} template is not suitable for ${type} notification`);
    }
    const addressLines = type === 'letter' ? ['address_line_1', 'address_line_2'] : [];
    const absent = [...addressLines, ...placeholders(`${template.subject ?? ''} ${template.body}`)].filter(
      (name) => values[name] === undefined,
    );
    if (absent.length > 0) throw badRequest(`Missing personalisation: ${[...new Set(absent)].join(', ')}`);
    const addressProblem = type === 'letter' ? letterAddressProblem(values) : null;
    if (addressProblem) throw validation(addressProblem);

    const id = randomUUID();
    const notification: StoredNotification = {
      id,
      type,
      templateId,
      emailAddress: type === 'email' ? recipient : null,
      phoneNumber: type === 'sms' ? recipient : null,
      personalisation: values,
      reference: typeof fields.reference === 'string' ? fields.reference : null,
      status: type === 'letter' ? 'accepted' : 'created',
      body: fill(template.body, values),
      subject: template.subject ? fill(template.subject, values) : null,
      createdAt: new Date(),
      sentAt: null,
      completedAt: null,
    };
    stored.set(id, notification);
    const content =
      type === 'email'
        ? {
            body: notification.body,
            subject: notification.subject,
            from_email: 'heard.test@notifications.service.gov.uk',
            one_click_unsubscribe_url: null,
          }
        : type === 'sms'
          ? { body: notification.body, from_number: 'GOVUK' }
          : { body: notification.body, subject: notification.subject };
    return {
      id,
      reference: notification.reference,
      content,
      uri: `${url}/v2/notifications/${id}`,
      template: { id: templateId, version: 1, uri: `${url}/services/${serviceId}/templates/${templateId}` },
      ...(type === 'letter' ? { scheduled_for: null } : {}),
    };
  }

  function describe(notification: StoredNotification): Record<string, unknown> {
    const lines = Object.fromEntries(
      [1, 2, 3, 4, 5, 6, 7].map((n) => [
        `line_${n}`,
        notification.type === 'letter' ? (notification.personalisation[`address_line_${n}`] ?? null) : null,
      ]),
    );
    return {
      id: notification.id,
      reference: notification.reference,
      email_address: notification.emailAddress,
      phone_number: notification.phoneNumber,
      ...lines,
      postage: notification.type === 'letter' ? 'second' : null,
      type: notification.type,
      status: notification.status,
      template: {
        id: notification.templateId,
        version: 1,
        uri: `${url}/v2/template/${notification.templateId}/version/1`,
      },
      body: notification.body,
      subject: notification.subject,
      created_at: notification.createdAt.toISOString(),
      created_by_name: null,
      sent_at: notification.sentAt?.toISOString() ?? null,
      completed_at: notification.completedAt?.toISOString() ?? null,
      scheduled_for: null,
      one_click_unsubscribe: null,
      is_cost_data_ready: true,
      cost_in_pounds: 0,
      cost_details: {},
    };
  }

  function route(method: string, path: string, authorization: string | undefined, body: unknown) {
    if (down) throw new NotifyFailure(500, [{ error: 'Exception', message: 'Internal server error' }]);
    const next = scripted.shift();
    if (next) throw new NotifyFailure(next.status, next.errors);
    authenticate(authorization, serviceId, [secret]);
    const sending = /^\/v2\/notifications\/(email|sms|letter)$/.exec(path);
    if (method === 'POST' && sending?.[1]) {
      const now = Date.now();
      while (recentPosts.length > 0 && (recentPosts[0] ?? 0) <= now - 60_000) recentPosts.shift();
      const limit = options.rateLimitPerMinute ?? 3000;
      if (recentPosts.length >= limit) {
        throw new NotifyFailure(429, [
          {
            error: 'RateLimitError',
            message: `Exceeded rate limit for key type LIVE of ${limit} requests per 60 seconds`,
          },
        ]);
      }
      recentPosts.push(now);
      return { status: 201, body: createNotification(sending[1] as NotificationType, body) };
    }
    const lookup = /^\/v2\/notifications\/([^/]+)$/.exec(path);
    if (method === 'GET' && lookup?.[1]) {
      if (!uuidPattern.test(lookup[1])) throw validation('notification_id is not a valid UUID');
      const notification = stored.get(lookup[1]);
      if (!notification)
        throw new NotifyFailure(404, [{ error: 'NoResultFound', message: 'No result found' }]);
      return { status: 200, body: describe(notification) };
    }
    throw new NotifyFailure(404, [
      { error: 'NotFound', message: 'The requested URL was not found on the server.' },
    ]);
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const method = request.method ?? 'GET';
    let body: unknown = null;
    let answer: { status: number; body: unknown };
    try {
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          throw validation('Invalid JSON supplied in POST data');
        }
      }
      answer = route(method, path, request.headers.authorization, body);
    } catch (error) {
      if (!(error instanceof NotifyFailure)) throw error;
      answer = { status: error.status, body: { status_code: error.status, errors: error.errors } };
    }
    requests.push({ method, path, body, status: answer.status });
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ status_code: 500, errors: [{ error: 'Exception', message: String(error) }] }),
      );
    });
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const stopListening = async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive connections would otherwise go on being answered.
      server.closeAllConnections();
    });
    // Let clients in this process see their kept-alive connections close, so that their next
    // request opens a new one and is refused, rather than finding a dead one (ECONNRESET).
    await new Promise((resolve) => setTimeout(resolve, 20));
  };

  const port = await listen(0);
  url = `http://127.0.0.1:${port}`;

  return {
    url,
    serviceId,
    apiKey: `heard_test-${serviceId}-${secret}`,
    requests,
    notifications: () => [...stored.values()],
    addTemplate: (templateId, template) => templates.set(templateId, template),
    goDown: () => {
      down = true;
    },
    refuseConnections: stopListening,
    async comeBack() {
      down = false;
      if (!server.listening) await listen(port);
    },
    failNext: (count, status, errors) => {
      for (let i = 0; i < count; i += 1) scripted.push({ status, errors });
    },
    setLatency: (ms) => {
      latencyMs = ms;
    },
    setStatus(notificationId, status, completedAt = new Date()) {
      const notification = stored.get(notificationId);
      if (!notification) throw new Error(`the local Notify has no notification ${notificationId}`);
      notification.status = status;
      notification.sentAt ??= new Date();
      if (!['created', 'sending', 'pending', 'accepted', 'pending-virus-check'].includes(status)) {
        notification.completedAt = completedAt;
      }
    },
    close: () => (server.listening ? stopListening() : Promise.resolve()),
  };
}
