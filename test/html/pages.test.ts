import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { htmlProblemsIn } from '#test/support/html.ts';

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
    expect(await htmlProblemsIn(page.body)).toEqual([]);
  });

  it.each(['/', '/admin/units', '/admin/users', '/admin/api-keys', '/audit'])(
    '%s, as an administrator',
    async (url) => {
      const page = await administrator.get(url);
      expect(page.statusCode).toBe(200);
      expect(await htmlProblemsIn(page.body)).toEqual([]);
    },
  );

  it('a page showing the success message a form left, as an administrator', async () => {
    const added = await administrator.post('/admin/units/new', {
      name: 'Valid Ward',
      code: 'VALID',
      kind: 'ward',
      'activeFrom[day]': '1',
      'activeFrom[month]': '4',
      'activeFrom[year]': '2024',
    });
    expect(added.statusCode).toBe(303);
    const page = await administrator.get(String(added.headers.location));
    expect(page.body).toContain('Valid Ward has been added');
    expect(await htmlProblemsIn(page.body)).toEqual([]);
  });
});
