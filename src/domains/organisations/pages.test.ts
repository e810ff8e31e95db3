import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn } from '#test/support/html.ts';
import { multipartBody } from '#test/support/multipart.ts';
import { createUnit, retireUnit } from './service.ts';

describe.each(engines)('unit pages are valid HTML on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let admin: Browser;
    let wardId: string;
    let medicineId: string;
    beforeAll(async () => {
      heard = await startTestApp(engine);
      admin = await heard.signInAs('administrator');
      const actor = systemActor('Page tests');
      const add = { activeFrom: '2020-04-01' };
      ({ unitId: medicineId } = await createUnit(heard.database.db, heard.orgId, actor, {
        code: 'MED',
        name: 'Medicine',
        kind: 'division',
        ...add,
      }));
      const ward = await createUnit(heard.database.db, heard.orgId, actor, {
        code: 'W1',
        name: 'Ward 1',
        kind: 'ward',
        parentCode: 'MED',
        ...add,
      });
      wardId = ward.unitId;
      const old = await createUnit(heard.database.db, heard.orgId, actor, {
        code: 'OLD',
        name: 'Old',
        kind: 'site',
        ...add,
      });
      await retireUnit(heard.database.db, heard.orgId, actor, old.unitId, '2021-03-31');
    });
    afterAll(async () => heard?.close());

    it.each([
      '/admin/units',
      '/admin/units?retired=yes',
      '/admin/units/new',
      '/admin/units/import',
      '/admin/units/:ward',
      '/admin/units/:ward/edit',
      '/admin/units/:ward/move',
      '/admin/units/:ward/retire',
    ])('%s', async (path) => {
      const page = await admin.get(path.replace(':ward', wardId));
      expect(page.statusCode).toBe(200);
      expect(await htmlProblemsIn(page.body)).toEqual([]);
    });

    it('links a unit to its dashboard for those who may see it: a service manager for their own units only', async () => {
      const dashboard = `/reports/dashboard/units/${wardId}`;
      expect((await admin.get(`/admin/units/${wardId}`)).body).toContain(dashboard);
      const manager = await heard.signInAs('service_manager', { unitId: wardId });
      expect((await manager.get(`/admin/units/${wardId}`)).body).toContain(dashboard);
      expect((await manager.get(`/admin/units/${medicineId}`)).body).not.toContain(
        '/reports/dashboard/units/',
      );
      const investigator = await heard.signInAs('investigator', { unitId: wardId });
      expect((await investigator.get(`/admin/units/${wardId}`)).body).not.toContain(dashboard);
    });

    it('a form with errors', async () => {
      await admin.get('/admin/units/new');
      const page = await admin.post('/admin/units/new', { 'activeFrom[year]': '2024' });
      expect(page.statusCode).toBe(422);
      expect(await htmlProblemsIn(page.body)).toEqual([]);
    });

    it.each([
      ['with a problem', 'code,name,kind,parent_code\nW2,Ward 2,ward,NOPE\nW3,Ward 3,ward,MED'],
      ['ready to apply', 'code,name,kind,parent_code\nW2,Ward 2,ward,MED'],
    ])('an import report %s', async (_case, csv) => {
      await admin.get('/admin/units/import');
      const { payload, contentType } = multipartBody(
        { _csrf: admin.csrfToken },
        { field: 'file', filename: 'units.csv', contentType: 'text/csv', content: csv },
      );
      const page = await admin.request('POST', '/admin/units/import', payload, {
        'content-type': contentType,
      });
      expect(await htmlProblemsIn(page.body)).toEqual([]);
    });
  });
});
