import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';

describe.each(engines)('home page on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    beforeAll(async () => {
      heard = await startTestApp(engine);
    });
    afterAll(async () => heard?.close());

    it('sends someone who is not signed in to the sign-in page', async () => {
      const response = await heard.app.inject({ url: '/' });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/sign-in');
    });

    it('shows an administrator the cards for setting up the organisation', async () => {
      const browser = await heard.signInAs('administrator');
      const page = await browser.get('/');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Test NHS Trust');
      expect(page.body).toContain('Users and roles');
      expect(page.body).toContain('Audit trail');
    });

    it('shows an executive no administration cards', async () => {
      const browser = await heard.signInAs('executive');
      const page = await browser.get('/');
      expect(page.body).not.toContain('Users and roles');
      expect(page.body).toContain('Executive or board member');
    });
  });
});
