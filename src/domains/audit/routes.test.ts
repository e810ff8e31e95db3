import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { recordAudit } from './service.ts';

const eventsFound = (text: string) => Number(/(\d+) events? found/.exec(text)?.[1] ?? Number.NaN);

const tableRows = (html: string) => (html.match(/<tr class="nhsuk-table__row"/g) ?? []).length - 1;

describe.each(engines)('audit trail pages on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    // One auditor for the whole file: sign-in is rate limited per address.
    let auditor: Browser;
    beforeAll(async () => {
      heard = await startTestApp(engine);
      const { db } = heard.database;
      for (let index = 1; index <= 60; index += 1) {
        await withOrg(db, heard.orgId, (tx) =>
          recordAudit(
            tx,
            heard.orgId,
            { kind: 'user', id: 'user-officer', name: 'Pat Officer' },
            {
              action: 'complaint.updated',
              entityType: 'complaint',
              entityId: `C-${index}`,
              before: { status: 'open' },
              after: {
                status: 'closed',
                outcome: 'partially upheld',
                issues: [{ subject: 'Communication' }],
              },
            },
          ),
        );
      }
      await withOrg(db, heard.orgId, (tx) =>
        recordAudit(
          tx,
          heard.orgId,
          { kind: 'user', id: 'user-investigator', name: 'Sam Investigator' },
          { action: 'complaint.viewed', entityType: 'complaint', entityId: 'C-7', confidentialRead: true },
        ),
      );
      auditor = await heard.signInAs('auditor');
    });
    afterAll(async () => heard?.close());

    it('sends someone who is not signed in to the sign-in page', async () => {
      const response = await heard.app.inject({ url: '/audit' });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/sign-in');
    });

    it('does not show the audit trail to a complaints officer', async () => {
      const officer = await heard.signInAs('complaints_officer');
      const page = await officer.get('/audit');
      expect(page.statusCode).toBe(403);
      expect(page.body).toContain('You cannot do this');
    });

    it('shows an auditor the newest 50 events, with a link to the next page', async () => {
      const page = await auditor.get('/audit');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>Audit trail – Heard</title>');
      const text = visibleText(page.body);
      expect(eventsFound(text)).toBeGreaterThan(61);
      expect(tableRows(page.body)).toBe(50);
      expect(text).toContain('Sam Investigator');
      expect(text).toContain('complaint.viewed (confidential read)');
      expect(page.body).toContain('href="/audit?page=2"');
      const second = await auditor.get('/audit?page=2');
      expect(tableRows(second.body)).toBeGreaterThanOrEqual(11);
      expect(second.body).toContain('organisation.created');
    });

    it('finds the events about one record, keeping the search in the form and the page links', async () => {
      const page = await auditor.get('/audit?entityType=complaint&entityId=C-7');
      const text = visibleText(page.body);
      expect(text).toContain('2 events found');
      expect(tableRows(page.body)).toBe(2);
      expect(page.body).toContain('value="C-7"');
    });

    it('finds only reads of confidential records when asked', async () => {
      const page = await auditor.get('/audit?confidential=yes');
      expect(visibleText(page.body)).toContain('1 event found');
      expect(page.body).toMatch(/name="confidential" type="checkbox" value="yes" checked/);
    });

    it('finds events by who made them and by free text', async () => {
      expect(visibleText((await auditor.get('/audit?actor=investigator')).body)).toContain('1 event found');
      expect(visibleText((await auditor.get('/audit?q=organisation.created')).body)).toContain(
        '1 event found',
      );
    });

    it('finds events between two dates typed as day, month and year', async () => {
      const today = new Date();
      const [day, month, year] = [today.getUTCDate(), today.getUTCMonth() + 1, today.getUTCFullYear()];
      const page = await auditor.get(
        `/audit?from-day=1&from-month=1&from-year=2020&to-day=${day}&to-month=${month}&to-year=${year + 1}`,
      );
      expect(eventsFound(visibleText(page.body))).toBeGreaterThan(61);
      const none = await auditor.get(
        '/audit?from-day=1&from-month=1&from-year=2020&to-day=2&to-month=1&to-year=2020',
      );
      expect(visibleText(none.body)).toContain('0 events found');
    });

    it('explains a date that is not real, with a link to the field, and keeps what was typed', async () => {
      const page = await auditor.get('/audit?q=Pat&from-day=31&from-month=2&from-year=2025&to-month=3');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<title>Error: Audit trail – Heard</title>');
      expect(page.body).toContain('There is a problem');
      expect(page.body).toContain('href="#from-day"');
      expect(visibleText(page.body)).toContain('Date from must be a real date');
      expect(visibleText(page.body)).toContain('Date to must include a day and year');
      expect(page.body).toContain('value="Pat"');
      expect(page.body).toContain('value="31"');
      expect(visibleText(page.body)).not.toContain('events found');
    });

    it('shows one event with what it changed as readable lists, and its hashes', async () => {
      const page = await auditor.get('/audit/3');
      expect(page.statusCode).toBe(200);
      const text = visibleText(page.body);
      expect(text).toContain('Event 3: complaint.updated');
      expect(text).toContain('Pat Officer');
      expect(text).toMatch(/Outcome\s+partially upheld/);
      expect(text).toMatch(/Issues 1: Subject\s+Communication/);
      expect(text).toContain('This event’s hash');
      expect(page.body).toMatch(/[0-9a-f]{64}/);
    });

    it('says an event that does not exist is not found', async () => {
      expect((await auditor.get('/audit/99999')).statusCode).toBe(404);
      expect((await auditor.get('/audit/not-a-number')).statusCode).toBe(404);
    });

    it('renders each of its pages as valid HTML', async () => {
      for (const url of [
        '/audit',
        '/audit?page=2',
        '/audit?from-day=31&from-month=2&from-year=2025',
        '/audit/3',
      ]) {
        expect({ url, problems: await htmlProblemsIn((await auditor.get(url)).body) }).toEqual({
          url,
          problems: [],
        });
      }
      const verify = await auditor.post('/audit/verify');
      expect(await htmlProblemsIn(verify.body)).toEqual([]);
    });

    it('refuses to check the trail from a form without its security token', async () => {
      const response = await auditor.post('/audit/verify', { _csrf: 'forged' });
      expect(response.statusCode).toBe(403);
    });

    it('says the trail is intact with the number of events checked, then reports an event changed behind its back', async () => {
      await auditor.get('/audit');
      const intact = await auditor.post('/audit/verify');
      expect(intact.statusCode).toBe(200);
      const checked = /The audit trail is intact: (\d+) events checked/.exec(visibleText(intact.body));
      expect(Number(checked?.[1])).toBeGreaterThan(61);

      const { db } = heard.database;
      await db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await db.execute(
        sql`update audit_events set actor_name = 'Someone Else' where org_id = ${heard.orgId} and sequence = 5`,
      );
      await db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);

      const broken = await auditor.post('/audit/verify');
      const text = visibleText(broken.body);
      expect(text).toContain('The audit trail has been changed');
      expect(text).toContain('Event 5 has been changed since it was written');
      expect(broken.body).toContain('href="/audit/5"');
    });
  });
});
