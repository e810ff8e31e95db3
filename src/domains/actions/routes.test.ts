import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { multipartBody } from '#test/support/multipart.ts';

const reviewCsv = readFileSync(
  new URL('../../../docs/action-plans/independent-review-2014.csv', import.meta.url),
);

// The action pages through HTTP, as a browser without JavaScript uses them.
describe.each(engines)('action plan pages on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let officer: Browser;
    let lead: Browser;
    let auditor: Browser;
    let planUrl = '';

    const upload = (
      browser: Browser,
      url: string,
      fields: Record<string, string>,
      file?: Parameters<typeof multipartBody>[1],
    ) => {
      const { payload, contentType } = multipartBody({ _csrf: browser.csrfToken, ...fields }, file);
      return browser.request('POST', url, payload, { 'content-type': contentType });
    };

    beforeAll(async () => {
      heard = await startTestApp(engine);
      await createUnit(heard.database.db, heard.orgId, systemActor(), {
        code: 'W1',
        name: 'Ward 1',
        kind: 'ward',
        activeFrom: '2020-04-01',
      });
      officer = await heard.signInAs('complaints_officer');
      lead = await heard.signInAs('investigator', { email: 'the.lead@test.nhs.uk' });
      auditor = await heard.signInAs('auditor');
    }, 60_000);
    afterAll(async () => heard?.close());

    it('imports the review’s table from a file and shows its progress', async () => {
      await officer.get('/actions/plans/import');
      const imported = await upload(
        officer,
        '/actions/plans/import',
        { name: 'HASCAS review', source: 'independent-review' },
        { field: 'file', filename: 'review.csv', contentType: 'text/csv', content: reviewCsv },
      );
      expect(imported.statusCode).toBe(303);
      planUrl = String(imported.headers.location);
      const page = await officer.get(planUrl);
      expect(page.statusCode).toBe(200);
      const text = visibleText(page.body);
      expect(text).toContain('HASCAS review has been imported with 18 actions');
      expect(text).toContain('17% of 18 actions completed');
      expect(text).not.toContain('Actions by CQC key question');
      expect(await htmlProblemsIn(page.body)).toEqual([]);
    });

    it('reports a refused file row by row and imports nothing', async () => {
      await officer.get('/actions/plans/import');
      const refused = await upload(
        officer,
        '/actions/plans/import',
        { name: 'Broken plan', source: 'complaint' },
        {
          field: 'file',
          filename: 'x.csv',
          contentType: 'text/csv',
          content: 'No,Recommendation,Date\n1,Train,soon\n',
        },
      );
      expect(refused.statusCode).toBe(422);
      expect(visibleText(refused.body)).toContain('Row 2 (No 1): rejected: Date “soon” is not a date');
      expect(refused.body).toContain('<title>Error: Import an action plan – Heard</title>');
      expect(await htmlProblemsIn(refused.body)).toEqual([]);
    });

    it('exports the plan as CSV with the imported rows', async () => {
      const csv = await auditor.get(`${planUrl}/export/csv`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-disposition']).toContain('hascas-review.csv');
      expect(csv.rawPayload.subarray(3).toString('utf8').split('\r\n')[0]).toBe(
        'No,Recommendation,Lead,Action completed,Further action,Date,Methods of measurement,Outcome indicators,Reported to,Status',
      );
    });

    it('starts a plan, adds an action led by someone, who records evidence and completes it', async () => {
      await officer.get('/actions/plans/new');
      const started = await officer.post('/actions/plans/new', {
        name: 'Ward 1 discharge',
        source: 'complaint',
      });
      expect(started.statusCode).toBe(303);
      const plan = String(started.headers.location);
      await officer.get(`${plan}/recommendations/new`);
      expect(
        (await officer.post(`${plan}/recommendations/new`, { number: '1', text: 'Share discharge plans' }))
          .statusCode,
      ).toBe(303);
      const form = await officer.get(`${plan}/actions/new`);
      expect(await htmlProblemsIn(form.body)).toEqual([]);
      const recommendationId = /<option value="([0-9a-f-]{36})">1: Share/.exec(form.body)?.[1] ?? '';
      const leadId = /<option value="([0-9a-f-]{36})">Test investigator/.exec(form.body)?.[1] ?? '';
      const added = await officer.post(`${plan}/actions/new`, {
        recommendationId,
        leadUserId: leadId,
        'dueDate[day]': '31',
        'dueDate[month]': '12',
        'dueDate[year]': '2099',
        furtherAction: 'Send every discharge plan to the family',
        status: 'in-progress',
      });
      expect(added.statusCode).toBe(303);
      const actionUrl = String(added.headers.location);

      const mine = visibleText((await lead.get('/actions')).body);
      expect(mine).toContain('Send every discharge plan to the family');

      await lead.get(actionUrl);
      const refused = await lead.post(`${actionUrl}/complete`, { version: '1' });
      expect(refused.statusCode).toBe(422);
      expect(visibleText(refused.body)).toContain(
        'Record evidence that the action was done before you mark it completed',
      );

      await lead.get(`${actionUrl}/evidence`);
      const evidence = await upload(lead, `${actionUrl}/evidence`, {
        note: 'Audit of 20 discharges: all shared',
      });
      expect(evidence.statusCode).toBe(303);
      await lead.get(actionUrl);
      expect((await lead.post(`${actionUrl}/complete`, { version: '1' })).statusCode).toBe(303);
      const done = await lead.get(actionUrl);
      expect(visibleText(done.body)).toContain('Audit of 20 discharges: all shared');
      expect(visibleText(done.body)).toContain('The action has been marked as completed');
      expect(await htmlProblemsIn(done.body)).toEqual([]);

      // The auditor reads, and may not record anything.
      expect((await auditor.get(actionUrl)).statusCode).toBe(200);
      expect((await auditor.get(`${actionUrl}/evidence`)).statusCode).toBe(403);
      // Another member of staff who leads other actions may not open this one's forms.
      const otherLead = await heard.signInAs('investigator');
      expect((await otherLead.get(`${actionUrl}/update`)).statusCode).toBe(403);
      expect((await otherLead.get(`${actionUrl}/evidence`)).statusCode).toBe(403);

      // Reopening a completed action: only by someone who may change it, and only with a reason.
      expect((await otherLead.get(`${actionUrl}/reopen`)).statusCode).toBe(403);
      expect((await otherLead.post(`${actionUrl}/reopen`, { version: '2', reason: 'x' })).statusCode).toBe(
        403,
      );
      const reopenForm = await lead.get(`${actionUrl}/reopen`);
      expect(reopenForm.statusCode).toBe(200);
      expect(await htmlProblemsIn(reopenForm.body)).toEqual([]);
      const noReason = await lead.post(`${actionUrl}/reopen`, { version: '2', reason: '' });
      expect(noReason.statusCode).toBe(422);
      expect(visibleText(noReason.body)).toContain('Enter why the action is being reopened');
      const reopened = await lead.post(`${actionUrl}/reopen`, {
        version: '2',
        reason: 'The September audit found two plans not shared',
      });
      expect(reopened.statusCode).toBe(303);
      const again = visibleText((await lead.get(actionUrl)).body);
      expect(again).toContain('The action has been reopened');
      expect(again).toContain('The September audit found two plans not shared');
      expect(again).toContain('Mark as completed');
    });

    it.each([
      '/actions',
      '/actions/plans',
      '/actions/overdue',
      '/actions/plans/new',
      '/actions/plans/import',
    ])('%s is valid HTML', async (url) => {
      const page = await officer.get(url);
      expect(page.statusCode).toBe(200);
      expect(await htmlProblemsIn(page.body)).toEqual([]);
    });
  });
});
