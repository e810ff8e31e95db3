import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOdsCode, demoPassword } from '#src/demo/accounts.ts';
import { demoTrustStructure } from '#src/demo/index.ts';
import { chromiumAvailable } from '#test/support/environment.ts';
import { rowsOf } from '#test/support/rows.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import {
  SurveyAdminPage,
  SurveyLinksPage,
  SurveyListPage,
  SurveyPage,
  SurveyResultsPage,
  SurveyThankYouPage,
  SurveyUploadPage,
  SurveyUploadReportPage,
} from './pages/survey-pages.ts';
import { type BrowserSession, expectNoSeriousAccessibilityProblems, startBrowserSession } from './support.ts';

// Issue 5's "Done when": the FFT answered on a phone in the Easy Read variant, and a ward kiosk
// answered twice while offline that stores exactly two responses once the network returns.

const ward = demoTrustStructure({ seed: 1, scale: 1 }).find((unit) => unit.kind === 'ward');

describe.skipIf(!chromiumAvailable())('a patient answers the Friends and Family Test, in Chromium', () => {
  let session: BrowserSession;
  const storedResponses = async (mode: string) => {
    const [row] = await rowsOf<{ count: string | number }>(
      session.database.db,
      sql`select count(*) as count from survey_responses where mode = ${mode}`,
    );
    return Number(row?.count);
  };

  beforeAll(async () => {
    session = await startBrowserSession('pglite');
  }, 60_000);
  afterAll(async () => session?.close());

  it('answers the Easy Read FFT on a phone by choosing a picture', async () => {
    const { page, baseUrl } = session;
    page.setDefaultTimeout(8000);
    await page.setViewportSize({ width: 375, height: 667 });
    await page.goto(`${baseUrl}/surveys/${demoOdsCode}/fft/${ward?.code}?variant=easy-read`);
    const survey = await new SurveyPage(page).verifyOnPage();
    expect(await page.getByRole('group', { name: 'How was our service?' }).isVisible()).toBe(true);
    await survey.answer('Very good', 'The staff listened to me.');
    await new SurveyThankYouPage(page).verifyOnPage();
    const [row] = await rowsOf<{ variant: string; fft_answer: string; mode: string }>(
      session.database.db,
      sql`select variant, fft_answer, mode from survey_responses`,
    );
    expect(row).toEqual({ variant: 'easy-read', fft_answer: 'very-good', mode: 'online' });
  }, 60_000);

  it('keeps two answers given on a ward kiosk while offline and sends each exactly once when the network returns', async () => {
    const context = await session.browser.newContext({ viewport: { width: 800, height: 1280 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${session.baseUrl}/surveys/${demoOdsCode}/fft/${ward?.code}/kiosk`);
    const kiosk = await new SurveyPage(page).verifyOnPage();
    await context.setOffline(true);

    for (const [choice, comment] of [
      ['Good', 'Kind nurses.'],
      ['Poor', ''],
    ] as const) {
      await kiosk.answer(choice, comment || undefined);
      await page.getByRole('heading', { name: 'Thank you' }).waitFor();
      await expectNoSeriousAccessibilityProblems(page);
      // The form comes back empty for the next person: nothing of the last one's answers is left.
      await page.getByRole('button', { name: 'Send your answers' }).waitFor();
      expect(await page.getByRole('radio', { name: choice, exact: true }).isChecked()).toBe(false);
      expect(await page.getByRole('textbox', { name: /What was good/ }).inputValue()).toBe('');
    }
    const queued = await page.evaluate(
      () => JSON.parse(localStorage.getItem('heard.kiosk.queue') ?? '[]').length,
    );
    expect(queued).toBe(2);
    expect(await storedResponses('electronic-discharge')).toBe(0);

    await context.setOffline(false);
    await expect.poll(() => storedResponses('electronic-discharge'), { timeout: 20_000 }).toBe(2);
    await expect
      .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('heard.kiosk.queue') ?? '[]').length))
      .toBe(0);
    // Sending again (another tab, a retry) stores nothing new.
    await page.reload();
    await page.waitForTimeout(500);
    expect(await storedResponses('electronic-discharge')).toBe(2);
    await context.close();
  }, 90_000);

  it('shows the service experience team the results, edit, and links pages, each passing axe', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${session.baseUrl}/sign-in`);
    await (await new SignInPage(page).verifyOnPage()).signIn('complaints@demo.heard.test', demoPassword);
    await page.goto(`${session.baseUrl}/surveys`);
    await new SurveyListPage(page).verifyOnPage();
    await page.getByRole('link', { name: 'Results of Friends and Family Test' }).click();
    await new SurveyResultsPage(page, 'Friends and Family Test').verifyOnPage();
    await page.goto(`${session.baseUrl}/surveys/results/children?period=2017/18`);
    await new SurveyResultsPage(page, 'Children and young people’s experience of service').verifyOnPage();
    await page.goto(`${session.baseUrl}/surveys/admin/how-did-we-do`);
    await new SurveyAdminPage(page).verifyOnPage();
    await page.goto(`${session.baseUrl}/surveys/links/fft`);
    await new SurveyLinksPage(page).verifyOnPage();
    await context.close();
  }, 90_000);

  // (The page tests, src/domains/surveys/upload-routes.test.ts, send the same forms with no script at all.)
  it('imports paper returns from a file: checked row by row, then imported, each page passing axe', async () => {
    const context = await session.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${session.baseUrl}/sign-in`);
    await (await new SignInPage(page).verifyOnPage()).signIn('complaints@demo.heard.test', demoPassword);
    await page.goto(`${session.baseUrl}/surveys`);
    await page.getByRole('link', { name: 'Import survey responses from a file' }).click();
    const upload = await new SurveyUploadPage(page, 'Import survey responses').verifyOnPage();
    await page
      .getByLabel('Mode of collection for rows that give none')
      .selectOption({ label: 'Paper – at home' });
    await upload.upload(
      'Friends and Family Test',
      {
        name: 'returns.csv',
        content: [
          'submission_id,unit_code,response_date,fft,good',
          `BROWSER-1,${ward?.code},2017-09-12,very-good,Kind staff`,
          `BROWSER-2,${ward?.code},2017-09-13,splendid,`,
        ].join('\n'),
      },
      'Check the file',
    );
    await new SurveyUploadReportPage(page, 'Check the responses to import').verifyOnPage();
    expect(await page.getByRole('table', { name: /1 row has problems/ }).textContent()).toContain(
      'BROWSER-2',
    );
    await page.getByRole('button', { name: 'Import 1 response' }).click();
    await new SurveyUploadReportPage(page, 'Responses imported').verifyOnPage();
    const [row] = await rowsOf<{ mode: string; fft_answer: string }>(
      session.database.db,
      sql`select mode, fft_answer from survey_responses where submission_id = 'BROWSER-1'`,
    );
    expect(row).toEqual({ mode: 'paper-home', fft_answer: 'very-good' });

    await page.goto(`${session.baseUrl}/surveys/invitations`);
    await new SurveyUploadPage(page, 'Invite recent contacts to a survey').verifyOnPage();
    await page.goto(`${session.baseUrl}/surveys/eligible`);
    const eligible = await new SurveyUploadPage(page, 'Import the people eligible to answer').verifyOnPage();
    await eligible.upload(
      'Friends and Family Test',
      { name: 'eligible.csv', content: `unit_code,month,eligible\n${ward?.code},2017-09,abc\n` },
      'Check the file',
    );
    await new SurveyUploadReportPage(page, 'Check the numbers of people eligible').verifyOnPage();
    expect(await page.getByText('There is nothing to save: every row has a problem.').isVisible()).toBe(true);
    await context.close();
  }, 90_000);
});
