import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#src/app.ts';
import { loadConfig } from '#src/config.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { type LocalNotify, startLocalNotify } from '#test/support/notify-server.ts';
import { dispatchDueMessages } from './dispatcher.ts';
import { notifyGateway } from './notify.ts';
import { messageRoutes, notifyCallbackPath } from './routes.ts';
import { outboxMessages } from './schema.ts';
import { queueMessage } from './service.ts';

const callbackToken = 'the-callback-token-set-in-notify';
const templateId = '1a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d';

/**
 * Heard's app with this domain's routes. Until src/app.ts mounts them, the test mounts them
 * itself, after the web plumbing, as app.ts would.
 */
async function appWithMessages(
  database: TestDatabase,
  env: Record<string, string>,
): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HEARD_DATA_DIR: 'memory://', ...env });
  const app = await buildApp({
    config,
    database,
    sessionSecret: 'a-test-session-secret-of-enough-length',
    logger: false,
  });
  if (!app.hasRoute({ method: 'POST', url: notifyCallbackPath })) {
    await app.register(messageRoutes({ config, db: database.db, engine: database.kind }));
  }
  await app.ready();
  return app;
}

describe.each(engines)('Notify’s delivery receipts callback on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let notify: LocalNotify;
    let app: FastifyInstance;
    let unconfigured: FastifyInstance;
    let orgId: string;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      notify = await startLocalNotify({
        templates: { [templateId]: { type: 'sms', body: 'Hello ((name))' } },
      });
      app = await appWithMessages(database, { NOTIFY_CALLBACK_TOKEN: callbackToken });
      unconfigured = await appWithMessages(database, {});
      orgId = (
        await createOrganisation(database.db, systemActor(), { name: 'Callback NHS Trust', odsCode: 'CB1' })
      ).orgId;
    });
    afterAll(async () => {
      await app?.close();
      await unconfigured?.close();
      await notify?.close();
      await database?.close();
    });

    async function sentMessage() {
      const queued = await withOrg(database.db, orgId, (tx) =>
        queueMessage(tx, orgId, systemActor(), {
          channel: 'sms',
          templateId,
          recipient: '07700 900456',
          personalisation: { name: 'Pat' },
          purpose: 'survey.invitation',
        }),
      );
      await dispatchDueMessages(database.db, notifyGateway(notify.url, notify.apiKey));
      const [row] = await database.db
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.messageId, queued.messageId));
      if (!row?.notifyNotificationId) throw new Error('the message was not sent');
      return row;
    }

    /** The receipt as Notify posts it. */
    const receiptFor = (
      message: { notifyNotificationId: string | null; reference: string },
      status: string,
    ) => ({
      id: message.notifyNotificationId,
      reference: message.reference,
      to: '07700 900456',
      status,
      created_at: '2025-03-03T09:00:00.000000Z',
      completed_at: '2025-03-03T09:00:07.000000Z',
      sent_at: '2025-03-03T09:00:01.000000Z',
      notification_type: 'sms',
      template_id: templateId,
      template_version: 1,
    });

    const post = (target: FastifyInstance, payload: unknown, authorization?: string) =>
      target.inject({
        method: 'POST',
        url: notifyCallbackPath,
        payload: payload as object,
        headers: authorization ? { authorization } : {},
      });

    const statusOf = async (messageId: string) =>
      (await database.db.select().from(outboxMessages).where(eq(outboxMessages.messageId, messageId)))[0]
        ?.status;

    it('records the delivery receipt Notify posts with the agreed bearer token', async () => {
      const message = await sentMessage();
      const response = await post(app, receiptFor(message, 'delivered'), `Bearer ${callbackToken}`);
      expect(response.statusCode).toBe(204);
      expect(await statusOf(message.messageId)).toBe('delivered');
      // Notify repeats a receipt it is unsure arrived: the same answer, and nothing changes.
      expect((await post(app, receiptFor(message, 'delivered'), `Bearer ${callbackToken}`)).statusCode).toBe(
        204,
      );
    });

    it.each([
      ['no token', undefined],
      ['a wrong token', 'Bearer not-the-callback-token'],
      ['a Heard-shaped API key', `Bearer heard_${'0'.repeat(32)}_${'A'.repeat(43)}`],
      ['the token without its scheme', callbackToken],
    ])('refuses a receipt with %s (401) and records nothing', async (_case, authorization) => {
      const message = await sentMessage();
      const response = await post(app, receiptFor(message, 'permanent-failure'), authorization);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(await statusOf(message.messageId)).toBe('sent');
    });

    it('refuses every receipt when no callback token is configured', async () => {
      const message = await sentMessage();
      const response = await post(unconfigured, receiptFor(message, 'delivered'), `Bearer ${callbackToken}`);
      expect(response.statusCode).toBe(401);
      expect(await statusOf(message.messageId)).toBe('sent');
    });

    it('answers 422 to a body that is not a receipt, and 404 to a receipt for no message of Heard’s', async () => {
      const authorised = `Bearer ${callbackToken}`;
      expect((await post(app, { hello: 'world' }, authorised)).statusCode).toBe(422);
      const stranger = receiptFor(
        { notifyNotificationId: crypto.randomUUID(), reference: 'someone-else' },
        'delivered',
      );
      expect((await post(app, stranger, authorised)).statusCode).toBe(404);
    });
  });
});
