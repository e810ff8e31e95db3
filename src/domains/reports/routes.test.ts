import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casesService } from '#src/domains/cases/index.ts';
import { createApiKey } from '#src/domains/integrations/index.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { installSurveyTemplates, recordResponse } from '#src/domains/surveys/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { docxParagraphs } from '#test/support/docx.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';

// The reports pages: the quarterly report (page, downloads, CSV per table, assurance levels) and
// the KO41a return, each refused to those without reports:view, on a small trust built here.

describe.each(engines)('the reports pages on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let executive: Browser;
    let officer: Browser;
    let northshire: string;
    let oakWard: string;

    beforeAll(async () => {
      heard = await startTestApp(engine);
      const actor = systemActor('test');
      const unit = async (code: string, name: string, parentCode?: string) =>
        (
          await createUnit(heard.database.db, heard.orgId, actor, {
            code,
            name,
            kind: parentCode ? 'ward' : 'locality',
            parentCode,
            activeFrom: '2009-01-01',
          })
        ).unitId;
      northshire = await unit('NORTH', 'Northshire');
      const ward = await unit('NORTH-WARD', 'Oak ward', 'NORTH');
      oakWard = ward;
      // Five FFT answers at the ward in November 2022, outside the quarters the report tests read:
      // 3 positive, 1 negative, 1 don't know (60% and 20%).
      await installSurveyTemplates(heard.database.db, heard.orgId, actor);
      for (const [index, fft] of ['very-good', 'good', 'good', 'poor', 'dont-know'].entries()) {
        await recordResponse(heard.database.db, heard.orgId, actor, {
          surveyCode: 'fft',
          unitId: ward,
          variant: 'standard',
          language: 'en',
          mode: 'online',
          responseDate: '2022-11-20',
          submissionId: `unit-dashboard-${index}`,
          answers: { fft, ...(index === 3 ? { better: 'I waited six hours to be seen' } : {}) },
        });
      }
      const cases = casesService({
        db: heard.database.db,
        config: heard.config,
        clock: () => new Date('2024-03-31T12:00:00Z'),
      });
      for (const [receivedDate, count] of [
        ['2023-05-10', 3],
        ['2023-08-14', 6],
      ] as const) {
        for (let i = 0; i < count; i += 1) {
          await cases.logRecord(heard.orgId, actor, {
            kind: 'complaint',
            channel: 'letter',
            unitId: ward,
            receivedDate,
            eventDate: receivedDate,
            summary: 'Discharge planning',
          });
        }
      }
      executive = await heard.signInAs('executive');
      officer = await heard.signInAs('complaints_officer');
    });
    afterAll(async () => heard?.close());

    it('shows the quarter’s report with its tables, charts and their data, as valid HTML', async () => {
      const response = await executive.get('/reports/quarterly?quarter=2023/24-Q2');
      expect(response.statusCode).toBe(200);
      const text = visibleText(response.body);
      expect(text).toContain('Service experience report, 2023/24 Q2');
      expect(text).toContain('Table 1: Number of complaints received this quarter');
      expect(text).toContain(
        'An increase in the number of complaints has been reported in Northshire in Q2 (Q1 n=3).',
      );
      expect(response.body).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
      expect(text).toContain('Data for the chart: Complaints received per quarter');
      expect(response.body).not.toContain('Set an assurance level');
      expect(await htmlProblemsIn(response.body)).toEqual([]);
    });

    it('suppresses small numbers in the version for publication', async () => {
      const response = await executive.get('/reports/quarterly?quarter=2023/24-Q2&publish=yes');
      const text = visibleText(response.body);
      expect(text).toContain('Version for publication');
      expect(text).not.toContain('Q1 n=3');
      expect(response.body).not.toContain('id="complaints-by-locality-title"');
    });

    it('downloads the report as JSON, Word and Excel, and a table as CSV', async () => {
      const base = '/reports/quarterly/download?quarter=2023/24-Q2&format=';
      const json = await executive.get(`${base}json`);
      expect(JSON.parse(json.body).complaints.received).toMatchObject({
        total: 6,
        previous: 3,
        byLocality: { Northshire: 6 },
      });

      const docx = await executive.get(`${base}docx`);
      expect(docx.headers['content-disposition']).toBe(
        'attachment; filename="service-experience-report-RT1-2023-24-Q2.docx"',
      );
      const paragraphs = await docxParagraphs(docx.rawPayload);
      // Each chart goes in as its SVG with the PNG drawn from it, for Word versions without SVG.
      const media = Object.keys((await JSZip.loadAsync(docx.rawPayload)).files).filter((name) =>
        name.startsWith('word/media/'),
      );
      expect(media.filter((name) => name.endsWith('.svg'))).toHaveLength(4);
      expect(media.filter((name) => name.endsWith('.png'))).toHaveLength(4);
      expect(paragraphs).toContain('Table 1: Number of complaints received this quarter');
      expect(paragraphs).toContain('Northshire');

      const xlsx = await executive.get(`${base}xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('table-1-complaints-by-locality');
      expect(sheet?.getRow(3).values).toEqual(expect.arrayContaining(['Northshire', 6]));

      const html = await executive.get(`${base}html`);
      expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(visibleText(html.body)).toContain('Table 1: Number of complaints received this quarter');
      expect(html.body).not.toContain('<script');
      expect(html.body).not.toContain('Download this table as CSV');
      expect(await htmlProblemsIn(html.body)).toEqual([]);

      const csv = await executive.get('/reports/quarterly/csv?quarter=2023/24-Q2&table=table-4-outcomes');
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.body.split('\r\n')[0]).toBe('Outcome,Number,Percent');
      expect(
        (await executive.get('/reports/quarterly/csv?quarter=2023/24-Q2&table=nothing')).statusCode,
      ).toBe(404);
    });

    it('shows the trust dashboard with a chart and data table per measure, as valid HTML', async () => {
      const response = await executive.get('/reports/dashboard?quarter=2023/24-Q2');
      expect(response.statusCode).toBe(200);
      const text = visibleText(response.body);
      expect(text).toContain('Trust dashboard, 2023/24 Q2');
      expect(text).toContain('Data for the chart: Complaints closed within the agreed timescale (%)');
      expect(response.body.match(/aria-labelledby="dashboard-/g)).toHaveLength(5);
      expect(await htmlProblemsIn(response.body)).toEqual([]);

      const locality = await executive.get('/reports/dashboard?quarter=2023/24-Q2&locality=Northshire');
      expect(visibleText(locality.body)).toContain('Northshire dashboard, 2023/24 Q2');
      expect(visibleText(locality.body)).toContain(
        'Complaints received in Northshire 2023/24 Q2 6 Previous quarter 3',
      );
      expect(locality.body.match(/aria-labelledby="dashboard-/g)).toHaveLength(3);
      expect(await htmlProblemsIn(locality.body)).toEqual([]);
      expect((await executive.get('/reports/dashboard?quarter=2023/24-Q2&locality=Nowhere')).statusCode).toBe(
        404,
      );
    });

    it('shows a unit’s dashboard: its FFT by month, themes, compliments, cases as counts and actions, as valid HTML', async () => {
      const response = await executive.get(`/reports/dashboard/units/${oakWard}?quarter=2023/24-Q2`);
      expect(response.statusCode).toBe(200);
      const text = visibleText(response.body);
      expect(text).toContain('Oak ward: unit dashboard, 2023/24 Q2');
      // The FFT over the twelve months to the quarter's end; the themes of the quarter's comments.
      expect(text).toContain('Nov 2022 5 60% 20%');
      expect(text).toContain('No comments were coded in 2023/24 Q2');
      const earlier = visibleText(
        (await executive.get(`/reports/dashboard/units/${oakWard}?quarter=2022/23-Q3`)).body,
      );
      expect(earlier).toContain('Timeliness of care');
      expect(earlier).toContain('Data for the chart: Themes of comments, 2022/23 Q3');
      expect(text).toContain('Complaints received in 2023/24 Q2 6');
      // Logged in 2023 and never answered: open, and past their response dates now.
      expect(text).toContain('Complaints open now 9');
      expect(text).toContain('Complaints overdue for a response 9');
      expect(text).toContain('Actions open 0');
      // Counts only: no summary of any case.
      expect(text).not.toContain('Discharge planning');
      // A chart and its data table each for the FFT, compliments and cases (no themes this quarter).
      expect(response.body.match(/Data for the chart:/g)).toHaveLength(3);
      expect(await htmlProblemsIn(response.body)).toEqual([]);

      // The locality's dashboard leads to it, and to the locality's own unit dashboard.
      const locality = await executive.get('/reports/dashboard?quarter=2023/24-Q2&locality=Northshire');
      expect(locality.body).toContain(`/reports/dashboard/units/${oakWard}?quarter=2023%2F24-Q2`);
      expect(locality.body).toContain(`/reports/dashboard/units/${northshire}?quarter=2023%2F24-Q2`);
      const whole = await executive.get(`/reports/dashboard/units/${northshire}?quarter=2023/24-Q2`);
      expect(visibleText(whole.body)).toContain('Complaints received in 2023/24 Q2 6');

      expect((await executive.get(`/reports/dashboard/units/${crypto.randomUUID()}`)).statusCode).toBe(404);
      expect((await executive.get('/reports/dashboard/units/not-a-unit')).statusCode).toBe(404);
    });

    it('shows a service manager the dashboards of their own units only', async () => {
      const manager = await heard.signInAs('service_manager', { unitId: oakWard });
      expect((await manager.get(`/reports/dashboard/units/${oakWard}?quarter=2023/24-Q2`)).statusCode).toBe(
        200,
      );
      expect(
        (await manager.get(`/reports/dashboard/units/${northshire}?quarter=2023/24-Q2`)).statusCode,
      ).toBe(403);
      const investigator = await heard.signInAs('investigator', { unitId: oakWard });
      expect((await investigator.get(`/reports/dashboard/units/${oakWard}`)).statusCode).toBe(403);
    });

    it('shows the reports index and the form to add a measure as valid HTML', async () => {
      const index = await executive.get('/reports');
      expect(index.statusCode).toBe(200);
      expect(visibleText(index.body)).toContain('KO41a return');
      expect(await htmlProblemsIn(index.body)).toEqual([]);
      const form = await officer.get('/reports/measures/new');
      expect(form.statusCode).toBe(200);
      expect(await htmlProblemsIn(form.body)).toEqual([]);
    });

    it('answers an API key holding reports:view with the report in its contract, and refuses one without', async () => {
      const key = async (permissions: ('reports:view' | 'units:view')[]) =>
        (
          await createApiKey(heard.database.db, heard.orgId, systemActor('test'), {
            name: permissions.join(' '),
            permissions,
          })
        ).key;
      const call = async (secret: string, quarter = '2023/24-Q2') =>
        heard.app.inject({
          url: `/api/v1/reports/quarterly?quarter=${encodeURIComponent(quarter)}`,
          headers: { authorization: `Bearer ${secret}` },
        });
      const reader = await key(['reports:view']);
      const answer = await call(reader);
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toMatchObject({
        contract: { version: 1 },
        complaints: { received: { total: 6, previous: 3 } },
        fft: null,
      });
      expect((await call(reader, '2023/24')).statusCode).toBe(422);
      expect((await call(await key(['units:view']))).statusCode).toBe(403);
      const openApi = await heard.app.inject({ url: '/api/v1/openapi.json' });
      expect(JSON.stringify(openApi.json())).toContain('getQuarterlyReport');
    });

    it('refuses a period that is not a quarter', async () => {
      expect((await executive.get('/reports/quarterly?quarter=2023/24')).statusCode).toBe(422);
    });

    it('lets a complaints officer set an assurance level with a reason, and asks for the reason first', async () => {
      const page = await officer.get('/reports/quarterly?quarter=2023/24-Q2');
      expect(visibleText(page.body)).toContain('Set an assurance level');
      const missing = await officer.post('/reports/quarterly/assurance', {
        quarter: '2023/24-Q2',
        measureKey: 'complaints-received',
        level: 'limited',
        reason: '',
      });
      expect(missing.statusCode).toBe(422);
      expect(visibleText(missing.body)).toContain('There is a problem');
      expect(visibleText(missing.body)).toContain(
        'Enter why the assurance level differs from the one proposed',
      );
      expect(await htmlProblemsIn(missing.body)).toEqual([]);

      const saved = await officer.post('/reports/quarterly/assurance', {
        quarter: '2023/24-Q2',
        measureKey: 'complaints-received',
        level: 'limited',
        reason: 'Six complaints about one ward',
      });
      expect(saved.statusCode).toBe(303);
      const json = JSON.parse(
        (await executive.get('/reports/quarterly/download?quarter=2023/24-Q2&format=json')).body,
      );
      const total = json.assessments.find((row: { key: string }) => row.key === 'complaints-received');
      expect(total.assurance).toMatchObject({
        level: 'limited',
        source: 'officer',
        override: { reason: 'Six complaints about one ward' },
      });
    });

    it('refuses the assurance form to an executive, who may only read reports', async () => {
      const response = await executive.post('/reports/quarterly/assurance', {
        quarter: '2023/24-Q2',
        measureKey: 'complaints-received',
        level: 'full',
        reason: 'x',
      });
      expect(response.statusCode).toBe(403);
    });

    it('shows the KO41a return for 2023/24 with its validations, and its CSV', async () => {
      const response = await executive.get('/reports/ko41a?period=2023/24');
      expect(response.statusCode).toBe(200);
      const text = visibleText(response.body);
      expect(text).toContain('KO41a return, 2023/24');
      expect(text).toContain('New 9');
      expect(text).not.toContain('Failed');
      expect(await htmlProblemsIn(response.body)).toEqual([]);
      const csv = await executive.get('/reports/ko41a/csv?period=2023/24');
      expect(csv.body).toContain('summary,new,New,9');
      expect(csv.body).toContain('age-of-patient,not-known,Not known,9');
    });

    it('keeps a measures register: a complaints officer adds a measure, enters its values and sees its status and chart', async () => {
      const refused = await officer.post('/reports/measures', {
        name: '',
        target: 'lots',
        deadline: '31/03/2020',
      });
      expect(refused.statusCode).toBe(422);
      const problems = visibleText(refused.body);
      for (const message of [
        'Enter the name of the measure',
        'Select where the measure’s values come from',
        'Enter the target as a number',
        'Enter the deadline as a real date',
        'Enter who owns the measure',
      ]) {
        expect(problems).toContain(message);
      }
      expect(await htmlProblemsIn(refused.body)).toEqual([]);

      const added = await officer.post('/reports/measures', {
        name: 'Collaborative care planning',
        source: 'entered',
        unit: 'percent',
        improvement: 'up',
        target: '80',
        deadline: '2024-03-31',
        owner: 'Head of Service Experience',
      });
      expect(added.statusCode).toBe(303);
      const measureUrl = String(added.headers.location);
      for (const [quarter, value] of [
        ['2023/24-Q1', '70'],
        ['2023/24-Q2', '78'],
      ] as const) {
        const saved = await officer.post(`${measureUrl}/values`, { quarter, value });
        expect(saved.statusCode).toBe(303);
      }
      const badValue = await officer.post(`${measureUrl}/values`, { quarter: '2023/24', value: 'x' });
      expect(badValue.statusCode).toBe(422);

      await officer.post('/reports/measures', {
        name: 'Complaints responded to within 25 working days',
        source: 'responded-within-25-working-days',
        unit: 'percent',
        improvement: 'up',
        target: '90',
        owner: 'Complaints team',
      });

      const register = await executive.get('/reports/measures?quarter=2023/24-Q2');
      const text = visibleText(register.body);
      expect(text).toContain(
        'Collaborative care planning Head of Service Experience At least 80% 31 March 2024 78% (2023/24 Q2) Amber',
      );
      expect(text).toContain(
        'Complaints responded to within 25 working days Complaints team At least 90% None None yet No figure',
      );
      expect(await htmlProblemsIn(register.body)).toEqual([]);

      const page = await executive.get(`${measureUrl}?quarter=2023/24-Q2`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('role="img"');
      expect(visibleText(page.body)).toContain('2023/24 Q1 70%');
      expect(page.body).not.toContain('Enter a quarter’s value');
      expect(await htmlProblemsIn(page.body)).toEqual([]);
      expect((await executive.post('/reports/measures', { name: 'x' })).statusCode).toBe(403);
    });

    it('refuses reports to an investigator, who holds no reports:view', async () => {
      const investigator = await heard.signInAs('investigator');
      expect((await investigator.get('/reports/quarterly?quarter=2023/24-Q2')).statusCode).toBe(403);
      expect((await investigator.get('/reports/ko41a')).statusCode).toBe(403);
    });
  });
});
