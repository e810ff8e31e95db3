import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { errorSummaryLinks, hiddenValue as hidden } from '#test/support/forms.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { multipartBody, type UploadedFile } from '#test/support/multipart.ts';
import { feedbackRecords } from '../schema.ts';

type Upload = UploadedFile;

const csvFile = (content: string): Upload => ({
  field: 'file',
  filename: 'cases.csv',
  contentType: 'text/csv',
  content,
});

const cases = [
  'reference,kind,channel,unit_code,received_date,summary,person_name',
  'WEB-1,concern,phone,W1,2017-07-03,Car parking,Ann Example',
  'WEB-2,compliment,letter,W1,04/07/2017,Kind staff,',
  'WEB-3,complaint,email,W1,2017-07-05,,',
].join('\n');

describe.each(engines)('the import cases page on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let officer: Browser;
    const upload = async (browser: Browser, files: Upload[]) => {
      await browser.get('/cases/import');
      const { payload, contentType } = multipartBody({ _csrf: browser.csrfToken }, files);
      return browser.request('POST', '/cases/import', payload, { 'content-type': contentType });
    };
    const confirm = (browser: Browser, checked: string) =>
      browser.post('/cases/import/confirm', {
        fileName: hidden(checked, 'fileName'),
        fileContent: hidden(checked, 'fileContent'),
        mappingText: hidden(checked, 'mappingText'),
      });
    const recordCount = () =>
      withOrg(heard.database.db, heard.orgId, async (tx) => {
        const [row] = await tx
          .select({ n: count() })
          .from(feedbackRecords)
          .where(eq(feedbackRecords.orgId, heard.orgId));
        return row?.n ?? 0;
      });

    beforeAll(async () => {
      heard = await startTestApp(engine);
      await createUnit(heard.database.db, heard.orgId, systemActor('Page tests'), {
        code: 'W1',
        name: 'Ward 1',
        kind: 'ward',
        activeFrom: '2009-04-01',
      });
      officer = await heard.signInAs('complaints_officer');
    });
    afterAll(async () => heard?.close());

    it('shows the columns Heard reads and the upload form', async () => {
      const page = await officer.get('/cases/import');
      expect(page.statusCode).toBe(200);
      const text = visibleText(page.body);
      expect(text).toContain('Import cases from another system');
      expect(text).toContain('received_date');
      expect(text).toContain('issue_1_staff_groups … issue_5_staff_groups');
      expect(await htmlProblemsIn(page.body)).toEqual([]);
    });

    it('shows the dry run’s report row by row first, then imports the good rows when confirmed', async () => {
      const checked = await upload(officer, [csvFile(cases)]);
      expect(checked.statusCode).toBe(200);
      const text = visibleText(checked.body);
      expect(text).toContain(
        'Checked 3 rows: 2 to add, 0 skipped as already imported, 1 refused. Nothing has been imported yet.',
      );
      expect(text).toContain('1 row has problems and will not be imported');
      expect(text).toMatch(/4 WEB-3 column “summary” is blank: enter a short summary/);
      expect(text).toContain('Import 2 cases');
      expect(await htmlProblemsIn(checked.body)).toEqual([]);
      expect(await recordCount()).toBe(0);

      const imported = await confirm(officer, checked.body);
      expect(imported.statusCode).toBe(200);
      const result = visibleText(imported.body);
      expect(result).toContain('Cases imported');
      expect(result).toContain('Imported 3 rows: 2 added, 0 skipped as already imported, 1 refused.');
      expect(result).toMatch(/2 WEB-1 Added P-2017-00001/);
      expect(result).not.toContain('Import 2 cases');
      expect(await htmlProblemsIn(imported.body)).toEqual([]);
      expect(await recordCount()).toBe(2);
    });

    it('says there is nothing to import when the file was imported before', async () => {
      const checked = await upload(officer, [csvFile(cases)]);
      const text = visibleText(checked.body);
      expect(text).toContain('Checked 3 rows: 0 to add, 2 skipped as already imported, 1 refused.');
      expect(text).toContain('There is nothing to import');
      expect(checked.body).not.toContain('/cases/import/confirm');
    });

    it('reads an Excel file through a column mapping uploaded with it', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Export');
      sheet.addRow(['Ref', 'Type', 'How', 'Ward', 'Received', 'What']);
      sheet.addRow(['XL-WEB-1', 'PALS', 'Telephone', 'W1', new Date(Date.UTC(2018, 2, 5)), 'Noise at night']);
      sheet.getColumn(5).numFmt = 'dd/mm/yyyy';
      const mapping = {
        columns: {
          reference: 'Ref',
          kind: 'Type',
          channel: 'How',
          unit_code: 'Ward',
          received_date: 'Received',
          summary: 'What',
        },
        values: { kind: { PALS: 'concern' }, channel: { Telephone: 'phone' } },
      };
      const checked = await upload(officer, [
        {
          field: 'file',
          filename: 'export.xlsx',
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          content: Buffer.from(await workbook.xlsx.writeBuffer()),
        },
        {
          field: 'mapping',
          filename: 'mapping.json',
          contentType: 'application/json',
          content: JSON.stringify(mapping),
        },
      ]);
      expect(visibleText(checked.body)).toContain('Checked 1 row: 1 to add');
      const imported = await confirm(officer, checked.body);
      expect(visibleText(imported.body)).toMatch(/2 XL-WEB-1 Added P-2018-00001/);
    });

    it('asks for a file, and says when the mapping cannot be used', async () => {
      const none = await upload(officer, []);
      expect(none.statusCode).toBe(422);
      expect(errorSummaryLinks(none.body)).toEqual([{ href: '#file', text: 'Select a CSV or Excel file' }]);
      expect(await htmlProblemsIn(none.body)).toEqual([]);

      const badMapping = await upload(officer, [
        csvFile(cases),
        {
          field: 'mapping',
          filename: 'mapping.json',
          contentType: 'application/json',
          content: '{"columns": 3}',
        },
      ]);
      expect(badMapping.statusCode).toBe(422);
      expect(errorSummaryLinks(badMapping.body)).toEqual([
        {
          href: '#mapping',
          text: expect.stringMatching(/^The column mapping cannot be used: in the mapping file, columns/),
        },
      ]);
    });

    it('is for the complaints and PALS team only, not investigators or administrators', async () => {
      const investigator = await heard.signInAs('investigator');
      expect((await investigator.get('/cases/import')).statusCode).toBe(403);
      expect((await investigator.post('/cases/import/confirm', { fileContent: 'YQ==' })).statusCode).toBe(
        403,
      );
      const administrator = await heard.signInAs('administrator');
      expect((await administrator.get('/cases/import')).statusCode).toBe(403);
    });
  });
});
