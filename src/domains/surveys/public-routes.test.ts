import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { rowsOf } from '#test/support/rows.ts';
import { installSurveyTemplates } from './service.ts';

interface StoredResponse {
  variant: string;
  language: string;
  mode: string;
  fft_scale: string;
  fft_answer: string;
  submission_id: string;
}

describe.each(engines)('the public survey pages on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    const stored = () =>
      rowsOf<StoredResponse>(
        heard.database.db,
        sql`select variant, language, mode, fft_scale, fft_answer, submission_id from survey_responses order by received_at`,
      );

    beforeAll(async () => {
      heard = await startTestApp(engine);
      await createUnit(heard.database.db, heard.orgId, systemActor(), {
        code: 'ROSE',
        name: 'Rose Ward',
        kind: 'ward',
        activeFrom: '2015-01-01',
      });
      await installSurveyTemplates(heard.database.db, heard.orgId, systemActor());
    }, 60_000);
    afterAll(async () => heard?.close());

    it('shows the FFT for a unit as valid HTML, with the 2020 question, two free-text questions and optional equality questions', async () => {
      const response = await new Browser(heard.app).get('/surveys/RT1/fft/rose');
      expect(response.statusCode).toBe(200);
      const text = visibleText(response.body);
      expect(text).toContain('Rose Ward');
      expect(text).toContain('Overall, how was your experience of our service?');
      expect(text).toContain('Neither good nor poor');
      expect(text).toContain('What was good? (optional)');
      expect(text).toContain('What would have made it better? (optional)');
      expect(text).toContain('About you (optional)');
      expect(text).toContain('White – British');
      expect(await htmlProblemsIn(response.body)).toEqual([]);
    });

    it('stores an answer before redirecting to the thank-you page, with its mode, variant and language', async () => {
      const visitor = new Browser(heard.app);
      await visitor.get('/surveys/RT1/fft/ROSE?lang=cy');
      const response = await visitor.post('/surveys/RT1/fft/ROSE?variant=standard&lang=cy', {
        submissionId: 'browser-submission-0001',
        fft: 'dont-know',
        good: 'Staff were kind',
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/surveys/RT1/fft/ROSE/thank-you?variant=standard&lang=cy');
      expect(await stored()).toContainEqual({
        variant: 'standard',
        language: 'cy',
        mode: 'online',
        fft_scale: 'fft-2020',
        fft_answer: 'dont-know',
        submission_id: 'browser-submission-0001',
      });
      const thanks = await visitor.get(response.headers.location ?? '');
      expect(visibleText(thanks.body)).toContain('Diolch');
    });

    it('asks again for the FFT answer with an error summary, keeping what was written', async () => {
      const visitor = new Browser(heard.app);
      await visitor.get('/surveys/RT1/fft/ROSE');
      const response = await visitor.post('/surveys/RT1/fft/ROSE', { better: 'Shorter waits' });
      expect(response.statusCode).toBe(422);
      expect(response.body).toContain('<title>Error: ');
      expect(visibleText(response.body)).toContain('There is a problem Select an answer');
      expect(response.body).toContain('Shorter waits');
      expect(await htmlProblemsIn(response.body)).toEqual([]);
    });

    it('shows the Easy Read variant in plain words with a picture scale and no equality questions', async () => {
      const response = await new Browser(heard.app).get('/surveys/RT1/fft/ROSE?variant=easy-read');
      const text = visibleText(response.body);
      expect(text).toContain('How was our service?');
      expect(text).toContain('Very bad');
      expect(text).not.toContain('About you');
      expect(response.body.match(/class="heard-survey-picture"/g)).toHaveLength(6);
      expect(await htmlProblemsIn(response.body)).toEqual([]);
    });

    it('takes a kiosk’s queued response as JSON and stores a resent one once', async () => {
      const kiosk = new Browser(heard.app);
      const page = await kiosk.get('/surveys/RT1/fft/ROSE/kiosk');
      expect(page.body).toContain('src="/surveys/assets/kiosk.js" nonce="');
      expect(await htmlProblemsIn(page.body)).toEqual([]);
      const thanks = await kiosk.get('/surveys/RT1/fft/ROSE/kiosk/thank-you');
      expect(thanks.body).toContain(
        '<meta http-equiv="refresh" content="8;url=/surveys/RT1/fft/ROSE/kiosk?variant=standard&amp;lang=en">',
      );
      expect(await htmlProblemsIn(thanks.body)).toEqual([]);
      const body = new URLSearchParams({
        _csrf: kiosk.csrfToken,
        submissionId: 'kiosk-queue-0000-0001',
        fft: 'very-good',
        answeredOn: '2000-01-01',
      }).toString();
      const send = () =>
        kiosk.request('POST', '/surveys/RT1/fft/ROSE/kiosk', body, {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        });
      const first = await send();
      const again = await send();
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ responseId: first.json().responseId, duplicate: true });
      const kioskRows = (await stored()).filter((row) => row.submission_id === 'kiosk-queue-0000-0001');
      expect(kioskRows).toEqual([expect.objectContaining({ mode: 'electronic-discharge' })]);
    });

    it('refuses a form without its CSRF token and knows no survey at an unknown address', async () => {
      const visitor = new Browser(heard.app);
      await visitor.get('/surveys/RT1/fft/ROSE');
      expect((await visitor.post('/surveys/RT1/fft/ROSE', { _csrf: 'wrong', fft: 'good' })).statusCode).toBe(
        403,
      );
      expect((await visitor.get('/surveys/RT1/fft/NOWHERE')).statusCode).toBe(404);
      expect((await visitor.get('/surveys/RT1/nothing/ROSE')).statusCode).toBe(404);
    });
  });
});

describe('the public survey pages under a flood, on pglite', () => {
  let heard: TestApp;
  beforeAll(async () => {
    heard = await startTestApp('pglite', { SURVEY_SUBMIT_RATE_LIMIT_PER_10_MINUTES: '2' });
    await createUnit(heard.database.db, heard.orgId, systemActor(), {
      code: 'ROSE',
      name: 'Rose Ward',
      kind: 'ward',
      activeFrom: '2015-01-01',
    });
    await installSurveyTemplates(heard.database.db, heard.orgId, systemActor());
  }, 60_000);
  afterAll(async () => heard?.close());

  it('refuses answers beyond SURVEY_SUBMIT_RATE_LIMIT_PER_10_MINUTES from one address, storing none of them', async () => {
    const visitor = new Browser(heard.app);
    await visitor.get('/surveys/RT1/fft/ROSE');
    const statuses = [];
    for (let n = 0; n < 3; n += 1)
      statuses.push((await visitor.post('/surveys/RT1/fft/ROSE', { fft: 'good' })).statusCode);
    expect(statuses).toEqual([303, 303, 429]);
    const [row] = await rowsOf<{ count: number }>(
      heard.database.db,
      sql`select count(*)::int as count from survey_responses`,
    );
    expect(row?.count).toBe(2);
  });
});
