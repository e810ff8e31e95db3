import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { importResponses } from './import.ts';
import { installSurveyTemplates } from './service.ts';
import { responseFileRows } from './sources.ts';

const actor = systemActor('XLSX import test');

describe('importing survey responses from an Excel workbook', () => {
  let database: TestDatabase;
  let orgId: string;
  let folder: string;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    ({ orgId } = await createOrganisation(database.db, actor, { name: 'Workbook Trust', odsCode: 'RWB' }));
    await createUnit(database.db, orgId, actor, {
      code: 'W1',
      name: 'Ward 1',
      kind: 'ward',
      activeFrom: '2015-01-01',
    });
    await installSurveyTemplates(database.db, orgId, actor);
    folder = await mkdtemp(join(tmpdir(), 'heard-xlsx-'));
  }, 60_000);
  afterAll(async () => {
    await database?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('reads the first sheet, date cells included, and stores each row once', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Returns');
    sheet.addRow(['submission_id', 'unit_code', 'response_date', 'mode', 'fft', 'better']);
    sheet.addRow([
      'X-1',
      'W1',
      new Date(Date.UTC(2021, 8, 14)),
      'Paper – at home',
      'poor',
      'Call back sooner',
    ]);
    sheet.addRow(['X-2', 'W1', '2021-09-15', 'telephone', 'very-good', '']);
    const path = join(folder, 'returns.xlsx');
    await workbook.xlsx.writeFile(path);
    const run = () =>
      importResponses(database.db, orgId, actor, responseFileRows(path), {
        surveyCode: 'fft',
        dryRun: false,
        today: '2026-01-01',
      });
    expect(await run()).toMatchObject({ rows: 2, imported: 2, refused: 0 });
    expect(await run()).toMatchObject({ rows: 2, imported: 0, alreadyImported: 2 });
  });
});
