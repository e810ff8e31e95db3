import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAdministratorEmail, demoPassword } from '#src/demo/accounts.ts';
import { chromiumAvailable } from '#test/support/environment.ts';
import { HomePage } from './pages/home-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { AddUnitPage, UnitPage, UnitsPage } from './pages/units-pages.ts';
import { type BrowserSession, startBrowserSession } from './support.ts';

describe.skipIf(!chromiumAvailable())('the administrator adds a unit, in Chromium', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await startBrowserSession('pglite');
  }, 60_000);
  afterAll(async () => session?.close());

  it('signs in, finds the units, is told what is missing, then adds a ward under a locality', async () => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}/sign-in`);
    await new SignInPage(page).signIn(demoAdministratorEmail, demoPassword);
    await new HomePage(page).verifyOnPage();
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Units' }).click();
    const units = await new UnitsPage(page).verifyOnPage();
    await units.addUnit();

    const addUnit = await new AddUnitPage(page).verifyOnPage();
    await page.getByRole('button', { name: 'Add unit' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    await addUnit.verifyOnPage();

    await addUnit.submit({
      name: 'Willow Ward',
      code: 'WILLOW',
      kind: 'Ward',
      partOf: (await page.getByLabel('Part of').locator('option').nth(1).textContent()) ?? '',
      opens: { day: '1', month: '4', year: '2026' },
    });
    await new UnitPage(page, 'Willow Ward').verifyOnPage();
    expect(await page.getByText('WILLOW').count()).toBeGreaterThan(0);

    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Units' }).click();
    await new UnitsPage(page).verifyOnPage();
    expect(await page.getByRole('link', { name: 'Willow Ward' }).count()).toBe(1);
  });
});
