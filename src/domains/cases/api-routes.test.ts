import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { searchAuditTrail } from '#src/domains/audit/index.ts';
import { addWorkingDays, isoDateInLondon } from '#src/domains/calendar/index.ts';
import { listUsers } from '#src/domains/identity/index.ts';
import { createApiKey } from '#src/domains/integrations/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { apiOperations } from '#src/web/api.ts';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { type CasesService, casesService } from './service.ts';

const actor = systemActor('Case API tests');
const today = isoDateInLondon(new Date());
const workingDaysAgo = (days: number) => addWorkingDays(today, -days);

const caseOperations = [
  'GET /cases',
  'GET /cases/:recordId',
  'POST /cases',
  'POST /cases/:recordId/issues',
  'PUT /cases/:recordId/issues/:issueId/outcome',
  'PUT /cases/:recordId/issues/:issueId/ko41a',
  'PUT /cases/:recordId/ko41a',
  'POST /cases/:recordId/acknowledgement',
  'POST /cases/:recordId/extensions',
  'POST /cases/:recordId/closure',
  'POST /cases/:recordId/withdrawal',
  'PUT /cases/:recordId/staff-groups',
];

describe.each(engines)('cases through the JSON API on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let cases: CasesService;
    const unit: Record<string, string> = {};
    let viewKey: string;
    let manageKey: string;
    let otherOrganisationKey: string;

    const keyWith = async (orgId: string, permissions: string[], name: string) =>
      (await createApiKey(heard.database.db, orgId, actor, { name, permissions })).key;

    /** A call with an API key, sending `body` as JSON. */
    const call = (key: string, method: string, url: string, body?: unknown) =>
      heard.app.inject({
        method: method as 'GET',
        url,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });

    /** The same call by a signed-in member of staff, on their session. */
    const callAs = (browser: Browser, method: string, url: string, body?: unknown) =>
      browser.request(
        method,
        url,
        body === undefined ? undefined : JSON.stringify(body),
        body === undefined ? {} : { 'content-type': 'application/json' },
      );

    const complaint = (overrides: Record<string, unknown> = {}) => ({
      kind: 'complaint',
      channel: 'letter',
      unitId: unit.W1,
      receivedDate: workingDaysAgo(2),
      summary: 'Discharge planning',
      narrative: 'My father was sent home without his tablets',
      personName: 'Ann Example',
      contactDetails: { email: 'ann@example.com' },
      ...overrides,
    });

    const logComplaint = async (overrides: Record<string, unknown> = {}) => {
      const logged = await cases.logRecord(heard.orgId, actor, complaint(overrides) as never);
      if (logged.outcome !== 'logged') throw new Error('not logged');
      return logged.record;
    };

    beforeAll(async () => {
      heard = await startTestApp(engine);
      cases = casesService({ db: heard.database.db, config: heard.config });
      const add = async (code: string, name: string, kind: 'division' | 'ward', parentCode?: string) => {
        const created = await createUnit(heard.database.db, heard.orgId, actor, {
          code,
          name,
          kind,
          parentCode,
          activeFrom: '2010-04-01',
        });
        unit[code] = created.unitId;
      };
      await add('MED', 'Medicine', 'division');
      await add('W1', 'Ward 1', 'ward', 'MED');
      await add('SURG', 'Surgery', 'division');
      await add('W2', 'Ward 2', 'ward', 'SURG');
      viewKey = await keyWith(heard.orgId, ['cases:view'], 'BI tool');
      manageKey = await keyWith(heard.orgId, ['cases:view', 'cases:manage'], 'Case system');
      const other = await createOrganisation(heard.database.db, actor, {
        name: 'Other NHS Trust',
        odsCode: 'RX9',
      });
      otherOrganisationKey = await keyWith(other.orgId, ['cases:view', 'cases:manage'], 'Other trust');
    });
    afterAll(async () => heard?.close());

    describe('an API key with cases:manage', () => {
      it('logs a complaint, adds two issues, records their outcomes, closes it and reads back the derived outcome', async () => {
        const logged = await call(manageKey, 'POST', '/api/v1/cases', complaint());
        expect(logged.statusCode).toBe(201);
        const created = logged.json();
        expect(created).toMatchObject({
          kind: 'complaint',
          reference: expect.stringMatching(/^C-\d{4}-\d+$/),
          status: 'open',
          deadlines: { acknowledgement: 'due', acknowledgementDueDate: addWorkingDays(workingDaysAgo(2), 3) },
          timeLimit: null,
        });
        expect(logged.headers.location).toBe(`/api/v1/cases/${created.recordId}`);
        expect(logged.body).not.toContain('Ann Example');
        const base = `/api/v1/cases/${created.recordId}`;

        const acknowledged = await call(manageKey, 'POST', `${base}/acknowledgement`, {
          acknowledgedDate: today,
        });
        expect(acknowledged.statusCode).toBe(200);
        expect(acknowledged.json()).toEqual({
          recordId: created.recordId,
          acknowledgedDate: today,
          onTime: true,
        });

        const issue = (subjectCode: string, staffGroupCodes: string[]) => ({
          subjectCode,
          staffGroupCodes,
          unitId: unit.W1,
          description: `About ${subjectCode}`,
        });
        const first = await call(manageKey, 'POST', `${base}/issues`, issue('communications', ['nursing']));
        const second = await call(manageKey, 'POST', `${base}/issues`, issue('prescribing', ['medical']));
        expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
        expect(first.json()).toMatchObject({ subjectCode: 'communications', outcome: null });

        const upheld = await call(manageKey, 'PUT', `${base}/issues/${first.json().issueId}/outcome`, {
          outcome: 'upheld',
        });
        expect(upheld.statusCode).toBe(200);
        expect(upheld.json()).toMatchObject({ issue: { outcome: 'upheld' }, overallOutcome: 'undecided' });
        const notUpheld = await call(manageKey, 'PUT', `${base}/issues/${second.json().issueId}/outcome`, {
          outcome: 'not-upheld',
        });
        expect(notUpheld.json().overallOutcome).toBe('partially-upheld');

        const closed = await call(manageKey, 'POST', `${base}/closure`, {
          responseSentDate: today,
          signedOffBy: 'Chief Executive',
        });
        expect(closed.statusCode).toBe(200);
        expect(closed.json()).toMatchObject({
          status: 'closed',
          closedDate: today,
          overallOutcome: 'partially-upheld',
          timeliness: { withinAgreedTimescale: true },
        });

        const read = await call(manageKey, 'GET', base);
        expect(read.statusCode).toBe(200);
        expect(read.json()).toMatchObject({
          recordId: created.recordId,
          status: 'closed',
          overallOutcome: 'partially-upheld',
          complaint: { acknowledgedDate: today, responseSentDate: today, signedOffBy: 'Chief Executive' },
          deadlines: { acknowledgement: 'done-on-time', response: 'done-on-time' },
        });
        expect(read.json().issues.map((row: { outcome: string }) => row.outcome)).toEqual([
          'upheld',
          'not-upheld',
        ]);
      });

      it('logs a complaint with its KO41a age band and complainant, records an issue’s service area, and reads them back', async () => {
        const logged = await call(manageKey, 'POST', '/api/v1/cases', {
          ...complaint(),
          patientAgeBandCode: '85-and-over',
          complainantStatusCode: 'relative-or-carer',
        });
        expect(logged.statusCode).toBe(201);
        const base = `/api/v1/cases/${logged.json().recordId}`;
        const added = await call(manageKey, 'POST', `${base}/issues`, {
          subjectCode: 'clinical-treatment',
          staffGroupCodes: ['medical'],
          unitId: unit.W1,
          description: 'Medicines not reviewed',
          serviceAreaCode: 'community-hospitals',
          clinicalTreatmentCode: 'elderly-care',
        });
        expect(added.statusCode).toBe(201);
        expect(added.json()).toMatchObject({
          serviceAreaCode: 'community-hospitals',
          clinicalTreatmentCode: 'elderly-care',
        });
        const plain = await call(manageKey, 'POST', `${base}/issues`, {
          subjectCode: 'communications',
          staffGroupCodes: ['nursing'],
          unitId: unit.W1,
          description: 'Family not told',
        });
        expect(plain.json()).toMatchObject({ serviceAreaCode: null, clinicalTreatmentCode: null });
        const later = await call(manageKey, 'PUT', `${base}/issues/${plain.json().issueId}/ko41a`, {
          serviceAreaCode: 'inpatient',
        });
        expect(later.statusCode).toBe(200);
        expect(later.json()).toMatchObject({ serviceAreaCode: 'inpatient', clinicalTreatmentCode: null });
        const refused = await call(manageKey, 'PUT', `${base}/issues/${plain.json().issueId}/ko41a`, {
          clinicalTreatmentCode: 'elderly-care',
        });
        expect(refused.statusCode).toBe(422);
        expect(refused.json().errors.clinicalTreatmentCode).toBe(
          'Only an issue about clinical treatment has a clinical treatment sub-category: leave it blank',
        );
        const changed = await call(manageKey, 'PUT', `${base}/ko41a`, {
          patientAgeBandCode: '75-84',
          complainantStatusCode: null,
        });
        expect(changed.json()).toEqual({
          recordId: logged.json().recordId,
          patientAgeBandCode: '75-84',
          complainantStatusCode: null,
        });
        const wrong = await call(manageKey, 'PUT', `${base}/ko41a`, { patientAgeBandCode: '16-25' });
        expect(wrong.statusCode).toBe(422);
        expect(wrong.json().errors.patientAgeBandCode).toBe('Select the patient’s age from the list');
        const read = (await call(manageKey, 'GET', base)).json();
        expect(read.complaint).toMatchObject({ patientAgeBandCode: '75-84', complainantStatusCode: null });
        expect(read.issues.map((row: { serviceAreaCode: string }) => row.serviceAreaCode)).toEqual([
          'community-hospitals',
          'inpatient',
        ]);
        const concern = await call(manageKey, 'POST', '/api/v1/cases', {
          ...complaint(),
          kind: 'concern',
          patientAgeBandCode: '0-17',
        });
        expect(concern.statusCode).toBe(422);
        expect(concern.json().errors.patientAgeBandCode).toBe(
          'Only a complaint records the patient’s age for the KO41a return: leave it out, or log it as a complaint',
        );
      });

      it('never receives the personal data it sent: the case names which fields were withheld', async () => {
        const created = (await call(manageKey, 'POST', '/api/v1/cases', complaint())).json();
        const read = await call(manageKey, 'GET', `/api/v1/cases/${created.recordId}`);
        expect(read.json().personalDataWithheld.sort()).toEqual([
          'contactDetails',
          'narrative',
          'personName',
        ]);
        expect(read.json()).not.toHaveProperty('narrative');
        expect(read.json()).not.toHaveProperty('contactDetails');
        expect(read.body).not.toContain('Ann Example');
        expect(read.body).not.toContain('ann@example.com');
      });

      it('is told, with 422, that an oral complaint resolved by the next working day may be a concern, and nothing is written', async () => {
        const oral = complaint({
          channel: 'phone',
          receivedDate: workingDaysAgo(3),
          resolvedDate: workingDaysAgo(2),
          summary: 'Resolved on the phone',
        });
        const offered = await call(manageKey, 'POST', '/api/v1/cases', oral);
        expect(offered.statusCode).toBe(422);
        expect(offered.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(offered.json()).toMatchObject({
          status: 422,
          detail: expect.stringContaining('need not be handled under the Regulations'),
          errors: { keepAsComplaint: expect.stringContaining('keepAsComplaint: true') },
        });
        const listed = (await call(viewKey, 'GET', '/api/v1/cases?pageSize=200')).json();
        expect(listed.cases.map((row: { summary: string }) => row.summary)).not.toContain(
          'Resolved on the phone',
        );
        const kept = await call(manageKey, 'POST', '/api/v1/cases', { ...oral, keepAsComplaint: true });
        expect(kept.statusCode).toBe(201);
      });

      it('is refused a change the rules forbid, in plain English', async () => {
        const created = (await call(manageKey, 'POST', '/api/v1/cases', complaint())).json();
        const base = `/api/v1/cases/${created.recordId}`;
        await call(manageKey, 'POST', `${base}/issues`, {
          subjectCode: 'communications',
          staffGroupCodes: ['nursing'],
          unitId: unit.W1,
          description: 'Not decided yet',
        });
        const closing = await call(manageKey, 'POST', `${base}/closure`, {
          responseSentDate: today,
          signedOffBy: 'Chief Executive',
        });
        expect(closing.statusCode).toBe(422);
        expect(closing.json().detail).toMatch(/outcome/i);
        await call(manageKey, 'POST', `${base}/acknowledgement`, {});
        const again = await call(manageKey, 'POST', `${base}/acknowledgement`, {});
        expect(again.statusCode).toBe(409);
        expect(again.json().detail).toContain(`${created.reference} was already acknowledged`);
      });

      it('withdraws a complaint and agrees an extension', async () => {
        const created = (await call(manageKey, 'POST', '/api/v1/cases', complaint())).json();
        const base = `/api/v1/cases/${created.recordId}`;
        const newDate = addWorkingDays(created.deadlines.responseDueDate, 10);
        const extended = await call(manageKey, 'POST', `${base}/extensions`, {
          agreedOn: today,
          newAgreedDate: newDate,
          reason: 'Waiting for a statement',
        });
        expect(extended.statusCode).toBe(201);
        expect(extended.json()).toMatchObject({
          newResponseDate: newDate,
          reason: 'Waiting for a statement',
        });
        expect((await call(manageKey, 'GET', base)).json().deadlines.responseDueDate).toBe(newDate);
        const withdrawn = await call(manageKey, 'POST', `${base}/withdrawal`, {
          withdrawnDate: today,
          reason: 'Resolved by a phone call',
        });
        expect(withdrawn.statusCode).toBe(200);
        expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', overallOutcome: 'withdrawn' });
      });
    });

    describe('a concern’s staff groups (the quarterly report’s Table 11)', () => {
      const concern = (overrides: Record<string, unknown> = {}) =>
        complaint({ kind: 'concern', channel: 'phone', summary: 'Rude on the phone', ...overrides });

      it('logs a concern with the staff groups involved and reads them back', async () => {
        const logged = await call(
          manageKey,
          'POST',
          '/api/v1/cases',
          concern({ staffGroupCodes: ['nursing', 'admin', 'nursing'] }),
        );
        expect(logged.statusCode).toBe(201);
        const { recordId } = logged.json();
        const read = await call(viewKey, 'GET', `/api/v1/cases/${recordId}`);
        expect(read.json()).toMatchObject({
          kind: 'concern',
          staffGroupCodes: ['nursing', 'admin'],
          version: 1,
        });
        const [event] = await searchAuditTrail(heard.database.db, heard.orgId, {
          text: 'case.logged',
          entityId: recordId,
          limit: 10,
          offset: 0,
        });
        expect(event?.after).toMatchObject({ record: { staffGroupCodes: ['nursing', 'admin'] } });
      });

      it('records them later, refusing a change made from an older version, with each change audited', async () => {
        const { recordId, reference } = (await call(manageKey, 'POST', '/api/v1/cases', concern())).json();
        const url = `/api/v1/cases/${recordId}/staff-groups`;
        const before = (await call(viewKey, 'GET', `/api/v1/cases/${recordId}`)).json();
        expect(before).toMatchObject({ staffGroupCodes: [], version: 1 });

        const recorded = await call(manageKey, 'PUT', url, { staffGroupCodes: ['medical'], version: 1 });
        expect(recorded.statusCode).toBe(200);
        expect(recorded.json()).toEqual({ recordId, reference, staffGroupCodes: ['medical'], version: 2 });
        const stale = await call(manageKey, 'PUT', url, { staffGroupCodes: ['none'], version: 1 });
        expect(stale.statusCode).toBe(409);
        expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
        const unchecked = await call(manageKey, 'PUT', url, { staffGroupCodes: ['medical', 'hca'] });
        expect(unchecked.json()).toMatchObject({ staffGroupCodes: ['medical', 'hca'], version: 3 });

        const read = (await call(viewKey, 'GET', `/api/v1/cases/${recordId}`)).json();
        expect(read).toMatchObject({ staffGroupCodes: ['medical', 'hca'], version: 3 });
        const events = await searchAuditTrail(heard.database.db, heard.orgId, {
          text: 'concern.staff-groups-recorded',
          entityId: recordId,
          limit: 10,
          offset: 0,
        });
        expect(events).toHaveLength(2);
        expect(events.map((event) => event.actorKind)).toEqual(['api_key', 'api_key']);
        expect(events.map((event) => event.after)).toEqual(
          expect.arrayContaining([{ staffGroupCodes: ['medical'] }, { staffGroupCodes: ['medical', 'hca'] }]),
        );
      });

      it('refuses staff groups on a complaint, which gives them with each issue, in plain English', async () => {
        const logging = await call(
          manageKey,
          'POST',
          '/api/v1/cases',
          complaint({ staffGroupCodes: ['nursing'] }),
        );
        expect(logging.statusCode).toBe(422);
        expect(logging.json().errors).toEqual({
          staffGroupCodes:
            'Only a concern records its staff groups on the case: give a complaint’s staff groups with each of its issues',
        });
        const record = await logComplaint();
        const recording = await call(manageKey, 'PUT', `/api/v1/cases/${record.recordId}/staff-groups`, {
          staffGroupCodes: ['nursing'],
        });
        expect(recording.statusCode).toBe(409);
        expect(recording.json().detail).toBe(`${record.reference} is not a concern`);
      });

      it('refuses a staff group not on the list, and an empty list, naming the field', async () => {
        const logging = await call(
          manageKey,
          'POST',
          '/api/v1/cases',
          concern({ staffGroupCodes: ['nursing', 'porters'] }),
        );
        expect(logging.statusCode).toBe(422);
        expect(logging.json().errors).toEqual({ staffGroupCodes: 'Select staff groups from the list' });
        const { recordId } = (await call(manageKey, 'POST', '/api/v1/cases', concern())).json();
        const url = `/api/v1/cases/${recordId}/staff-groups`;
        const unknown = await call(manageKey, 'PUT', url, { staffGroupCodes: ['porters'] });
        expect(unknown.statusCode).toBe(422);
        expect(unknown.json().errors).toEqual({ staffGroupCodes: 'Select staff groups from the list' });
        const empty = await call(manageKey, 'PUT', url, { staffGroupCodes: [] });
        expect(empty.statusCode).toBe(422);
        expect(empty.json().errors).toEqual({
          staffGroupCodes: 'Enter the staff groups involved, or ["none"] for no staff identified',
        });
        expect((await call(viewKey, 'GET', `/api/v1/cases/${recordId}`)).json().version).toBe(1);
      });

      it('refuses a key without cases:manage, and changes nothing', async () => {
        const { recordId } = (await call(manageKey, 'POST', '/api/v1/cases', concern())).json();
        const refused = await call(viewKey, 'PUT', `/api/v1/cases/${recordId}/staff-groups`, {
          staffGroupCodes: ['nursing'],
        });
        expect(refused.statusCode).toBe(403);
        expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
        const logging = await call(
          viewKey,
          'POST',
          '/api/v1/cases',
          concern({ staffGroupCodes: ['nursing'] }),
        );
        expect(logging.statusCode).toBe(403);
        expect((await call(viewKey, 'GET', `/api/v1/cases/${recordId}`)).json()).toMatchObject({
          staffGroupCodes: [],
          version: 1,
        });
      });
    });

    describe('an API key with cases:view only', () => {
      it('reads cases but is refused every write with 403', async () => {
        const record = await logComplaint();
        expect((await call(viewKey, 'GET', `/api/v1/cases/${record.recordId}`)).statusCode).toBe(200);
        const writes = [
          call(viewKey, 'POST', '/api/v1/cases', complaint()),
          call(viewKey, 'POST', `/api/v1/cases/${record.recordId}/acknowledgement`, {}),
          call(viewKey, 'POST', `/api/v1/cases/${record.recordId}/issues`, {}),
        ];
        for (const response of await Promise.all(writes)) {
          expect(response.statusCode).toBe(403);
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
      });
    });

    describe('bad input', () => {
      it('is refused as problem+json naming each field that is wrong', async () => {
        const response = await call(manageKey, 'POST', '/api/v1/cases', {
          kind: 'grumble',
          unitId: 'ward one',
          receivedDate: '2017-02-30',
          summary: '',
        });
        expect(response.statusCode).toBe(422);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({
          type: 'about:blank',
          title: 'There is a problem',
          status: 422,
          instance: '/api/v1/cases',
          errors: {
            kind: expect.stringContaining('Enter the kind of feedback'),
            channel: expect.stringContaining('Enter how it reached us'),
            unitId: expect.stringContaining('Enter the id of the service'),
            receivedDate: 'Enter the date it was received as a real date, like 2017-07-03',
            summary: 'Enter a short summary',
          },
        });
      });

      it('asks for a JSON object when the body is missing, and answers 400 when it is not JSON', async () => {
        const record = await logComplaint();
        const missing = await call(manageKey, 'POST', `/api/v1/cases/${record.recordId}/acknowledgement`);
        expect(missing.statusCode).toBe(422);
        expect(missing.json().errors).toEqual({ body: 'Send the request body as a JSON object' });
        const broken = await heard.app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          headers: { authorization: `Bearer ${manageKey}`, 'content-type': 'application/json' },
          payload: '{"kind": "complaint",',
        });
        expect(broken.statusCode).toBe(400);
        expect(broken.headers['content-type']).toMatch(/^application\/problem\+json/);
      });

      it('names the field the rules refuse, such as a subject not on the KO41a list', async () => {
        const record = await logComplaint();
        const response = await call(manageKey, 'POST', `/api/v1/cases/${record.recordId}/issues`, {
          subjectCode: 'grumbling',
          staffGroupCodes: ['nursing'],
          unitId: unit.W1,
          description: 'Something',
        });
        expect(response.statusCode).toBe(422);
        expect(response.json().errors).toEqual({ subjectCode: 'Select a subject from the list' });
      });

      it.each([
        ['a page size over 200', 'pageSize=201', 'pageSize'],
        ['a cursor Heard did not give', 'cursor=not-a-cursor', 'cursor'],
        ['a received date that is not a date', 'receivedFrom=yesterday', 'receivedFrom'],
        ['dates the wrong way round', 'receivedFrom=2017-09-30&receivedTo=2017-07-01', 'receivedTo'],
        ['a unit not in the organisation', `unitId=${crypto.randomUUID()}`, 'unitId'],
      ])('refuses a list with %s', async (_case, query, field) => {
        const response = await call(viewKey, 'GET', `/api/v1/cases?${query}`);
        expect(response.statusCode).toBe(422);
        expect(Object.keys(response.json().errors)).toEqual([field]);
      });

      it('refuses a case id that is not an id, and answers 404 for one that is not a case', async () => {
        expect((await call(viewKey, 'GET', '/api/v1/cases/C-2017-00001')).statusCode).toBe(422);
        const missing = await call(viewKey, 'GET', `/api/v1/cases/${crypto.randomUUID()}`);
        expect(missing.statusCode).toBe(404);
        expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      });

      it('answers 404 for an issue of another case', async () => {
        const one = await logComplaint();
        const other = await logComplaint();
        const issue = await cases.addIssue(heard.orgId, actor, other.recordId, {
          subjectCode: 'communications',
          staffGroupCodes: ['nursing'],
          unitId: unit.W1 as string,
          description: 'On the other case',
        });
        const response = await call(
          manageKey,
          'PUT',
          `/api/v1/cases/${one.recordId}/issues/${issue.issueId}/outcome`,
          { outcome: 'upheld' },
        );
        expect(response.statusCode).toBe(404);
      });
    });

    describe('another organisation’s key', () => {
      it('cannot see, list or change the case: 404, as for a case that does not exist', async () => {
        const record = await logComplaint({ summary: 'Only for Test NHS Trust' });
        const base = `/api/v1/cases/${record.recordId}`;
        expect((await call(otherOrganisationKey, 'GET', base)).statusCode).toBe(404);
        expect((await call(otherOrganisationKey, 'POST', `${base}/acknowledgement`, {})).statusCode).toBe(
          404,
        );
        const listed = (await call(otherOrganisationKey, 'GET', '/api/v1/cases')).json();
        expect(listed.cases).toEqual([]);
      });
    });

    describe('reading', () => {
      it('records each read of a case in the audit trail, not marked confidential for a key', async () => {
        const record = await logComplaint();
        await call(viewKey, 'GET', `/api/v1/cases/${record.recordId}`);
        const events = await searchAuditTrail(heard.database.db, heard.orgId, {
          text: 'case.viewed',
          entityId: record.recordId,
          limit: 10,
          offset: 0,
        });
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          action: 'case.viewed',
          entityType: 'case',
          actorKind: 'api_key',
          actorName: 'API key: BI tool',
          confidentialRead: false,
        });
      });

      it('lists cases a page at a time, newest first, filtered by kind, status, unit and date received', async () => {
        const quarter = ['2017-07-03', '2017-07-20', '2017-08-14', '2017-09-01', '2017-09-29'];
        const logged = [];
        for (const [index, receivedDate] of quarter.entries()) {
          logged.push(
            await logComplaint({
              receivedDate,
              unitId: index % 2 === 0 ? unit.W1 : unit.W2,
              summary: `Quarter case ${index}`,
            }),
          );
        }
        await cases.logRecord(heard.orgId, actor, {
          kind: 'compliment',
          channel: 'email',
          unitId: unit.W1 as string,
          receivedDate: '2017-08-01',
          summary: 'Quarter compliment',
        });
        const inQuarter = 'receivedFrom=2017-07-01&receivedTo=2017-09-30';
        const references: string[] = [];
        let url = `/api/v1/cases?kind=complaint&${inQuarter}&pageSize=2`;
        for (let pages = 0; pages < 5; pages += 1) {
          const page = (await call(viewKey, 'GET', url)).json();
          references.push(...page.cases.map((row: { reference: string }) => row.reference));
          if (!page.nextCursor) break;
          url = `/api/v1/cases?kind=complaint&${inQuarter}&pageSize=2&cursor=${page.nextCursor}`;
        }
        expect(references).toEqual(logged.map((record) => record.reference).reverse());

        const inMedicine = (
          await call(viewKey, 'GET', `/api/v1/cases?unitId=${unit.MED}&${inQuarter}`)
        ).json();
        expect(inMedicine.cases.map((row: { summary: string }) => row.summary)).toEqual([
          'Quarter case 4',
          'Quarter case 2',
          'Quarter compliment',
          'Quarter case 0',
        ]);
        expect(inMedicine.nextCursor).toBeNull();
        const compliments = (await call(viewKey, 'GET', `/api/v1/cases?kind=compliment&${inQuarter}`)).json();
        expect(compliments.cases).toMatchObject([{ summary: 'Quarter compliment', deadlines: null }]);
        const closed = (await call(viewKey, 'GET', `/api/v1/cases?status=closed&${inQuarter}`)).json();
        expect(closed.cases).toEqual([]);
      });
    });

    describe('a signed-in member of staff', () => {
      it('as a complaints officer sees the personal data, and the read is marked confidential', async () => {
        const officer = await heard.signInAs('complaints_officer');
        const record = await logComplaint();
        const read = await callAs(officer, 'GET', `/api/v1/cases/${record.recordId}`);
        expect(read.statusCode).toBe(200);
        expect(read.json()).toMatchObject({
          narrative: 'My father was sent home without his tablets',
          personName: 'Ann Example',
          personalDataWithheld: [],
        });
        const [event] = await searchAuditTrail(heard.database.db, heard.orgId, {
          text: 'case.viewed',
          entityId: record.recordId,
          limit: 10,
          offset: 0,
        });
        expect(event).toMatchObject({ actorKind: 'user', confidentialRead: true });
      });

      it('as a service manager sees only their units’ cases, without personal data, and changes none', async () => {
        const manager = await heard.signInAs('service_manager', { unitId: unit.MED });
        const theirs = await logComplaint({ unitId: unit.W1, summary: 'In Medicine' });
        const notTheirs = await logComplaint({ unitId: unit.W2, summary: 'In Surgery' });
        const read = await callAs(manager, 'GET', `/api/v1/cases/${theirs.recordId}`);
        expect(read.statusCode).toBe(200);
        expect(read.json()).not.toHaveProperty('narrative');
        expect((await callAs(manager, 'GET', `/api/v1/cases/${notTheirs.recordId}`)).statusCode).toBe(404);
        const listed = (await callAs(manager, 'GET', '/api/v1/cases?pageSize=200')).json();
        const summaries = listed.cases.map((row: { summary: string }) => row.summary);
        expect(summaries).toContain('In Medicine');
        expect(summaries).not.toContain('In Surgery');
        const surgery = await callAs(manager, 'GET', `/api/v1/cases?unitId=${unit.SURG}`);
        expect(surgery.json().cases).toEqual([]);
        const write = await callAs(manager, 'POST', `/api/v1/cases/${theirs.recordId}/acknowledgement`, {});
        expect(write.statusCode).toBe(403);
      });

      it('as an investigator records issues on a case assigned to them, but not its acknowledgement', async () => {
        const investigator = await heard.signInAs('investigator', {
          unitId: unit.MED,
          email: 'api.investigator@test.nhs.uk',
        });
        const users = await listUsers(heard.database.db, heard.orgId);
        const investigatorId = users.find((user) => user.email === 'api.investigator@test.nhs.uk')?.userId;
        const assigned = await logComplaint();
        const unassigned = await logComplaint();
        await cases.assignInvestigator(heard.orgId, actor, assigned.recordId, investigatorId ?? null);
        const issue = {
          subjectCode: 'communications',
          staffGroupCodes: ['nursing'],
          unitId: unit.W1,
          description: 'Found by the investigation',
        };
        const added = await callAs(investigator, 'POST', `/api/v1/cases/${assigned.recordId}/issues`, issue);
        expect(added.statusCode).toBe(201);
        const elsewhere = await callAs(
          investigator,
          'POST',
          `/api/v1/cases/${unassigned.recordId}/issues`,
          issue,
        );
        expect(elsewhere.statusCode).toBe(403);
        const acknowledging = await callAs(
          investigator,
          'POST',
          `/api/v1/cases/${assigned.recordId}/acknowledgement`,
          {},
        );
        expect(acknowledging.statusCode).toBe(403);
        expect(acknowledging.json().detail).toContain('Only the complaints team');
      });
    });

    describe('the OpenAPI description', () => {
      it('lists every case operation with its permission, and every reference in it resolves', async () => {
        const response = await heard.app.inject({ url: '/api/v1/openapi.json' });
        const document = response.json();
        const described = Object.entries(document.paths as Record<string, Record<string, unknown>>)
          .filter(([path]) => path.startsWith('/api/v1/cases'))
          .flatMap(([path, operations]) =>
            Object.keys(operations).map(
              (method) =>
                `${method.toUpperCase()} ${path.slice('/api/v1'.length).replace(/\{(\w+)\}/g, ':$1')}`,
            ),
          );
        expect(described.sort()).toEqual([...caseOperations].sort());
        expect(document.paths['/api/v1/cases'].get).toMatchObject({
          operationId: 'listCases',
          tags: ['Cases'],
          'x-permission': 'cases:view',
        });
        expect(document.paths['/api/v1/cases/{recordId}/closure'].post['x-permission']).toBe('cases:manage');
        const text = JSON.stringify(document);
        const references = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1] ?? '');
        for (const reference of references) {
          const [, section, name] = /^#\/components\/(schemas|responses)\/(.+)$/.exec(reference) ?? [];
          expect({
            reference,
            found: Boolean(section && name && document.components[section][name]),
          }).toEqual({
            reference,
            found: true,
          });
        }
      });

      it('describes the list’s query, and gives examples of bodies and answers', async () => {
        const document = (await heard.app.inject({ url: '/api/v1/openapi.json' })).json();
        const list = document.paths['/api/v1/cases'].get;
        expect(list.parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
          'kind',
          'status',
          'unitId',
          'receivedFrom',
          'receivedTo',
          'pageSize',
          'cursor',
        ]);
        expect(list.parameters.find((p: { name: string }) => p.name === 'pageSize').schema).toMatchObject({
          maximum: 200,
          default: 50,
        });
        const log = document.paths['/api/v1/cases'].post;
        expect(log.requestBody.content['application/json'].schema.examples[0]).toMatchObject({
          kind: 'complaint',
        });
        expect(log.responses['201'].content['application/json'].schema.examples).toHaveLength(1);
        const read = document.paths['/api/v1/cases/{recordId}'].get.responses['200'];
        expect(read.content['application/json'].schema.properties.narrative.description).toContain(
          'never to an API key',
        );
      });

      it('gives examples that the operations’ own schemas accept', () => {
        const examined = apiOperations().filter((operation) => operation.tag === 'Cases');
        expect(examined).toHaveLength(caseOperations.length);
        for (const operation of examined) {
          for (const schema of [operation.body, operation.response].filter(Boolean) as z.ZodType[]) {
            const examples = (z.globalRegistry.get(schema)?.examples ?? []) as unknown[];
            expect({ operation: operation.operationId, examples: examples.length > 0 }).toEqual({
              operation: operation.operationId,
              examples: true,
            });
            for (const example of examples) {
              const parsed = schema.safeParse(example);
              expect({ operation: operation.operationId, problems: parsed.error?.issues ?? [] }).toEqual({
                operation: operation.operationId,
                problems: [],
              });
            }
          }
        }
      });
    });
  });
});
