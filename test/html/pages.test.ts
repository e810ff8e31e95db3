import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';

// The standard document rules; the few we turn off are choices nhsuk-frontend's own markup makes.
const validator = new HtmlValidate({
  extends: ['html-validate:document'],
  rules: {
    'no-trailing-whitespace': 'off',
    'long-title': 'off',
    // Our styles and scripts come from our own origin, which the CSP already pins; SRI guards third-party hosts.
    'require-sri': 'off',
  },
});

async function problemsIn(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((result) =>
    result.messages.map((message) => `${message.ruleId} line ${message.line}: ${message.message}`),
  );
}

describe('rendered pages are valid HTML', () => {
  let heard: TestApp;
  let administrator: Browser;
  beforeAll(async () => {
    heard = await startTestApp('pglite');
    administrator = await heard.signInAs('administrator');
  });
  afterAll(async () => heard?.close());

  it.each(['/sign-in', '/accessibility', '/no-such-page'])('%s, signed out', async (url) => {
    const page = await heard.app.inject({ url });
    expect(await problemsIn(page.body)).toEqual([]);
  });

  it.each(['/', '/admin/units', '/admin/users', '/admin/api-keys', '/audit'])(
    '%s, as an administrator',
    async (url) => {
      const page = await administrator.get(url);
      expect(page.statusCode).toBe(200);
      expect(await problemsIn(page.body)).toEqual([]);
    },
  );
});
