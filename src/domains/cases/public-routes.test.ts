import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { errorSummaryLinks } from '#test/support/forms.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { rowsOf } from '#test/support/rows.ts';

const emailTemplate = '6c2f9a51-1d3e-4f0a-9b8e-2a4c6d8e0f11';
const smsTemplate = '7d3a0b62-2e4f-4a1b-8c9f-3b5d7e9f1a22';

interface RecordRow {
  reference: string;
  kind: string;
  channel: string;
  summary: string;
  narrative: string;
  on_behalf_of_name: string | null;
  consent_recorded: boolean | null;
  person_name: string | null;
  contact_details: Record<string, string>;
}

/** Answers a page and expects to be sent on with a 303; returns where to. */
async function answer(browser: Browser, path: string, form: Record<string, string>) {
  const response = await browser.post(path, form);
  expect({
    path,
    status: response.statusCode,
    body: response.statusCode === 303 ? '' : visibleText(response.body),
  }).toEqual({
    path,
    status: 303,
    body: '',
  });
  return response.headers.location;
}

describe.each(engines)('the public feedback journey on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let wardId: string;
    const pages: { path: string; html: string }[] = [];

    const visitor = () => new Browser(heard.app);
    async function page(browser: Browser, path: string) {
      const response = await browser.get(path);
      pages.push({ path, html: response.body });
      return response;
    }

    async function fileComplaintForSomeoneElse(browser: Browser, extra: Record<string, string> = {}) {
      await page(browser, '/feedback/RT1');
      await page(browser, '/feedback/RT1/kind');
      expect(await answer(browser, '/feedback/RT1/kind', { kind: 'complaint' })).toBe(
        '/feedback/RT1/service',
      );
      await page(browser, '/feedback/RT1/service?search=rose');
      await answer(browser, '/feedback/RT1/service', { unitId: wardId, search: 'rose' });
      await page(browser, '/feedback/RT1/what-happened');
      await answer(browser, '/feedback/RT1/what-happened', {
        whatHappened: 'My mother waited six hours for pain relief.',
        'eventDate[day]': '3',
        'eventDate[month]': '1',
        'eventDate[year]': '2025',
      });
      await page(browser, '/feedback/RT1/put-right');
      await answer(browser, '/feedback/RT1/put-right', { putRight: 'An apology and an explanation.' });
      await page(browser, '/feedback/RT1/about-you');
      await answer(browser, '/feedback/RT1/about-you', {
        name: 'Sam Jones',
        email: 'sam@example.com',
        phone: '07700 900982',
        address: '',
        replyBy: 'email',
      });
      await page(browser, '/feedback/RT1/who');
      expect(await answer(browser, '/feedback/RT1/who', { isPatient: 'no' })).toBe('/feedback/RT1/patient');
      await page(browser, '/feedback/RT1/patient');
      expect(
        await answer(browser, '/feedback/RT1/patient', { patientName: 'Pat Jones', patientConsent: 'yes' }),
      ).toBe('/feedback/RT1/check');
      const check = await page(browser, '/feedback/RT1/check');
      expect(visibleText(check.body)).toContain('Has the patient agreed to you acting for them Yes');
      const sent = await browser.post('/feedback/RT1/check', { website: '', ...extra });
      expect(sent.statusCode).toBe(303);
      expect(sent.headers.location).toBe('/feedback/RT1/confirmation');
      return page(browser, '/feedback/RT1/confirmation');
    }

    const recordWith = async (reference: string) =>
      (
        await rowsOf<RecordRow>(
          heard.database.db,
          sql`select * from feedback_records where reference = ${reference}`,
        )
      )[0];
    /** What the complaint records for KO41a sections 3 and 4. */
    const ko41aOf = async (reference: string) =>
      (
        await rowsOf<{ complainant_status_code: string | null; patient_age_band_code: string | null }>(
          heard.database.db,
          sql`select d.complainant_status_code, d.patient_age_band_code from complaint_details d join feedback_records r on r.record_id = d.record_id where r.reference = ${reference}`,
        )
      )[0];
    const referenceOn = (html: string) => /data-qa="reference">([^<]+)</.exec(html)?.[1] ?? '';

    beforeAll(async () => {
      heard = await startTestApp(engine, {
        NOTIFY_TEMPLATE_FEEDBACK_ACKNOWLEDGEMENT_EMAIL: emailTemplate,
        NOTIFY_TEMPLATE_FEEDBACK_ACKNOWLEDGEMENT_SMS: smsTemplate,
      });
      const actor = systemActor('Tests');
      const ward = await createUnit(heard.database.db, heard.orgId, actor, {
        code: 'ROSE',
        name: 'Rose Ward',
        kind: 'ward',
        activeFrom: '2015-04-01',
      });
      wardId = ward.unitId;
      await createUnit(heard.database.db, heard.orgId, actor, {
        code: 'CMHT',
        name: 'Community Mental Health Team',
        kind: 'team',
        activeFrom: '2015-04-01',
      });
    });
    afterAll(async () => heard?.close());

    it('records a complaint made for someone else, with their consent, and queues the acknowledgement', async () => {
      const confirmation = await fileComplaintForSomeoneElse(visitor());
      expect(confirmation.statusCode).toBe(200);
      const reference = referenceOn(confirmation.body);
      expect(reference).toMatch(/^C-\d{4}-\d+$/);
      expect(visibleText(confirmation.body)).toContain('Complaint sent');
      // The event was more than 12 months before today: accepted, with a word about the time limit.
      expect(visibleText(confirmation.body)).toContain('usually made within 12 months');

      const record = await recordWith(reference);
      expect(record).toMatchObject({
        kind: 'complaint',
        channel: 'web-form',
        narrative: 'My mother waited six hours for pain relief.',
        person_name: 'Sam Jones',
        on_behalf_of_name: 'Pat Jones',
        consent_recorded: true,
      });
      expect(record?.summary).toBe('Complaint about Rose Ward, from the public web form');
      const messages = await rowsOf<{
        channel: string;
        recipient: string;
        template_id: string;
        purpose: string;
      }>(
        heard.database.db,
        sql`select m.* from outbox_messages m join feedback_records r on r.record_id::text = m.related_entity_id::text where r.reference = ${reference}`,
      );
      expect(messages).toEqual([
        expect.objectContaining({
          channel: 'email',
          recipient: 'sam@example.com',
          template_id: emailTemplate,
          purpose: 'feedback.acknowledgement',
        }),
      ]);
      const audit = await rowsOf<{ actor_name: string }>(
        heard.database.db,
        sql`select actor_name from audit_events where action = 'case.logged' and entity_id::text = (select record_id::text from feedback_records where reference = ${reference})`,
      );
      expect(audit).toEqual([{ actor_name: 'Public web form' }]);
    });

    it('records the KO41a complainant status patient for a complaint filed by the patient, and none for one made on someone’s behalf', async () => {
      const browser = visitor();
      await browser.get('/feedback/RT1/kind');
      await answer(browser, '/feedback/RT1/kind', { kind: 'complaint' });
      await answer(browser, '/feedback/RT1/service', { unitId: wardId });
      await answer(browser, '/feedback/RT1/what-happened', { whatHappened: 'Nobody answered the buzzer.' });
      await answer(browser, '/feedback/RT1/put-right', { putRight: 'An explanation.' });
      await answer(browser, '/feedback/RT1/about-you', {
        name: 'Pat Jones',
        email: 'pat@example.com',
        replyBy: 'email',
      });
      expect(await answer(browser, '/feedback/RT1/who', { isPatient: 'yes' })).toBe('/feedback/RT1/check');
      await browser.post('/feedback/RT1/check', { website: '' });
      const ownReference = referenceOn((await browser.get('/feedback/RT1/confirmation')).body);
      expect(ownReference).toMatch(/^C-\d{4}-\d+$/);
      expect(await ko41aOf(ownReference)).toEqual({
        complainant_status_code: 'patient',
        patient_age_band_code: null,
      });

      // The journey asks no relationship to the patient, so staff record this one's status.
      const onBehalf = referenceOn((await fileComplaintForSomeoneElse(visitor())).body);
      expect(await ko41aOf(onBehalf)).toEqual({ complainant_status_code: null, patient_age_band_code: null });
    });

    it('stores a submission whose honeypot was filled, marked as suspected spam, and sends nothing', async () => {
      const confirmation = await fileComplaintForSomeoneElse(visitor(), { website: 'http://spam.example' });
      const reference = referenceOn(confirmation.body);
      const record = await recordWith(reference);
      expect(record?.summary).toMatch(/^SUSPECTED SPAM: /);
      const notes = await rowsOf<{ text: string }>(
        heard.database.db,
        sql`select n.text from case_notes n join feedback_records r on r.record_id = n.record_id where r.reference = ${reference}`,
      );
      expect(notes[0]?.text).toContain('Suspected spam');
      const messages = await rowsOf(
        heard.database.db,
        sql`select 1 from outbox_messages m join feedback_records r on r.record_id::text = m.related_entity_id::text where r.reference = ${reference}`,
      );
      expect(messages).toEqual([]);
    });

    it('gives a compliment with no contact details and queues no message', async () => {
      const browser = visitor();
      await browser.get('/feedback/RT1/kind');
      await answer(browser, '/feedback/RT1/kind', { kind: 'compliment' });
      await answer(browser, '/feedback/RT1/service', { unitId: wardId });
      await answer(browser, '/feedback/RT1/what-happened', { whatHappened: 'The nurses were wonderful.' });
      await answer(browser, '/feedback/RT1/put-right', { putRight: '' });
      await answer(browser, '/feedback/RT1/about-you', {});
      await answer(browser, '/feedback/RT1/who', { isPatient: 'yes' });
      await browser.post('/feedback/RT1/check', { website: '' });
      const confirmation = await browser.get('/feedback/RT1/confirmation');
      const reference = referenceOn(confirmation.body);
      expect(visibleText(confirmation.body)).toContain('Compliment sent');
      expect(await recordWith(reference)).toMatchObject({ kind: 'compliment', person_name: null });
      const messages = await rowsOf(
        heard.database.db,
        sql`select 1 from outbox_messages m join feedback_records r on r.record_id::text = m.related_entity_id::text where r.reference = ${reference}`,
      );
      expect(messages).toEqual([]);
    });

    it('shows the problems with links, keeps the answers and says "Error:" in the title', async () => {
      const browser = visitor();
      await browser.get('/feedback/RT1/kind');
      const noKind = await browser.post('/feedback/RT1/kind', {});
      expect(noKind.statusCode).toBe(422);
      expect(noKind.body).toContain('<title>Error: ');
      expect(errorSummaryLinks(noKind.body)).toEqual([
        { href: '#kind', text: 'Select what kind of feedback you want to give' },
      ]);
      pages.push({ path: 'kind with errors', html: noKind.body });

      await answer(browser, '/feedback/RT1/kind', { kind: 'concern' });
      const noStory = await browser.post('/feedback/RT1/what-happened', {
        whatHappened: ' ',
        'eventDate[day]': '31',
        'eventDate[month]': '2',
        'eventDate[year]': '2024',
      });
      expect(errorSummaryLinks(noStory.body)).toEqual([
        { href: '#whatHappened', text: 'Enter what happened' },
        { href: '#eventDate-day', text: 'The date it happened must be a real date' },
      ]);
      expect(noStory.body).toContain('value="31"');
      pages.push({ path: 'what happened with errors', html: noStory.body });

      const noContact = await browser.post('/feedback/RT1/about-you', {
        name: 'Alex',
        email: 'not-an-email',
      });
      expect(errorSummaryLinks(noContact.body).map((link) => link.text)).toEqual([
        'Enter an email address in the correct format, like name@example.com',
        'Select how you would like us to reply',
      ]);
      expect(noContact.body).toContain('value="Alex"');
      pages.push({ path: 'about you with errors', html: noContact.body });

      const noService = await browser.post('/feedback/RT1/service', { search: '' });
      expect(errorSummaryLinks(noService.body)).toEqual([
        { href: '#search', text: 'Search for the service your feedback is about, then select it' },
      ]);
      pages.push({ path: 'service with errors', html: noService.body });

      const noPatient = await browser.post('/feedback/RT1/patient', {});
      expect(errorSummaryLinks(noPatient.body).map((link) => link.text)).toEqual([
        'Enter the patient’s full name',
        'Select whether the patient has agreed to you acting for them',
      ]);
      pages.push({ path: 'patient with errors', html: noPatient.body });
    });

    it('sends someone who skips ahead to the first question still to answer', async () => {
      const browser = visitor();
      const check = await browser.get('/feedback/RT1/check');
      expect(check.statusCode).toBe(303);
      expect(check.headers.location).toBe('/feedback/RT1/kind');
    });

    it('finds services by name without JavaScript, and says when none match', async () => {
      const browser = visitor();
      const found = await page(browser, '/feedback/RT1/service?search=mental%20health');
      expect(visibleText(found.body)).toContain('Community Mental Health Team');
      expect(visibleText(found.body)).not.toContain('Rose Ward');
      const none = await page(browser, '/feedback/RT1/service?search=zebra');
      expect(visibleText(none.body)).toContain('No services match ‘zebra’');
    });

    it('offers the Easy Read guidance', async () => {
      const easyRead = await page(visitor(), '/feedback/RT1/easy-read');
      expect(easyRead.statusCode).toBe(200);
      expect(visibleText(easyRead.body)).toContain('You can tell us if something was good.');
    });

    it('answers an unknown organisation code with page not found', async () => {
      const response = await visitor().get('/feedback/NOPE');
      expect(response.statusCode).toBe(404);
      expect(visibleText(response.body)).toContain('Page not found');
    });

    it('renders every page as valid HTML', async () => {
      expect(pages.length).toBeGreaterThan(10);
      for (const { path, html } of pages)
        expect({ path, problems: await htmlProblemsIn(html) }).toEqual({ path, problems: [] });
    });

    it('limits sending per address, with a page that says the answers are kept', async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 21; attempt += 1) {
        const response = await heard.app.inject({
          method: 'POST',
          url: '/feedback/RT1/check',
          remoteAddress: '203.0.113.9',
          payload: 'website=',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        statuses.push(response.statusCode);
        if (response.statusCode === 429) {
          expect(visibleText(response.body)).toContain('Your answers have been kept');
          expect(await htmlProblemsIn(response.body)).toEqual([]);
        }
      }
      expect(statuses.slice(0, 20).every((status) => status !== 429)).toBe(true);
      expect(statuses[20]).toBe(429);
    });
  });
});
