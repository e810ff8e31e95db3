import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config.ts';
import { queueActionAlerts } from '#src/domains/actions/index.ts';
import { addUser } from '#src/domains/identity/index.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { type Actor, systemActor } from '#src/web/principal.ts';
import { Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { visibleText } from '#test/support/html.ts';
import { demoAccounts, demoPassword } from './accounts.ts';
import { loadDemoActions } from './actions.ts';

// The demo's action plans give demo accounts actions of their own: "My actions" is not empty,
// some are overdue, and the reminders pass has due-soon and overdue actions to tell them about.
describe.each(engines)('the demo trust’s action plans on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    // Wednesday 9 December 2026, 09:00 in London: a working day.
    const loadedAt = new Date('2026-12-09T09:00:00Z');

    beforeAll(async () => {
      heard = await startTestApp(engine);
      const actor = systemActor('Demo test');
      const northshire = await createUnit(heard.database.db, heard.orgId, actor, {
        code: 'NTH',
        name: 'Northshire',
        kind: 'locality',
        activeFrom: '2020-04-01',
      });
      let officer: Actor = actor;
      for (const account of demoAccounts) {
        const user = await addUser(heard.database.db, heard.orgId, actor, {
          email: account.email,
          displayName: account.displayName,
          password: demoPassword,
          grants: [{ role: account.role, unitId: account.unitCode ? northshire.unitId : null }],
        });
        if (account.role === 'complaints_officer') {
          officer = { kind: 'user', id: user.userId, name: user.displayName };
        }
      }
      await loadDemoActions(heard.database.db, heard.orgId, officer, heard.config, () => loadedAt);
    }, 120_000);
    afterAll(async () => heard?.close());

    it.each([
      ['investigator@demo.heard.test', 'Roll the logs out to every ward'],
      ['manager@demo.heard.test', 'Daily check of new complaints by the locality'],
      ['complaints@demo.heard.test', 'Add goals to the care plan template'],
    ])('shows %s their own actions, some of them overdue', async (email, expected) => {
      const browser = new Browser(heard.app);
      await browser.signIn(email, demoPassword);
      const page = visibleText((await browser.get('/actions')).body);
      expect(page).toContain(expected);
      expect(page).toContain('Independent review action plan 2014');
      expect(page).toContain('Overdue');
    });

    it('gives the reminders pass actions due within days and overdue ones, for demo accounts', async () => {
      const config = loadConfig({
        NODE_ENV: 'test',
        HEARD_DATA_DIR: 'memory://',
        ACTION_REMINDER_WORKING_DAYS: '5',
        NOTIFY_TEMPLATE_ACTION_REMINDER_EMAIL: '11111111-1111-4111-8111-111111111111',
        NOTIFY_TEMPLATE_ACTION_OVERDUE_EMAIL: '22222222-2222-4222-8222-222222222222',
      });
      const counts = await queueActionAlerts(heard.database.db, config, { now: loadedAt });
      // Due in 1 and 2 working days: two reminders; the review's open actions and the CQC plan's
      // overdue ones, for demo leads: several overdue alerts.
      expect(counts.reminders).toBe(2);
      expect(counts.overdue).toBeGreaterThanOrEqual(3);
    });
  });
});
