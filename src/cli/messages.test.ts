import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { queueMessage } from '#src/domains/messages/index.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
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
