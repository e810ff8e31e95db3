import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Permission, permissionsByRole, type Role, roles } from '#src/domains/identity/index.ts';
import type { RouteAccess } from '#src/web/access.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';

/**
 * Every route anyone may call without signing in. A new public route must be added here on
 * purpose, so that nothing becomes public by accident.
 */
const publicRoutes = new Set([
  'GET /health',
  'GET /ready',
  'GET /assets/*',
  'GET /accessibility',
  'GET /sign-in',
  'POST /sign-in',
  'POST /sign-out',
  'GET /sign-in/oidc',
  'GET /sign-in/oidc/callback',
  'GET /api/v1/openapi.json',
  'GET /api/v1/docs',
  // GOV.UK Notify's delivery receipts: Notify holds no Heard API key, so the route checks the
  // bearer token agreed with Notify (NOTIFY_CALLBACK_TOKEN) itself, refusing everything else with 401.
  'POST /api/v1/notify/callback',
  // The public "Tell us about your experience" journey (cases/public-routes.ts): anyone may give
  // feedback without an account. Each POST still needs the session's CSRF token, and sending
  // (POST …/check) is rate limited per address.
  'GET /feedback/:odsCode',
  'GET /feedback/:odsCode/easy-read',
  'GET /feedback/:odsCode/kind',
  'POST /feedback/:odsCode/kind',
  'GET /feedback/:odsCode/service',
  'POST /feedback/:odsCode/service',
  'GET /feedback/:odsCode/what-happened',
  'POST /feedback/:odsCode/what-happened',
  'GET /feedback/:odsCode/put-right',
  'POST /feedback/:odsCode/put-right',
  'GET /feedback/:odsCode/about-you',
  'POST /feedback/:odsCode/about-you',
  'GET /feedback/:odsCode/who',
  'POST /feedback/:odsCode/who',
  'GET /feedback/:odsCode/patient',
  'POST /feedback/:odsCode/patient',
  'GET /feedback/:odsCode/check',
  'POST /feedback/:odsCode/check',
  'GET /feedback/:odsCode/confirmation',
  // "You said – We did" (actions/statement-routes.ts): public statements per trust and per unit,
  // and their Atom feeds. They show only each statement's public fields, never its source.
  'GET /you-said-we-did/:odsCode',
  'GET /you-said-we-did/:odsCode/feed.atom',
  'GET /you-said-we-did/:odsCode/units/:unitCode',
  'GET /you-said-we-did/:odsCode/units/:unitCode/feed.atom',
  // The public survey pages (surveys/public-routes.ts): a link, QR code and ward kiosk per unit and
  // survey, answered without an account; each POST needs the session's CSRF token. The kiosk's
  // progressive-enhancement script and the pages' stylesheet are served from the surveys domain.
  'GET /surveys/assets/kiosk.js',
  'GET /surveys/assets/surveys.css',
  'GET /surveys/:odsCode/:surveyCode/:unitCode',
  'POST /surveys/:odsCode/:surveyCode/:unitCode',
  'GET /surveys/:odsCode/:surveyCode/:unitCode/thank-you',
  'GET /surveys/:odsCode/:surveyCode/:unitCode/kiosk',
  'POST /surveys/:odsCode/:surveyCode/:unitCode/kiosk',
  'GET /surveys/:odsCode/:surveyCode/:unitCode/kiosk/thank-you',
  // An invitation's link (surveys/invitation-routes.ts): answered once, and a way to stop invitations.
  'GET /surveys/:odsCode/invitation/:token',
  'POST /surveys/:odsCode/invitation/:token',
  'GET /surveys/:odsCode/invitation/:token/opt-out',
  'POST /surveys/:odsCode/invitation/:token/opt-out',
]);

const checkedMethods = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Fills each :param with a made-up id: access is decided before the record is looked up. */
const concreteUrl = (url: string) => url.replace(/:[A-Za-z]+/g, () => randomUUID());

const key = (route: RouteAccess) => `${route.method} ${route.url}`;

describe.each(engines)('every route checks every role on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let routes: RouteAccess[];
    const browsers = new Map<Role, Browser>();

    beforeAll(async () => {
      heard = await startTestApp(engine);
      routes = heard.app.routeAccess.filter((route) => checkedMethods.has(route.method));
      for (const role of roles) browsers.set(role, await heard.signInAs(role));
    });
    afterAll(async () => heard?.close());

    it('declares as public only the routes listed as public', () => {
      const publicNow = routes.filter((route) => 'public' in route.access).map(key);
      expect(publicNow.filter((route) => !publicRoutes.has(route))).toEqual([]);
    });

    it('refuses every protected route to someone who is not signed in', async () => {
      for (const route of routes.filter((r) => !('public' in r.access))) {
        const response = await heard.app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
        });
        const expected = route.method === 'GET' && !route.url.startsWith('/api/') ? 303 : 401;
        expect({ route: key(route), status: response.statusCode }).toEqual({
          route: key(route),
          status: expected,
        });
      }
    });

    it.each(roles)('lets a %s reach exactly the routes their permissions allow', async (role) => {
      const browser = browsers.get(role);
      if (!browser) throw new Error(`no browser for ${role}`);
      const granted = new Set<Permission>(permissionsByRole[role]);
      const mismatches: string[] = [];
      for (const route of routes) {
        if ('public' in route.access) continue;
        const url = concreteUrl(route.url);
        // Each route is called with its own method: a PUT answered as a POST would only find no route.
        const response =
          route.method === 'GET'
            ? await browser.get(url)
            : route.method === 'POST'
              ? await browser.post(url, {})
              : await browser.request(route.method, url, '{}', { 'content-type': 'application/json' });
        const allowed = granted.has(route.access.permission);
        const refused = response.statusCode === 403 || response.statusCode === 401;
        if (allowed === refused) {
          mismatches.push(
            `${key(route)} gave ${response.statusCode} but ${role} ${allowed ? 'holds' : 'lacks'} ${route.access.permission}`,
          );
        }
        // Keep the session's CSRF token fresh after pages that render forms.
        if (route.method !== 'GET') await browser.get('/');
      }
      expect(mismatches).toEqual([]);
    });
  });
});
