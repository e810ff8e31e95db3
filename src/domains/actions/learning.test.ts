import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quarterContaining } from '#src/domains/calendar/index.ts';
import { casesService } from '#src/domains/cases/index.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { todayInEngland } from './rules.ts';

// The seed report's section 3: learning points from complaints and other feedback are grouped into
// organisational learning themes for the quarter; each locality is asked for an action plan
// (Table 17), and its plan and the date assurance was received are recorded (Table 18).
describe.each(engines)('learning themes on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let officer: Browser;
    let manager: Browser;
    const localities: Record<string, string> = {};
    const quarter = quarterContaining(todayInEngland(new Date())).code;

    beforeAll(async () => {
      heard = await startTestApp(engine);
      const actor = systemActor();
      for (const [code, name] of [
        ['HER', 'Herefordshire'],
        ['CYPS', 'CYPS'],
        ['CW', 'Countywide'],
      ] as const) {
        localities[name] = (
          await createUnit(heard.database.db, heard.orgId, actor, {
            code,
            name,
            kind: 'locality',
            activeFrom: '2015-04-01',
          })
        ).unitId;
      }
      const wardId = (
        await createUnit(heard.database.db, heard.orgId, actor, {
          code: 'W1',
          name: 'Ward 1',
          kind: 'ward',
          parentCode: 'HER',
          activeFrom: '2015-04-01',
        })
      ).unitId;
      const cases = casesService({ db: heard.database.db, config: heard.config });
      const logged = await cases.logRecord(heard.orgId, actor, {
        kind: 'complaint',
        channel: 'letter',
        unitId: wardId,
        receivedDate: todayInEngland(new Date()),
        summary: 'Not told about the discharge',
        personName: 'Ann Example',
      });
      if (logged.outcome !== 'logged') throw new Error('not logged');
      await cases.addLearningPoint(heard.orgId, actor, logged.record.recordId, {
        text: 'Families were not involved in discharge planning',
      });
      officer = await heard.signInAs('complaints_officer');
      manager = await heard.signInAs('service_manager', { unitId: localities.Herefordshire });
    }, 60_000);
    afterAll(async () => heard?.close());

    it('records a learning point from a survey for one of the manager’s units', async () => {
      const form = await manager.get('/actions/learning/points/new');
      expect(await htmlProblemsIn(form.body)).toEqual([]);
      const refused = await manager.post('/actions/learning/points/new', {
        source: 'survey',
        sourceDescription: 'Community survey 2017',
        text: 'Carers want copies of discharge plans',
        unitId: localities.CYPS ?? '',
      });
      expect(visibleText(refused.body)).toContain('Select one of your units');
      const saved = await manager.post('/actions/learning/points/new', {
        source: 'survey',
        sourceDescription: 'Community survey 2017',
        text: 'Carers want copies of discharge plans',
        unitId: localities.Herefordshire ?? '',
      });
      expect(saved.statusCode).toBe(303);
    });

    it('groups the quarter’s points into a theme, seeks each locality’s plan and records assurance', async () => {
      const form = await officer.get(`/actions/learning/themes/new?quarter=${encodeURIComponent(quarter)}`);
      expect(await htmlProblemsIn(form.body)).toEqual([]);
      const points = [...form.body.matchAll(/name="points" type="checkbox" value="([^"]+)"/g)].map(
        (match) => match[1] ?? '',
      );
      expect(points).toHaveLength(2);
      const added = await officer.post('/actions/learning/themes/new', {
        quarter,
        text: 'When a person is discharged they are involved in the plan, shared with family and carers',
        points,
      });
      expect(added.statusCode).toBe(303);
      let page = visibleText((await officer.get(String(added.headers.location))).body);
      expect(page).toContain(
        'Action plans to be sought. Drawn from 2 learning points. Action plans awaited from: CYPS, Countywide, Herefordshire.',
      );

      const responsesUrl = /href="(\/actions\/learning\/themes\/[0-9a-f-]{36}\/responses)"/.exec(
        (await officer.get(String(added.headers.location))).body,
      )?.[1];
      for (const [name, date] of [
        ['Herefordshire', '1'],
        ['CYPS', '2'],
        ['Countywide', ''],
      ] as const) {
        await officer.get(String(responsesUrl));
        const recorded = await officer.post(String(responsesUrl), {
          unitId: localities[name] ?? '',
          actionPlan: `${name}: staff reminded at team meetings`,
          'assuranceReceivedDate[day]': date,
          'assuranceReceivedDate[month]': date ? '9' : '',
          'assuranceReceivedDate[year]': date ? '2017' : '',
        });
        expect(recorded.statusCode).toBe(303);
      }
      page = visibleText(
        (await officer.get(`/actions/learning?quarter=${encodeURIComponent(quarter)}`)).body,
      );
      expect(page).toContain('Action plans received, assurance awaited');
      expect(page).toContain('Herefordshire: staff reminded at team meetings');
      expect(page).toContain('1 September 2017');

      await officer.get(String(responsesUrl));
      await officer.post(String(responsesUrl), {
        unitId: localities.Countywide ?? '',
        actionPlan: 'Countywide: staff reminded at team meetings',
        'assuranceReceivedDate[day]': '20',
        'assuranceReceivedDate[month]': '9',
        'assuranceReceivedDate[year]': '2017',
      });
      const assured = await officer.get(`/actions/learning?quarter=${encodeURIComponent(quarter)}`);
      expect(visibleText(assured.body)).toContain('Assurance received. Drawn from 2 learning points.');
      expect(await htmlProblemsIn(assured.body)).toEqual([]);

      // Rewording the theme and dropping a point keeps its quarter and the localities' responses.
      const editUrl = String(responsesUrl).replace(/\/responses$/, '/edit');
      expect((await manager.get(editUrl)).statusCode).toBe(403);
      const editForm = await officer.get(editUrl);
      expect(editForm.statusCode).toBe(200);
      expect(await htmlProblemsIn(editForm.body)).toEqual([]);
      expect(editForm.body.match(/type="checkbox" value="[^"]+" checked/g)).toHaveLength(2);
      const empty = await officer.post(editUrl, { text: ' ', points });
      expect(empty.statusCode).toBe(422);
      expect(visibleText(empty.body)).toContain('Enter the organisational learning');
      const edited = await officer.post(editUrl, {
        text: 'Discharge plans are made with the person and shared with their family and carers',
        points: points[0] ?? '',
      });
      expect(edited.statusCode).toBe(303);
      const after = visibleText((await officer.get(String(edited.headers.location))).body);
      expect(after).toContain('Discharge plans are made with the person and shared');
      expect(after).toContain('Assurance received. Drawn from 1 learning point.');
      expect(after).toContain('Herefordshire: staff reminded at team meetings');
    });
  });
});
