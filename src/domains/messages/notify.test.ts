import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#src/config.ts';
import { type LocalNotify, startLocalNotify } from '#test/support/notify-server.ts';
import { NotifyRequestFailed, notifyGateway, notifyGatewayFor } from './notify.ts';

const emailTemplate = '1d3c5e7a-9b2d-4f6e-8a0c-2e4f6a8b0c1d';
const smsTemplate = '2e4d6f8b-0c3e-4a7f-9b1d-3f5a7b9c1d2e';
const letterTemplate = '3f5e7a9c-1d4f-4b8a-8c2e-4a6b8c0d2e3f';

/** A JWT as Notify's clients make them, with whatever claims and header a test needs. */
function jwt(secret: string, claims: Record<string, unknown>, header: Record<string, unknown> = {}) {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${encode({ typ: 'JWT', alg: 'HS256', ...header })}.${encode(claims)}`;
  return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof NotifyRequestFailed)) throw new Error(`expected NotifyRequestFailed, got ${error}`);
  return error.failure;
}

describe('GOV.UK Notify through its official client, against a local Notify', () => {
  let notify: LocalNotify;
  beforeAll(async () => {
    notify = await startLocalNotify({
      templates: {
        [emailTemplate]: {
          type: 'email',
          subject: 'We have your complaint',
          body: 'Dear ((name)), reference ((case))',
        },
        [smsTemplate]: { type: 'sms', body: 'Tell us how we did: ((link))' },
        [letterTemplate]: { type: 'letter', subject: 'Your complaint', body: 'Dear ((name))' },
      },
    });
  });
  afterAll(async () => notify?.close());

  const gateway = () => notifyGateway(notify.url, notify.apiKey);
  const secret = () => notify.apiKey.slice(-36);

  it('sends an email, a text message and a letter, each with its template, recipient, personalisation and reference', async () => {
    const email = await gateway().send({
      channel: 'email',
      templateId: emailTemplate,
      recipient: 'pat@example.com',
      personalisation: { name: 'Pat', case: 'C-1' },
      reference: 'heard-email',
    });
    const sms = await gateway().send({
      channel: 'sms',
      templateId: smsTemplate,
      recipient: '07700 900123',
      personalisation: { link: 'https://heard.example/s/1' },
      reference: 'heard-sms',
    });
    const address = {
      address_line_1: 'Pat Smith',
      address_line_2: '1 High Street',
      address_line_3: 'LS1 4AP',
    };
    const letter = await gateway().send({
      channel: 'letter',
      templateId: letterTemplate,
      recipient: null,
      personalisation: { name: 'Pat', ...address },
      reference: 'heard-letter',
    });
    const byId = new Map(notify.notifications().map((n) => [n.id, n]));
    expect(byId.get(email.notificationId)).toMatchObject({
      type: 'email',
      templateId: emailTemplate,
      emailAddress: 'pat@example.com',
      personalisation: { name: 'Pat', case: 'C-1' },
      reference: 'heard-email',
      body: 'Dear Pat, reference C-1',
    });
    expect(byId.get(sms.notificationId)).toMatchObject({
      type: 'sms',
      phoneNumber: '07700 900123',
      reference: 'heard-sms',
    });
    expect(byId.get(letter.notificationId)).toMatchObject({
      type: 'letter',
      personalisation: address,
      reference: 'heard-letter',
    });
  });

  it('reads a notification’s status as Notify’s providers move it on', async () => {
    const { notificationId } = await gateway().send({
      channel: 'email',
      templateId: emailTemplate,
      recipient: 'sam@example.com',
      personalisation: { name: 'Sam', case: 'C-2' },
      reference: 'heard-status',
    });
    expect(await gateway().notificationStatus(notificationId)).toEqual({
      status: 'created',
      completedAt: null,
    });
    const completedAt = new Date('2025-03-03T09:05:00Z');
    notify.setStatus(notificationId, 'delivered', completedAt);
    expect(await gateway().notificationStatus(notificationId)).toEqual({ status: 'delivered', completedAt });
  });

  it('keeps Notify’s reason when it refuses a message', async () => {
    const send = (recipient: string, templateId = smsTemplate) =>
      failureOf(
        gateway().send({
          channel: 'sms',
          templateId,
          recipient,
          personalisation: { link: 'x' },
          reference: 'r',
        }),
      );
    expect(await send('01632 960123')).toEqual({
      httpStatus: 400,
      errors: [{ error: 'ValidationError', message: 'phone_number Not a UK mobile number' }],
    });
    expect(await send('07700 900123', randomUUID())).toEqual({
      httpStatus: 400,
      errors: [{ error: 'BadRequestError', message: 'Template not found' }],
    });
    expect(
      await failureOf(
        gateway().send({
          channel: 'email',
          templateId: emailTemplate,
          recipient: 'pat@example.com',
          personalisation: {},
          reference: 'r',
        }),
      ),
    ).toEqual({
      httpStatus: 400,
      errors: [{ error: 'BadRequestError', message: 'Missing personalisation: name, case' }],
    });
  });

  it('says when Notify answers 500, is rate limited, or cannot be reached', async () => {
    const send = () =>
      failureOf(
        gateway().send({
          channel: 'sms',
          templateId: smsTemplate,
          recipient: '07700 900123',
          personalisation: { link: 'x' },
          reference: 'r',
        }),
      );
    notify.goDown();
    expect(await send()).toEqual({
      httpStatus: 500,
      errors: [{ error: 'Exception', message: 'Internal server error' }],
    });
    await notify.comeBack();
    notify.failNext(1, 429, [
      { error: 'TooManyRequestsError', message: 'Exceeded send limits (250000) for today' },
    ]);
    expect(await send()).toMatchObject({ httpStatus: 429 });
    await notify.refuseConnections();
    expect(await send()).toEqual({ httpStatus: null, errors: [], detail: 'ECONNREFUSED' });
    await notify.comeBack();
    await expect(send()).rejects.toThrow();
    expect(notify.requests.at(-1)?.status).toBe(201);
  });

  it('is refused with Notify’s AuthError when the API key is not the service’s', async () => {
    const wrongKey = `heard_test-${notify.serviceId}-${randomUUID()}`;
    expect(await failureOf(notifyGateway(notify.url, wrongKey).notificationStatus(randomUUID()))).toEqual({
      httpStatus: 403,
      errors: [{ error: 'AuthError', message: 'Invalid token: API key not found' }],
    });
  });

  describe('the local Notify checks the bearer token as Notify does', () => {
    const lookUp = (authorization?: string) =>
      fetch(`${notify.url}/v2/notifications/${randomUUID()}`, {
        headers: authorization ? { authorization } : {},
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as unknown }));
    const now = () => Math.round(Date.now() / 1000);
    const authError = (status: number, message: string) => ({
      status,
      body: { status_code: status, errors: [{ error: 'AuthError', message }] },
    });

    it.each([
      ['no token', () => undefined, authError(401, 'Unauthorized: authentication token must be provided')],
      [
        'another scheme',
        () => `Basic ${secret()}`,
        authError(401, 'Unauthorized: authentication bearer scheme must be used'),
      ],
      [
        'a token that is not a JWT',
        () => 'Bearer not-a-token',
        authError(403, 'Invalid token: signature, api token is not valid'),
      ],
      [
        'no issuer',
        () => `Bearer ${jwt(secret(), { iat: now() })}`,
        authError(403, 'Invalid token: iss field not provided'),
      ],
      [
        'another service',
        () => `Bearer ${jwt(secret(), { iss: randomUUID(), iat: now() })}`,
        authError(403, 'Invalid token: service not found'),
      ],
      [
        'another secret',
        () => `Bearer ${jwt(randomUUID(), { iss: notify.serviceId, iat: now() })}`,
        authError(403, 'Invalid token: API key not found'),
      ],
      [
        'another algorithm',
        () => `Bearer ${jwt(secret(), { iss: notify.serviceId, iat: now() }, { alg: 'HS512' })}`,
        authError(403, 'Invalid token: algorithm used is not HS256'),
      ],
      [
        'issued 31 seconds ago',
        () => `Bearer ${jwt(secret(), { iss: notify.serviceId, iat: now() - 31 })}`,
        authError(403, 'Error: Your system clock must be accurate to within 30 seconds'),
      ],
      [
        'issued 31 seconds ahead',
        () => `Bearer ${jwt(secret(), { iss: notify.serviceId, iat: now() + 31 })}`,
        authError(403, 'Error: Your system clock must be accurate to within 30 seconds'),
      ],
      [
        'a good token, for a notification it does not have',
        () => `Bearer ${jwt(secret(), { iss: notify.serviceId, iat: now() - 20 })}`,
        {
          status: 404,
          body: { status_code: 404, errors: [{ error: 'NoResultFound', message: 'No result found' }] },
        },
      ],
    ])('%s', async (_case, authorization, expected) => {
      expect(await lookUp(authorization())).toEqual(expected);
    });
  });
});

describe('Notify settings', () => {
  const key = `heard_live-${randomUUID()}-${randomUUID()}`;

  it('uses Notify’s own address unless told otherwise, and no Notify without a key', () => {
    const config = loadConfig({});
    expect(config.NOTIFY_BASE_URL).toBe('https://api.notifications.service.gov.uk');
    expect(notifyGatewayFor(config)).toBeNull();
    expect(notifyGatewayFor(loadConfig({ NOTIFY_API_KEY: key }))).not.toBeNull();
  });

  it.each([
    [{ NOTIFY_API_KEY: 'not-a-key' }, 'NOTIFY_API_KEY must be an API key from GOV.UK Notify'],
    [{ NOTIFY_BASE_URL: 'notify' }, 'NOTIFY_BASE_URL must be a full URL'],
    [{ NOTIFY_CALLBACK_TOKEN: 'short' }, 'NOTIFY_CALLBACK_TOKEN must be at least 10 characters long'],
  ])('names the Notify setting that is wrong: %o', (env, message) => {
    const problems = (() => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
    })();
    expect(problems.join('\n')).toContain(message);
  });
});
