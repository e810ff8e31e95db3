import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '#src/domains/audit/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn } from '#test/support/html.ts';
import { HttpBrowser, type HttpPage } from '#test/support/http-browser.ts';
import { startIdentityProvider, type TestIdentityProvider } from '#test/support/identity-provider.ts';
import { oidcRedirectUri } from './oidc.ts';
import { addUser, disableUser } from './service.ts';

describe('the redirect URI given to the identity provider', () => {
  it.each([
    {
      publicUrl: undefined,
      origin: 'http://127.0.0.1:3000',
      uri: 'http://127.0.0.1:3000/sign-in/oidc/callback',
    },
    {
      publicUrl: 'https://heard.example.nhs.uk/',
      origin: 'http://10.0.0.5:3000',
      uri: 'https://heard.example.nhs.uk/sign-in/oidc/callback',
    },
  ])('is on PUBLIC_URL when set, otherwise the address used: $uri', ({ publicUrl, origin, uri }) => {
    expect(oidcRedirectUri(publicUrl, origin)).toBe(uri);
  });
});

describe.each(engines)('single sign-on through an OpenID Connect provider on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let provider: TestIdentityProvider;
    let heard: TestApp;
    let heardUrl: string;

    beforeAll(async () => {
      provider = await startIdentityProvider();
      heard = await startTestApp(engine, {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_PROVIDER_NAME: 'Test Identity',
      });
      await heard.app.listen({ port: 0, host: '127.0.0.1' });
      heardUrl = `http://127.0.0.1:${(heard.app.server.address() as AddressInfo).port}`;
      provider.registerClient(`${heardUrl}/sign-in/oidc/callback`);
    });
    afterAll(async () => {
      await heard?.close();
      await provider?.close();
    });

    /** Signs in at the provider's development login page as `subject`, consenting if asked. */
    async function signInAtProvider(
      browser: HttpBrowser,
      subject: string,
      options: { stopBefore?: (next: URL) => boolean } = {},
    ): Promise<HttpPage> {
      const login = await browser.follow(`${heardUrl}/sign-in/oidc`);
      expect(new URL(login.url).origin).toBe(provider.issuer);
      expect(login.body).toContain('name="login"');
      let page = await browser.submitForm(login, { login: subject, password: 'any password' }, options);
      if (page.body.includes('value="consent"')) page = await browser.submitForm(page, {}, options);
      return page;
    }

    it('offers a "Sign in with" button on the sign-in page', async () => {
      const page = await new HttpBrowser().follow(`${heardUrl}/sign-in`);
      expect(page.body).toContain('Sign in with Test Identity');
      expect(page.body).toContain('href="/sign-in/oidc"');
      expect(await htmlProblemsIn(page.body)).toEqual([]);
    });

    it('sends the person to the provider with an authorization code request, PKCE, state and nonce', async () => {
      const start = await new HttpBrowser().request(`${heardUrl}/sign-in/oidc`);
      const location = new URL(start.headers.get('location') ?? '');
      expect(start.status).toBe(303);
      expect(location.origin).toBe(provider.issuer);
      expect(Object.fromEntries(location.searchParams)).toMatchObject({
        response_type: 'code',
        client_id: provider.clientId,
        redirect_uri: `${heardUrl}/sign-in/oidc/callback`,
        scope: 'openid profile email',
        code_challenge_method: 'S256',
      });
      for (const parameter of ['state', 'nonce', 'code_challenge']) {
        expect(location.searchParams.get(parameter)?.length).toBeGreaterThan(20);
      }
    });

    it('signs in someone with a Heard account, matched on their email the first time and their subject after', async () => {
      const user = await addUser(heard.database.db, heard.orgId, systemActor(), {
        email: 'Alice.Example@test.nhs.uk',
        displayName: 'Alice Example',
        grants: [{ role: 'complaints_officer' }],
      });
      provider.people.set('alice-subject', { email: 'alice.example@test.nhs.uk', name: 'Alice Example' });

      const first = await signInAtProvider(new HttpBrowser(), 'alice-subject');
      expect(first.url).toBe(`${heardUrl}/`);
      expect(first.status).toBe(200);
      expect(first.body).toContain('Signed in as Alice Example');

      // The subject is now kept: a later change of email at the provider still finds the account.
      provider.people.set('alice-subject', {
        email: 'alice.married-name@test.nhs.uk',
        name: 'Alice Example',
      });
      const second = await signInAtProvider(new HttpBrowser(), 'alice-subject');
      expect(second.body).toContain('Signed in as Alice Example');

      const trail = await searchAuditTrail(heard.database.db, heard.orgId, {
        entityId: user.userId,
        limit: 10,
        offset: 0,
      });
      const actions = trail.map((event) => event.action);
      expect(actions.filter((action) => action === 'user.signed_in')).toHaveLength(2);
      expect(actions).toContain('user.identity_provider_linked');
      expect(trail.find((event) => event.action === 'user.signed_in')?.after).toEqual({ method: 'oidc' });
    });

    it('refuses someone the provider knows but Heard does not, and never makes them an account', async () => {
      provider.people.set('stranger-subject', { email: 'stranger@elsewhere.nhs.uk', name: 'Sam Stranger' });
      const browser = new HttpBrowser();
      const page = await signInAtProvider(browser, 'stranger-subject');
      expect(page.status).toBe(403);
      expect(page.body).toContain('You do not have a Heard account');
      expect(page.body).toContain('Ask your Heard administrator to add you');
      expect(page.body).toContain('stranger@elsewhere.nhs.uk');
      expect(await htmlProblemsIn(page.body)).toEqual([]);
      expect((await browser.request(`${heardUrl}/`)).headers.get('location')).toBe('/sign-in');
      const trail = await searchAuditTrail(heard.database.db, heard.orgId, {
        text: 'sign_in_refused',
        limit: 5,
        offset: 0,
      });
      expect(trail[0]?.after).toMatchObject({ reason: 'no account', subject: 'stranger-subject' });
    });

    it('refuses an email the provider says it has not verified', async () => {
      await addUser(heard.database.db, heard.orgId, systemActor(), {
        email: 'bob@test.nhs.uk',
        displayName: 'Bob Example',
        grants: [{ role: 'executive' }],
      });
      provider.people.set('impostor-subject', { email: 'bob@test.nhs.uk', email_verified: false });
      const page = await signInAtProvider(new HttpBrowser(), 'impostor-subject');
      expect(page.status).toBe(403);
      expect(page.body).toContain('You do not have a Heard account');
    });

    it('tells someone whose account is disabled that it is disabled', async () => {
      const user = await addUser(heard.database.db, heard.orgId, systemActor(), {
        email: 'carol@test.nhs.uk',
        displayName: 'Carol Example',
        grants: [{ role: 'executive' }],
      });
      await disableUser(heard.database.db, heard.orgId, systemActor(), user.userId);
      provider.people.set('carol-subject', { email: 'carol@test.nhs.uk' });
      const page = await signInAtProvider(new HttpBrowser(), 'carol-subject');
      expect(page.status).toBe(403);
      expect(page.body).toContain('Your Heard account is disabled');
    });

    it('refuses a response whose state does not match the one Heard sent', async () => {
      await addUser(heard.database.db, heard.orgId, systemActor(), {
        email: 'dan@test.nhs.uk',
        displayName: 'Dan Example',
        grants: [{ role: 'executive' }],
      });
      provider.people.set('dan-subject', { email: 'dan@test.nhs.uk' });
      const browser = new HttpBrowser();
      const toHeard = await signInAtProvider(browser, 'dan-subject', {
        stopBefore: (next: URL) => next.pathname === '/sign-in/oidc/callback',
      });
      const callback = new URL(toHeard.location ?? '');
      expect(callback.searchParams.get('code')).toBeTruthy();
      callback.searchParams.set('state', 'a-state-heard-never-sent');

      const refused = await browser.follow(callback.href);
      expect(refused.status).toBe(400);
      expect(refused.body).toContain('Sign-in did not work');
      expect((await browser.request(`${heardUrl}/`)).headers.get('location')).toBe('/sign-in');
    });

    it('refuses a callback when no sign-in was started in this browser', async () => {
      const page = await new HttpBrowser().follow(
        `${heardUrl}/sign-in/oidc/callback?code=stolen&state=whatever`,
      );
      expect(page.status).toBe(400);
      expect(page.body).toContain('Sign-in did not work');
    });
  });
});
