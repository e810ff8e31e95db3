import { type Browser as Chromium, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsService, auditsService } from '#src/domains/actions/index.ts';
import { principalForUser } from '#src/domains/identity/index.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { startTestApp, type TestApp, testPassword } from '#test/support/app.ts';
import { chromiumAvailable, chromiumPath } from '#test/support/environment.ts';
import {
  ActionPage,
  ActionsAreaPage,
  MyActionsPage,
  PlanPage,
  RecordEvidencePage,
  ReopenActionPage,
} from './pages/action-pages.ts';
import { SignInPage } from './pages/sign-in-page.ts';

// Issue 7, done when: a CQC-style plan with must-do and should-do actions across the five key
// questions shows progress by key question; the action's lead records evidence on an action,
// completes it, and sees the plan's figures change. In Chromium, each page checked with axe.

const leadEmail = 'ward.manager@test.nhs.uk';
const officerEmail = 'officer@test.nhs.uk';
const pdf = Buffer.from('%PDF-1.7\n% Training register\ntrailer <<>>\n%%EOF\n');

describe.skipIf(!chromiumAvailable())('a CQC action plan, in Chromium', () => {
  let heard: TestApp;
  let chromiumBrowser: Chromium;
  let page: Page;
  let baseUrl = '';
  let planUrl = '';
  let auditPath = '';

  beforeAll(async () => {
    heard = await startTestApp('pglite');
    await heard.app.listen({ port: 0, host: '127.0.0.1' });
    const address = heard.app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const db = heard.database.db;
    const wardId = (
      await createUnit(db, heard.orgId, systemActor(), {
        code: 'W1',
        name: 'Ward 1',
        kind: 'ward',
        activeFrom: '2020-04-01',
      })
    ).unitId;
    await heard.signInAs('investigator', { email: leadEmail, unitId: wardId });
    await heard.signInAs('complaints_officer', { email: officerEmail });
    const people = await actionsService({ db, config: heard.config }).possibleLeads(heard.orgId);
    const principalOf = async (email: string) => {
      const user = people.find((person) => person.email === email);
      const principal = user && (await principalForUser(db, heard.orgId, user.userId));
      if (!principal) throw new Error(`no ${email}`);
      return principal;
    };
    const officer = await principalOf(officerEmail);
    const lead = await principalOf(leadEmail);
    const actions = actionsService({ db, config: heard.config });
    const plan = await actions.createPlan(officer, {
      name: 'CQC inspection 2024',
      source: 'cqc-inspection',
      unitId: wardId,
    });
    planUrl = `${baseUrl}/actions/plans/${plan.planId}`;
    const recommendation = await actions.addRecommendation(officer, plan.planId, {
      number: '1',
      text: 'Requirements from the CQC inspection report',
    });
    const tagged = [
      ['safe', 'must-do', 'Complete mandatory life support training'],
      ['safe', 'should-do', 'Check the resuscitation trolley daily'],
      ['effective', 'must-do', 'Record capacity assessments'],
      ['caring', 'should-do', 'Offer patients a copy of their care plan'],
      ['responsive', 'should-do', 'Display how to raise a concern'],
      ['well-led', 'must-do', 'Audit supervision records'],
    ] as const;
    for (const [keyQuestion, cqcRequirement, furtherAction] of tagged) {
      await actions.addAction(officer, plan.planId, recommendation.recommendationId, {
        leadUserId: lead.id,
        keyQuestion,
        cqcRequirement,
        furtherAction,
        dueDate: '2099-03-31',
        status: 'in-progress',
      });
    }
    const audits = auditsService({ db });
    const audit = await audits.createAudit(officer, {
      name: 'Reasons for treatment changes',
      unitId: null,
      target: '95',
    });
    await audits.addMeasurement(officer, audit.auditId, { measuredOn: '2013-10-15', compliance: '60.49' });
    await audits.addMeasurement(officer, audit.auditId, { measuredOn: '2013-12-15', compliance: '89.87' });
    auditPath = `/actions/audits/${audit.auditId}`;
    chromiumBrowser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    page = await (await chromiumBrowser.newContext()).newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await new SignInPage(page).signIn(leadEmail, testPassword);
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }, 90_000);
  afterAll(async () => {
    await chromiumBrowser?.close();
    await heard?.close();
  });

  it('shows progress by key question, and the lead records evidence, completes an action and sees the figures change', async () => {
    await page.goto(`${baseUrl}/actions`);
    await new MyActionsPage(page).verifyOnPage();
    await page.getByText('Complete mandatory life support training').waitFor();

    await page.goto(planUrl);
    const plan = await new PlanPage(page, 'CQC inspection 2024').verifyOnPage();
    expect(await plan.percentComplete()).toBe('0% of 6 actions completed.');
    expect(await plan.byKeyQuestion()).toEqual({
      Safe: [1, 1, 0, 2, 0],
      Effective: [1, 0, 0, 1, 0],
      Caring: [0, 1, 0, 1, 0],
      Responsive: [0, 1, 0, 1, 0],
      'Well-led': [1, 0, 0, 1, 0],
    });

    await plan.openAction('recommendation 1');
    const action = await new ActionPage(page).verifyOnPage();
    await action.expectStatus('In progress');
    await action.take('Mark as completed');
    const refused = await new ActionPage(page).verifyOnPage();
    expect(await page.title()).toMatch(/^Error: /);
    await page
      .getByText('Record evidence that the action was done before you mark it completed')
      .first()
      .waitFor();

    await refused.take('Record evidence');
    const evidence = await new RecordEvidencePage(page).verifyOnPage();
    await evidence.record('Training register: 28 of 30 staff trained', {
      name: 'Training register.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    const withEvidence = await new ActionPage(page).verifyOnPage();
    await withEvidence.expectSuccess('The evidence has been recorded');
    await page.getByRole('link', { name: 'Training register.pdf' }).waitFor();
    await withEvidence.take('Mark as completed');
    const completed = await new ActionPage(page).verifyOnPage();
    await completed.expectSuccess('The action has been marked as completed');
    await completed.expectStatus('Completed');

    await page.goto(planUrl);
    const after = await new PlanPage(page, 'CQC inspection 2024').verifyOnPage();
    expect(await after.percentComplete()).toBe('17% of 6 actions completed.');
    expect((await after.byKeyQuestion()).Safe).toEqual([1, 1, 1, 1, 0]);
  }, 120_000);

  it('reopens the completed action with a reason, and the plan counts it as open again', async () => {
    await page.goto(planUrl);
    await new PlanPage(page, 'CQC inspection 2024').openAction('recommendation 1');
    const action = await new ActionPage(page).verifyOnPage();
    await action.expectStatus('Completed');
    await action.take('Reopen the action');
    const reopen = await new ReopenActionPage(page).verifyOnPage();
    await reopen.reopen('');
    expect(await page.title()).toMatch(/^Error: /);
    await new ReopenActionPage(page).verifyOnPage();
    await reopen.reopen('The spot check found two staff untrained');
    const reopened = await new ActionPage(page).verifyOnPage();
    await reopened.expectSuccess('The action has been reopened');
    await reopened.expectStatus('In progress');
    await page.getByText('The spot check found two staff untrained').first().waitFor();

    await page.goto(planUrl);
    const plan = await new PlanPage(page, 'CQC inspection 2024').verifyOnPage();
    expect(await plan.percentComplete()).toBe('0% of 6 actions completed.');
  }, 120_000);

  it.each([
    ['/actions/plans', 'Action plans and their assurance'],
    ['/actions/overdue', 'Overdue actions by unit'],
    ['/actions/learning', /^Learning from feedback, /],
    ['/actions/audits', 'Clinical audits'],
    ['/actions/visits', 'Quality visits'],
    ['/actions/you-said-we-did', 'You said, we did'],
    ['/actions/you-said-we-did/new', 'Publish a You said, we did'],
    ['/you-said-we-did/RT1', 'You said, we did: Test NHS Trust'],
    ['the audit’s chart', 'Reasons for treatment changes'],
  ])(
    '%s passes axe',
    async (path, heading) => {
      await page.goto(`${baseUrl}${path.startsWith('/') ? path : auditPath}`);
      await new ActionsAreaPage(page, heading).verifyOnPage();
    },
    60_000,
  );
});
