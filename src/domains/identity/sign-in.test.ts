import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '#src/domains/audit/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { accountLocked, wrongEmailOrPassword } from './routes.ts';
import { addUser, disableUser } from './service.ts';
import { signInWithPassword } from './sign-in.ts';

const password = 'a long and private passphrase';
const policy = { maxFailures: 5, lockoutMinutes: 15 };
const start = new Date('2025-03-10T09:00:00Z');
const minutesAfterStart = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

describe.each(engines)('local sign-in on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let accounts = 0;
    beforeAll(async () => {
      heard = await startTestApp(engine);
    });
    afterAll(async () => heard?.close());

    async function newAccount() {
      accounts += 1;
      const email = `person.${accounts}@test.nhs.uk`;
      const user = await addUser(heard.database.db, heard.orgId, systemActor(), {
        email,
        displayName: `Person ${accounts}`,
        password,
        grants: [{ role: 'complaints_officer' }],
      });
      return { email, userId: user.userId };
    }

    const attempt = (email: string, given: string, at: Date) =>
      signInWithPassword(heard.database.db, { email, password: given }, policy, at);

    it('answers a wrong password and an unknown email in the same words', async () => {
      const { email } = await newAccount();
      const browser = new Browser(heard.app);
      await browser.get('/sign-in');
      const wrongPassword = await browser.post('/sign-in', { email, password: 'not the password' });
      const unknownEmail = await browser.post('/sign-in', { email: 'nobody@test.nhs.uk', password });
      for (const page of [wrongPassword, unknownEmail]) {
        expect(page.statusCode).toBe(401);
        expect(page.body).toContain(wrongEmailOrPassword);
        expect(page.body).not.toContain('locked');
        expect(page.body).toContain('<title>Error: Sign in – Heard</title>');
      }
    });

    it('locks an account after five wrong passwords, then refuses even the right one and says it is locked', async () => {
      const { email, userId } = await newAccount();
      const browser = new Browser(heard.app);
      await browser.get('/sign-in');
      const answers = [];
      for (let i = 0; i < 5; i += 1) {
        answers.push(await browser.post('/sign-in', { email, password: `wrong guess ${i}` }));
      }
      expect(answers.slice(0, 4).every((page) => page.body.includes(wrongEmailOrPassword))).toBe(true);
      expect(answers[4]?.body).toContain(accountLocked.replace(/'/g, '&#39;'));

      const rightPassword = await browser.post('/sign-in', { email, password });
      expect(rightPassword.statusCode).toBe(401);
      expect(rightPassword.body).toContain('This account is locked');
      expect(rightPassword.body).toContain('ask your Heard administrator to unlock it');
      expect((await browser.get('/')).headers.location).toBe('/sign-in');

      const trail = await searchAuditTrail(heard.database.db, heard.orgId, {
        entityId: userId,
        limit: 50,
        offset: 0,
      });
      const actions = trail.map((event) => event.action);
      expect(actions.filter((action) => action === 'user.sign_in_failed')).toHaveLength(5);
      expect(actions).toContain('user.locked');
      expect(JSON.stringify(trail)).not.toContain('wrong guess');
      expect(JSON.stringify(trail)).not.toContain('argon2');
    });

    it('lets the right password in again once the fifteen-minute lock has run out', async () => {
      const { email } = await newAccount();
      for (let i = 0; i < 5; i += 1) await attempt(email, 'not it at all', start);
      expect(await attempt(email, password, minutesAfterStart(14))).toEqual({ ok: false, reason: 'locked' });
      expect(await attempt(email, password, minutesAfterStart(15))).toMatchObject({ ok: true });
    });

    it('counts only consecutive wrong passwords: signing in clears the count', async () => {
      const { email } = await newAccount();
      for (let i = 0; i < 4; i += 1) await attempt(email, 'not it at all', start);
      expect(await attempt(email, password, start)).toMatchObject({ ok: true });
      for (let i = 0; i < 4; i += 1) {
        expect(await attempt(email, 'not it at all', start)).toEqual({ ok: false, reason: 'wrong' });
      }
    });

    it('refuses a disabled account with the same words as a wrong password', async () => {
      const { email, userId } = await newAccount();
      await disableUser(heard.database.db, heard.orgId, systemActor(), userId);
      expect(await attempt(email, password, start)).toEqual({ ok: false, reason: 'wrong' });
    });

    it('records a successful sign-in in the audit trail and the last sign-in time', async () => {
      const { email, userId } = await newAccount();
      expect(await attempt(email, password, start)).toMatchObject({ ok: true, userId });
      const [latest] = await searchAuditTrail(heard.database.db, heard.orgId, {
        entityId: userId,
        limit: 1,
        offset: 0,
      });
      expect(latest).toMatchObject({
        action: 'user.signed_in',
        actorId: userId,
        after: { method: 'password' },
      });
    });
  });
});

describe.each(engines)('sign-in rate limit on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    beforeAll(async () => {
      heard = await startTestApp(engine);
    });
    afterAll(async () => heard?.close());

    it('refuses the eleventh sign-in attempt in a minute from one address with "Too many attempts"', async () => {
      const browser = new Browser(heard.app);
      await browser.get('/sign-in');
      for (let i = 0; i < 10; i += 1) {
        const page = await browser.post('/sign-in', { email: `guess${i}@test.nhs.uk`, password: 'guessing' });
        expect(page.statusCode).toBe(401);
      }
      const refused = await browser.post('/sign-in', { email: 'guess@test.nhs.uk', password: 'guessing' });
      expect(refused.statusCode).toBe(429);
      expect(refused.body).toContain('Too many attempts');
      expect(refused.body).toContain('Wait a minute and try again');
    });
  });
});
