import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAdministratorEmail, demoOdsCode, demoPassword } from '#src/demo/accounts.ts';
import { commentsService } from '#src/domains/comments/index.ts';
import { findOrganisationByOdsCode } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { chromiumAvailable } from '#test/support/environment.ts';
import { CommentPage, CommentsPage } from './pages/comment-pages.ts';
import { HomePage } from './pages/home-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { type BrowserSession, startBrowserSession } from './support.ts';

describe.skipIf(!chromiumAvailable())('staff explore comments and correct their coding, in Chromium', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await startBrowserSession('pglite');
    const organisation = await findOrganisationByOdsCode(session.database.db, demoOdsCode);
    if (!organisation) throw new Error('no demo trust');
    await commentsService({ db: session.database.db }).recordComments(
      organisation.orgId,
      systemActor('Browser test'),
      [
        'I waited six hours in the emergency department before anyone saw me',
        'We waited far too long for the ambulance to arrive',
        'The nurses were kind and caring and explained everything',
      ].map((text, index) => ({
        source: 'survey-answer' as const,
        sourceId: `browser-${index}`,
        receivedOn: '2024-06-0' + String(index + 1),
        question: 'What would have made it better?',
        text,
      })),
    );
  }, 120_000);
  afterAll(async () => session?.close());

  it('filters to one theme, opens a comment, corrects its coding and sees the change counted', async () => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}/sign-in`);
    await new SignInPage(page).signIn(demoAdministratorEmail, demoPassword);
    await new HomePage(page).verifyOnPage();
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Comments' }).click();
    const explorer = await new CommentsPage(page).verifyOnPage();
    expect(await explorer.resultCount()).toBe(3);

    await explorer.filterToTheme('Timeliness of care');
    await explorer.verifyOnPage();
    expect(await explorer.resultCount()).toBe(2);
    await explorer.openFirstComment();

    const comment = await new CommentPage(page).verifyOnPage();
    await comment.addTheme('Parking');
    await comment.verifyOnPage();
    await page.getByText('The coding was corrected').first().waitFor();
    expect(await page.getByText('Added theme: Parking').count()).toBe(1);
    await comment.changeSentiment('Very negative');
    await comment.verifyOnPage();

    await page.getByRole('link', { name: 'Back' }).click();
    const after = await new CommentsPage(page).verifyOnPage();
    expect(await after.agreement()).toContain('(1 corrected)');
  }, 120_000);
});
