import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { docxParagraphs } from '#test/support/docx.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { findingsFromBoxes } from './visits.ts';

describe('findings from the form’s boxes', () => {
  it('takes one finding a line, without bullets or blank lines', () => {
    expect(
      findingsFromBoxes({
        'safe-improvement': '• Fridge temperatures not logged\n\n- Trolley unchecked',
        'caring-good-practice': 'Kind staff',
      }),
    ).toEqual([
      { keyQuestion: 'safe', kind: 'improvement', text: 'Fridge temperatures not logged' },
      { keyQuestion: 'safe', kind: 'improvement', text: 'Trolley unchecked' },
      { keyQuestion: 'caring', kind: 'good-practice', text: 'Kind staff' },
    ]);
  });
});

// A 15 Steps Challenge (the CQC case studies): the team's findings by key question, the letter to
// the ward, and its areas for improvement turned into actions in one step.
describe.each(engines)('quality visits on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let officer: Browser;
    let wardId = '';

    beforeAll(async () => {
      heard = await startTestApp(engine);
      wardId = (
        await createUnit(heard.database.db, heard.orgId, systemActor(), {
          code: 'W1',
          name: 'Ward 1',
          kind: 'ward',
          activeFrom: '2020-04-01',
        })
      ).unitId;
      officer = await heard.signInAs('complaints_officer');
    }, 60_000);
    afterAll(async () => heard?.close());

    it('records a visit, writes its letter and turns its findings into actions', async () => {
      const form = await officer.get('/actions/visits/new');
      expect(await htmlProblemsIn(form.body)).toEqual([]);
      const recorded = await officer.post('/actions/visits/new', {
        unitId: wardId,
        'visitDate[day]': '12',
        'visitDate[month]': '3',
        'visitDate[year]': '2024',
        visitType: '15-steps',
        team: 'Patient representative, non-executive director, staff nurse',
        'safe-improvement': 'Fridge temperatures were not logged every day',
        'caring-good-practice': 'Staff knew every patient by name and spoke kindly',
        'responsive-improvement': 'The ward feels clinical: add artwork from people who use the service',
      });
      expect(recorded.statusCode).toBe(303);
      const visitUrl = String(recorded.headers.location);
      const page = await officer.get(visitUrl);
      expect(visibleText(page.body)).toContain('15 Steps Challenge: Ward 1');
      expect(await htmlProblemsIn(page.body)).toEqual([]);

      const letter = await officer.get(`${visitUrl}/letter.docx`);
      const words = (await docxParagraphs(letter.rawPayload)).join('\n');
      expect(words).toContain('Quality visit to Ward 1');
      expect(words).toContain('Caring\nGood practice\nStaff knew every patient by name and spoke kindly');

      const planned = await officer.post(`${visitUrl}/plan`);
      expect(planned.statusCode).toBe(303);
      const plan = visibleText((await officer.get(String(planned.headers.location))).body);
      expect(plan).toContain('15 Steps Challenge: Ward 1, 12 March 2024');
      expect(plan).toContain('1. Fridge temperatures were not logged every day');
      expect(plan).toContain('2. The ward feels clinical');
      expect(plan).toContain('0% of 2 actions completed');

      await officer.get(visitUrl);
      const again = await officer.post(`${visitUrl}/plan`);
      expect(again.statusCode).toBe(422);
    });

    it('changes a visit’s details and findings, refusing personal details, and only for the plans team', async () => {
      await officer.get('/actions/visits/new');
      const recorded = await officer.post('/actions/visits/new', {
        unitId: wardId,
        'visitDate[day]': '2',
        'visitDate[month]': '4',
        'visitDate[year]': '2024',
        visitType: 'announced',
        team: 'Matron',
        'safe-good-practice': 'Checks done on time',
      });
      const visitUrl = String(recorded.headers.location);
      const manager = await heard.signInAs('service_manager', { unitId: wardId });
      expect((await manager.get(`${visitUrl}/edit`)).statusCode).toBe(403);

      const form = await officer.get(`${visitUrl}/edit`);
      expect(form.statusCode).toBe(200);
      expect(await htmlProblemsIn(form.body)).toEqual([]);
      expect(form.body).toContain('Checks done on time');
      expect(form.body).toMatch(/name="visitDate\[month\]"[^>]*value="4"/);
      const changes = {
        unitId: wardId,
        'visitDate[day]': '3',
        'visitDate[month]': '4',
        'visitDate[year]': '2024',
        visitType: 'unannounced',
        team: 'Matron, patient representative',
        'safe-good-practice': 'Checks done on time\nResus trolley checked daily',
      };
      const named = await officer.post(`${visitUrl}/edit`, {
        ...changes,
        'safe-improvement': 'Call Annie on 07700 900461 about the rota',
      });
      expect(named.statusCode).toBe(422);
      expect(visibleText(named.body)).toContain('Findings must not include personal details');
      const saved = await officer.post(`${visitUrl}/edit`, changes);
      expect(saved.statusCode).toBe(303);
      const page = visibleText((await officer.get(visitUrl)).body);
      expect(page).toContain('Unannounced visit: Ward 1');
      expect(page).toContain('3 April 2024');
      expect(page).toContain('Resus trolley checked daily');
      expect(page).toContain('The visit has been changed');
    });
  });
});
