import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoDateInLondon, ukDate } from '#src/domains/calendar/index.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { casesService } from './service.ts';

// The retention pages: the case files past their 10 years (DESIGN.md §3), and the decision on
// each, as the complaints team and as those who may not decide.

const actor = systemActor('Retention page tests');

describe.each(engines)('the retention pages on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let officer: Browser;
    let due: { recordId: string; reference: string };
    let underLitigation: { reference: string };

    /** A complaint closed on `closedOn`, from Ann Example. */
    const closedComplaint = async (closedOn: string, summary: string) => {
      const cases = casesService({
        db: heard.database.db,
        config: heard.config,
        clock: () => new Date(`${closedOn}T12:00:00Z`),
      });
      const unitId = (
        await createUnit(heard.database.db, heard.orgId, actor, {
          code: summary.toUpperCase().replace(/\W/g, ''),
          name: `${summary} ward`,
          kind: 'ward',
          activeFrom: '2009-04-01',
        })
      ).unitId;
      const logged = await cases.logRecord(heard.orgId, actor, {
        kind: 'complaint',
        channel: 'letter',
        unitId,
        receivedDate: '2014-11-03',
        summary,
        personName: 'Ann Example',
        narrative: 'My father was sent home without his medicines.',
      });
      if (logged.outcome !== 'logged') throw new Error('not logged');
      const issue = await cases.addIssue(heard.orgId, actor, logged.record.recordId, {
        subjectCode: 'communications',
        staffGroupCodes: ['nursing'],
        unitId,
        description: 'Not told about discharge',
      });
      await cases.recordIssueOutcome(heard.orgId, actor, issue.issueId, 'upheld');
      await cases.closeComplaint(heard.orgId, actor, logged.record.recordId, {
        responseSentDate: closedOn,
        signedOffBy: 'Chief Executive',
      });
      return logged.record;
    };
    const page = async (browser: Browser, url: string) => {
      const response = await browser.get(url);
      return { status: response.statusCode, html: response.body, text: visibleText(response.body) };
    };

    beforeAll(async () => {
      heard = await startTestApp(engine);
      officer = await heard.signInAs('complaints_officer');
      due = await closedComplaint('2015-01-10', 'Discharge planning');
      underLitigation = await closedComplaint('2014-12-01', 'Lost property');
      await heard.database.db.execute(
        sql`update complaint_details set litigation_ongoing = true where record_id = (select record_id from feedback_records where reference = ${underLitigation.reference})`,
      );
    });
    afterAll(async () => heard?.close());

    it('lists the files due for review to the complaints team, without personal data or litigation', async () => {
      const list = await page(officer, '/cases/retention');
      expect(list.status).toBe(200);
      expect(list.text).toContain('Case files due for a retention review');
      expect(list.text).toContain(
        `${due.reference} Complaint Discharge planning ward Discharge planning 10 January 2015 10 January 2025 Decide on ${due.reference}`,
      );
      expect(list.text).not.toContain(underLitigation.reference);
      expect(list.text).not.toMatch(/Ann Example|medicines/);
      expect(await htmlProblemsIn(list.html)).toEqual([]);
    });

    it.each(['investigator', 'administrator', 'service_manager'] as const)('refuses a %s', async (role) => {
      const browser = await heard.signInAs(role);
      expect((await browser.get('/cases/retention')).statusCode).toBe(403);
      expect((await browser.get(`/cases/retention/${due.recordId}`)).statusCode).toBe(403);
    });

    it('shows the decision form, and keeps the answers and explains the problem when one is missing', async () => {
      const url = `/cases/retention/${due.recordId}`;
      const form = await page(officer, url);
      expect(form.status).toBe(200);
      expect(form.text).toContain('Decide what happens to this case file');
      expect(await htmlProblemsIn(form.html)).toEqual([]);

      const nothing = await officer.post(url, {});
      expect(nothing.statusCode).toBe(422);
      const nothingText = visibleText(nothing.body);
      expect(nothingText).toContain('There is a problem');
      expect(nothingText).toContain('Select whether to destroy the case file or keep it');
      expect(nothingText).toContain('Enter the reason for the decision');
      expect(nothing.body).toMatch(/<title>Error: /);
      expect(await htmlProblemsIn(nothing.body)).toEqual([]);

      const noDate = await officer.post(url, { decision: 'retain', reason: 'Linked claim still open' });
      expect(noDate.statusCode).toBe(422);
      expect(visibleText(noDate.body)).toContain('Enter the date to review the case file again');
      expect(noDate.body).toContain('Linked claim still open');
      expect(noDate.body).toMatch(/value="retain" checked/);
    });

    it('destroys the file, says so, stops listing it, and shows it as destroyed on the case page', async () => {
      const url = `/cases/retention/${due.recordId}`;
      await officer.get(url);
      const sent = await officer.post(url, { decision: 'destroy', reason: 'Ten years since closure' });
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe('/cases/retention');

      const list = await page(officer, '/cases/retention');
      expect(list.text).toContain(`The file of ${due.reference} has been destroyed`);
      expect(list.text).not.toContain(`Decide on ${due.reference}`);

      const casePage = await page(officer, `/cases/${due.recordId}`);
      expect(casePage.status).toBe(200);
      expect(casePage.text).toContain(`File destroyed on ${ukDate(isoDateInLondon(new Date()))} (retention)`);
      expect(casePage.text).not.toMatch(/Ann Example|medicines/);

      expect((await officer.get(url)).statusCode).toBe(409);
    });
  });
});
