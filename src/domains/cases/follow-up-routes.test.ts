import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, isoDateInLondon } from '#src/domains/calendar/index.ts';
import { listUsers } from '#src/domains/identity/index.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { type CasesService, casesService } from './service.ts';
import { caseTasksService } from './tasks.ts';

// The case page's follow-up actions (meetings, the Ombudsman, escalation, learning points, tasks)
// and compliments logged in bulk, through the pages, as each role that may or may not use them.

const actor = systemActor('Follow-up page tests');
const today = isoDateInLondon(new Date());
const workingDaysAgo = (days: number) => addWorkingDays(today, -days);

describe.each(engines)('follow-up actions and bulk compliments on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let cases: CasesService;
    let officer: Browser;
    let investigator: Browser;
    let otherInvestigator: Browser;
    let manager: Browser;
    let investigatorId: string;
    const unit: Record<string, string> = {};

    const logged = async (
      kind: 'complaint' | 'concern',
      summary: string,
      receivedDate = workingDaysAgo(10),
    ) => {
      const result = await cases.logRecord(heard.orgId, actor, {
        kind,
        channel: 'letter',
        unitId: unit.W1 as string,
        receivedDate,
        summary,
        personName: 'Ann Example',
      });
      if (result.outcome !== 'logged') throw new Error('not logged');
      return result.record;
    };
    /** A complaint assigned to the investigator. */
    const assignedComplaint = async (summary: string) => {
      const record = await logged('complaint', summary);
      await cases.assignInvestigator(heard.orgId, actor, record.recordId, investigatorId);
      return record;
    };
    const textOf = async (browser: Browser, url: string) => visibleText((await browser.get(url)).body);
    /** Opens the form (for its CSRF token) and sends it; returns the response. */
    const send = async (browser: Browser, url: string, answers: Record<string, string | string[]>) => {
      await browser.get(url);
      return browser.post(url, answers);
    };

    beforeAll(async () => {
      heard = await startTestApp(engine);
      cases = casesService({ db: heard.database.db, config: heard.config });
      for (const [code, name] of [
        ['W1', 'Ward 1'],
        ['W2', 'Ward 2'],
      ] as const) {
        unit[code] = (
          await createUnit(heard.database.db, heard.orgId, actor, {
            code,
            name,
            kind: 'ward',
            activeFrom: '2020-04-01',
          })
        ).unitId;
      }
      officer = await heard.signInAs('complaints_officer');
      const email = 'assigned.investigator@test.nhs.uk';
      investigator = await heard.signInAs('investigator', { email });
      otherInvestigator = await heard.signInAs('investigator');
      manager = await heard.signInAs('service_manager');
      const found = (await listUsers(heard.database.db, heard.orgId)).find((user) => user.email === email);
      if (!found) throw new Error('no investigator');
      investigatorId = found.userId;
    });
    afterAll(async () => heard?.close());

    it('records a local resolution meeting and lists it; the investigator may not', async () => {
      const record = await assignedComplaint('Meeting case');
      const href = `/cases/${record.recordId}`;
      expect(await textOf(officer, href)).toContain('Record a meeting');
      expect(await textOf(investigator, href)).not.toContain('Record a meeting');
      expect((await investigator.get(`${href}/meeting`)).statusCode).toBe(403);

      const saved = await send(officer, `${href}/meeting`, {
        meetingDate: today,
        attendees: 'Ann Example and the ward manager',
        notes: 'Agreed to review the discharge letter',
      });
      expect(saved.statusCode).toBe(303);
      const text = await textOf(officer, href);
      expect(text).toContain(`The local resolution meeting has been recorded on ${record.reference}`);
      expect(text).toContain('Ann Example and the ward manager');
      expect(text).toContain('Agreed to review the discharge letter');

      const refused = await send(officer, `${href}/meeting`, { meetingDate: '', attendees: '' });
      expect(refused.statusCode).toBe(422);
      expect(visibleText(refused.body)).toContain('Enter who attended');
    });

    it('refers a closed complaint to the Ombudsman and records the decision, shown on the page', async () => {
      const record = await assignedComplaint('Ombudsman case');
      const issue = await cases.addIssue(heard.orgId, actor, record.recordId, {
        subjectCode: 'communications',
        staffGroupCodes: ['nursing'],
        unitId: unit.W1 as string,
        description: 'Not told',
      });
      await cases.recordIssueOutcome(heard.orgId, actor, issue.issueId, 'upheld');
      await cases.closeComplaint(heard.orgId, actor, record.recordId, {
        responseSentDate: workingDaysAgo(2),
        signedOffBy: 'Chief Executive',
      });
      const href = `/cases/${record.recordId}`;
      expect(await textOf(officer, href)).toContain(
        'Not referred to the Parliamentary and Health Service Ombudsman',
      );
      expect((await investigator.post(`${href}/ombudsman`, { referredDate: today })).statusCode).toBe(403);

      const early = await send(officer, `${href}/ombudsman-outcome`, {
        outcome: 'upheld',
        outcomeDate: today,
      });
      expect(early.statusCode).toBe(422);
      expect(visibleText(early.body)).toContain(`${record.reference} has not been referred to the Ombudsman`);

      const referred = await send(officer, `${href}/ombudsman`, {
        referredDate: today,
        status: 'investigating',
      });
      expect(referred.statusCode).toBe(303);
      let text = await textOf(officer, href);
      expect(text).toContain(`Referred ${visibleDate(today)}`);
      expect(text).toContain('Status Being investigated by the Ombudsman');
      expect(text).toContain('Outcome Not decided yet');
      expect(text).not.toContain('Record a referral to the Ombudsman');

      const decided = await send(officer, `${href}/ombudsman-outcome`, {
        outcome: 'partly-upheld',
        outcomeDate: today,
      });
      expect(decided.statusCode).toBe(303);
      text = await textOf(officer, href);
      expect(text).toContain('Status Decided');
      expect(text).toContain('Outcome Partly upheld');
      expect(text).not.toContain('Record the Ombudsman’s decision');
    });

    it('escalates a concern to a complaint, linking each to the other', async () => {
      const concern = await logged('concern', 'Concern to escalate', workingDaysAgo(3));
      const href = `/cases/${concern.recordId}`;
      expect(await textOf(officer, href)).toContain('Escalate to a formal complaint');
      expect((await investigator.get(`${href}/escalate`)).statusCode).toBe(403);
      expect((await manager.get(`${href}/escalate`)).statusCode).toBe(403);

      const refused = await send(officer, `${href}/escalate`, { receivedDate: today });
      expect(refused.statusCode).toBe(422);
      expect(visibleText(refused.body)).toContain('Select how the complaint reached us');

      const escalated = await send(officer, `${href}/escalate`, { channel: 'email', receivedDate: today });
      expect(escalated.statusCode).toBe(303);
      const concernPage = await officer.get(href);
      const text = visibleText(concernPage.body);
      expect(text).toContain(`${concern.reference} has been escalated to a formal complaint`);
      expect(text).toMatch(/This concern was escalated to complaint C-\d{4}-\d{5}/);
      expect(text).toContain('Status Closed');
      expect(text).not.toContain('Escalate to a formal complaint');
      const complaintHref = /This concern was escalated to complaint <a href="([^"]+)"/.exec(
        concernPage.body,
      )?.[1];
      if (!complaintHref) throw new Error('no link to the complaint');
      const complaintText = await textOf(officer, complaintHref);
      expect(complaintText).toContain(`This complaint grew from concern ${concern.reference}`);
      expect(complaintText).toContain('Kind Complaint');
    });

    it('lets the assigned investigator add a learning point for the case’s service by default', async () => {
      const record = await assignedComplaint('Learning case');
      const href = `/cases/${record.recordId}`;
      const form = await investigator.get(`${href}/learning`);
      expect(form.statusCode).toBe(200);
      expect(form.body).toMatch(new RegExp(`<option value="${unit.W1}" selected`));
      expect((await otherInvestigator.get(`${href}/learning`)).statusCode).toBe(403);

      const saved = await investigator.post(`${href}/learning`, {
        text: 'Check discharge medicines with the pharmacist',
        unitId: unit.W2 as string,
      });
      expect(saved.statusCode).toBe(303);
      const text = await textOf(manager, href);
      expect(text).toContain('Check discharge medicines with the pharmacist (Ward 2,');
    });

    it('adds tasks with overdue tags, lets the assigned investigator mark one done, and withholds their words from a manager', async () => {
      const record = await assignedComplaint('Task case');
      const href = `/cases/${record.recordId}`;
      const form = await officer.get(`${href}/tasks`);
      expect(visibleText(form.body)).toContain('Test investigator');
      const late = await officer.post(`${href}/tasks`, {
        description: 'Ask the ward for the rota',
        assignedUserId: investigatorId,
        dueDate: workingDaysAgo(2),
      });
      expect(late.statusCode).toBe(303);
      await send(officer, `${href}/tasks`, {
        description: 'Draft the response',
        assignedUserId: '',
        dueDate: '',
      });
      let text = await textOf(officer, href);
      expect(text).toContain(`A task has been added to ${record.reference}`);
      expect(text).toMatch(/Ask the ward for the rota Test investigator \d+ .+ Overdue/);
      expect(text).toMatch(/Draft the response Anyone No date To do/);

      const refused = await send(officer, `${href}/tasks`, { description: '', dueDate: '2024-02-30' });
      expect(refused.statusCode).toBe(422);
      expect(visibleText(refused.body)).toContain('Enter what needs to be done');

      const page = await investigator.get(href);
      const doneAction = /<form method="post" action="([^"]+\/done)"/.exec(page.body)?.[1];
      if (!doneAction) throw new Error('no Mark as done button');
      // The button names its task to a screen reader: "Mark as done: Ask the ward for the rota".
      expect(visibleText(page.body)).toMatch(/Mark as done\s?: Ask the ward for the rota/);
      expect((await otherInvestigator.post(doneAction, {})).statusCode).toBe(403);
      const done = await investigator.post(doneAction, {});
      expect(done.statusCode).toBe(303);
      text = await textOf(investigator, href);
      expect(text).toContain(`A task on ${record.reference} has been marked as done`);
      expect(text).toMatch(/Ask the ward for the rota Test investigator \d+ .+ Done late/);
      await investigator.get(href);
      expect((await investigator.post(doneAction, {})).statusCode).toBe(409);

      const managerText = await textOf(manager, href);
      expect(managerText).not.toContain('Ask the ward for the rota');
      expect(managerText).toContain('Withheld: you may not see this case’s personal data');
      expect(managerText).not.toContain('Mark as done');
      expect(managerText).not.toContain('Add a task');
    });

    it('logs a team’s compliments in bulk, linked from the work queue, and refuses too many', async () => {
      expect(await textOf(officer, '/cases')).toContain('Log compliments in bulk');
      // The team's own pages are linked for the team only, not for investigators holding cases:manage.
      expect(await textOf(officer, '/cases')).toContain('Case files due for retention review');
      expect(await textOf(investigator, '/cases')).not.toContain('Import historic cases');
      expect((await manager.get('/cases/compliments/bulk')).statusCode).toBe(403);
      const answers = { unitId: unit.W2 as string, receivedDate: today, channel: 'letter' };

      const counted = await send(officer, '/cases/compliments/bulk', {
        ...answers,
        count: '12',
        description: 'Thank-you card',
      });
      expect(counted.statusCode).toBe(303);
      expect(counted.headers.location).toBe('/cases?kind=compliment');
      const queue = await textOf(officer, '/cases?kind=compliment');
      expect(queue).toMatch(/12 compliments have been logged: (T-\d{4}-\d{5}) to (T-\d{4}-\d{5})/);

      const words = await send(officer, '/cases/compliments/bulk', {
        ...answers,
        compliments: 'Lovely staff on the night shift\r\n\r\nThe ward was spotless',
      });
      expect(words.statusCode).toBe(303);
      expect(await textOf(officer, '/cases?kind=compliment')).toMatch(/2 compliments have been logged/);

      const tooMany = await send(officer, '/cases/compliments/bulk', {
        ...answers,
        compliments: Array.from({ length: 501 }, (_, index) => `Thanks ${index}`).join('\n'),
      });
      expect(tooMany.statusCode).toBe(422);
      const refusal = visibleText(tooMany.body);
      expect(refusal).toContain('There is a problem');
      expect(refusal).toContain(
        'You can log up to 500 compliments at a time: split them into smaller batches',
      );
      expect(tooMany.body).toContain('href="#compliments"');
      expect(tooMany.body).toContain('Thanks 500');

      const bothAndNeither = await send(officer, '/cases/compliments/bulk', { ...answers, count: 'twelve' });
      expect(bothAndNeither.statusCode).toBe(422);
      expect(visibleText(bothAndNeither.body)).toContain(
        'Enter how many compliments there were as a whole number, like 12',
      );

      const investigatorBulk = await send(investigator, '/cases/compliments/bulk', {
        ...answers,
        count: '1',
      });
      expect(investigatorBulk.statusCode).toBe(303);
    });

    it('renders the case page with every follow-up section, each new form and the bulk page as valid HTML', async () => {
      const record = await assignedComplaint('Valid follow-up pages');
      await cases.recordLocalResolutionMeeting(heard.orgId, actor, record.recordId, {
        meetingDate: today,
        attendees: 'Ann Example',
        notes: 'Notes',
      });
      await cases.addLearningPoint(heard.orgId, actor, record.recordId, { text: 'A lesson' });
      await cases.referToOmbudsman(heard.orgId, actor, record.recordId, { referredDate: today });
      await caseTasksService({ db: heard.database.db }).addTask(heard.orgId, actor, record.recordId, {
        description: 'A task',
        dueDate: today,
      });
      const concern = await logged('concern', 'Valid concern page', workingDaysAgo(1));
      const href = `/cases/${record.recordId}`;
      const paths = [
        href,
        `/cases/${concern.recordId}`,
        `/cases/${concern.recordId}/escalate`,
        ...['meeting', 'ombudsman', 'ombudsman-outcome', 'learning', 'tasks'].map(
          (path) => `${href}/${path}`,
        ),
        '/cases/compliments/bulk',
      ];
      for (const path of paths) {
        const page = await officer.get(path);
        expect({ path, status: page.statusCode }).toEqual({ path, status: 200 });
        expect({ path, problems: await htmlProblemsIn(page.body) }).toEqual({ path, problems: [] });
      }
      const withErrors = await send(officer, '/cases/compliments/bulk', {});
      expect(withErrors.statusCode).toBe(422);
      expect(await htmlProblemsIn(withErrors.body)).toEqual([]);
    });
  });
});

/** A date as the pages show it: 3 June 2024. */
function visibleDate(date: string) {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
}
