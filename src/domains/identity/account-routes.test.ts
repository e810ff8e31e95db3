import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '#src/domains/audit/index.ts';
import { Invalid } from '#src/web/errors.ts';
import { systemActor } from '#src/web/principal.ts';
import { Browser, startTestApp, type TestApp, testPassword } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { errorSummaryLinks } from '#test/support/forms.ts';
import { addUser, changeOwnPassword } from './service.ts';

describe.each(engines)('changing your own password on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    beforeAll(async () => {
      heard = await startTestApp(engine);
    });
    afterAll(async () => heard?.close());

    it('is for anyone signed in, and sends others to sign in', async () => {
      expect((await heard.app.inject({ url: '/account/password' })).headers.location).toBe('/sign-in');
      const investigator = await heard.signInAs('investigator', { email: 'ian@test.nhs.uk' });
      const page = await investigator.get('/account/password');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Change your password');
      expect(page.body).toContain('Must be 12 characters or more');
    });

    it('asks for both passwords, and checks the current one before the new one', async () => {
      const browser = await heard.signInAs('auditor', { email: 'audrey@test.nhs.uk' });
      const empty = await browser.post('/account/password', {});
      expect(empty.statusCode).toBe(422);
      expect(empty.body).toContain('<title>Error: Change your password – Heard</title>');
      expect(errorSummaryLinks(empty.body)).toEqual([
        { href: '#currentPassword', text: 'Enter your current password' },
        { href: '#password', text: 'Enter a new password' },
      ]);
      const wrongCurrent = await browser.post('/account/password', {
        currentPassword: 'not my password',
        password: 'a perfectly fine new passphrase',
      });
      expect(errorSummaryLinks(wrongCurrent.body)).toEqual([
        { href: '#currentPassword', text: 'The current password is not correct' },
      ]);
      const tooShort = await browser.post('/account/password', {
        currentPassword: testPassword,
        password: 'short',
      });
      expect(errorSummaryLinks(tooShort.body)).toEqual([
        { href: '#password', text: 'Password must be 12 characters or more' },
      ]);
    });

    it('changes the password, says so, and the old one no longer works', async () => {
      const email = 'pat@test.nhs.uk';
      const browser = await heard.signInAs('executive', { email });
      const changed = await browser.post('/account/password', {
        currentPassword: testPassword,
        password: 'kettle on, biscuits out, feet up',
      });
      expect(changed.statusCode).toBe(303);
      expect((await browser.get('/account/password')).body).toContain('Your password has been changed');

      const other = new Browser(heard.app);
      await other.get('/sign-in');
      expect((await other.post('/sign-in', { email, password: testPassword })).statusCode).toBe(401);
      await other.signIn(email, 'kettle on, biscuits out, feet up');

      const trail = JSON.stringify(
        await searchAuditTrail(heard.database.db, heard.orgId, {
          text: 'password_changed',
          limit: 5,
          offset: 0,
        }),
      );
      expect(trail).toContain('user.password_changed');
      expect(trail).not.toContain('kettle');
      expect(trail).not.toContain('argon2');
    });

    it('keeps the session that changed the password and signs the person out everywhere else', async () => {
      const email = 'sam@test.nhs.uk';
      const here = await heard.signInAs('investigator', { email });
      const elsewhere = new Browser(heard.app);
      await elsewhere.signIn(email, testPassword);
      expect((await elsewhere.get('/')).statusCode).toBe(200);

      const changed = await here.post('/account/password', {
        currentPassword: testPassword,
        password: 'the tide comes in twice a day',
      });
      expect(changed.statusCode).toBe(303);
      expect((await here.get('/')).statusCode).toBe(200);
      const after = await elsewhere.get('/');
      expect(after.statusCode).toBe(303);
      expect(after.headers.location).toBe('/sign-in');
    });

    it('tells someone who signs in only through their organisation that they have no Heard password', async () => {
      const user = await addUser(heard.database.db, heard.orgId, systemActor(), {
        email: 'sso.only@test.nhs.uk',
        displayName: 'Single Signon',
        grants: [{ role: 'executive' }],
      });
      const attempt = changeOwnPassword(heard.database.db, heard.orgId, systemActor(), user.userId, {
        currentPassword: 'anything',
        newPassword: 'a perfectly fine new passphrase',
      });
      await expect(attempt).rejects.toBeInstanceOf(Invalid);
      await expect(attempt).rejects.toMatchObject({
        fieldErrors: { currentPassword: expect.stringContaining('You do not have a Heard password') },
      });
    });
  });
});
