import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '#src/domains/integrations/index.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { rowsOf } from '#test/support/rows.ts';
import { contactHash, unkeyedContactHash } from './invitations.ts';
import { installSurveyTemplates } from './service.ts';

const smsTemplate = '5e1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe.each(engines)('survey invitations by text message on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let key: string;

    beforeAll(async () => {
      heard = await startTestApp(engine, {
        NOTIFY_TEMPLATE_SURVEY_INVITATION_SMS: smsTemplate,
        INVITATION_HASH_SECRET: 'a-secret-key-for-hashing-contacts-in-tests',
        PUBLIC_URL: 'https://heard.example.nhs.uk',
      });
      const actor = systemActor();
      await createUnit(heard.database.db, heard.orgId, actor, {
        code: 'W1',
        name: 'Ward 1',
        kind: 'ward',
        activeFrom: '2015-01-01',
      });
      await installSurveyTemplates(heard.database.db, heard.orgId, actor);
      key = (
        await createApiKey(heard.database.db, heard.orgId, actor, {
          name: 'PAS feed',
          permissions: ['surveys:submit'],
        })
      ).key;
    }, 60_000);
    afterAll(async () => heard?.close());

    const invite = (contacts: unknown[]) =>
      heard.app.inject({
        method: 'POST',
        url: '/api/v1/surveys/fft/invitations',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        payload: { contacts },
      });
    const queued = () =>
      rowsOf<{ recipient: string; personalisation: { link: string; opt_out_link: string } }>(
        heard.database.db,
        sql`select recipient, personalisation from outbox_messages where purpose = 'survey.invitation' order by created_at`,
      );

    it('queues one text message per contact per month, keeping no number with the invitation', async () => {
      const contact = {
        channel: 'sms',
        contact: '+44 7700 900982',
        unitCode: 'W1',
        contactDate: '2021-09-03',
      };
      const first = await invite([
        contact,
        { ...contact, contact: '07700 900982', contactDate: '2021-09-20' },
        { ...contact, contact: '0121 496 0000' },
      ]);
      expect(first.json()).toEqual({
        invited: 1,
        alreadyInvited: 1,
        optedOut: 0,
        refused: [{ index: 2, problem: 'Enter a UK mobile number, like 07700 900 982' }],
      });
      const messages = await queued();
      expect(messages).toHaveLength(1);
      expect(messages[0]?.recipient).toBe('07700900982');
      expect(messages[0]?.personalisation.link).toMatch(
        /^https:\/\/heard\.example\.nhs\.uk\/surveys\/RT1\/invitation\/[\w-]+$/,
      );
      const stored = await rowsOf<Record<string, unknown>>(
        heard.database.db,
        sql`select * from survey_invitations`,
      );
      expect(JSON.stringify(stored)).not.toContain('900982');
    });

    it('lets the link be answered once, as an SMS response, and stops invitations after an opt-out', async () => {
      const [message] = await queued();
      const path = new URL(message?.personalisation.link ?? '').pathname;
      const person = new Browser(heard.app);
      const form = await person.get(path);
      expect(visibleText(form.body)).toContain('Overall, how was your experience of our service?');
      expect(await htmlProblemsIn(form.body)).toEqual([]);
      expect((await person.post(path, { fft: 'good' })).statusCode).toBe(303);
      expect(visibleText((await person.get(path)).body)).toContain('You have already answered');
      expect((await person.post(path, { fft: 'poor' })).statusCode).toBe(409);
      const responses = await rowsOf<{ mode: string; fft_answer: string }>(
        heard.database.db,
        sql`select mode, fft_answer from survey_responses`,
      );
      expect(responses).toEqual([{ mode: 'sms', fft_answer: 'good' }]);

      await person.get(`${path}/opt-out`);
      const stopped = await person.post(`${path}/opt-out`);
      expect(visibleText(stopped.body)).toContain('Invitations stopped');
      const later = await invite([
        { channel: 'sms', contact: '07700900982', unitCode: 'W1', contactDate: '2021-10-01' },
      ]);
      expect(later.json()).toMatchObject({ invited: 0, optedOut: 1 });
    });
  });
});

describe('the hash an invitation keeps of a contact', () => {
  const org = '0b6f3c1e-8a51-4d8c-9a4e-2f1d7c3b5a60';
  it('depends on the secret key and the organisation, so the tables alone cannot be searched by number', () => {
    const hash = contactHash('a-secret-key-for-hashing-contacts-in-tests', org, '07700900982');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(contactHash('another-secret-key-for-hashing-contacts', org, '07700900982')).not.toBe(hash);
    expect(contactHash('a-secret-key-for-hashing-contacts-in-tests', randomUUID(), '07700900982')).not.toBe(
      hash,
    );
    expect(unkeyedContactHash(org, '07700900982')).not.toBe(hash);
  });
});
