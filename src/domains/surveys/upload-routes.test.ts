import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { errorSummaryLinks, hiddenValue } from '#test/support/forms.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { multipartBody, type UploadedFile } from '#test/support/multipart.ts';
import { rowsOf } from '#test/support/rows.ts';
import { contactHash } from './invitations.ts';
import { installSurveyTemplates } from './service.ts';

const smsTemplate = '5e1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const emailTemplate = '6f2d3b4c-5e6f-4a71-9b8c-0d1e2f3a4b5c';
const hashSecret = 'an-invitation-hash-secret-for-the-page-tests';

const csv = (name: string, lines: string[], field = 'file'): UploadedFile => ({
  field,
  filename: name,
  contentType: 'text/csv',
  content: lines.join('\n'),
});

const responses = [
  'submission_id,unit_code,response_date,mode,fft,good,better',
  'PAPER-1,W1,30/09/2021,paper-discharge,very-good,Kind nurses,',
  'PAPER-2,W1,2021-09-29,paper-discharge,poor,,Shorter waits',
  'PAPER-3,NOWHERE,2021-09-29,paper-discharge,poor,,',
  'PAPER-4,W1,2021-09-29,paper-discharge,splendid,,',
];

describe.each(engines)('the survey pages that take a file on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let officer: Browser;

    const upload = async (
      browser: Browser,
      path: string,
      fields: Record<string, string>,
      files: UploadedFile[],
    ) => {
      await browser.get(path);
      const { payload, contentType } = multipartBody({ _csrf: browser.csrfToken, ...fields }, files);
      return browser.request('POST', path, payload, { 'content-type': contentType });
    };
    const confirm = (browser: Browser, checked: string, action: string) => {
      const fields: Record<string, string> = {};
      for (const name of ['survey', 'mode', 'fileName', 'fileContent', 'mappingText', 'saveMappingAs'])
        if (checked.includes(`name="${name}"`)) fields[name] = hiddenValue(checked, name);
      return browser.post(action, fields);
    };
    const count = async (table: string) =>
      (await rowsOf<{ n: number }>(heard.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]
        ?.n;

    beforeAll(async () => {
      heard = await startTestApp(engine, {
        NOTIFY_TEMPLATE_SURVEY_INVITATION_SMS: smsTemplate,
        NOTIFY_TEMPLATE_SURVEY_INVITATION_EMAIL: emailTemplate,
        INVITATION_HASH_SECRET: hashSecret,
        PUBLIC_URL: 'https://heard.example.nhs.uk',
      });
      const actor = systemActor();
      await createUnit(heard.database.db, heard.orgId, actor, {
        code: 'W1',
        name: 'Ward 1',
        kind: 'ward',
        activeFrom: '2015-01-01',
      });
      await installSurveyTemplates(heard.database.db, heard.orgId, actor);
      officer = await heard.signInAs('complaints_officer');
    }, 60_000);
    afterAll(async () => heard?.close());

    describe('importing responses', () => {
      it('shows the columns and the form, each survey to choose from', async () => {
        const page = await officer.get('/surveys/import?survey=fft');
        expect(page.statusCode).toBe(200);
        const text = visibleText(page.body);
        expect(text).toContain('Import survey responses');
        expect(text).toContain('submission_id');
        expect(page.body).toMatch(/<option value="fft" selected>/);
        expect(await htmlProblemsIn(page.body)).toEqual([]);
      });

      it('checks the file row by row, imports when confirmed, and adds nothing the second time', async () => {
        const checked = await upload(officer, '/surveys/import', { survey: 'fft', mode: '' }, [
          csv('paper.csv', [
            ...responses.slice(0, 1).map((line) => `${line},notes`),
            ...responses.slice(1).map((line) => `${line},`),
          ]),
        ]);
        expect(checked.statusCode).toBe(200);
        const text = visibleText(checked.body);
        expect(text).toContain(
          'Checked 4 rows for Friends and Family Test: 2 to import, 0 already imported, 2 refused. Nothing has been imported yet.',
        );
        expect(text).toContain('2 rows have problems and will not be imported');
        expect(text).toMatch(/4 PAPER-3 unit_code: NOWHERE is not the code of a unit/);
        expect(text).toMatch(/5 PAPER-4 fft: Select one of the answers shown/);
        expect(text).toContain('Columns not read: “notes”');
        expect(text).toContain('Import 2 responses');
        expect(await htmlProblemsIn(checked.body)).toEqual([]);
        expect(await count('survey_responses')).toBe(0);

        const imported = await confirm(officer, checked.body, '/surveys/import/confirm');
        expect(imported.statusCode).toBe(200);
        expect(visibleText(imported.body)).toContain(
          'Imported 4 rows for Friends and Family Test: 2 imported, 0 already imported, 2 refused.',
        );
        expect(imported.body).not.toContain('/surveys/import/confirm');
        expect(await count('survey_responses')).toBe(2);
        const events = await rowsOf<{ after: { file: string; imported: number } }>(
          heard.database.db,
          sql`select after from audit_events where action = 'survey.responses-file-imported'`,
        );
        expect(events.map((event) => event.after)).toMatchObject([{ file: 'paper.csv', imported: 2 }]);

        const again = await upload(officer, '/surveys/import', { survey: 'fft' }, [
          csv('paper.csv', responses),
        ]);
        const againText = visibleText(again.body);
        expect(againText).toContain('0 to import, 2 already imported, 2 refused');
        expect(againText).toContain('There is nothing to import');
        expect(again.body).not.toContain('/surveys/import/confirm');
      });

      it('reads an Excel file through a column mapping, with the mode chosen for rows that give none', async () => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('Returns');
        sheet.addRow(['Ref', 'Ward', 'Date', 'Q1']);
        sheet.addRow(['XL-1', 'W1', new Date(Date.UTC(2021, 8, 14)), 'good']);
        const checked = await upload(
          officer,
          '/surveys/import',
          { survey: 'fft', mode: 'paper-home', saveMappingAs: 'Vendor export' },
          [
            {
              field: 'file',
              filename: 'vendor.xlsx',
              contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              content: Buffer.from(await workbook.xlsx.writeBuffer()),
            },
            {
              field: 'mapping',
              filename: 'mapping.json',
              contentType: 'application/json',
              content: JSON.stringify({
                submission_id: 'Ref',
                unit_code: 'Ward',
                response_date: 'Date',
                fft: 'Q1',
              }),
            },
          ],
        );
        expect(visibleText(checked.body)).toContain('Checked 1 row for Friends and Family Test: 1 to import');
        await confirm(officer, checked.body, '/surveys/import/confirm');
        const stored = await rowsOf<{ mode: string; response_date: string; fft_answer: string }>(
          heard.database.db,
          sql`select mode, response_date::text as response_date, fft_answer from survey_responses where submission_id = 'XL-1'`,
        );
        expect(stored).toEqual([{ mode: 'paper-home', response_date: '2021-09-14', fft_answer: 'good' }]);

        // Kept by name when the import was confirmed, and chosen from a list for the next file.
        const form = await officer.get('/surveys/import');
        expect(form.body).toMatch(/<option value="Vendor export"/);
        expect(await htmlProblemsIn(form.body)).toEqual([]);
        const next = await upload(
          officer,
          '/surveys/import',
          { survey: 'fft', mode: 'paper-home', savedMapping: 'Vendor export' },
          [csv('october.csv', ['Ref,Ward,Date,Q1', 'XL-2,W1,2021-10-01,poor'])],
        );
        expect(visibleText(next.body)).toContain('Checked 1 row for Friends and Family Test: 1 to import');
        const both = await upload(
          officer,
          '/surveys/import',
          { survey: 'fft', savedMapping: 'Vendor export' },
          [
            csv('october.csv', ['Ref,Ward,Date,Q1', 'XL-2,W1,2021-10-01,poor']),
            {
              field: 'mapping',
              filename: 'm.json',
              contentType: 'application/json',
              content: '{"fft":"Q1"}',
            },
          ],
        );
        expect(errorSummaryLinks(both.body)).toEqual([
          { href: '#savedMapping', text: 'Choose a saved mapping or upload a mapping file, not both' },
        ]);
      });

      it('asks for a survey and a file, and says when the mapping or the file cannot be used', async () => {
        const none = await upload(officer, '/surveys/import', { survey: '' }, []);
        expect(none.statusCode).toBe(422);
        expect(errorSummaryLinks(none.body)).toEqual([
          { href: '#survey', text: 'Select a survey' },
          { href: '#file', text: 'Select a CSV or Excel file' },
        ]);
        expect(await htmlProblemsIn(none.body)).toEqual([]);

        const badMapping = await upload(officer, '/surveys/import', { survey: 'fft' }, [
          csv('paper.csv', responses),
          {
            field: 'mapping',
            filename: 'mapping.json',
            contentType: 'application/json',
            content: '{"fft": 3}',
          },
        ]);
        expect(badMapping.statusCode).toBe(422);
        expect(errorSummaryLinks(badMapping.body)).toEqual([
          { href: '#mapping', text: expect.stringMatching(/^The column mapping cannot be used: /) },
        ]);

        const tooLarge = await upload(officer, '/surveys/import', { survey: 'fft' }, [
          csv('huge.csv', [responses[0] ?? '', 'x'.repeat(5 * 1024 * 1024 + 10)]),
        ]);
        expect(tooLarge.statusCode).toBe(422);
        expect(errorSummaryLinks(tooLarge.body)).toEqual([
          { href: '#file', text: 'The selected file must be smaller than 5MB' },
        ]);

        const broken = await upload(officer, '/surveys/import', { survey: 'fft' }, [
          csv('broken.csv', [responses[0] ?? '', 'PAPER-9,W1,2021-09-29,"paper-discharge,good']),
        ]);
        expect(broken.statusCode).toBe(422);
        expect(errorSummaryLinks(broken.body)[0]?.text).toMatch(
          /^The selected file cannot be read as CSV or Excel/,
        );

        const cutShort = await upload(officer, '/surveys/import', { survey: 'fft' }, [
          {
            field: 'file',
            filename: 'returns.xlsx',
            contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            content: Buffer.concat([
              Buffer.from([0x50, 0x4b, 0x03, 0x04]),
              Buffer.from('not a workbook'.repeat(20)),
            ]),
          },
        ]);
        expect(cutShort.statusCode).toBe(422);
        expect(errorSummaryLinks(cutShort.body)[0]?.text).toMatch(
          /^The selected file cannot be read as CSV or Excel/,
        );
      });
    });

    describe('inviting recent contacts', () => {
      it('reports each contact, queues nothing until confirmed, then queues one message each through the outbox', async () => {
        // Someone who opted out before contacts were hashed with a key: still never invited.
        const legacy = createHash('sha256').update(`${heard.orgId}:07700900111`).digest('hex');
        await heard.database.db.execute(
          sql`insert into survey_opt_outs (org_id, contact_hash) values (${heard.orgId}, ${legacy})`,
        );
        const file = csv('contacts.csv', [
          'channel,contact,unit_code,contact_date',
          'sms,07700 900 982,W1,03/09/2021',
          ',name@example.com,w1,2021-09-04',
          'sms,0121 496 0000,W1,2021-09-04',
          'sms,07700900111,W1,2021-09-04',
          'sms,+44 7700 900982,W1,2021-09-20',
          'pigeon,07700 900 983,W1,2021-09-04',
          'email,name@example,W1,2021-09-04',
        ]);
        const checked = await upload(officer, '/surveys/invitations', { survey: 'fft' }, [file]);
        expect(checked.statusCode).toBe(200);
        const text = visibleText(checked.body);
        expect(text).toContain(
          'Checked 7 contacts for Friends and Family Test: 2 to invite, 1 already invited for the month of their contact, 1 opted out, 3 refused. Nobody has been invited yet.',
        );
        expect(text).toMatch(/4 •••000 Enter a UK mobile number, like 07700 900 982/);
        expect(text).toMatch(/7 channel: give sms or email, or leave it blank/);
        expect(text).toMatch(/8 n•••@example Enter an email address in the correct format/);
        expect(text).toMatch(/6 •••982 W1 2021-09-20 Already invited for that month/);
        expect(text).toContain('Invite 2 people');
        expect(checked.body).not.toContain('900 982</td>');
        expect(await htmlProblemsIn(checked.body)).toEqual([]);
        expect(await count('survey_invitations')).toBe(0);
        expect(await count('outbox_messages')).toBe(0);

        const queued = await confirm(officer, checked.body, '/surveys/invitations/confirm');
        expect(queued.statusCode).toBe(200);
        expect(visibleText(queued.body)).toContain('7 contacts for Friends and Family Test: 2 invited');
        const messages = await rowsOf<{ recipient: string; template_id: string }>(
          heard.database.db,
          sql`select recipient, template_id from outbox_messages where purpose = 'survey.invitation' order by recipient`,
        );
        expect(messages).toEqual([
          { recipient: '07700900982', template_id: smsTemplate },
          { recipient: 'name@example.com', template_id: emailTemplate },
        ]);
        // Kept only as a hash under the secret key; the old opt-out is kept again under it.
        const hashes = await rowsOf<{ contact_hash: string }>(
          heard.database.db,
          sql`select contact_hash from survey_invitations order by contact_hash`,
        );
        expect(hashes.map((row) => row.contact_hash).sort()).toEqual(
          [
            contactHash(hashSecret, heard.orgId, '07700900982'),
            contactHash(hashSecret, heard.orgId, 'name@example.com'),
          ].sort(),
        );
        const optOuts = await rowsOf<{ contact_hash: string }>(
          heard.database.db,
          sql`select contact_hash from survey_opt_outs`,
        );
        expect(optOuts).toEqual([{ contact_hash: contactHash(hashSecret, heard.orgId, '07700900111') }]);

        const again = await upload(officer, '/surveys/invitations', { survey: 'fft' }, [file]);
        expect(visibleText(again.body)).toContain(
          '0 to invite, 3 already invited for the month of their contact, 1 opted out, 3 refused',
        );
        expect(visibleText(again.body)).toContain('There is nobody to invite');
      });

      it('says which columns a file of contacts lacks', async () => {
        const checked = await upload(officer, '/surveys/invitations', { survey: 'fft' }, [
          csv('contacts.csv', ['mobile,ward', '07700 900 982,W1']),
        ]);
        expect(checked.statusCode).toBe(422);
        expect(errorSummaryLinks(checked.body)).toEqual([
          {
            href: '#file',
            text: 'The file must have the columns contact, unit_code, contact_date in its first row: contact, unit_code, contact_date are missing',
          },
        ]);
      });
    });

    describe('importing the people eligible to answer', () => {
      it('checks each row, then saves the numbers the response rate is worked out from', async () => {
        const file = csv('eligible.csv', [
          'unit_code,month,eligible',
          'W1,2021-09,120',
          'W1,2021-13,5',
          'W9,2021-09,7',
        ]);
        const checked = await upload(officer, '/surveys/eligible', { survey: 'fft' }, [file]);
        const text = visibleText(checked.body);
        expect(text).toContain(
          'Checked 3 rows for Friends and Family Test: 1 to save, 2 refused. Nothing has been saved yet.',
        );
        expect(text).toMatch(/3 month: enter the month as YYYY-MM, like 2017-09/);
        expect(text).toMatch(/4 unit_code: W9 is not the code of a unit/);
        expect(await htmlProblemsIn(checked.body)).toEqual([]);
        expect(await count('survey_eligible_counts')).toBe(0);
        const saved = await confirm(officer, checked.body, '/surveys/eligible/confirm');
        expect(visibleText(saved.body)).toContain(
          'Saved 3 rows for Friends and Family Test: 1 saved, 2 refused.',
        );
        const rows = await rowsOf<{ eligible: number }>(
          heard.database.db,
          sql`select eligible from survey_eligible_counts`,
        );
        expect(rows).toEqual([{ eligible: 120 }]);

        // The confirmation checks the file again, as it may be sent without the check.
        const forged = await officer.post('/surveys/eligible/confirm', {
          survey: 'fft',
          fileName: 'eligible.exe',
          fileContent: Buffer.from('unit_code,month,eligible\nW1,2021-10,5').toString('base64'),
        });
        expect(forged.statusCode).toBe(422);
        expect(errorSummaryLinks(forged.body)).toEqual([
          { href: '#file', text: 'The selected file must be a CSV or Excel (.xlsx) file' },
        ]);
      });
    });

    it('is for those who run the surveys: a service manager may not upload', async () => {
      const manager = await heard.signInAs('service_manager');
      for (const path of ['/surveys/import', '/surveys/invitations', '/surveys/eligible']) {
        expect((await manager.get(path)).statusCode).toBe(403);
        expect(
          (await manager.post(`${path}/confirm`, { survey: 'fft', fileContent: 'YQ==' })).statusCode,
        ).toBe(403);
      }
    });
  });
});
