import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays, isoDateInLondon } from '#src/domains/calendar/index.ts';
import { listUsers } from '#src/domains/identity/index.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { type Principal, systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { type CasesService, casesService } from './service.ts';

const actor = systemActor('Staff page tests');
const today = isoDateInLondon(new Date());
const workingDaysAgo = (days: number) => addWorkingDays(today, -days);

/** The text of the work queue's row for a reference. */
const rowOf = (html: string, reference: string) =>
  visibleText(
    [...html.matchAll(/<tr class="nhsuk-table__row">([\s\S]*?)<\/tr>/g)]
      .map((match) => match[1] ?? '')
      .find((row) => row.includes(`>${reference}<`)) ?? '',
  );

/** Someone who sees every case, for reading what the pages made. */
const officerPrincipal = (orgId: string): Principal => ({
  kind: 'user',
  orgId,
  id: '00000000-0000-4000-8000-000000000000',
  name: 'Test officer',
  organisationName: 'Test',
  roles: ['complaints_officer'],
  permissions: new Set(),
  unitScope: 'all',
});

describe.each(engines)('staff case pages on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let cases: CasesService;
    let officer: Browser;
    const unit: Record<string, string> = {};
    const complaintIn = async (unitId: string, receivedDate: string, summary = 'Discharge planning') => {
      const logged = await cases.logRecord(heard.orgId, actor, {
        kind: 'complaint',
        channel: 'letter',
        unitId,
        receivedDate,
        summary,
        personName: 'Ann Example',
        contactDetails: { email: 'ann@example.com' },
      });
      if (logged.outcome !== 'logged') throw new Error('not logged');
      return logged.record;
    };
    const textOf = async (browser: Browser, url: string) => visibleText((await browser.get(url)).body);

    beforeAll(async () => {
      heard = await startTestApp(engine);
      cases = casesService({ db: heard.database.db, config: heard.config });
      const add = async (code: string, name: string, kind: 'division' | 'ward', parentCode?: string) => {
        const created = await createUnit(heard.database.db, heard.orgId, actor, {
          code,
          name,
          kind,
          parentCode,
          activeFrom: '2020-04-01',
        });
        unit[code] = created.unitId;
      };
      await add('MED', 'Medicine', 'division');
      await add('W1', 'Ward 1', 'ward', 'MED');
      await add('SURG', 'Surgery', 'division');
      await add('W2', 'Ward 2', 'ward', 'SURG');
      officer = await heard.signInAs('complaints_officer');
    });
    afterAll(async () => heard?.close());

    it('shows in the work queue which acknowledgements are overdue and which are due soon', async () => {
      const late = await complaintIn(unit.W1 as string, workingDaysAgo(10), 'Late acknowledgement');
      const soon = await complaintIn(unit.W2 as string, workingDaysAgo(1), 'Acknowledgement due soon');
      const queue = await officer.get('/cases');
      expect(queue.statusCode).toBe(200);
      expect(rowOf(queue.body, late.reference)).toContain('Overdue');
      expect(rowOf(queue.body, late.reference)).toContain('Ward 1');
      expect(rowOf(queue.body, soon.reference)).toContain('Due soon');
      const overdue = await officer.get('/cases?deadline=acknowledgement-overdue');
      expect(visibleText(overdue.body)).toContain(late.reference);
      expect(visibleText(overdue.body)).not.toContain(soon.reference);
    });

    it('logs a complaint from the form and shows its case page', async () => {
      await officer.get('/cases/new');
      const response = await officer.post('/cases/new', {
        kind: 'complaint',
        channel: 'email',
        unitId: unit.W1 as string,
        receivedDate: today,
        summary: 'Lost property',
        personName: 'Bea Example',
        email: 'bea@example.com',
      });
      expect(response.statusCode).toBe(303);
      const text = await textOf(officer, String(response.headers.location));
      expect(text).toMatch(/Success C-\d{4}-\d+ has been logged/);
      expect(text).toContain('Lost property');
      expect(text).toContain('Bea Example');
      expect(text).toContain('Acknowledgement');
    });

    it('shows what is wrong with a new record, keeping the answers', async () => {
      await officer.get('/cases/new');
      const response = await officer.post('/cases/new', { summary: 'Kept summary', receivedDate: today });
      expect(response.statusCode).toBe(422);
      const text = visibleText(response.body);
      expect(text).toContain('There is a problem');
      expect(text).toContain('Select the kind of feedback');
      expect(text).toContain('Select how it reached us');
      expect(response.body).toContain('value="Kept summary"');
      expect(response.body).toContain('href="#kind-1"');
    });

    it('offers to record an oral complaint resolved by the next working day as a concern', async () => {
      const received = workingDaysAgo(2);
      const answers = {
        kind: 'complaint',
        channel: 'phone',
        unitId: unit.W1 as string,
        receivedDate: received,
        resolvedDate: addWorkingDays(received, 1),
        summary: 'Missed call back',
      };
      await officer.get('/cases/new');
      const offered = await officer.post('/cases/new', answers);
      expect(offered.statusCode).toBe(422);
      expect(visibleText(offered.body)).toContain('Record it as a concern');
      const response = await officer.post('/cases/new', { ...answers, recordAs: 'concern' });
      expect(response.statusCode).toBe(303);
      const text = await textOf(officer, String(response.headers.location));
      expect(text).toMatch(/Kind Concern/);
      expect(text).toMatch(/CON-\d{4}-\d+|has been logged/);
    });

    it('acknowledges a complaint, then closes it with two issues as partially upheld', async () => {
      const record = await complaintIn(unit.W1 as string, workingDaysAgo(5), 'Two issues');
      const href = `/cases/${record.recordId}`;
      await officer.get(`${href}/acknowledge`);
      const acknowledged = await officer.post(`${href}/acknowledge`, { acknowledgedDate: today });
      expect(acknowledged.statusCode).toBe(303);
      expect(await textOf(officer, href)).toContain(`${record.reference} has been acknowledged`);

      for (const description of ['Medicines not given', 'Rude on the phone']) {
        await officer.get(`${href}/issues`);
        const added = await officer.post(`${href}/issues`, {
          subjectCode: 'clinical-treatment',
          staffGroupCodes: ['nursing', 'medical'],
          unitId: unit.W1 as string,
          description,
        });
        expect(added.statusCode).toBe(303);
      }
      const view = await cases.getCase(officerPrincipal(heard.orgId), record.recordId);
      const [first, second] = view.issues;
      if (!first || !second) throw new Error('two issues expected');

      await officer.get(`${href}/issues/${first.issueId}/outcome`);
      expect(
        (await officer.post(`${href}/issues/${first.issueId}/outcome`, { outcome: 'upheld' })).statusCode,
      ).toBe(303);
      await officer.get(`${href}/close`);
      const refused = await officer.post(`${href}/close`, {
        responseSentDate: today,
        signedOffBy: 'Chief Executive',
      });
      expect(refused.statusCode).toBe(422);
      expect(visibleText(refused.body)).toContain(
        '1 issue has no outcome yet. Record whether each issue is upheld or not upheld before closing the complaint',
      );

      await officer.get(`${href}/issues/${second.issueId}/outcome`);
      await officer.post(`${href}/issues/${second.issueId}/outcome`, { outcome: 'not-upheld' });
      await officer.get(`${href}/close`);
      const closed = await officer.post(`${href}/close`, {
        responseSentDate: today,
        signedOffBy: 'Chief Executive',
      });
      expect(closed.statusCode).toBe(303);
      const text = await textOf(officer, href);
      expect(text).toContain('Overall outcome: Partially upheld');
      expect(text).toContain('Status Closed');
    });

    it('refuses changes from an investigator the case is not assigned to, and allows the assigned one', async () => {
      const record = await complaintIn(unit.W1 as string, today, 'Assigned elsewhere');
      const href = `/cases/${record.recordId}`;
      const email = 'investigator.assigned@test.nhs.uk';
      const investigator = await heard.signInAs('investigator', { unitId: unit.MED, email });
      expect((await investigator.get(href)).statusCode).toBe(200);
      expect(await textOf(investigator, href)).toContain('Withheld');
      expect((await investigator.post(`${href}/note`, { text: 'Spoke to the ward' })).statusCode).toBe(403);

      const investigatorId = (await listUsers(heard.database.db, heard.orgId)).find(
        (user) => user.email === email,
      )?.userId;
      if (!investigatorId) throw new Error('no investigator');
      await officer.get(`${href}/assign`);
      expect((await officer.post(`${href}/assign`, { investigatorUserId: investigatorId })).statusCode).toBe(
        303,
      );
      await investigator.get(`${href}/note`);
      expect((await investigator.post(`${href}/note`, { text: 'Spoke to the ward' })).statusCode).toBe(303);
      expect(await textOf(investigator, href)).toContain('Spoke to the ward');
      expect(
        (await investigator.post(`${href}/close`, { responseSentDate: today, signedOffBy: 'X' })).statusCode,
      ).toBe(403);
      expect(await textOf(investigator, '/cases?mine=yes')).toContain(record.reference);
    });

    it('shows a service manager only the cases of their units, without personal data', async () => {
      const medicine = await complaintIn(unit.W1 as string, today, 'Medicine case');
      const surgery = await complaintIn(unit.W2 as string, today, 'Surgery case');
      const manager = await heard.signInAs('service_manager', { unitId: unit.SURG });
      const queue = await textOf(manager, '/cases');
      expect(queue).toContain(surgery.reference);
      expect(queue).not.toContain(medicine.reference);
      expect((await manager.get(`/cases/${medicine.recordId}`)).statusCode).toBe(404);
      const page = await textOf(manager, `/cases/${surgery.recordId}`);
      expect(page).not.toContain('Ann Example');
      expect(page).toContain('Withheld');
    });

    it('renders every page as valid HTML', async () => {
      const record = await complaintIn(unit.W1 as string, workingDaysAgo(3), 'Valid pages');
      await cases.addIssue(heard.orgId, actor, record.recordId, {
        subjectCode: 'clinical-treatment',
        staffGroupCodes: ['nursing'],
        unitId: unit.W1 as string,
        description: 'An issue',
      });
      const href = `/cases/${record.recordId}`;
      const paths = [
        '/cases',
        '/cases/new',
        href,
        ...['acknowledge', 'issues', 'extension', 'assign', 'close', 'withdraw', 'note'].map(
          (p) => `${href}/${p}`,
        ),
      ];
      for (const path of paths) {
        const page = await officer.get(path);
        expect({ path, status: page.statusCode }).toEqual({ path, status: 200 });
        expect({ path, problems: await htmlProblemsIn(page.body) }).toEqual({ path, problems: [] });
      }
      await officer.get(`${href}/close`);
      const withErrors = await officer.post(`${href}/close`, {});
      expect(withErrors.statusCode).toBe(422);
      expect(await htmlProblemsIn(withErrors.body)).toEqual([]);
      await officer.get('/cases/new');
      const newWithErrors = await officer.post('/cases/new', {});
      expect(await htmlProblemsIn(newWithErrors.body)).toEqual([]);
    });
  });
});
