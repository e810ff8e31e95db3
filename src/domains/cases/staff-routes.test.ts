import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { addWorkingDays, isoDateInLondon } from '#src/domains/calendar/index.ts';
import { listUsers } from '#src/domains/identity/index.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { type Principal, systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import type { NewRecord } from './inputs.ts';
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
    const complaintIn = async (
      unitId: string,
      receivedDate: string,
      summary = 'Discharge planning',
      more: Partial<NewRecord> = {},
    ) => {
      const logged = await cases.logRecord(heard.orgId, actor, {
        kind: 'complaint',
        channel: 'letter',
        unitId,
        receivedDate,
        summary,
        personName: 'Ann Example',
        contactDetails: { email: 'ann@example.com' },
        ...more,
      });
      if (logged.outcome !== 'logged') throw new Error('not logged');
      return logged.record;
    };
    const textOf = async (browser: Browser, url: string) => visibleText((await browser.get(url)).body);

    beforeAll(async () => {
      // Many people sign in to this app, each once: more than the sign-in form allows a minute by default.
      heard = await startTestApp(engine, { SIGN_IN_RATE_LIMIT_PER_MINUTE: '100' });
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

    describe('the patient’s age and who is making a complaint, asked as it is logged (KO41a sections 3 and 4)', () => {
      const logged = (answers: Record<string, string>) =>
        officer.post('/cases/new', {
          kind: 'complaint',
          channel: 'phone',
          unitId: unit.W1 as string,
          receivedDate: today,
          summary: 'Taken by phone',
          ...answers,
        });
      const loggedEvent = (recordId: string) =>
        withOrg(heard.database.db, heard.orgId, (tx) =>
          tx
            .select({ after: auditEvents.after })
            .from(auditEvents)
            .where(
              and(
                eq(auditEvents.orgId, heard.orgId),
                eq(auditEvents.entityId, recordId),
                eq(auditEvents.action, 'case.logged'),
              ),
            ),
        );
      const recordIdIn = (location: unknown) => String(location).split('/').pop() ?? '';

      it('logs a complaint with both, showing them on the case and keeping them in its audit event', async () => {
        const form = await officer.get('/cases/new');
        const page = visibleText(form.body);
        expect(page).toContain('If it is a complaint');
        expect(page).toContain('How old is the patient? (optional)');
        expect(page).toContain('Who is making the complaint? (optional)');
        expect(page).toContain('For example an advocate, an MP or a solicitor acting for the patient');
        const response = await logged({
          patientAgeBandCode: '75-84',
          complainantStatusCode: 'relative-or-carer',
        });
        expect(response.statusCode).toBe(303);
        const text = await textOf(officer, String(response.headers.location));
        expect(text).toContain('Patient’s age (KO41a) 75 to 84');
        expect(text).toContain('Complaint made by (KO41a) Relative or carer');
        const [event] = await loggedEvent(recordIdIn(response.headers.location));
        expect(event?.after).toMatchObject({
          details: { patientAgeBandCode: '75-84', complainantStatusCode: 'relative-or-carer' },
        });
      });

      it('logs a complaint without them, or with Not known, recording neither', async () => {
        await officer.get('/cases/new');
        const neither: Record<string, string>[] = [
          {},
          { patientAgeBandCode: 'not-known', complainantStatusCode: 'not-known' },
        ];
        for (const answers of neither) {
          const response = await logged(answers);
          expect(response.statusCode).toBe(303);
          const text = await textOf(officer, String(response.headers.location));
          expect(text).toContain('Patient’s age (KO41a) Not recorded');
          expect(text).toContain('Complaint made by (KO41a) Not recorded');
          const [event] = await loggedEvent(recordIdIn(response.headers.location));
          expect(event?.after).toMatchObject({
            details: { patientAgeBandCode: null, complainantStatusCode: null },
          });
        }
      });

      it('refuses them on a concern, and an age band not on the list, in the error summary with the answers kept', async () => {
        await officer.get('/cases/new');
        const concern = await logged({
          kind: 'concern',
          patientAgeBandCode: '0-17',
          complainantStatusCode: 'patient',
        });
        expect(concern.statusCode).toBe(422);
        const text = visibleText(concern.body);
        expect(text).toContain('There is a problem');
        expect(text).toContain(
          'Only a complaint records the patient’s age for the KO41a return: leave it out, or log it as a complaint',
        );
        expect(text).toContain(
          'Only a complaint records who made it for the KO41a return: leave it out, or log it as a complaint',
        );
        expect(concern.body).toContain('href="#patientAgeBandCode"');
        expect(concern.body).toContain('id="patientAgeBandCode"');
        expect(concern.body).toMatch(/value="0-17" checked/);
        expect(await htmlProblemsIn(concern.body)).toEqual([]);
        const unknown = await logged({ patientAgeBandCode: '16-25' });
        expect(unknown.statusCode).toBe(422);
        expect(visibleText(unknown.body)).toContain('Select the patient’s age from the list');
      });

      it('leaves them behind when an oral complaint resolved by the next working day is recorded as a concern instead', async () => {
        const received = workingDaysAgo(2);
        const answers = {
          receivedDate: received,
          resolvedDate: addWorkingDays(received, 1),
          patientAgeBandCode: '18-64',
          complainantStatusCode: 'patient',
        };
        await officer.get('/cases/new');
        expect((await logged(answers)).statusCode).toBe(422);
        const response = await logged({ ...answers, recordAs: 'concern' });
        expect(response.statusCode).toBe(303);
        const [event] = await loggedEvent(recordIdIn(response.headers.location));
        expect(event?.after).toMatchObject({ record: { kind: 'concern' }, details: null });
      });
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
      expect(response.body).toContain('href="#kind"');
      expect(response.body).toContain('id="kind"');
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

    it('records the staff groups a concern involves on its own page, with the list ticked as saved', async () => {
      const concern = await complaintIn(unit.W1 as string, workingDaysAgo(2), 'Concern about a nurse', {
        kind: 'concern',
        channel: 'phone',
      });
      const href = `/cases/${concern.recordId}`;
      expect(await textOf(officer, href)).toContain('Staff groups involved Not recorded');
      const form = await officer.get(`${href}/staff-groups`);
      expect(form.statusCode).toBe(200);
      expect(await htmlProblemsIn(form.body)).toEqual([]);
      const refused = await officer.post(`${href}/staff-groups`, { caseVersion: '1' });
      expect(refused.statusCode).toBe(422);
      expect(visibleText(refused.body)).toContain('Select the staff groups involved, or No staff identified');
      const saved = await officer.post(`${href}/staff-groups`, {
        staffGroupCodes: ['nursing', 'hca'],
        caseVersion: '1',
      });
      expect(saved.statusCode).toBe(303);
      const text = await textOf(officer, href);
      expect(text).toContain(`The staff groups involved in ${concern.reference} have been saved`);
      expect(text).toContain('Staff groups involved Nursing, HCA (healthcare assistant)');
      const again = await officer.get(`${href}/staff-groups`);
      expect(again.body).toMatch(/value="nursing" checked/);
      // A page opened before the save is refused rather than overwriting it.
      const stale = await officer.post(`${href}/staff-groups`, {
        staffGroupCodes: 'medical',
        caseVersion: '1',
      });
      expect(stale.statusCode).toBe(422);
      const complaint = await complaintIn(unit.W1 as string, workingDaysAgo(2), 'Not a concern');
      expect(await textOf(officer, `/cases/${complaint.recordId}`)).not.toContain(
        'Record staff groups involved',
      );
    });

    it('records the patient’s age and who complained on the complaint’s own page, for the KO41a return', async () => {
      const record = await complaintIn(unit.W1 as string, workingDaysAgo(3), 'Age and complainant');
      const href = `/cases/${record.recordId}`;
      const before = await textOf(officer, href);
      expect(before).toContain('Patient’s age (KO41a) Not recorded');
      expect(before).toContain('Complaint made by (KO41a) Not recorded');
      const form = await officer.get(`${href}/ko41a`);
      expect(form.statusCode).toBe(200);
      expect(await htmlProblemsIn(form.body)).toEqual([]);
      expect(visibleText(form.body)).toContain('65 to 74');
      expect(visibleText(form.body)).toContain('Relative or carer');
      const refused = await officer.post(`${href}/ko41a`, { patientAgeBandCode: '65-74', caseVersion: '1' });
      expect(refused.statusCode).toBe(422);
      expect(visibleText(refused.body)).toContain('There is a problem');
      expect(visibleText(refused.body)).toContain('Select who made the complaint, or Not known');
      expect(refused.body).toMatch(/value="65-74" checked/);
      const saved = await officer.post(`${href}/ko41a`, {
        patientAgeBandCode: '65-74',
        complainantStatusCode: 'not-known',
        caseVersion: '1',
      });
      expect(saved.statusCode).toBe(303);
      const text = await textOf(officer, href);
      expect(text).toContain(`The patient’s age and who complained have been saved on ${record.reference}`);
      expect(text).toContain('Patient’s age (KO41a) 65 to 74');
      expect(text).toContain('Complaint made by (KO41a) Not recorded');
      expect((await officer.get(`${href}/ko41a`)).body).toMatch(/value="65-74" checked/);
      const stale = await officer.post(`${href}/ko41a`, {
        patientAgeBandCode: '0-17',
        complainantStatusCode: 'patient',
        caseVersion: '1',
      });
      expect(stale.statusCode).toBe(422);
    });

    it('adds an issue with its KO41a service area and sub-category, and records them later on an issue added without', async () => {
      const record = await complaintIn(unit.W1 as string, workingDaysAgo(3), 'Service areas');
      const href = `/cases/${record.recordId}`;
      const form = await officer.get(`${href}/issues`);
      expect(visibleText(form.body)).toContain('Service area (KO41a)');
      expect(visibleText(form.body)).toContain('Clinical treatment sub-category (KO41a)');
      const wrong = await officer.post(`${href}/issues`, {
        subjectCode: 'communications',
        staffGroupCodes: 'nursing',
        unitId: unit.W1 as string,
        serviceAreaCode: 'inpatient',
        clinicalTreatmentCode: 'paediatrics',
        description: 'Not told about the plan',
      });
      expect(wrong.statusCode).toBe(422);
      expect(visibleText(wrong.body)).toContain(
        'Only an issue about clinical treatment has a clinical treatment sub-category: leave it blank',
      );
      const added = await officer.post(`${href}/issues`, {
        subjectCode: 'clinical-treatment',
        staffGroupCodes: 'medical',
        unitId: unit.W1 as string,
        serviceAreaCode: 'mental-health',
        clinicalTreatmentCode: 'mental-health',
        description: 'Medication not reviewed',
      });
      expect(added.statusCode).toBe(303);
      await officer.get(`${href}/issues`);
      await officer.post(`${href}/issues`, {
        subjectCode: 'communications',
        staffGroupCodes: 'nursing',
        unitId: unit.W1 as string,
        description: 'Not told about the plan',
      });
      const text = await textOf(officer, href);
      expect(text).toContain('Mental health Clinical treatment sub-category: Mental health');
      expect(text).toContain('Not recorded Record service area of Communications');

      const view = await cases.getCase(officerPrincipal(heard.orgId), record.recordId);
      const later = view.issues.find((issue) => issue.subjectCode === 'communications');
      if (!later) throw new Error('the communications issue is expected');
      const issueForm = await officer.get(`${href}/issues/${later.issueId}/ko41a`);
      expect(issueForm.statusCode).toBe(200);
      expect(await htmlProblemsIn(issueForm.body)).toEqual([]);
      // Not about clinical treatment: no sub-category to record.
      expect(visibleText(issueForm.body)).not.toContain('Clinical treatment sub-category');
      const saved = await officer.post(`${href}/issues/${later.issueId}/ko41a`, {
        serviceAreaCode: 'outpatient',
      });
      expect(saved.statusCode).toBe(303);
      expect(await textOf(officer, href)).toContain('Outpatient Record service area of Communications');
      const unknown = await officer.post(`${href}/issues/${later.issueId}/ko41a`, {
        serviceAreaCode: 'car-park',
      });
      expect(unknown.statusCode).toBe(422);
      expect(visibleText(unknown.body)).toContain('Select the service area from the list');
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
        ...['acknowledge', 'issues', 'extension', 'assign', 'close', 'withdraw', 'note', 'edit-details'].map(
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

    describe('two officers on the same case (issue 4, concurrency)', () => {
      it('refuses the second save, says what changed since, keeps the answers, and saves when sent again', async () => {
        const record = await complaintIn(unit.W1 as string, workingDaysAgo(1), 'Raced case');
        const href = `/cases/${record.recordId}`;
        const dana = await heard.signInAs('complaints_officer');
        const sam = await heard.signInAs('complaints_officer');
        const danaForm = await dana.get(`${href}/acknowledge`);
        const samForm = await sam.get(`${href}/note`);
        expect(caseVersionIn(samForm.body)).toBe('1');
        const first = await dana.post(`${href}/acknowledge`, {
          acknowledgedDate: today,
          caseVersion: caseVersionIn(danaForm.body) ?? 'none',
        });
        expect(first.statusCode).toBe(303);
        const second = await sam.post(`${href}/note`, { text: 'Rang the daughter', caseVersion: '1' });
        expect(second.statusCode).toBe(422);
        const text = visibleText(second.body);
        expect(text).toContain('There is a problem');
        expect(text).toMatch(
          /Since you opened this page, Test complaints_officer \d+ recorded the acknowledgement at \d\d:\d\d\. Check the case and try again\./,
        );
        expect(second.body).toMatch(/<textarea[^>]*name="text"[^>]*>\s*Rang the daughter<\/textarea>/);
        expect(await htmlProblemsIn(second.body)).toEqual([]);
        expect((await cases.getCase(officerPrincipal(heard.orgId), record.recordId)).notes).toEqual([]);
        // The page now carries the case as it is: sent again, the note is saved.
        expect(caseVersionIn(second.body)).toBe('2');
        const again = await sam.post(`${href}/note`, { text: 'Rang the daughter', caseVersion: '2' });
        expect(again.statusCode).toBe(303);
        expect(await textOf(sam, href)).toContain('Rang the daughter');
      });

      it('refuses the second of two edits of the details, naming the fields the first changed', async () => {
        const record = await complaintIn(unit.W1 as string, workingDaysAgo(2), 'Edited twice');
        const href = `/cases/${record.recordId}/edit-details`;
        const dana = await heard.signInAs('complaints_officer');
        const sam = await heard.signInAs('complaints_officer');
        const danaForm = await dana.get(href);
        expect(danaForm.body).toContain('value="Ann Example"');
        await sam.get(href);
        const answers = {
          summary: 'Edited twice',
          unitId: unit.W1 as string,
          channel: 'letter',
          receivedDate: workingDaysAgo(2),
          personName: 'Ann Example',
          email: 'ann@example.com',
          caseVersion: '1',
        };
        const first = await dana.post(href, { ...answers, summary: 'Medicines not given at discharge' });
        expect(first.statusCode).toBe(303);
        expect(await textOf(dana, `/cases/${record.recordId}`)).toContain('Medicines not given at discharge');
        const second = await sam.post(href, { ...answers, personName: 'Anne Example' });
        expect(second.statusCode).toBe(422);
        expect(visibleText(second.body)).toMatch(/changed the details \(summary\) at \d\d:\d\d/);
        expect(second.body).toContain('value="Anne Example"');
        const page = await cases.getCase(officerPrincipal(heard.orgId), record.recordId);
        expect(page.record).toMatchObject({
          personName: 'Ann Example',
          summary: 'Medicines not given at discharge',
        });
      });

      it('shows the personal fields only to those who may see them, and lets only the complaints team edit', async () => {
        const record = await complaintIn(unit.W2 as string, workingDaysAgo(2), 'Who edits');
        const href = `/cases/${record.recordId}/edit-details`;
        const investigator = await heard.signInAs('investigator', { unitId: unit.SURG });
        const manager = await heard.signInAs('service_manager', { unitId: unit.SURG });
        const administrator = await heard.signInAs('administrator');
        expect((await investigator.get(href)).statusCode).toBe(403);
        expect((await manager.get(href)).statusCode).toBe(403);
        expect((await administrator.get(href)).statusCode).toBe(403);
        const page = await officer.get(href);
        expect(visibleText(page.body)).toContain('What they told us');
        expect(await htmlProblemsIn(page.body)).toEqual([]);
      });
    });

    describe('confidentiality of reads (issue 4)', () => {
      const viewsOf = (recordId: string) =>
        withOrg(heard.database.db, heard.orgId, (tx) =>
          tx
            .select({
              actorName: auditEvents.actorName,
              after: auditEvents.after,
              requestId: auditEvents.requestId,
            })
            .from(auditEvents)
            .where(
              and(
                eq(auditEvents.orgId, heard.orgId),
                eq(auditEvents.entityId, recordId),
                eq(auditEvents.action, 'case.viewed'),
              ),
            )
            .orderBy(asc(auditEvents.sequence)),
        );

      it('records every read of a case page, saying whether personal data was shown', async () => {
        const record = await complaintIn(unit.W2 as string, today, 'Read and recorded');
        const manager = await heard.signInAs('service_manager', { unitId: unit.SURG });
        await officer.get(`/cases/${record.recordId}`);
        await manager.get(`/cases/${record.recordId}`);
        const reads = await viewsOf(record.recordId);
        expect(reads.map((read) => read.after)).toEqual([
          { personalDataShown: true },
          { personalDataShown: false },
        ]);
        expect(reads.every((read) => read.requestId)).toBe(true);
        expect(reads[1]?.actorName).toMatch(/^Test service_manager \d+$/);
      });

      it('lets an administrator read a case with its personal data, but not change it', async () => {
        const record = await complaintIn(unit.W1 as string, today, 'Read by an administrator');
        const administrator = await heard.signInAs('administrator');
        expect(await textOf(administrator, '/cases')).toContain(record.reference);
        const page = await textOf(administrator, `/cases/${record.recordId}`);
        expect(page).toContain('Ann Example');
        expect(page).not.toContain('Edit details');
        expect(page).not.toContain('Add a note');
        expect((await administrator.post(`/cases/${record.recordId}/note`, { text: 'x' })).statusCode).toBe(
          403,
        );
      });
    });

    describe('finding cases', () => {
      it('searches words only in the narrative for an officer, never for a service manager', async () => {
        const record = await complaintIn(unit.W2 as string, today, 'Car parking charges', {
          narrative: 'The quetzal painting in the corridor was taken down.',
        });
        const manager = await heard.signInAs('service_manager', { unitId: unit.SURG });
        expect(await textOf(officer, '/cases?q=quetzal+painting')).toContain(record.reference);
        expect(await textOf(manager, '/cases?q=quetzal+painting')).not.toContain(record.reference);
        expect(await textOf(manager, '/cases?q=parking')).toContain(record.reference);
        const page = await officer.get('/cases?q=quetzal');
        expect(page.body).toContain('value="quetzal"');
      });

      it('filters by a unit with the units below it, and pages a long queue 50 at a time', async () => {
        for (let day = 0; day < 51; day += 1) {
          await cases.logRecord(heard.orgId, actor, {
            kind: 'compliment',
            channel: 'letter',
            unitId: unit.W2 as string,
            receivedDate: addWorkingDays(today, -(day + 20)),
            summary: 'Kind nurses on the ward, thank you',
          });
        }
        const surgery = await textOf(officer, `/cases?kind=compliment&unitId=${unit.SURG}`);
        expect(surgery).toContain('51 cases, page 1 of 2');
        expect(await textOf(officer, `/cases?kind=compliment&unitId=${unit.MED}`)).toContain(
          'There are no cases to show',
        );
        const first = await officer.get(`/cases?kind=compliment&unitId=${unit.SURG}`);
        expect(first.body.match(/<tr class="nhsuk-table__row">/g)).toHaveLength(51);
        expect(first.body).toContain(`href="/cases?kind=compliment&amp;unitId=${unit.SURG}&amp;page=2"`);
        expect(await htmlProblemsIn(first.body)).toEqual([]);
        const second = await officer.get(`/cases?kind=compliment&unitId=${unit.SURG}&page=2`);
        expect(visibleText(second.body)).toContain('51 cases, page 2 of 2');
        expect(second.body.match(/<tr class="nhsuk-table__row">/g)).toHaveLength(2);
      });
    });

    describe('saved views', () => {
      it('saves the queue’s filters under a name, shows them as a link to their owner only, and deletes one', async () => {
        const pat = await heard.signInAs('complaints_officer');
        const lee = await heard.signInAs('complaints_officer');
        await pat.get('/cases?deadline=acknowledgement-overdue');
        const saved = await pat.post('/cases/views', {
          name: 'Overdue acknowledgements',
          query: 'deadline=acknowledgement-overdue&nonsense=1',
        });
        expect(saved.statusCode).toBe(303);
        expect(saved.headers.location).toBe('/cases?deadline=acknowledgement-overdue');
        const queue = await pat.get('/cases');
        expect(queue.body).toMatch(
          /<a href="\/cases\?deadline=acknowledgement-overdue">Overdue acknowledgements<\/a>/,
        );
        expect(await htmlProblemsIn(queue.body)).toEqual([]);
        expect(await textOf(lee, '/cases')).not.toContain('Overdue acknowledgements');
        const deleteAction = /action="(\/cases\/views\/[^"]+\/delete)"/.exec(queue.body)?.[1];
        if (!deleteAction) throw new Error('no delete button');
        await lee.get('/cases');
        expect((await lee.post(deleteAction)).statusCode).toBe(404);
        expect((await pat.post(deleteAction)).statusCode).toBe(303);
        const after = await textOf(pat, '/cases');
        expect(after).toContain('Your view ‘Overdue acknowledgements’ has been deleted');
        expect(after).not.toContain('Your saved views');
      });

      it('asks for a name, keeping the filters', async () => {
        await officer.get('/cases?kind=concern');
        const refused = await officer.post('/cases/views', { name: '', query: 'kind=concern' });
        expect(refused.statusCode).toBe(422);
        expect(visibleText(refused.body)).toContain('There is a problem Enter a name for the view');
        expect(refused.body).toContain('href="#viewName"');
        expect(refused.body).toContain('value="kind=concern"');
        expect(await htmlProblemsIn(refused.body)).toEqual([]);
      });
    });
  });
});

/** The version of the case a form's page carries in its hidden field. */
function caseVersionIn(html: string) {
  return /name="caseVersion" value="(\d+)"/.exec(html)?.[1];
}
