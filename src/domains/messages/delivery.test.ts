import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { searchAuditTrail } from '#src/domains/audit/index.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { type LocalNotify, startLocalNotify } from '#test/support/notify-server.ts';
import { pollDeliveryStatuses, recordDeliveryReceipt } from './delivery.ts';
import { dispatchDueMessages } from './dispatcher.ts';
import { type NotifyGateway, notifyGateway } from './notify.ts';
import { outboxMessages } from './schema.ts';
import { type NewMessage, queueMessage } from './service.ts';

const emailTemplate = '9e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8';
const letterTemplate = '0f6a7b8c-9d0e-4f1a-b2c3-d4e5f6a7b8c9';

const email: NewMessage = {
  channel: 'email',
  templateId: emailTemplate,
  recipient: 'pat@example.com',
  personalisation: { name: 'Pat' },
  purpose: 'complaint.acknowledgement',
};
const letter: NewMessage = {
  channel: 'letter',
  templateId: letterTemplate,
  personalisation: {
    name: 'Pat',
    address_line_1: 'Pat Smith',
    address_line_2: '1 High Street',
    address_line_3: 'LS1 4AP',
  },
  purpose: 'complaint.response',
};

const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

describe.each(engines)('delivery statuses on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let db: Database;
    let notify: LocalNotify;
    let gateway: NotifyGateway;
    let orgId: string;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      db = database.db;
      notify = await startLocalNotify({
        templates: {
          [emailTemplate]: { type: 'email', subject: 'Hello', body: 'Dear ((name))' },
          [letterTemplate]: { type: 'letter', subject: 'Our response', body: 'Dear ((name))' },
        },
      });
      gateway = notifyGateway(notify.url, notify.apiKey);
      orgId = (await createOrganisation(db, systemActor(), { name: 'Delivery NHS Trust', odsCode: 'DL1' }))
        .orgId;
    });
    afterAll(async () => {
      await notify?.close();
      await database?.close();
    });
    afterEach(async () => {
      await notify.comeBack();
      await db.execute(
        sql`update outbox_messages set status = 'cancelled' where status in ('queued', 'sending', 'sent')`,
      );
    });

    const messageRow = async (messageId: string) => {
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.messageId, messageId));
      if (!row) throw new Error(`no message ${messageId}`);
      return row;
    };

    /** Queues a message and has the dispatcher send it; returns it with Notify's id and when it was sent. */
    async function sent(message: NewMessage, through = gateway) {
      const queued = await withOrg(db, orgId, (tx) => queueMessage(tx, orgId, systemActor(), message));
      const now = new Date();
      await dispatchDueMessages(db, through, { now });
      const row = await messageRow(queued.messageId);
      if (!row.notifyNotificationId) throw new Error('the message was not sent');
      return { ...queued, notificationId: row.notifyNotificationId, now };
    }

    describe('by asking Notify', () => {
      it('records delivery once Notify reports it, asking again only when the next check is due', async () => {
        const message = await sent(email);
        const { now } = message;
        expect((await pollDeliveryStatuses(db, gateway, { now: later(now, 30_000) })).checked).toBe(0);

        const completedAt = new Date('2025-03-03T09:05:00Z');
        notify.setStatus(message.notificationId, 'delivered', completedAt);
        expect(await pollDeliveryStatuses(db, gateway, { now: later(now, 60_000) })).toEqual({
          checked: 1,
          changed: 1,
          unanswered: 0,
        });
        expect(await messageRow(message.messageId)).toMatchObject({ status: 'delivered', completedAt });
        const [event] = await searchAuditTrail(db, orgId, {
          entityType: 'message',
          entityId: message.messageId,
          limit: 1,
          offset: 0,
        });
        expect(event).toMatchObject({
          action: 'message.delivery',
          actorName: 'GOV.UK Notify status check',
          after: { status: 'delivered', notifyStatus: 'delivered' },
        });
        expect((await pollDeliveryStatuses(db, gateway, { now: later(now, 86_400_000) })).checked).toBe(0);
      });

      it('keeps a message sent while Notify is still sending it, and checks again a minute later', async () => {
        const message = await sent(email);
        const { now } = message;
        notify.setStatus(message.notificationId, 'sending');
        const checkedAt = later(now, 60_000);
        expect(await pollDeliveryStatuses(db, gateway, { now: checkedAt })).toMatchObject({
          checked: 1,
          changed: 0,
        });
        expect(await messageRow(message.messageId)).toMatchObject({
          status: 'sent',
          nextAttemptAt: later(checkedAt, 60_000),
        });
      });

      it('records the failures Notify reports, and a letter the provider has posted as delivered', async () => {
        const bounced = await sent(email);
        const posted = await sent(letter);
        const { now } = posted;
        notify.setStatus(bounced.notificationId, 'permanent-failure');
        notify.setStatus(posted.notificationId, 'received');
        expect((await pollDeliveryStatuses(db, gateway, { now: later(now, 60_000) })).changed).toBe(2);
        expect((await messageRow(bounced.messageId)).status).toBe('permanent-failure');
        expect((await messageRow(posted.messageId)).status).toBe('delivered');
      });

      it('leaves a message sent, to ask again later, while Notify does not answer', async () => {
        const message = await sent(email);
        const { now } = message;
        notify.setStatus(message.notificationId, 'delivered');
        notify.goDown();
        expect(await pollDeliveryStatuses(db, gateway, { now: later(now, 60_000) })).toMatchObject({
          unanswered: 1,
        });
        expect((await messageRow(message.messageId)).status).toBe('sent');
        await notify.comeBack();
        expect((await pollDeliveryStatuses(db, gateway, { now: later(now, 120_000) })).changed).toBe(1);
      });

      it('stops asking once Notify no longer keeps the notification (7 days)', async () => {
        const { now } = await sent(email);
        expect((await pollDeliveryStatuses(db, gateway, { now: later(now, 7 * 86_400_000) })).checked).toBe(
          0,
        );
      });
    });

    describe('by Notify’s receipts', () => {
      it('records a receipt once, however often Notify repeats it', async () => {
        const message = await sent(email);
        const receipt = {
          notificationId: message.notificationId,
          reference: message.reference,
          status: 'delivered',
          completedAt: new Date('2025-03-03T09:05:00Z'),
        };
        expect(await recordDeliveryReceipt(db, receipt)).toBe('recorded');
        expect(await recordDeliveryReceipt(db, receipt)).toBe('unchanged');
        expect(await messageRow(message.messageId)).toMatchObject({
          status: 'delivered',
          completedAt: receipt.completedAt,
        });
        const events = await searchAuditTrail(db, orgId, {
          entityType: 'message',
          entityId: message.messageId,
          limit: 5,
          offset: 0,
        });
        expect(events.filter((event) => event.action === 'message.delivery')).toHaveLength(1);
      });

      it('does not let a later receipt undo a final status', async () => {
        const message = await sent(email);
        await recordDeliveryReceipt(db, { ...message, status: 'permanent-failure', completedAt: null });
        expect(await recordDeliveryReceipt(db, { ...message, status: 'delivered', completedAt: null })).toBe(
          'unchanged',
        );
        expect((await messageRow(message.messageId)).status).toBe('permanent-failure');
      });

      it('finds its message by reference when the receipt overtakes the dispatcher recording Notify’s id', async () => {
        // A Notify whose receipt arrives before its answer to the send does.
        const overtaking: NotifyGateway = {
          ...gateway,
          async send(message) {
            const result = await gateway.send(message);
            const receipt = {
              notificationId: result.notificationId,
              reference: message.reference,
              status: 'delivered',
              completedAt: null,
            };
            expect(await recordDeliveryReceipt(db, receipt)).toBe('recorded');
            return result;
          },
        };
        const message = await sent(email, overtaking);
        expect(await messageRow(message.messageId)).toMatchObject({ status: 'delivered', attempts: 1 });
      });

      it('knows no message for a receipt that is not one of Heard’s', async () => {
        expect(
          await recordDeliveryReceipt(db, {
            notificationId: randomUUID(),
            reference: null,
            status: 'delivered',
            completedAt: null,
          }),
        ).toBe('unknown');
      });
    });
  });
});
