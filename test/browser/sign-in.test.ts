import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAdministratorEmail, demoPassword } from '#src/demo/accounts.ts';
import { chromiumAvailable } from '#test/support/environment.ts';
import { HomePage } from './pages/home-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { type BrowserSession, expectNoSeriousAccessibilityProblems, startBrowserSession } from './support.ts';

describe.skipIf(!chromiumAvailable())('signing in, in Chromium', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await startBrowserSession('pglite');
  }, 60_000);
  afterAll(async () => session?.close());

  it('a wrong password shows an error summary and keeps the email address', async () => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}/`);
    const signIn = await new SignInPage(page).verifyOnPage();
    await signIn.signIn(demoAdministratorEmail, 'not the password at all');
    expect(await page.title()).toMatch(/^Error: Sign in/);
    expect(await page.getByRole('alert').textContent()).toContain('There is a problem');
    expect(await page.getByLabel('Email address').inputValue()).toBe(demoAdministratorEmail);
    await expectNoSeriousAccessibilityProblems(page);
  });

  it('the demo administrator signs in, sees the home page and signs out', async () => {
    const { page } = session;
    await new SignInPage(page).signIn(demoAdministratorEmail, demoPassword);
    const home = await new HomePage(page).verifyOnPage();
    expect(await page.getByRole('link', { name: 'Units' }).count()).toBeGreaterThan(0);
    await home.signOut();
    await new SignInPage(page).verifyOnPage();
  });

  it('an unknown address shows the NHS.UK page not found, without a stack trace', async () => {
    const { page, baseUrl } = session;
    const response = await page.goto(`${baseUrl}/no-such-page`);
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    expect(await page.content()).not.toMatch(/at \S+ \(.*:\d+:\d+\)/);
    await expectNoSeriousAccessibilityProblems(page);
  });
});
