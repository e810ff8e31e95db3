import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '#src/app.ts';
import { loadConfig } from '#src/config.ts';
import { webSessions } from '#src/domains/identity/schema.ts';
import { publicAccess } from '#src/web/access.ts';
import { Browser, startTestApp, type TestApp, testPassword } from '#test/support/app.ts';
import { createTestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';

describe.each(engines)('web plumbing on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    beforeAll(async () => {
      heard = await startTestApp(engine);
    });
    afterAll(async () => heard?.close());

    it('answers /health and /ready without a session', async () => {
      const health = await heard.app.inject({ url: '/health' });
      expect(health.json()).toMatchObject({ status: 'UP' });
      const ready = await heard.app.inject({ url: '/ready' });
      expect(ready.json()).toEqual({ status: 'UP', database: 'reachable' });
      expect(ready.headers['set-cookie']).toBeUndefined();
    });

    it('sends a strict Content Security Policy whose only inline script carries the nonce', async () => {
      const page = await heard.app.inject({ url: '/sign-in' });
      const policy = String(page.headers['content-security-policy']);
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce).toBeTruthy();
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).toContain("frame-ancestors 'none'");
      const inlineScripts = [...page.body.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)];
      expect(inlineScripts.length).toBeGreaterThan(0);
      for (const [, attributes] of inlineScripts) expect(attributes).toContain(`nonce="${nonce}"`);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
    });

    it('keeps the session in a cookie that scripts cannot read and other sites do not send', async () => {
      const page = await heard.app.inject({ url: '/sign-in' });
      const cookie = String(page.headers['set-cookie']);
      expect(cookie).toContain('heard.sid=');
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
    });

    it('refuses a form sent without its CSRF token, saying the form has expired', async () => {
      const browser = new Browser(heard.app);
      await browser.get('/sign-in');
      const response = await browser.post('/sign-in', {
        _csrf: 'forged',
        email: 'a@b.nhs.uk',
        password: testPassword,
      });
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('Your form has expired');
    });

    it('answers an unknown API path with application/problem+json', async () => {
      const response = await heard.app.inject({ url: '/api/v1/nothing-here' });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 404, title: 'Page not found' });
    });

    it('shows the success message a form leaves once, in one banner at the top of the main content', async () => {
      const browser = await heard.signInAs('administrator');
      const added = await browser.post('/admin/units/new', {
        name: 'Banner Ward',
        code: 'BANNER',
        kind: 'ward',
        'activeFrom[day]': '1',
        'activeFrom[month]': '4',
        'activeFrom[year]': '2024',
      });
      expect(added.statusCode).toBe(303);
      const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
      const next = main((await browser.get(String(added.headers.location))).body);
      expect(next.match(/nhsuk-notification-banner--success/g)).toHaveLength(1);
      expect(next).toContain('Banner Ward has been added');
      expect(next.indexOf('nhsuk-notification-banner')).toBeLessThan(next.indexOf('<h1'));
      const after = main((await browser.get(String(added.headers.location))).body);
      expect(after).not.toContain('nhsuk-notification-banner');
    });

    it('ends the session on sign-out, so the old cookie no longer signs anyone in', async () => {
      const browser = await heard.signInAs('administrator');
      expect((await browser.get('/')).statusCode).toBe(200);
      await browser.post('/sign-out');
      const after = await browser.get('/');
      expect(after.statusCode).toBe(303);
      expect(after.headers.location).toBe('/sign-in');
    });
  });
});

describe('when something goes wrong inside Heard', () => {
  it('shows the NHS.UK error page with a reference and never the error or its stack', async () => {
    const database = await createTestDatabase('pglite');
    const app = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      database,
      sessionSecret: 'a-test-session-secret-of-enough-length',
      logger: false,
    });
    app.get('/explode', { config: { access: publicAccess } }, async () => {
      throw new Error('secret internal detail');
    });
    try {
      const page = await app.inject({ url: '/explode' });
      expect(page.statusCode).toBe(500);
      expect(page.body).toContain('Sorry, there is a problem with the service');
      expect(page.body).toContain(page.headers['request-id'] ?? 'Reference:');
      expect(page.body).not.toContain('secret internal detail');
      expect(page.body).not.toMatch(/at \S+ \(.*:\d+:\d+\)/);
      const api = await app.inject({ url: '/explode', headers: { accept: 'application/problem+json' } });
      expect(api.json()).toMatchObject({ status: 500, title: 'Sorry, there is a problem with the service' });
      expect(api.body).not.toContain('secret internal detail');
    } finally {
      await app.close();
      await database.close();
    }
  });
});

describe('sessions under load', () => {
  it('does not rewrite an unchanged session on every page a signed-in person opens', async () => {
    const heard = await startTestApp('pglite');
    try {
      const browser = await heard.signInAs('administrator');
      const stamps = async () =>
        (await heard.database.db.select({ updatedAt: webSessions.updatedAt }).from(webSessions)).map((row) =>
          row.updatedAt.getTime(),
        );
      const before = await stamps();
      for (let page = 0; page < 5; page += 1) expect((await browser.get('/')).statusCode).toBe(200);
      expect(await stamps()).toEqual(before);
    } finally {
      await heard.close();
    }
  });
});
