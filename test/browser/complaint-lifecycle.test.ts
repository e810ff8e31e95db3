import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAdministratorEmail, demoOdsCode, demoPassword } from '#src/demo/accounts.ts';
import { addDays, isoDateInLondon } from '#src/domains/calendar/index.ts';
import { chromiumAvailable } from '#test/support/environment.ts';
import {
  AcknowledgePage,
  AddIssuePage,
  AuditTrailPage,
  CasePage,
  CaseQueuePage,
  ClosePage,
  IssueOutcomePage,
  type NewIssue,
} from './pages/case-pages.ts';
import {
  AboutYouPage,
  CheckAnswersPage,
  FeedbackKindPage,
  FeedbackSentPage,
  FeedbackServicePage,
  FeedbackStartPage,
  PutRightPage,
  WhatHappenedPage,
  WhoPage,
} from './pages/feedback-pages.ts';
import { HomePage } from './pages/home-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { type BrowserSession, startBrowserSession } from './support.ts';

/** The demo trust's complaints and PALS officer (src/demo/accounts.ts). */
const officerEmail = 'complaints@demo.heard.test';
const officerName = 'Priya Shah';

/** Follows a link of the header's menu, as a person would. */
async function openMenu({ page }: BrowserSession, name: string) {
  await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name, exact: true }).click();
}

describe.skipIf(!chromiumAvailable())('a complaint from the public form to its close, in Chromium', () => {
  let session: BrowserSession;
  // The whole demo trust, its cases included, so that the officer finds this one among many.
  beforeAll(async () => {
    session = await startBrowserSession('pglite');
  }, 240_000);
  afterAll(async () => session?.close());

  // Carried from one step of the complaint's life to the next, as the people in it would carry them.
  let reference = '';
  let service = '';
  let caseUrl = '';
  const today = isoDateInLondon(new Date());
  const issues: (NewIssue & { outcome: 'Upheld' | 'Not upheld' })[] = [
    {
      subject: 'Admissions and discharges',
      staffGroup: 'Nursing',
      service: '',
      description: 'Discharged without the medication he had been prescribed.',
      outcome: 'Upheld',
    },
    {
      subject: 'Communications',
      staffGroup: 'Medical',
      service: '',
      description: 'Says nobody explained the discharge plan to the family.',
      outcome: 'Not upheld',
    },
  ];

  it('a member of the public complains for themselves on a phone and is given a reference', async () => {
    const { page, baseUrl } = session;
    await page.setViewportSize({ width: 375, height: 667 });
    await page.goto(`${baseUrl}/feedback/${demoOdsCode}`);
    await (await new FeedbackStartPage(page).verifyOnPage()).start();
    await (await new FeedbackKindPage(page).verifyOnPage()).choose('A complaint');

    const servicePage = await new FeedbackServicePage(page).verifyOnPage();
    await servicePage.search('home treatment');
    await servicePage.verifyOnPage();
    const firstService = page.getByRole('group', { name: 'Select the service' }).getByRole('radio').first();
    service = (
      (await firstService.evaluate((radio: HTMLInputElement) => radio.labels?.[0]?.textContent)) ?? ''
    ).trim();
    expect(service).toMatch(/Home Treatment/);
    await servicePage.chooseFirst();

    const [year, month, day] = addDays(today, -14).split('-');
    await (await new WhatHappenedPage(page).verifyOnPage()).tell(
      'I was sent home from the ward without my medication and nobody told my family the plan.',
      { day: String(Number(day)), month: String(Number(month)), year: year ?? '' },
    );
    await (await new PutRightPage(page).verifyOnPage()).tell('An apology and a check of discharge lists.');
    await (await new AboutYouPage(page).verifyOnPage()).give({
      name: 'Robin Carter',
      email: 'robin.carter@example.com',
      replyBy: 'By email',
    });
    const who = await new WhoPage(page).verifyOnPage();
    await page.getByRole('radio', { name: 'Yes, I am the patient' }).check();
    await who.continue();

    const check = await new CheckAnswersPage(page).verifyOnPage();
    expect(await page.getByText('Robin Carter').count()).toBe(1);
    expect(await page.getByText(service).count()).toBeGreaterThan(0);
    await check.send();

    reference = await (await new FeedbackSentPage(page).verifyOnPage()).reference();
    expect(reference).toMatch(/^C-\d{4}-\d+$/);
  });

  it('the complaints officer finds it in the work queue, acknowledges it and adds two issues', async () => {
    expect(reference, 'the complaint was sent').not.toBe('');
    const { page, baseUrl } = session;
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}/sign-in`);
    await (await new SignInPage(page).verifyOnPage()).signIn(officerEmail, demoPassword);
    await new HomePage(page).verifyOnPage();
    await openMenu(session, 'Cases');

    const queue = await new CaseQueuePage(page).verifyOnPage();
    await queue.openCase(reference);
    const casePage = await new CasePage(page, /^Complaint about /, reference).verifyOnPage();
    caseUrl = page.url();
    expect(await page.getByText('Robin Carter').count(), 'the officer sees who complained').toBe(1);

    await casePage.take('Record acknowledgement');
    await (await new AcknowledgePage(page).verifyOnPage()).save();
    await (await casePage.verifyOnPage()).expectSuccess(`${reference} has been acknowledged`);
    expect(await page.getByRole('link', { name: 'Record acknowledgement' }).count()).toBe(0);

    for (const issue of issues) {
      await casePage.take('Add an issue');
      await (await new AddIssuePage(page).verifyOnPage()).add({ ...issue, service });
      await (await casePage.verifyOnPage()).expectSuccess(`An issue has been added to ${reference}`);
      expect(await page.getByRole('cell', { name: issue.description }).count()).toBe(1);
    }
  });

  it('records one issue upheld and one not, closes the complaint and sees it partially upheld', async () => {
    expect(caseUrl, 'the officer opened the case').not.toBe('');
    const { page } = session;
    const casePage = new CasePage(page, /^Complaint about /, reference);
    for (const issue of issues) {
      await casePage.recordOutcomeOf(issue.subject);
      await (await new IssueOutcomePage(page).verifyOnPage()).record(issue.outcome);
      await (await casePage.verifyOnPage()).expectSuccess(
        `The issue’s outcome has been recorded on ${reference}`,
      );
    }
    for (const issue of issues) {
      const row = page.getByRole('row').filter({ hasText: issue.description });
      const outcome = issue.outcome === 'Upheld' ? /(^|\s)Upheld/ : /Not upheld/;
      expect(await row.innerText(), issue.subject).toMatch(outcome);
    }

    await casePage.take('Close the complaint');
    await (await new ClosePage(page).verifyOnPage()).close(today, 'Chief Executive');
    await (await casePage.verifyOnPage()).expectSuccess(`${reference} has been closed`);
    expect(await page.getByText('Partially upheld', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText('Closed', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Close the complaint' }).count()).toBe(0);
    expect(
      await casePage.auditTrailLink().count(),
      'a complaints officer does not hold audit:view, so is not offered the audit trail',
    ).toBe(0);
    await casePage.signOut();
  });

  it('someone who may read the audit trail sees every step of the case in it', async () => {
    expect(caseUrl, 'the officer opened the case').not.toBe('');
    const { page } = session;
    // The officer may not read the audit trail; the administrator may, and may open cases.
    await (await new SignInPage(page).verifyOnPage()).signIn(demoAdministratorEmail, demoPassword);
    await new HomePage(page).verifyOnPage();
    await openMenu(session, 'Cases');
    await (await new CaseQueuePage(page).verifyOnPage()).openCase(reference);
    const casePage = await new CasePage(page, /^Complaint about /, reference).verifyOnPage();
    expect(await page.getByText('Partially upheld', { exact: true }).count()).toBeGreaterThan(0);
    await casePage.auditTrailLink().click();

    const audit = await new AuditTrailPage(page).verifyOnPage();
    const rows = await audit.eventRows();
    const withAction = (action: string) => rows.filter((row) => row.includes(action));
    expect(withAction('case.logged')).toHaveLength(1);
    expect(withAction('case.logged')[0]).toContain('Public web form');
    for (const [action, times] of [
      ['complaint.acknowledged', 1],
      ['complaint.issue-added', 2],
      ['complaint.issue-outcome-recorded', 2],
      ['complaint.closed', 1],
    ] as const) {
      expect(withAction(action), action).toHaveLength(times);
      for (const row of withAction(action)) expect(row, action).toContain(officerName);
    }
    // The officer's and the administrator's reads of the case are recorded too.
    expect(withAction('case.viewed').length).toBeGreaterThan(0);
  });
});
