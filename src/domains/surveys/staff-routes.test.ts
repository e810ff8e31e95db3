import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { installSurveyTemplates, recordResponsesInBulk } from './service.ts';

describe.each(engines)('the staff survey pages on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    const units: Record<string, string> = {};

    beforeAll(async () => {
      heard = await startTestApp(engine);
      const actor = systemActor();
      for (const [code, name, kind, parentCode] of [
        ['NTH', 'Northshire', 'locality', undefined],
        ['ROSE', 'Rose Ward', 'ward', 'NTH'],
        ['IRIS', 'Iris Ward', 'ward', 'NTH'],
        ['CRISIS', 'Crisis Team', 'team', 'NTH'],
      ] as const) {
        units[code] = (
          await createUnit(heard.database.db, heard.orgId, actor, {
            code,
            name,
            kind,
            parentCode,
            activeFrom: '2015-01-01',
          })
        ).unitId;
      }
      await installSurveyTemplates(heard.database.db, heard.orgId, actor);
      // September 2021: Rose 12 (9 very good, 1 poor, 2 don't know), Iris 2 (good), Crisis 7 (neither).
      const spec: [string, string, number][] = [
        ['ROSE', 'very-good', 9],
        ['ROSE', 'poor', 1],
        ['ROSE', 'dont-know', 2],
        ['IRIS', 'good', 2],
        ['CRISIS', 'neither', 7],
      ];
      let n = 0;
      const responses = spec.flatMap(([unit, answer, count]) =>
        Array.from({ length: count }, () => {
          n += 1;
          return {
            unitId: units[unit] ?? '',
            variant: 'standard' as const,
            language: 'en',
            mode: 'paper-home' as const,
            responseDate: '2021-09-10',
            submissionId: `staff-page-test-${n}`,
            answers: { fft: answer },
          };
        }),
      );
      const result = await recordResponsesInBulk(heard.database.db, heard.orgId, actor, 'fft', responses);
      expect(result).toMatchObject({ stored: 21, alreadyStored: 0, refused: [] });
      expect(
        await recordResponsesInBulk(heard.database.db, heard.orgId, actor, 'fft', responses),
      ).toMatchObject({ stored: 0, alreadyStored: 21 });
    }, 60_000);
    afterAll(async () => heard?.close());

    it('shows FFT results for a month by unit with counts by mode, marking units not for publication', async () => {
      const staff = await heard.signInAs('executive');
      const response = await staff.get('/surveys/results/fft?period=2021-09');
      expect(response.statusCode).toBe(200);
      const text = visibleText(response.body);
      // The whole organisation: 21 responses, 11 positive = 52%, 1 negative = 5%.
      expect(text).toContain(
        'The whole organisation Responses % positive % negative Response rate Publication Friends and Family Test Responses 21 % positive 52% % negative 5%',
      );
      expect(text).toContain(
        'Iris Ward Responses 2 % positive 100% % negative 0% Response rate – Publication Not for publication: 1 to 4 responses',
      );
      expect(text).toContain(
        'Crisis Team Responses 7 % positive 0% % negative 0% Response rate – Publication Not for publication: would reveal a unit with 1 to 4 responses',
      );
      expect(text).toContain('Paper – at home');
      expect(await htmlProblemsIn(response.body)).toEqual([]);
    });

    it('downloads the month’s NHS England submission with small units suppressed', async () => {
      const staff = await heard.signInAs('service_manager');
      const response = await staff.get('/surveys/results/fft/submission.csv?month=2021-09');
      expect(response.headers['content-type']).toContain('text/csv');
      const lines = response.body.split('\r\n');
      expect(lines.find((line) => line.startsWith('RT1,ROSE,'))).toBe(
        'RT1,ROSE,Rose Ward,FFT 2020,12,,9,0,0,1,0,2,75,8,0,0,0,0,12,0,0,0',
      );
      expect(lines.find((line) => line.startsWith('RT1,IRIS,'))).toMatch(
        /^RT1,IRIS,Iris Ward,FFT 2020,\*,,\*/,
      );
      expect(lines.find((line) => line.startsWith('RT1,CRISIS,'))).toMatch(
        /^RT1,CRISIS,Crisis Team,FFT 2020,\*,,\*/,
      );
    });

    it('shows a service manager the results of their units only, in the page and the submission file', async () => {
      const manager = await heard.signInAs('service_manager', { unitId: units.ROSE });
      const page = await manager.get('/surveys/results/fft?period=2021-09');
      expect(page.statusCode).toBe(200);
      const text = visibleText(page.body);
      expect(text).toContain(
        'These figures count only the responses about the units you look after: Rose Ward',
      );
      // Rose Ward alone: 12 responses, 9 positive = 75%, 1 negative = 8%; nothing of Iris or Crisis.
      expect(text).toContain(
        'Your units Responses % positive % negative Response rate Publication Friends and Family Test Responses 12 % positive 75% % negative 8%',
      );
      expect(text).not.toContain('Iris Ward');
      expect(text).not.toContain('Crisis Team');
      expect(text).not.toContain('Responses 21');
      expect(await htmlProblemsIn(page.body)).toEqual([]);
      const csv = await manager.get('/surveys/results/fft/submission.csv?month=2021-09');
      const lines = csv.body.split('\r\n').filter((line) => line.startsWith('RT1,'));
      expect(lines.map((line) => line.split(',').slice(1, 5).join(','))).toEqual([
        'ROSE,Rose Ward,FFT 2020,12',
        ',Test NHS Trust: Rose Ward total,FFT 2020,12',
      ]);

      const quality = await manager.get('/surveys/results/how-did-we-do?period=2021-09');
      expect(visibleText(quality.body)).toContain(
        'These figures count only the responses about the units you look after',
      );

      const localityManager = await heard.signInAs('service_manager', { unitId: units.NTH });
      const locality = visibleText((await localityManager.get('/surveys/results/fft?period=2021-09')).body);
      expect(locality).toContain(
        'Your units Responses % positive % negative Response rate Publication Friends and Family Test Responses 21',
      );
      expect(locality).toContain('Iris Ward');
    });

    it('publishes a new version when an officer changes a target, and refuses a target that is not a percentage', async () => {
      const officer = await heard.signInAs('complaints_officer');
      const page = await officer.get('/surveys/admin/how-did-we-do');
      expect(page.statusCode).toBe(200);
      expect(await htmlProblemsIn(page.body)).toEqual([]);
      const refused = await officer.post('/surveys/admin/how-did-we-do', { 'target-0': '120' });
      expect(refused.statusCode).toBe(422);
      expect(visibleText(refused.body)).toContain(
        'Enter the target for question 1 as a whole number from 0 to 100',
      );
      const saved = await officer.post('/surveys/admin/how-did-we-do', {
        'text-0': 'Were you involved as much as you wanted in agreeing your care?',
        'target-0': '93',
        'target-1': '74',
        'target-2': '69',
        'target-3': '76',
      });
      expect(saved.statusCode).toBe(303);
      const after = visibleText((await officer.get('/surveys/admin/how-did-we-do')).body);
      expect(after).toContain('Version 2 of How did we do? quality questions is published');
      expect(after).toContain('Change the questions of version 2');
    });

    it('records eligible people and shows the response rate against the target', async () => {
      const officer = await heard.signInAs('complaints_officer');
      await officer.get('/surveys/admin/fft');
      const saved = await officer.post('/surveys/admin/fft/eligible', {
        unitCode: 'rose',
        month: '2021-09',
        eligible: '300',
      });
      expect(saved.statusCode).toBe(303);
      const results = visibleText((await officer.get('/surveys/results/fft?period=2021-09')).body);
      expect(results).toContain('Rose Ward Responses 12 % positive 75% % negative 8% Response rate 4%');
    });

    it('lists the surveys and shows quality questions against their targets, asking again for a period it cannot read', async () => {
      const executive = await heard.signInAs('executive');
      const list = await executive.get('/surveys');
      expect(visibleText(list.body)).toContain('How did we do? quality questions');
      expect(visibleText(list.body)).not.toContain('Links and QR codes');
      expect(await htmlProblemsIn(list.body)).toEqual([]);
      const quality = await executive.get('/surveys/results/how-did-we-do?period=2021/22-Q2');
      expect(quality.statusCode).toBe(200);
      expect(visibleText(quality.body)).toContain(
        'Have you been given information about who to contact outside of office hours if you have a crisis? All responses Responses % positive Target Target met? Total Responses 0 (0 positive) % positive – Target 74%',
      );
      expect(await htmlProblemsIn(quality.body)).toEqual([]);
      const wrong = await executive.get('/surveys/results/fft?period=sometime');
      expect(wrong.statusCode).toBe(422);
      expect(visibleText(wrong.body)).toContain('There is a problem');
      expect(wrong.body).toContain('<title>Error: ');
    });

    it('gives each unit a link, a kiosk and a QR code as SVG to those who run the surveys only', async () => {
      const officer = await heard.signInAs('complaints_officer');
      const links = await officer.get('/surveys/links/fft');
      expect(visibleText(links.body)).toContain('/surveys/RT1/fft/ROSE');
      const qr = await officer.get('/surveys/links/fft/ROSE/qr.svg');
      expect(qr.headers['content-type']).toContain('image/svg+xml');
      expect(qr.body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const executive = await heard.signInAs('executive');
      expect((await executive.get('/surveys/links/fft')).statusCode).toBe(403);
    });
  });
});
