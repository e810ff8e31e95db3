import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config.ts';
import { type Database, openDatabase } from '#src/db/engine.ts';
import { asSystem, withOrg } from '#src/db/tenancy.ts';
import { searchAuditTrail } from '#src/domains/audit/index.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { type Actor, systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { type LocalNotify, startLocalNotify } from '#test/support/notify-server.ts';
import { databaseErrorOf, rowsOf } from '#test/support/rows.ts';
import { dispatchDueMessages, startMessageDispatcher } from './dispatcher.ts';
import { type NotifyGateway, notifyGateway } from './notify.ts';
import { maxSendAttempts } from './rules.ts';
import { outboxMessages } from './schema.ts';
import {
  cancelQueuedMessage,
  findMessage,
  messageStatusCounts,
  type NewMessage,
  queueMessage,
} from './service.ts';

const emailTemplate = '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const smsTemplate = '6b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e';

const officer: Actor = { kind: 'user', id: '7c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', name: 'Casey Complaints' };

/** Thrown to end a transaction so that what it did is rolled back. */
class RollBack extends Error {}

const acknowledgement = (name: string, email: string): NewMessage => ({
  channel: 'email',
  templateId: emailTemplate,
  recipient: email,
  personalisation: { name, case: 'C-0001' },
  purpose: 'complaint.acknowledgement',
  related: { type: 'complaint', id: 'C-0001' },
});

const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
const minute = 60_000;

describe.each(engines)('the outbox and its dispatcher on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let db: Database;
    let notify: LocalNotify;
    let gateway: NotifyGateway;
    let orgA: string;
    let orgB: string;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      db = database.db;
      notify = await startLocalNotify({
        templates: {
          [emailTemplate]: {
            type: 'email',
            subject: 'We have your complaint',
            body: 'Dear ((name)), about ((case))',
          },
          [smsTemplate]: { type: 'sms', body: 'Hello ((name))' },
        },
      });
      gateway = notifyGateway(notify.url, notify.apiKey);
      orgA = (await createOrganisation(db, systemActor(), { name: 'Alpha NHS Trust', odsCode: 'MA1' })).orgId;
      orgB = (await createOrganisation(db, systemActor(), { name: 'Beta NHS Trust', odsCode: 'MB1' })).orgId;
    });
    afterAll(async () => {
      await notify?.close();
      await database?.close();
    });
    // Each test starts with nothing waiting, whatever the one before left.
    afterEach(async () => {
      await notify.comeBack();
      notify.setLatency(0);
      await db.execute(
        sql`update outbox_messages set status = 'cancelled' where status in ('queued', 'sending', 'sent')`,
      );
    });

    const queue = (orgId: string, message: NewMessage) =>
      withOrg(db, orgId, (tx) => queueMessage(tx, orgId, officer, message));
    const messageRow = async (messageId: string) => {
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.messageId, messageId));
      if (!row) throw new Error(`no message ${messageId}`);
      return row;
    };
    const notificationsWith = (reference: string) =>
      notify.notifications().filter((n) => n.reference === reference);
    const auditOf = (orgId: string, messageId: string) =>
      searchAuditTrail(db, orgId, { entityType: 'message', entityId: messageId, limit: 20, offset: 0 });

    it('queues a message in the caller’s transaction, so a change that rolls back leaves no message', async () => {
      let rolledBack = '';
      await withOrg(db, orgA, async (tx) => {
        rolledBack = (await queueMessage(tx, orgA, officer, acknowledgement('Pat', 'pat@example.com')))
          .messageId;
        throw new RollBack();
      }).catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
      expect(await db.select().from(outboxMessages).where(eq(outboxMessages.messageId, rolledBack))).toEqual(
        [],
      );
      expect(await auditOf(orgA, rolledBack)).toEqual([]);

      const { messageId } = await queue(orgA, acknowledgement('Pat', 'pat@example.com'));
      expect(await messageRow(messageId)).toMatchObject({ orgId: orgA, status: 'queued', attempts: 0 });
    });

    it('records the queuing in the audit trail without the recipient or their details', async () => {
      const { messageId } = await queue(orgA, acknowledgement('Robin Private', 'robin.private@example.com'));
      const [event] = await auditOf(orgA, messageId);
      expect(event).toMatchObject({
        action: 'message.queued',
        actorName: 'Casey Complaints',
        after: {
          messageId,
          channel: 'email',
          purpose: 'complaint.acknowledgement',
          templateId: emailTemplate,
        },
      });
      expect(JSON.stringify(event)).not.toMatch(/Robin|robin\.private/);
    });

    it('refuses a message that plainly cannot be sent', async () => {
      await expect(
        queue(orgA, { ...acknowledgement('Pat', 'not an address'), purpose: 'ack' }),
      ).rejects.toThrow('An email needs an email address to go to');
    });

    it('sends a due message through GOV.UK Notify with its template, recipient and personalisation, under a reference that holds no personal data', async () => {
      const { messageId, reference } = await queue(
        orgA,
        acknowledgement('Jo Bloggs', 'jo.bloggs@example.com'),
      );
      const counts = await dispatchDueMessages(db, gateway);
      expect(counts).toMatchObject({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
      const [notification] = notificationsWith(reference);
      expect(notification).toMatchObject({
        type: 'email',
        templateId: emailTemplate,
        emailAddress: 'jo.bloggs@example.com',
        personalisation: { name: 'Jo Bloggs', case: 'C-0001' },
        body: 'Dear Jo Bloggs, about C-0001',
      });
      expect(reference).toBe(`heard-${messageId}`);
      expect(reference).not.toMatch(/jo|bloggs|example|C-0001|complaint/i);
      expect(await messageRow(messageId)).toMatchObject({
        status: 'sent',
        attempts: 1,
        notifyNotificationId: notification?.id,
        lastError: null,
      });
      expect((await auditOf(orgA, messageId)).map((event) => event.action)).toEqual([
        'message.sent',
        'message.queued',
      ]);
    });

    it('keeps a message queued with a growing back-off while Notify is down, and sends it exactly once when Notify is back', async () => {
      const { messageId, reference } = await queue(orgA, acknowledgement('Sam', 'sam@example.com'));
      const start = new Date();
      await notify.refuseConnections();
      expect(await dispatchDueMessages(db, gateway, { now: start })).toMatchObject({
        retrying: 1,
        notifyUnavailable: 'GOV.UK Notify could not be reached (ECONNREFUSED)',
      });
      expect(await messageRow(messageId)).toMatchObject({
        status: 'queued',
        attempts: 1,
        nextAttemptAt: later(start, minute),
        lastError: 'GOV.UK Notify could not be reached (ECONNREFUSED)',
      });

      // Not due again until its minute has passed.
      expect((await dispatchDueMessages(db, gateway, { now: later(start, 30_000) })).claimed).toBe(0);

      // Back, but answering 500: the wait doubles.
      await notify.comeBack();
      notify.goDown();
      const second = later(start, minute);
      expect((await dispatchDueMessages(db, gateway, { now: second })).retrying).toBe(1);
      expect(await messageRow(messageId)).toMatchObject({
        status: 'queued',
        attempts: 2,
        nextAttemptAt: later(second, 2 * minute),
        lastError: 'GOV.UK Notify answered 500 (Exception: Internal server error)',
      });

      await notify.comeBack();
      const third = later(second, 2 * minute);
      expect(await dispatchDueMessages(db, gateway, { now: third })).toMatchObject({ claimed: 1, sent: 1 });
      expect((await dispatchDueMessages(db, gateway, { now: later(third, 2 * 3_600_000) })).claimed).toBe(0);
      expect(notificationsWith(reference)).toHaveLength(1);
      expect(await messageRow(messageId)).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    });

    it('puts the rest of a pass back untried once Notify turns out to be down', async () => {
      const queued = [];
      for (const name of ['One', 'Two', 'Three'])
        queued.push(await queue(orgA, acknowledgement(name, 'x@example.com')));
      const now = new Date();
      await notify.refuseConnections();
      expect(await dispatchDueMessages(db, gateway, { now, concurrency: 1 })).toMatchObject({
        claimed: 3,
        retrying: 1,
        untried: 2,
      });
      const rows = await Promise.all(queued.map(({ messageId }) => messageRow(messageId)));
      expect(rows.map((row) => row.status)).toEqual(['queued', 'queued', 'queued']);
      expect(rows.map((row) => row.attempts).sort()).toEqual([0, 0, 1]);
      expect(rows.every((row) => row.nextAttemptAt.getTime() === later(now, minute).getTime())).toBe(true);
    });

    it('gives up as a technical failure after about a day of Notify being unreachable', async () => {
      const { messageId } = await queue(orgB, acknowledgement('Lee', 'lee@example.com'));
      await notify.refuseConnections();
      const start = new Date();
      let now = start;
      for (let attempt = 1; attempt <= maxSendAttempts; attempt += 1) {
        expect((await dispatchDueMessages(db, gateway, { now })).claimed).toBe(1);
        const row = await messageRow(messageId);
        if (row.status !== 'queued') break;
        now = row.nextAttemptAt;
      }
      const row = await messageRow(messageId);
      expect(row).toMatchObject({ status: 'technical-failure', attempts: maxSendAttempts });
      expect(row.lastError).toBe(
        'Gave up after 30 attempts over about 24 hours. The last: GOV.UK Notify could not be reached (ECONNREFUSED)',
      );
      expect((now.getTime() - start.getTime()) / 3_600_000).toBeCloseTo(24, 0);
      const [failed] = await auditOf(orgB, messageId);
      expect(failed).toMatchObject({ action: 'message.failed', after: { status: 'technical-failure' } });
    });

    it('fails a message for good, keeping Notify’s reason, when Notify refuses it', async () => {
      const landline = await queue(orgA, {
        channel: 'sms',
        templateId: smsTemplate,
        recipient: '0113 496 0000',
        personalisation: { name: 'Pat' },
        purpose: 'survey.invitation',
      });
      const unknownTemplate = await queue(orgA, {
        ...acknowledgement('Pat', 'pat@example.com'),
        templateId: randomUUID(),
      });
      expect(await dispatchDueMessages(db, gateway)).toMatchObject({ claimed: 2, failed: 2, retrying: 0 });
      expect(await messageRow(landline.messageId)).toMatchObject({
        status: 'permanent-failure',
        attempts: 1,
        lastError: 'GOV.UK Notify answered 400 (ValidationError: phone_number Not a UK mobile number)',
      });
      expect(await messageRow(unknownTemplate.messageId)).toMatchObject({
        status: 'permanent-failure',
        lastError: 'GOV.UK Notify answered 400 (BadRequestError: Template not found)',
      });
      expect((await auditOf(orgA, landline.messageId))[0]).toMatchObject({
        action: 'message.failed',
        after: { status: 'permanent-failure', reason: expect.stringContaining('Not a UK mobile number') },
      });
      // Nothing left to try.
      expect((await dispatchDueMessages(db, gateway, { now: later(new Date(), 86_400_000) })).claimed).toBe(
        0,
      );
    });

    it('sends no more in a minute than Notify’s rate limit allows', async () => {
      for (const name of ['One', 'Two', 'Three']) await queue(orgA, acknowledgement(name, 'x@example.com'));
      // A clock of its own, well clear of the attempts other tests made.
      const now = later(new Date(), 30 * 86_400_000);
      expect((await dispatchDueMessages(db, gateway, { now, perMinute: 2 })).sent).toBe(2);
      expect(
        (await dispatchDueMessages(db, gateway, { now: later(now, 30_000), perMinute: 2 })).claimed,
      ).toBe(0);
      expect((await dispatchDueMessages(db, gateway, { now: later(now, 61_000), perMinute: 2 })).sent).toBe(
        1,
      );
    });

    it('retries a message Notify rate limited (429) after the back-off', async () => {
      const { messageId, reference } = await queue(orgA, acknowledgement('Ash', 'ash@example.com'));
      notify.failNext(1, 429, [
        {
          error: 'RateLimitError',
          message: 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds',
        },
      ]);
      const now = new Date();
      expect((await dispatchDueMessages(db, gateway, { now })).retrying).toBe(1);
      expect((await messageRow(messageId)).status).toBe('queued');
      expect((await dispatchDueMessages(db, gateway, { now: later(now, minute) })).sent).toBe(1);
      expect(notificationsWith(reference)).toHaveLength(1);
    });

    it('waits until a message’s send-after time', async () => {
      const now = new Date();
      const { messageId } = await queue(orgA, {
        ...acknowledgement('Kim', 'kim@example.com'),
        sendAfter: later(now, 3_600_000),
      });
      expect((await dispatchDueMessages(db, gateway, { now })).claimed).toBe(0);
      expect((await dispatchDueMessages(db, gateway, { now: later(now, 3_600_000) })).sent).toBe(1);
      expect((await messageRow(messageId)).status).toBe('sent');
    });

    it('cancels a message still waiting, and refuses to cancel one already sent or another organisation’s', async () => {
      const waiting = await queue(orgA, {
        ...acknowledgement('Kit', 'kit@example.com'),
        sendAfter: later(new Date(), 86_400_000),
      });
      await cancelQueuedMessage(db, orgA, officer, waiting.messageId);
      expect((await messageRow(waiting.messageId)).status).toBe('cancelled');
      expect((await auditOf(orgA, waiting.messageId))[0]?.action).toBe('message.cancelled');

      const sent = await queue(orgA, acknowledgement('Kit', 'kit@example.com'));
      await dispatchDueMessages(db, gateway);
      await expect(cancelQueuedMessage(db, orgA, officer, sent.messageId)).rejects.toThrow(
        'The message cannot be cancelled: it is sent',
      );
      const theirs = await queue(orgB, {
        ...acknowledgement('Kit', 'kit@example.com'),
        sendAfter: later(new Date(), 86_400_000),
      });
      await expect(cancelQueuedMessage(db, orgA, officer, theirs.messageId)).rejects.toThrow(
        'There is no message',
      );
      expect((await messageRow(theirs.messageId)).status).toBe('queued');
    });

    it('sends each message once when two dispatchers run at the same time', async () => {
      // On PostgreSQL the second dispatcher has its own connections, as another Heard process would.
      const other = database.url ? await openDatabase({ url: database.url, dataDir: '', poolSize: 3 }) : null;
      try {
        const references = new Set<string>();
        for (let i = 0; i < 24; i += 1) {
          const orgId = i % 2 === 0 ? orgA : orgB;
          references.add((await queue(orgId, acknowledgement(`Person ${i}`, `p${i}@example.com`))).reference);
        }
        notify.setLatency(15);
        const before = notify.notifications().length;
        const drain = async (handle: Database) => {
          let sent = 0;
          for (;;) {
            const counts = await dispatchDueMessages(handle, gateway, { batchSize: 4, concurrency: 2 });
            sent += counts.sent;
            if (counts.claimed === 0) return sent;
          }
        };
        const [first, second] = await Promise.all([drain(db), drain(other?.db ?? db)]);
        expect(first + second).toBe(24);
        const sentNow = notify.notifications().slice(before);
        expect(sentNow).toHaveLength(24);
        expect(new Set(sentNow.map((n) => n.reference))).toEqual(references);
        if (other) expect(Math.min(first, second)).toBeGreaterThan(0);
      } finally {
        await other?.close();
      }
    });

    describe('running in heard serve', () => {
      const recorder = () => {
        const lines: string[] = [];
        return {
          lines,
          log: {
            info: (message: string) => lines.push(`info: ${message}`),
            warn: (message: string) => lines.push(`warn: ${message}`),
            error: (_details: object, message: string) => lines.push(`error: ${message}`),
          },
        };
      };
      const eventually = async (check: () => Promise<boolean>) => {
        for (let waited = 0; waited < 10_000; waited += 25) {
          if (await check()) return;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        throw new Error('gave up waiting');
      };
      const notifyConfig = () =>
        loadConfig({ NODE_ENV: 'test', NOTIFY_API_KEY: notify.apiKey, NOTIFY_BASE_URL: notify.url });

      it('sends what is due on each tick until stopped', async () => {
        const { log, lines } = recorder();
        const stop = startMessageDispatcher(db, notifyConfig(), log, { intervalMs: 20 });
        try {
          const { messageId } = await queue(orgA, acknowledgement('Tick', 'tick@example.com'));
          await eventually(async () => (await messageRow(messageId)).status === 'sent');
        } finally {
          await stop();
        }
        const { messageId } = await queue(orgA, acknowledgement('Tock', 'tock@example.com'));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect((await messageRow(messageId)).status).toBe('queued');
        expect(lines).toEqual([]);
      });

      it('says once that Notify is unavailable, however many ticks find it so', async () => {
        await notify.refuseConnections();
        const { log, lines } = recorder();
        const stop = startMessageDispatcher(db, notifyConfig(), log, { intervalMs: 20 });
        try {
          for (const name of ['One', 'Two']) {
            const { messageId } = await queue(orgA, acknowledgement(name, 'x@example.com'));
            await eventually(async () => (await messageRow(messageId)).attempts === 1);
          }
        } finally {
          await stop();
        }
        expect(lines).toEqual([
          'warn: Messages are waiting to be retried: GOV.UK Notify could not be reached (ECONNREFUSED)',
        ]);
      });

      it('says once, without NOTIFY_API_KEY, that messages wait unsent, and sends nothing', async () => {
        const { log, lines } = recorder();
        const { messageId } = await queue(orgA, acknowledgement('Unsent', 'unsent@example.com'));
        const stop = startMessageDispatcher(db, loadConfig({ NODE_ENV: 'test' }), log, { intervalMs: 20 });
        await new Promise((resolve) => setTimeout(resolve, 100));
        await stop();
        expect(lines).toEqual([
          'warn: NOTIFY_API_KEY is not set, so emails, text messages and letters wait in the outbox unsent',
        ]);
        expect((await messageRow(messageId)).status).toBe('queued');
      });
    });

    describe('organisations kept apart', () => {
      it('lets an organisation see only its own messages, even with no filter of its own', async () => {
        await queue(orgA, acknowledgement('Alpha person', 'alpha@example.com'));
        await queue(orgB, acknowledgement('Beta person', 'beta@example.com'));
        const seen = await withOrg(db, orgA, (tx) =>
          rowsOf<{ org_id: string; recipient: string }>(
            tx,
            sql`select org_id, recipient from outbox_messages`,
          ),
        );
        expect(new Set(seen.map((row) => row.org_id))).toEqual(new Set([orgA]));
        expect(seen.map((row) => row.recipient)).not.toContain('beta@example.com');

        const counts = await messageStatusCounts(db, orgA);
        const all = await asSystem(db, (tx) =>
          rowsOf<{ org_id: string }>(tx, sql`select org_id from outbox_messages where org_id = ${orgA}`),
        );
        expect(Object.values(counts).reduce((sum, n) => sum + n, 0)).toBe(all.length);
      });

      it('refuses to queue a message into another organisation', async () => {
        const attempt = withOrg(db, orgA, (tx) =>
          queueMessage(tx, orgB, officer, acknowledgement('X', 'x@example.com')),
        );
        const error = databaseErrorOf(await attempt.catch((caught: unknown) => caught));
        expect(error.message).toMatch(/row-level security/);
      });

      it('does not find another organisation’s message by its id', async () => {
        const theirs = await queue(orgB, acknowledgement('Beta person', 'beta@example.com'));
        await expect(findMessage(db, orgA, theirs.messageId)).rejects.toThrow('There is no message');
        expect((await findMessage(db, orgB, theirs.messageId)).recipient).toBe('beta@example.com');
      });

      it('sends each organisation’s message with its own data and records it in its own audit trail, though one dispatcher serves them all', async () => {
        const alpha = await queue(orgA, acknowledgement('Alpha person', 'alpha@example.com'));
        const beta = await queue(orgB, acknowledgement('Beta person', 'beta@example.com'));
        expect((await dispatchDueMessages(db, gateway)).sent).toBe(2);
        expect(notificationsWith(alpha.reference)[0]).toMatchObject({
          emailAddress: 'alpha@example.com',
          personalisation: { name: 'Alpha person' },
        });
        expect(notificationsWith(beta.reference)[0]).toMatchObject({
          emailAddress: 'beta@example.com',
          personalisation: { name: 'Beta person' },
        });
        expect((await auditOf(orgA, alpha.messageId))[0]?.action).toBe('message.sent');
        expect(await auditOf(orgA, beta.messageId)).toEqual([]);
        expect((await auditOf(orgB, beta.messageId))[0]?.action).toBe('message.sent');
      });
    });
  });
});
