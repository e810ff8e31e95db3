import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { casesService } from '#src/domains/cases/index.ts';
import { addUser } from '#src/domains/identity/index.ts';
import { queueMessage } from '#src/domains/messages/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type CommandDatabase, commandDatabase, runHeard } from '#test/support/cli.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { type LocalNotify, startLocalNotify } from '#test/support/notify-server.ts';
import { dispatchSummary, statusLine } from './messages.ts';

const templateId = '4b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e';

describe('what the messages commands print', () => {
  const none = { claimed: 0, sent: 0, retrying: 0, failed: 0, untried: 0, notifyUnavailable: null };
  it.each([
    [none, ['No messages were due.']],
    [{ ...none, claimed: 3, sent: 3 }, ['3 due: 3 sent.']],
    [{ ...none, claimed: 1500, sent: 1200, failed: 1, retrying: 0 }, ['1,500 due: 1,200 sent, 1 failed.']],
    [
      { ...none, claimed: 4, retrying: 1, untried: 3, notifyUnavailable: 'GOV.UK Notify answered 500' },
      ['4 due: 0 sent, 4 to try again later.', 'GOV.UK Notify was unavailable: GOV.UK Notify answered 500'],
    ],
  ])('a pass of %o', (counts, lines) => {
    expect(dispatchSummary(counts)).toEqual(lines);
  });

  it('lists an organisation’s statuses in the order a message moves through them', () => {
    const organisation = { odsCode: 'RT1', name: 'Test NHS Trust' };
    expect(statusLine(organisation, { delivered: 1200, queued: 2, 'permanent-failure': 1 })).toBe(
      'RT1 Test NHS Trust: 2 queued, 1,200 delivered, 1 permanent-failure',
    );
    expect(statusLine(organisation, {})).toBe('RT1 Test NHS Trust: no messages');
  });
});

describe.each(engines)('heard messages on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let target: CommandDatabase;
    let notify: LocalNotify;
    beforeAll(async () => {
      notify = await startLocalNotify({
        templates: { [templateId]: { type: 'sms', body: 'Hello ((name))' } },
      });
      target = await commandDatabase(engine);
      await target.withDatabase(async (db) => {
        const { orgId } = await createOrganisation(db, systemActor(), {
          name: 'Sending NHS Trust',
          odsCode: 'SND1',
        });
        await createOrganisation(db, systemActor(), { name: 'Quiet NHS Trust', odsCode: 'QUI1' });
        for (const name of ['Pat', 'Sam']) {
          await withOrg(db, orgId, (tx) =>
            queueMessage(tx, orgId, systemActor(), {
              channel: 'sms',
              templateId,
              recipient: '07700 900123',
              personalisation: { name },
              purpose: 'survey.invitation',
            }),
          );
        }
      });
    });
    afterAll(async () => {
      await target?.close();
      await notify?.close();
    });

    it('counts each organisation’s messages by status, sends those due once, and counts again', {
      timeout: 120_000,
    }, async () => {
      const before = await runHeard(['messages', 'status'], target.env);
      expect(before.stderr).toBe('');
      expect(before.stdout).toContain('SND1 Sending NHS Trust: 2 queued');
      expect(before.stdout).toContain('QUI1 Quiet NHS Trust: no messages');

      const notifyEnv = { NOTIFY_API_KEY: notify.apiKey, NOTIFY_BASE_URL: notify.url };
      const sent = await runHeard(['messages', 'send-due'], { ...target.env, ...notifyEnv });
      expect(sent.stdout.trim()).toBe('2 due: 2 sent.');
      expect(sent.code).toBe(0);
      expect(
        notify
          .notifications()
          .map((n) => n.personalisation.name)
          .sort(),
      ).toEqual(['Pat', 'Sam']);

      const after = await runHeard(['messages', 'status'], target.env);
      expect(after.stdout).toContain('SND1 Sending NHS Trust: 2 sent');
    });

    it('says it cannot send without NOTIFY_API_KEY, and exits 1', { timeout: 60_000 }, async () => {
      const run = await runHeard(['messages', 'send-due'], target.env);
      expect(run.stderr).toContain('NOTIFY_API_KEY is not set, so nothing can be sent');
      expect(run.code).toBe(1);
    });
  });
});

describe.each(engines)('heard messages alerts on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let target: CommandDatabase;
    beforeAll(async () => {
      target = await commandDatabase(engine);
      await target.withDatabase(async (db) => {
        const actor = systemActor();
        const { orgId } = await createOrganisation(db, actor, {
          name: 'Alerting NHS Trust',
          odsCode: 'ALR1',
        });
        const unit = await createUnit(db, orgId, actor, {
          code: 'W1',
          name: 'Ward 1',
          kind: 'ward',
          activeFrom: '2020-04-01',
        });
        await addUser(db, orgId, actor, {
          email: 'officer@alerting.nhs.uk',
          displayName: 'Olu Officer',
          grants: [{ role: 'complaints_officer' }],
        });
        const cases = casesService({ db, config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 } });
        // Acknowledged, but its response was due in February 2024 and never sent.
        const logged = await cases.logRecord(orgId, actor, {
          kind: 'complaint',
          channel: 'letter',
          unitId: unit.unitId,
          receivedDate: '2024-01-02',
          summary: 'Waiting times',
        });
        if (logged.outcome !== 'logged') throw new Error('not logged');
        await cases.acknowledgeComplaint(orgId, actor, logged.record.recordId, '2024-01-03');
      });
    });
    afterAll(async () => target?.close());

    it('queues each alert due once, however often cron runs it', { timeout: 120_000 }, async () => {
      const env = { ...target.env, NOTIFY_TEMPLATE_RESPONSE_OVERDUE_EMAIL: templateId };
      const first = await runHeard(['messages', 'alerts'], env);
      expect(first.stderr).toBe('');
      expect(first.stdout).toContain('Queued 1 overdue response alert (1 email).');
      expect(first.code).toBe(0);
      const second = await runHeard(['messages', 'alerts'], env);
      expect(second.stdout).toContain('No reminders or overdue alerts were due.');
      const status = await runHeard(['messages', 'status'], target.env);
      expect(status.stdout).toContain('ALR1 Alerting NHS Trust: 1 queued');
    });
  });
});
