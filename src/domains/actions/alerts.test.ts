import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { addUser, principalForUser } from '#src/domains/identity/index.ts';
import { outboxMessages } from '#src/domains/messages/schema.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { queueActionAlerts } from './alerts.ts';
import { actionsService } from './service.ts';

const actor = systemActor('Action alert tests');
const templates = {
  NOTIFY_TEMPLATE_ACTION_REMINDER_EMAIL: '11111111-1111-4111-8111-111111111111',
  NOTIFY_TEMPLATE_ACTION_OVERDUE_EMAIL: '22222222-2222-4222-8222-222222222222',
  NOTIFY_TEMPLATE_ACTION_DIGEST_EMAIL: '33333333-3333-4333-8333-333333333333',
};

// Reminders before an action is due (3 working days here), overdue alerts and a weekly digest
// per lead, through the outbox; each queued once however often the pass runs. Easter 2024:
// Good Friday 29 March, Easter Monday 1 April.
describe.each(engines)('action reminders through the outbox on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;
    const config = loadConfig({
      NODE_ENV: 'test',
      HEARD_DATA_DIR: 'memory://',
      ACTION_REMINDER_WORKING_DAYS: '3',
      ...templates,
    });
    const messages = async () =>
      withOrg(database.db, orgId, (tx) =>
        tx
          .select()
          .from(outboxMessages)
          .where(eq(outboxMessages.orgId, orgId))
          .orderBy(outboxMessages.createdAt),
      );
    // 09:00 in London on a date, in summer or winter alike.
    const at = (date: string) => new Date(`${date}T08:30:00Z`);

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      orgId = (await createOrganisation(database.db, actor, { name: 'Test Trust', odsCode: 'RT1' })).orgId;
      const lead = await addUser(database.db, orgId, actor, {
        email: 'lead@test.nhs.uk',
        displayName: 'Lead',
        grants: [{ role: 'investigator' }],
      });
      const officer = await addUser(database.db, orgId, actor, {
        email: 'officer@test.nhs.uk',
        displayName: 'Officer',
        grants: [{ role: 'complaints_officer' }],
      });
      const principal = await principalForUser(database.db, orgId, officer.userId);
      if (!principal) throw new Error('no principal');
      const actions = actionsService({ db: database.db, config });
      const plan = await actions.createPlan(principal, { name: 'Easter plan', source: 'clinical-audit' });
      const recommendation = await actions.addRecommendation(principal, plan.planId, {
        number: '1',
        text: 'Re-audit',
      });
      for (const dueDate of ['2024-04-02', '2024-03-28']) {
        await actions.addAction(principal, plan.planId, recommendation.recommendationId, {
          leadUserId: lead.userId,
          dueDate,
        });
      }
      await actions.addAction(principal, plan.planId, recommendation.recommendationId, {
        leadUserId: lead.userId,
        dueDate: '2024-03-01',
        status: 'completed',
        actionCompleted: 'Done',
      });
    });
    afterAll(async () => database?.close());

    it('reminds the lead of both actions due around Easter, once, on the Tuesday before', async () => {
      expect(await queueActionAlerts(database.db, config, { now: at('2024-03-22') })).toEqual({
        reminders: 0,
        overdue: 0,
        digests: 0,
      });
      // Tuesday 26 March: 3 working days before Tuesday 2 April; Thursday 28 March is 2 days away.
      expect(await queueActionAlerts(database.db, config, { now: at('2024-03-26') })).toEqual({
        reminders: 2,
        overdue: 0,
        digests: 0,
      });
      expect(await queueActionAlerts(database.db, config, { now: at('2024-03-27') })).toEqual({
        reminders: 0,
        overdue: 0,
        digests: 0,
      });
      const queued = await messages();
      expect(queued.map((message) => [message.purpose, message.recipient, message.personalisation])).toEqual([
        [
          'action.due-reminder',
          'lead@test.nhs.uk',
          expect.objectContaining({ plan: 'Easter plan', due_date: '2 April 2024' }),
        ],
        ['action.due-reminder', 'lead@test.nhs.uk', expect.objectContaining({ due_date: '28 March 2024' })],
      ]);
    });

    it('sends the overdue alert on the first working day after the due date, and the digest on Easter Tuesday', async () => {
      // Good Friday and Easter Monday are not working days: no alert, no digest.
      expect(await queueActionAlerts(database.db, config, { now: at('2024-03-29') })).toMatchObject({
        overdue: 0,
      });
      expect(await queueActionAlerts(database.db, config, { now: at('2024-04-01') })).toMatchObject({
        overdue: 0,
        digests: 0,
      });
      expect(await queueActionAlerts(database.db, config, { now: at('2024-04-02') })).toEqual({
        reminders: 0,
        overdue: 1,
        digests: 1,
      });
      expect(await queueActionAlerts(database.db, config, { now: at('2024-04-02') })).toEqual({
        reminders: 0,
        overdue: 0,
        digests: 0,
      });
      const digest = (await messages()).find((message) => message.purpose === 'action.weekly-digest');
      expect(digest?.personalisation).toEqual({
        open_count: '2',
        overdue_count: '1',
        due_soon_count: '1',
        link: '/actions',
      });
    });
  });
});
