import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUsers } from '#src/domains/identity/index.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { docxParagraphs } from '#test/support/docx.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { multipartBody } from '#test/support/multipart.ts';
import { type CasesService, casesService } from './service.ts';

// A case's documents through the pages: attachments uploaded, listed, downloaded and deleted,
// the letter templates, and the response letter drafted, saved and downloaded as Word, as each
// role that may or may not use them.

const actor = systemActor('Document page tests');
const pdf = Buffer.from('%PDF-1.7\n% A statement from the ward\ntrailer <<>>\n%%EOF\n');

describe.each(engines)('case documents through the pages on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let cases: CasesService;
    let officer: Browser;
    let investigator: Browser;
    let manager: Browser;
    let admin: Browser;
    let investigatorId: string;
    let unitId: string;

    /** A complaint from Ann Example, assigned to the investigator. */
    const complaint = async (summary = 'Discharge') => {
      const logged = await cases.logRecord(heard.orgId, actor, {
        kind: 'complaint',
        channel: 'letter',
        unitId,
        receivedDate: '2024-05-20',
        summary,
        personName: 'Ann Example',
        contactDetails: { address: '1 High Street, Northtown' },
      });
      if (logged.outcome !== 'logged') throw new Error('not logged');
      await cases.assignInvestigator(heard.orgId, actor, logged.record.recordId, investigatorId);
      return logged.record;
    };
    /** Uploads a file from the upload page as a browser would. */
    const uploadAs = async (browser: Browser, recordId: string, filename: string, content: Buffer) => {
      const url = `/cases/${recordId}/attachments/new`;
      await browser.get(url);
      const { payload, contentType } = multipartBody(
        { _csrf: browser.csrfToken },
        { field: 'file', filename, contentType: 'application/pdf', content },
      );
      return browser.request('POST', url, payload, { 'content-type': contentType });
    };
    const textOf = async (browser: Browser, url: string) => visibleText((await browser.get(url)).body);
    const send = async (browser: Browser, url: string, answers: Record<string, string>, from = url) => {
      await browser.get(from);
      return browser.post(url, answers);
    };
    /** The id of the first attachment linked from a case page. */
    const firstAttachmentHref = async (browser: Browser, recordId: string) => {
      const page = (await browser.get(`/cases/${recordId}`)).body;
      const href = new RegExp(`href="(/cases/${recordId}/attachments/[0-9a-f-]{36})"`).exec(page)?.[1];
      if (!href) throw new Error('no attachment link');
      return href;
    };

    beforeAll(async () => {
      heard = await startTestApp(engine, { ATTACHMENT_MAX_MEGABYTES: '1' });
      cases = casesService({ db: heard.database.db, config: heard.config });
      unitId = (
        await createUnit(heard.database.db, heard.orgId, actor, {
          code: 'W1',
          name: 'Ward 1',
          kind: 'ward',
          activeFrom: '2020-04-01',
        })
      ).unitId;
      officer = await heard.signInAs('complaints_officer');
      const email = 'assigned.investigator@test.nhs.uk';
      investigator = await heard.signInAs('investigator', { email });
      manager = await heard.signInAs('service_manager', { unitId });
      admin = await heard.signInAs('administrator');
      const found = (await listUsers(heard.database.db, heard.orgId)).find((user) => user.email === email);
      if (!found) throw new Error('no investigator');
      investigatorId = found.userId;
    });
    afterAll(async () => heard?.close());

    describe('attachments', () => {
      it('uploads a file from the case page, lists it, and sends it back safely to those who may see it', async () => {
        const record = await complaint();
        const caseHref = `/cases/${record.recordId}`;
        expect(await textOf(officer, caseHref)).toContain('No attachments.');
        const form = await officer.get(`${caseHref}/attachments/new`);
        expect(form.statusCode).toBe(200);
        expect(await htmlProblemsIn(form.body)).toEqual([]);
        expect(visibleText(form.body)).toContain('smaller than 1MB');

        const uploaded = await uploadAs(officer, record.recordId, 'Statement from Ann Example.pdf', pdf);
        expect(uploaded.statusCode).toBe(303);
        const page = await officer.get(caseHref);
        expect(await htmlProblemsIn(page.body)).toEqual([]);
        const text = visibleText(page.body);
        expect(text).toContain(`The attachment has been added to ${record.reference}`);
        expect(text).toContain('Statement from Ann Example.pdf');
        expect(text).toContain(`PDF, ${pdf.length} bytes`);

        const download = await officer.get(await firstAttachmentHref(officer, record.recordId));
        expect(download.statusCode).toBe(200);
        expect(download.headers['content-type']).toBe('application/pdf');
        expect(download.headers['content-disposition']).toBe(
          `attachment; filename="Statement from Ann Example.pdf"; filename*=UTF-8''Statement%20from%20Ann%20Example.pdf`,
        );
        expect(download.headers['x-content-type-options']).toBe('nosniff');
        expect(download.rawPayload.equals(pdf)).toBe(true);
      });

      it('refuses a file that is not an allowed type, whatever it is called, in plain words', async () => {
        const record = await complaint();
        const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500)]);
        const refused = await uploadAs(officer, record.recordId, 'letter.pdf', program);
        expect(refused.statusCode).toBe(422);
        expect(await htmlProblemsIn(refused.body)).toEqual([]);
        const text = visibleText(refused.body);
        expect(text).toContain('There is a problem');
        expect(text).toContain(
          'The selected file must be a PDF, Word document (.docx), text file, JPEG or PNG picture, or an email (.eml or .msg)',
        );
        expect(await textOf(officer, `/cases/${record.recordId}`)).toContain('No attachments.');
      });

      it('refuses a file larger than ATTACHMENT_MAX_MEGABYTES', async () => {
        const record = await complaint();
        const large = Buffer.concat([pdf, Buffer.alloc(1024 * 1024, 'a')]);
        const refused = await uploadAs(officer, record.recordId, 'large.pdf', large);
        expect(refused.statusCode).toBe(422);
        expect(visibleText(refused.body)).toContain('The selected file must be smaller than 1MB');
        expect(await textOf(officer, `/cases/${record.recordId}`)).toContain('No attachments.');
      });

      it('asks for a file when none was chosen', async () => {
        const record = await complaint();
        const url = `/cases/${record.recordId}/attachments/new`;
        await officer.get(url);
        const { payload, contentType } = multipartBody({ _csrf: officer.csrfToken });
        const refused = await officer.request('POST', url, payload, { 'content-type': contentType });
        expect(refused.statusCode).toBe(422);
        expect(visibleText(refused.body)).toContain('Select a file to attach');
      });

      it('shows a service manager that a file exists, without its name, and refuses to send it', async () => {
        const record = await complaint();
        await uploadAs(investigator, record.recordId, 'Statement from Ann Example.pdf', pdf);
        const href = await firstAttachmentHref(officer, record.recordId);
        const page = await manager.get(`/cases/${record.recordId}`);
        expect(page.statusCode).toBe(200);
        const text = visibleText(page.body);
        expect(text).toContain('Withheld: you may not see this case’s personal data');
        expect(text).not.toContain('Statement from Ann Example');
        expect(page.body).not.toContain(href);
        expect(text).not.toContain('Add an attachment');
        const refused = await manager.get(href);
        expect(refused.statusCode).toBe(403);
        expect(refused.headers['content-disposition']).toBeUndefined();
        expect((await admin.get(href)).statusCode).toBe(200);
      });

      it('deletes an attachment for a reason chosen by the complaints team', async () => {
        const record = await complaint();
        await uploadAs(officer, record.recordId, 'Wrong case.pdf', pdf);
        const deleteHref = `${await firstAttachmentHref(officer, record.recordId)}/delete`;
        expect((await investigator.get(deleteHref)).statusCode).toBe(403);
        const confirm = await officer.get(deleteHref);
        expect(await htmlProblemsIn(confirm.body)).toEqual([]);
        expect(visibleText(confirm.body)).toContain('Delete Wrong case.pdf');

        const noReason = await send(officer, deleteHref, {});
        expect(noReason.statusCode).toBe(422);
        expect(await htmlProblemsIn(noReason.body)).toEqual([]);
        expect(visibleText(noReason.body)).toContain('Select why the attachment is being deleted');

        const deleted = await send(officer, deleteHref, { reason: 'wrong-case' });
        expect(deleted.statusCode).toBe(303);
        const text = await textOf(officer, `/cases/${record.recordId}`);
        expect(text).toContain('Wrong case.pdf has been deleted');
        expect(text).toContain('No attachments.');
      });
    });

    describe('letter templates', () => {
      it('lists the templates, and saves one, refusing a placeholder Heard does not know', async () => {
        const list = await officer.get('/letter-templates');
        expect(list.statusCode).toBe(200);
        expect(await htmlProblemsIn(list.body)).toEqual([]);
        const href = /href="(\/letter-templates\/[0-9a-f-]{36})"/.exec(list.body)?.[1];
        if (!href) throw new Error('no template link');
        const edit = await officer.get(href);
        expect(await htmlProblemsIn(edit.body)).toEqual([]);
        expect(visibleText(edit.body)).toContain('((complainant_name))');

        const refused = await send(officer, href, { name: 'Complaint response', body: 'Dear ((patient))' });
        expect(refused.statusCode).toBe(422);
        expect(await htmlProblemsIn(refused.body)).toEqual([]);
        expect(visibleText(refused.body)).toContain('((patient)) is not a placeholder Heard knows');

        const body =
          'Dear ((complainant_name))\r\n\r\nAbout ((reference)).\r\n\r\nYours sincerely\r\n\r\n((signed_off_by))';
        const saved = await send(officer, href, { name: 'Complaint response', body });
        expect(saved.statusCode).toBe(303);
        expect(await textOf(officer, '/letter-templates')).toContain(
          'The template ‘Complaint response’ has been saved',
        );
      });

      it('shows an investigator the templates without letting them change one', async () => {
        const list = await investigator.get('/letter-templates');
        const href = /href="(\/letter-templates\/[0-9a-f-]{36})"/.exec(list.body)?.[1];
        if (!href) throw new Error('no template link');
        const page = await investigator.get(href);
        expect(page.statusCode).toBe(200);
        expect(await htmlProblemsIn(page.body)).toEqual([]);
        expect(page.body).not.toContain('Save the template');
        expect((await investigator.post(href, { name: 'Mine', body: 'Hello' })).statusCode).toBe(403);
        expect((await manager.get('/letter-templates')).statusCode).toBe(403);
      });
    });

    describe('the response letter', () => {
      it('is drafted from a template, edited, saved and downloaded as a Word document', async () => {
        const record = await complaint();
        const letterHref = `/cases/${record.recordId}/letter`;
        expect(await textOf(officer, `/cases/${record.recordId}`)).toContain('Draft the response letter');
        const start = await officer.get(letterHref);
        expect(start.statusCode).toBe(200);
        expect(await htmlProblemsIn(start.body)).toEqual([]);
        const templateId = /name="templateId"[^>]*value="([0-9a-f-]{36})"/.exec(start.body)?.[1];
        if (!templateId) throw new Error('no template to choose');

        const noChoice = await officer.post(`${letterHref}/draft`, {});
        expect(noChoice.statusCode).toBe(422);
        expect(visibleText(noChoice.body)).toContain('Select a template');

        const draft = await send(officer, `${letterHref}/draft`, { templateId }, letterHref);
        expect(draft.statusCode).toBe(200);
        expect(await htmlProblemsIn(draft.body)).toEqual([]);
        expect(visibleText(draft.body)).toContain('Dear Ann Example');
        const version = /name="caseVersion" value="(\d+)"/.exec(draft.body)?.[1] ?? '';

        const body = `Dear Ann Example\r\n\r\nAbout ${record.reference}.\r\n\r\nYours sincerely\r\n\r\nJo Bloggs\r\nChief Executive`;
        const saved = await officer.post(letterHref, { body, templateId, caseVersion: version });
        expect(saved.statusCode).toBe(303);
        const page = await officer.get(letterHref);
        expect(await htmlProblemsIn(page.body)).toEqual([]);
        expect(visibleText(page.body)).toContain(
          `The response letter for ${record.reference} has been saved`,
        );
        expect(visibleText(page.body)).toContain('Download as Word (.docx)');

        const download = await officer.get(`${letterHref}.docx`);
        expect(download.statusCode).toBe(200);
        expect(download.headers['content-type']).toBe(
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        );
        expect(download.headers['content-disposition']).toContain(
          `attachment; filename="${record.reference} response letter.docx"`,
        );
        const paragraphs = await docxParagraphs(download.rawPayload);
        expect(paragraphs[0]).toBe('Test NHS Trust');
        expect(paragraphs).toContain('Ann Example\n1 High Street\nNorthtown');
        expect(paragraphs).toContain('Dear Ann Example');
        expect(paragraphs).toContain(`About ${record.reference}.`);
        expect(paragraphs.at(-1)).toBe('Jo Bloggs\nChief Executive');
      });

      it('keeps the words typed when the case changed meanwhile, and says what changed', async () => {
        const record = await complaint();
        const letterHref = `/cases/${record.recordId}/letter`;
        const start = await officer.get(letterHref);
        const templateId = /name="templateId"[^>]*value="([0-9a-f-]{36})"/.exec(start.body)?.[1] ?? '';
        const draft = await send(officer, `${letterHref}/draft`, { templateId }, letterHref);
        const version = /name="caseVersion" value="(\d+)"/.exec(draft.body)?.[1] ?? '';
        await cases.addCaseNote(heard.orgId, actor, record.recordId, 'Phoned Ann');
        const refused = await officer.post(letterHref, { body: 'My careful words', caseVersion: version });
        expect(refused.statusCode).toBe(422);
        expect(await htmlProblemsIn(refused.body)).toEqual([]);
        expect(refused.body).toContain('My careful words');
        expect(visibleText(refused.body)).toContain('Document page tests');
        const newVersion = /name="caseVersion" value="(\d+)"/.exec(refused.body)?.[1];
        expect(Number(newVersion)).toBe(Number(version) + 1);
      });

      it('is not drafted or downloaded by a service manager, who may not see personal data', async () => {
        const record = await complaint();
        await send(investigator, `/cases/${record.recordId}/letter`, { body: 'Dear Ann Example' });
        expect((await manager.get(`/cases/${record.recordId}/letter`)).statusCode).toBe(403);
        expect((await manager.get(`/cases/${record.recordId}/letter.docx`)).statusCode).toBe(403);
        const text = await textOf(manager, `/cases/${record.recordId}`);
        expect(text).not.toContain('Draft the response letter');
        expect(text).not.toContain('Download as Word');
        expect((await admin.get(`/cases/${record.recordId}/letter.docx`)).statusCode).toBe(200);
      });
    });
  });
});
