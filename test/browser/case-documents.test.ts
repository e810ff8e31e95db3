import { type Browser as Chromium, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casesService } from '#src/domains/cases/index.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { startTestApp, type TestApp, testPassword } from '#test/support/app.ts';
import { docxParagraphs } from '#test/support/docx.ts';
import { chromiumAvailable, chromiumPath } from '#test/support/environment.ts';
import { CasePage } from './pages/case-pages.ts';
import {
  AddAttachmentPage,
  DeleteAttachmentPage,
  LetterTemplatePage,
  LetterTemplatesPage,
  ResponseLetterPage,
} from './pages/document-pages.ts';
import { SignInPage } from './pages/sign-in-page.ts';

// The complaints officer attaches a file to a complaint, drafts its response letter from the
// default template and downloads it as Word, and looks after the templates, in Chromium without
// the demo trust, each page checked with axe.

const actor = systemActor('Document browser tests');
const officerEmail = 'officer@test.nhs.uk';
const pdf = Buffer.from('%PDF-1.7\n% A statement from the ward\ntrailer <<>>\n%%EOF\n');

describe.skipIf(!chromiumAvailable())('a case’s documents, in Chromium', () => {
  let heard: TestApp;
  let chromiumBrowser: Chromium;
  let page: Page;
  let baseUrl = '';
  let caseUrl = '';
  let reference = '';

  beforeAll(async () => {
    heard = await startTestApp('pglite');
    await heard.app.listen({ port: 0, host: '127.0.0.1' });
    const address = heard.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await heard.signInAs('complaints_officer', { email: officerEmail });
    const unitId = (
      await createUnit(heard.database.db, heard.orgId, actor, {
        code: 'W1',
        name: 'Ward 1',
        kind: 'ward',
        activeFrom: '2020-04-01',
      })
    ).unitId;
    const logged = await casesService({ db: heard.database.db, config: heard.config }).logRecord(
      heard.orgId,
      actor,
      {
        kind: 'complaint',
        channel: 'letter',
        unitId,
        receivedDate: '2024-05-20',
        summary: 'Discharge without medicines',
        personName: 'Ann Example',
      },
    );
    if (logged.outcome !== 'logged') throw new Error('not logged');
    caseUrl = `${baseUrl}/cases/${logged.record.recordId}`;
    reference = logged.record.reference;
    chromiumBrowser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    page = await (await chromiumBrowser.newContext({ acceptDownloads: true })).newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await new SignInPage(page).signIn(officerEmail, testPassword);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }, 60_000);
  afterAll(async () => {
    await chromiumBrowser?.close();
    await heard?.close();
  });

  const casePage = () => new CasePage(page, 'Discharge without medicines', reference);

  it('attaches a file, is told plainly when a file is refused, and deletes it with a reason', async () => {
    await page.goto(caseUrl);
    await (await casePage().verifyOnPage()).take('Add an attachment');
    const adding = await new AddAttachmentPage(page).verifyOnPage();
    await adding.attach({
      name: 'program.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(`MZ${'\0'.repeat(99)}`),
    });
    expect(await page.title()).toMatch(/^Error: /);
    await (await adding.verifyOnPage()).attach({
      name: 'Ward statement.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });

    const withFile = await casePage().verifyOnPage();
    await withFile.expectSuccess(`The attachment has been added to ${reference}`);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Ward statement.pdf', exact: true }).click();
    expect((await download).suggestedFilename()).toBe('Ward statement.pdf');

    await page.getByRole('link', { name: /^Delete\s+Ward statement\.pdf$/ }).click();
    const deleting = await new DeleteAttachmentPage(page, 'Delete Ward statement.pdf').verifyOnPage();
    await deleting.delete();
    await (await deleting.verifyOnPage()).delete('It was added to the wrong case');
    await (await casePage().verifyOnPage()).expectSuccess('Ward statement.pdf has been deleted');
  }, 90_000);

  it('drafts the response letter from the default template, saves it and downloads it as Word', async () => {
    await page.goto(caseUrl);
    await (await casePage().verifyOnPage()).take('Draft the response letter');
    const letter = await new ResponseLetterPage(page).verifyOnPage();
    await letter.draftFrom('Complaint response');
    const drafted = await letter.verifyOnPage();
    const words = await drafted.letterText();
    expect(words).toContain('Dear Ann Example');
    await drafted.save(`${words}\n\nP.S. We will call you next week.`);
    const saved = await letter.verifyOnPage();
    await page.getByText(`The response letter for ${reference} has been saved`).waitFor();

    const file = await saved.download();
    expect(file.suggestedFilename()).toBe(`${reference} response letter.docx`);
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const paragraphs = await docxParagraphs(Buffer.concat(chunks));
    expect(paragraphs).toContain('Dear Ann Example');
    expect(paragraphs).toContain('P.S. We will call you next week.');
  }, 90_000);

  it('changes a letter template, refusing a placeholder Heard does not know', async () => {
    await page.goto(`${baseUrl}/letter-templates`);
    await (await new LetterTemplatesPage(page).verifyOnPage()).open('Complaint response');
    const template = await new LetterTemplatePage(page, 'Complaint response').verifyOnPage();
    await template.save('Dear ((patient_name))');
    expect(await page.title()).toMatch(/^Error: /);
    await (await template.verifyOnPage()).save('Dear ((complainant_name))\n\nThank you for writing to us.');
    await (await new LetterTemplatesPage(page).verifyOnPage()).page
      .getByText('The template ‘Complaint response’ has been saved')
      .waitFor();
  }, 90_000);
});
