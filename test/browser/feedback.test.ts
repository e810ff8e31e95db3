import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOdsCode } from '#src/demo/accounts.ts';
import { chromiumAvailable } from '#test/support/environment.ts';
import {
  AboutYouPage,
  CheckAnswersPage,
  FeedbackKindPage,
  FeedbackSentPage,
  FeedbackServicePage,
  FeedbackStartPage,
  PatientPage,
  PutRightPage,
  WhatHappenedPage,
  WhoPage,
} from './pages/feedback-pages.ts';
import { type BrowserSession, startBrowserSession } from './support.ts';

describe.skipIf(!chromiumAvailable())(
  'a member of the public makes a complaint on a phone, in Chromium',
  () => {
    let session: BrowserSession;
    beforeAll(async () => {
      session = await startBrowserSession('pglite');
    }, 60_000);
    afterAll(async () => session?.close());

    it('complains for someone else without signing in, is told what is missing, and gets a reference', async () => {
      const { page, baseUrl } = session;
      await page.setViewportSize({ width: 375, height: 667 });
      await page.goto(`${baseUrl}/feedback/${demoOdsCode}`);
      await (await new FeedbackStartPage(page).verifyOnPage()).start();

      const kind = await new FeedbackKindPage(page).verifyOnPage();
      await kind.continue();
      expect(await page.title()).toMatch(/^Error: /);
      await kind.verifyOnPage();
      await kind.choose('A complaint');

      const service = await new FeedbackServicePage(page).verifyOnPage();
      await service.search('home treatment');
      await service.verifyOnPage();
      await service.chooseFirst();

      await (await new WhatHappenedPage(page).verifyOnPage()).tell(
        'My father was discharged without his medication.',
        {
          day: '2',
          month: '3',
          year: '2025',
        },
      );
      await (await new PutRightPage(page).verifyOnPage()).tell(
        'An apology and a review of discharge checks.',
      );
      await (await new AboutYouPage(page).verifyOnPage()).give({
        name: 'Sam Jones',
        email: 'sam@example.com',
        replyBy: 'By email',
      });
      await (await new WhoPage(page).verifyOnPage()).actingForSomeoneElse();
      await (await new PatientPage(page).verifyOnPage()).give('Pat Jones');

      const check = await new CheckAnswersPage(page).verifyOnPage();
      expect(await page.getByText('Pat Jones').count()).toBe(1);
      await check.send();

      const sent = await new FeedbackSentPage(page).verifyOnPage();
      expect(await sent.reference()).toMatch(/^C-\d{4}-\d+$/);
    });
  },
);
