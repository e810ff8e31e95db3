import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { visibleText } from '#test/support/html.ts';
import { multipartBody } from '#test/support/multipart.ts';
import { createUnit, listUnits } from './service.ts';

const actor = systemActor('Route tests');

const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1]?.trim();

describe.each(engines)('unit pages and API on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let admin: Browser;
    const unitCalled = async (code: string) => {
      const unit = (await listUnits(heard.database.db, heard.orgId)).find(
        (candidate) => candidate.code === code,
      );
      if (!unit) throw new Error(`no unit ${code}`);
      return unit;
    };
    const upload = (browser: Browser, csv: string, filename = 'units.csv') => {
      const { payload, contentType } = multipartBody(
        { _csrf: browser.csrfToken },
        { field: 'file', filename, contentType: 'text/csv', content: csv },
      );
      return browser.request('POST', '/admin/units/import', payload, { 'content-type': contentType });
    };

    beforeAll(async () => {
      heard = await startTestApp(engine);
      admin = await heard.signInAs('administrator');
      const add = (code: string, name: string, kind: 'division' | 'ward', parentCode?: string) =>
        createUnit(heard.database.db, heard.orgId, actor, {
          code,
          name,
          kind,
          parentCode,
          activeFrom: '2020-04-01',
        });
      await add('MED', 'Medicine', 'division');
      await add('SURG', 'Surgery', 'division');
      await add('W1', 'Ward 1', 'ward', 'MED');
    });
    afterAll(async () => heard?.close());

    it('sends someone who is not signed in to sign in', async () => {
      const response = await heard.app.inject({ url: '/admin/units' });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/sign-in');
    });

    it('shows the tree of units with each one’s kind, code and dates', async () => {
      const page = await admin.get('/admin/units');
      expect(page.statusCode).toBe(200);
      const text = visibleText(page.body);
      expect(text).toContain('Medicine Division · MED · From 1 April 2020');
      expect(text).toContain('Ward 1 Ward · W1 · From 1 April 2020');
      expect(page.body).toMatch(/class="heard-tree"[\s\S]*Medicine[\s\S]*class="heard-tree"[\s\S]*Ward 1/);
      expect(text).toContain('Show retired units');
      expect(text).toContain('Add a unit');
    });

    it('adds a unit from the form, then shows it with a success banner', async () => {
      const form = await admin.get('/admin/units/new');
      expect(form.statusCode).toBe(200);
      expect(visibleText(form.body)).toContain('Medicine (MED)');
      const response = await admin.post('/admin/units/new', {
        name: 'Ward 2',
        code: 'W2',
        kind: 'ward',
        parentCode: 'MED',
        'activeFrom[day]': '1',
        'activeFrom[month]': '6',
        'activeFrom[year]': '2021',
      });
      expect(response.statusCode).toBe(303);
      const ward = await unitCalled('W2');
      expect(response.headers.location).toBe(`/admin/units/${ward.unitId}`);
      expect(ward).toMatchObject({ name: 'Ward 2', kind: 'ward', activeFrom: '2021-06-01' });
      const page = await admin.get(`/admin/units/${ward.unitId}`);
      const text = visibleText(page.body);
      expect(text).toContain('Success Ward 2 has been added');
      expect(text).toContain('Part of Medicine (MED)');
      expect(text).toContain('Opens 1 June 2021');
      expect(visibleText((await admin.get(`/admin/units/${ward.unitId}`)).body)).not.toContain(
        'has been added',
      );
    });

    it('shows what is wrong with the form, keeping the answers', async () => {
      const response = await admin.post('/admin/units/new', {
        name: '',
        code: 'WARD 3',
        kind: '',
        parentCode: 'SURG',
        'activeFrom[day]': '31',
        'activeFrom[month]': '2',
        'activeFrom[year]': '2024',
      });
      expect(response.statusCode).toBe(422);
      expect(titleOf(response.body)).toBe('Error: Add a unit – Heard');
      const text = visibleText(response.body);
      expect(text).toContain('There is a problem');
      for (const message of [
        'Enter a unit name',
        'Unit code must only include letters, numbers and hyphens',
        'Select the kind of unit',
        'Date the unit opens must be a real date',
      ]) {
        expect(text.split(message).length - 1).toBe(2);
      }
      expect(response.body).toContain('href="#name"');
      expect(response.body).toContain('value="WARD 3"');
      expect(response.body).toMatch(/<option value="SURG" selected>/);
    });

    it('shows a code already in use as a problem with the code', async () => {
      const response = await admin.post('/admin/units/new', {
        name: 'Medicine again',
        code: 'med',
        kind: 'division',
        'activeFrom[day]': '1',
        'activeFrom[month]': '4',
        'activeFrom[year]': '2022',
      });
      expect(response.statusCode).toBe(422);
      expect(visibleText(response.body)).toContain('There is already a unit with the code MED');
      expect(response.body).toContain('href="#code"');
    });

    it('changes a unit’s details', async () => {
      const ward = await unitCalled('W1');
      const form = await admin.get(`/admin/units/${ward.unitId}/edit`);
      expect(form.body).toContain('value="Ward 1"');
      const response = await admin.post(`/admin/units/${ward.unitId}/edit`, {
        name: 'Ward 1 (Respiratory)',
        code: 'W1',
        kind: 'ward',
        'activeFrom[day]': '1',
        'activeFrom[month]': '4',
        'activeFrom[year]': '2020',
      });
      expect(response.statusCode).toBe(303);
      expect((await unitCalled('W1')).name).toBe('Ward 1 (Respiratory)');
      const page = await admin.get(response.headers.location as string);
      expect(visibleText(page.body)).toContain('Your changes to Ward 1 (Respiratory) have been saved');
    });

    it('moves a unit under another unit chosen from a list', async () => {
      const ward = await unitCalled('W2');
      const surgery = await unitCalled('SURG');
      const form = await admin.get(`/admin/units/${ward.unitId}/move`);
      expect(form.body).toContain(`<option value="${surgery.unitId}">Surgery (SURG)</option>`);
      const response = await admin.post(`/admin/units/${ward.unitId}/move`, { parentUnitId: surgery.unitId });
      expect(response.statusCode).toBe(303);
      expect((await unitCalled('W2')).parentUnitId).toBe(surgery.unitId);
      const page = await admin.get(response.headers.location as string);
      expect(visibleText(page.body)).toContain('Ward 2 is now part of Surgery');
    });

    it('refuses to move a unit under a unit below it', async () => {
      const surgery = await unitCalled('SURG');
      const ward = await unitCalled('W2');
      const form = await admin.get(`/admin/units/${surgery.unitId}/move`);
      expect(form.body).not.toContain(`value="${ward.unitId}"`);
      const response = await admin.post(`/admin/units/${surgery.unitId}/move`, { parentUnitId: ward.unitId });
      expect(response.statusCode).toBe(422);
      expect(visibleText(response.body)).toContain(
        'Ward 2 (W2) is below this unit, so this unit cannot be moved under it',
      );
      expect((await unitCalled('SURG')).parentUnitId).toBeNull();
    });

    it('refuses to retire a unit with an active unit below it, then retires it once that has closed', async () => {
      const surgery = await unitCalled('SURG');
      const ward = await unitCalled('W2');
      const lastDay = { 'activeTo[day]': '31', 'activeTo[month]': '3', 'activeTo[year]': '2024' };
      const form = await admin.get(`/admin/units/${surgery.unitId}/retire`);
      expect(visibleText(form.body)).toContain('Surgery has 1 open unit below it');
      const refused = await admin.post(`/admin/units/${surgery.unitId}/retire`, lastDay);
      expect(refused.statusCode).toBe(422);
      expect(visibleText(refused.body)).toContain(
        'Surgery still has 1 active unit below it. Retire or move it first',
      );

      expect((await admin.post(`/admin/units/${ward.unitId}/retire`, lastDay)).statusCode).toBe(303);
      const response = await admin.post(`/admin/units/${surgery.unitId}/retire`, lastDay);
      expect(response.statusCode).toBe(303);
      const page = await admin.get(response.headers.location as string);
      expect(visibleText(page.body)).toContain('Surgery is retired: its last day open is 31 March 2024');
      expect(visibleText(page.body)).toContain('Status Retired');
    });

    it('hides retired units until asked to show them', async () => {
      expect(visibleText((await admin.get('/admin/units')).body)).not.toContain('Surgery');
      const text = visibleText((await admin.get('/admin/units?retired=yes')).body);
      expect(text).toContain('Surgery Retired Division · SURG · 1 April 2020 to 31 March 2024');
      expect(text).toContain('Hide retired units');
    });

    it('asks for a date when retiring without one', async () => {
      const medicine = await unitCalled('MED');
      const response = await admin.post(`/admin/units/${medicine.unitId}/retire`, {});
      expect(response.statusCode).toBe(422);
      expect(visibleText(response.body)).toContain('Enter the date the unit closes');
    });

    it('says a unit that does not exist is not found', async () => {
      expect((await admin.get(`/admin/units/${crypto.randomUUID()}`)).statusCode).toBe(404);
      expect((await admin.get('/admin/units/nonsense/edit')).statusCode).toBe(404);
    });

    describe('importing units from a CSV file', () => {
      const file = [
        'code,name,kind,parent_code,active_from,active_to',
        'CARD,Cardiology,service,MED,2022-04-01,',
        'W7,Ward 7,ward,CARD,2022-04-01,',
      ].join('\n');

      it('reports every problem row by row and imports nothing', async () => {
        await admin.get('/admin/units/import');
        const response = await upload(admin, `${file}\nW8,Ward 8,ward,WARD9,,\nW 9,,ward,,,`);
        expect(response.statusCode).toBe(422);
        expect(titleOf(response.body)).toBe('Error: Check the units to import – Heard');
        const text = visibleText(response.body);
        expect(text).toContain('Row 4: parent_code WARD9 is not in the file or the organisation');
        expect(text).toContain('Row 5: name is blank');
        expect(text).toContain('2 rows have problems, so nothing was imported.');
        expect(text).toMatch(/2 CARD New/);
        expect(response.body).not.toContain('/admin/units/import/apply');
        expect((await listUnits(heard.database.db, heard.orgId)).map((unit) => unit.code)).not.toContain(
          'CARD',
        );
      });

      it('asks for a file when none is chosen, and for a CSV when it is something else', async () => {
        await admin.get('/admin/units/import');
        const none = await upload(admin, '', '');
        expect(none.statusCode).toBe(422);
        expect(visibleText(none.body)).toContain('Select a CSV file');
        const other = multipartBody(
          { _csrf: admin.csrfToken },
          {
            field: 'file',
            filename: 'units.xlsx',
            contentType: 'application/vnd.ms-excel.sheet',
            content: 'PK',
          },
        );
        const response = await admin.request('POST', '/admin/units/import', other.payload, {
          'content-type': other.contentType,
        });
        expect(visibleText(response.body)).toContain('The selected file must be a CSV');
      });

      it('shows a dry run, then applies it when confirmed', async () => {
        await admin.get('/admin/units/import');
        const checked = await upload(admin, file);
        expect(checked.statusCode).toBe(200);
        expect(visibleText(checked.body)).toContain('Checked: 2 to create, 0 to update, 0 unchanged.');
        expect((await listUnits(heard.database.db, heard.orgId)).map((unit) => unit.code)).not.toContain(
          'CARD',
        );
        const response = await admin.post('/admin/units/import/apply', { csvText: file });
        expect(response.statusCode).toBe(303);
        expect(response.headers.location).toBe('/admin/units');
        expect((await unitCalled('W7')).parentUnitId).toBe((await unitCalled('CARD')).unitId);
        const page = await admin.get('/admin/units');
        expect(visibleText(page.body)).toContain('Imported: 2 created, 0 updated, 0 unchanged.');
      });

      it('takes back a checked file larger than an ordinary form allows', async () => {
        await admin.get('/admin/units/import');
        const large = `code,name,kind\nBIG,${'N'.repeat(1_500_000)},ward`;
        const response = await admin.post('/admin/units/import/apply', { csvText: large });
        expect(response.statusCode).toBe(422);
        expect(visibleText(response.body)).toContain('Row 2: Unit name must be 200 characters or fewer');
      });

      it('finds nothing to import in the same file a second time', async () => {
        await admin.get('/admin/units/import');
        const checked = await upload(admin, file);
        expect(visibleText(checked.body)).toContain('There is nothing to import');
        expect(checked.body).not.toContain('/admin/units/import/apply');
      });
    });

    describe('a service manager', () => {
      let manager: Browser;
      beforeAll(async () => {
        manager = await heard.signInAs('service_manager', { unitId: (await unitCalled('MED')).unitId });
      });

      it('sees the units but not the buttons to change them', async () => {
        const page = await manager.get('/admin/units');
        expect(page.statusCode).toBe(200);
        expect(visibleText(page.body)).not.toContain('Add a unit');
        const ward = await unitCalled('W1');
        const unitPage = await manager.get(`/admin/units/${ward.unitId}`);
        expect(unitPage.statusCode).toBe(200);
        expect(visibleText(unitPage.body)).not.toContain('Change');
      });

      it('cannot reach the pages that change units', async () => {
        const ward = await unitCalled('W1');
        for (const url of [
          '/admin/units/new',
          '/admin/units/import',
          `/admin/units/${ward.unitId}/edit`,
          `/admin/units/${ward.unitId}/move`,
          `/admin/units/${ward.unitId}/retire`,
        ]) {
          expect((await manager.get(url)).statusCode, url).toBe(403);
        }
        const posted = await manager.post('/admin/units/new', {
          name: 'Sneaky',
          code: 'SNEAK',
          kind: 'ward',
        });
        expect(posted.statusCode).toBe(403);
        expect(await listUnits(heard.database.db, heard.orgId)).not.toContainEqual(
          expect.objectContaining({ code: 'SNEAK' }),
        );
      });

      it('cannot create units through the API either', async () => {
        const response = await manager.request(
          'POST',
          '/api/v1/units',
          JSON.stringify({ code: 'SNEAK', name: 'Sneaky', kind: 'ward' }),
          { 'content-type': 'application/json' },
        );
        expect(response.statusCode).toBe(403);
        expect(response.headers['content-type']).toContain('application/problem+json');
      });
    });

    describe('the JSON API', () => {
      const postJson = (body: unknown) =>
        admin.request('POST', '/api/v1/units', JSON.stringify(body), { 'content-type': 'application/json' });

      it('lists open units with only their public fields, and retired ones when asked', async () => {
        const response = await admin.get('/api/v1/units');
        expect(response.statusCode).toBe(200);
        const { units } = response.json() as { units: Record<string, unknown>[] };
        const medicine = units.find((unit) => unit.code === 'MED');
        expect(Object.keys(medicine ?? {}).sort()).toEqual(
          ['activeFrom', 'activeTo', 'code', 'kind', 'name', 'parentUnitId', 'unitId'].sort(),
        );
        expect(units.map((unit) => unit.code)).not.toContain('SURG');
        const all = (await admin.get('/api/v1/units?includeRetired=true')).json() as {
          units: { code: string }[];
        };
        expect(all.units.map((unit) => unit.code)).toContain('SURG');
      });

      it('gets one unit, and answers an unknown one with a problem document', async () => {
        const ward = await unitCalled('W1');
        const response = await admin.get(`/api/v1/units/${ward.unitId}`);
        expect(response.json()).toEqual({
          unitId: ward.unitId,
          parentUnitId: ward.parentUnitId,
          code: 'W1',
          name: 'Ward 1 (Respiratory)',
          kind: 'ward',
          activeFrom: '2020-04-01',
          activeTo: null,
        });
        const missing = await admin.get(`/api/v1/units/${crypto.randomUUID()}`);
        expect(missing.statusCode).toBe(404);
        expect(missing.headers['content-type']).toContain('application/problem+json');
      });

      it('creates a unit with 201, and refuses a repeated code with 409 and bad details with 422', async () => {
        const created = await postJson({ code: 'W20', name: 'Ward 20', kind: 'ward', parentCode: 'MED' });
        expect(created.statusCode).toBe(201);
        expect(created.json()).toMatchObject({ code: 'W20', parentUnitId: (await unitCalled('MED')).unitId });
        expect(created.json()).not.toHaveProperty('orgId');

        const repeated = await postJson({ code: 'w20', name: 'Ward 20 again', kind: 'ward' });
        expect(repeated.statusCode).toBe(409);
        expect(repeated.headers['content-type']).toContain('application/problem+json');
        expect(repeated.json()).toMatchObject({ detail: 'There is already a unit with the code W20' });

        const invalid = await postJson({
          code: 'W 21',
          name: 'Ward 21',
          kind: 'ward',
          activeFrom: '2024-13-01',
        });
        expect(invalid.statusCode).toBe(422);
        expect(invalid.json()).toMatchObject({
          errors: {
            code: 'Unit code must only include letters, numbers and hyphens',
            activeFrom: 'Enter the date the unit opens as a real date, like 2024-04-01',
          },
        });
      });
    });
  });
});
