import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '#src/domains/audit/index.ts';
import { accessGuardPlugin, routeAccessPlugin } from '#src/web/access.ts';
import { errorHandling } from '#src/web/error-handler.ts';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { apiCallAuditPlugin } from './api-call-audit.ts';
import { integrationRoutes } from './routes.ts';
import { createApiKey, principalForApiKey } from './service.ts';

const keyPattern = /heard_[0-9a-f]{32}_[A-Za-z0-9_-]{43}/;

describe.each(engines)('integrations on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    // One administrator for the whole file: sign-in is rate limited per address.
    let administrator: Browser;
    beforeAll(async () => {
      heard = await startTestApp(engine);
      administrator = await heard.signInAs('administrator');
    });
    afterAll(async () => heard?.close());

    const keyWith = async (permissions: string[], name = 'Test integration') =>
      (await createApiKey(heard.database.db, heard.orgId, systemActor(), { name, permissions })).key;

    const callApi = (url: string, key?: string) =>
      heard.app.inject({ url, headers: key ? { authorization: `Bearer ${key}` } : {} });

    describe('the JSON API', () => {
      it('answers a call made with a key holding the permission with the caller’s organisation', async () => {
        const response = await callApi('/api/v1/organisation', await keyWith(['units:view']));
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.json()).toEqual({ name: 'Test NHS Trust', odsCode: 'RT1' });
      });

      it.each([
        ['no key', undefined],
        ['a key that is not a Heard key', 'not-a-key'],
        ['a Heard key with the wrong secret', `heard_${'0'.repeat(32)}_${'A'.repeat(43)}`],
      ])('refuses a call with %s as 401 problem+json', async (_case, key) => {
        const response = await callApi('/api/v1/organisation', key);
        expect(response.statusCode).toBe(401);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({
          status: 401,
          title: 'Sign in required',
          instance: '/api/v1/organisation',
        });
      });

      it('refuses a call with a revoked key as 401', async () => {
        const key = await keyWith(['units:view'], 'Revoked before use');
        const apiKeyId = /heard_([0-9a-f]{32})_/
          .exec(key)?.[1]
          ?.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
        await administrator.get(`/admin/api-keys/${apiKeyId}/revoke`);
        expect((await administrator.post(`/admin/api-keys/${apiKeyId}/revoke`)).statusCode).toBe(303);
        const response = await callApi('/api/v1/organisation', key);
        expect(response.statusCode).toBe(401);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      });

      it('refuses a call with a key that lacks the permission as 403 problem+json', async () => {
        const response = await callApi('/api/v1/organisation', await keyWith(['reports:view']));
        expect(response.statusCode).toBe(403);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({ status: 403 });
      });
    });

    describe('the API description', () => {
      it('publishes an OpenAPI 3.1 document, without a key, that includes this organisation operation', async () => {
        const response = await callApi('/api/v1/openapi.json');
        expect(response.statusCode).toBe(200);
        const document = response.json();
        expect(document.openapi).toBe('3.1.0');
        expect(document.paths['/api/v1/organisation'].get).toMatchObject({
          operationId: 'getOrganisation',
          tags: ['Organisation'],
          'x-permission': 'units:view',
        });
        expect(document.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' });
        expect(
          document.paths['/api/v1/organisation'].get.responses['200'].content['application/json'].schema,
        ).toMatchObject({ properties: { name: { type: 'string' }, odsCode: { type: 'string' } } });
      });

      it('renders readable documentation of each operation and how to authenticate', async () => {
        const response = await callApi('/api/v1/docs');
        expect(response.statusCode).toBe(200);
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        expect(response.body).toContain('<title>API documentation – Heard</title>');
        const text = visibleText(response.body);
        expect(text).toContain('GET /api/v1/organisation');
        expect(text).toContain('The organisation the API key belongs to');
        expect(text).toContain('Needs the permission units:view');
        expect(text).toContain('Authorization: Bearer heard_<key id>_<secret>');
        expect(text).toMatch(/Field odsCode Type text Always present Yes/);
      });
    });

    describe('the administrator’s pages', () => {
      it('are not shown to someone without the permission to manage API keys', async () => {
        const officer = await heard.signInAs('complaints_officer');
        expect((await officer.get('/admin/api-keys')).statusCode).toBe(403);
        expect((await officer.get('/admin/api-keys/new')).statusCode).toBe(403);
      });

      it('explain what is missing from the form, with links to the fields, keeping the answers', async () => {
        await administrator.get('/admin/api-keys/new');
        const response = await administrator.post('/admin/api-keys/new', { name: '  ' });
        expect(response.statusCode).toBe(422);
        expect(response.body).toContain('<title>Error: Make an API key – Heard</title>');
        expect(response.body).toContain('There is a problem');
        expect(response.body).toContain('href="#name"');
        expect(response.body).toContain('href="#permissions"');
        expect(visibleText(response.body)).toContain('Enter a name for the API key');
        expect(visibleText(response.body)).toContain('Select what the API key may do');

        const kept = await administrator.post('/admin/api-keys/new', {
          name: 'Kept name',
          permissions: 'users:manage',
        });
        expect(kept.statusCode).toBe(422);
        expect(kept.body).toContain('value="Kept name"');
      });

      it('make a key, show it once with a warning, list it, and revoke it after asking', async () => {
        const form = await administrator.get('/admin/api-keys/new');
        expect(visibleText(form.body)).toContain('Read the organisation and its units');
        const created = await administrator.post('/admin/api-keys/new', {
          name: 'FFT survey vendor',
          permissions: ['units:view', 'reports:view'],
        });
        expect(created.statusCode).toBe(201);
        expect(created.headers['cache-control']).toBe('no-store');
        expect(visibleText(created.body)).toContain('This is the only time Heard will show it');
        const key = keyPattern.exec(created.body)?.[0] ?? '';
        expect((await callApi('/api/v1/organisation', key)).statusCode).toBe(200);

        const list = await administrator.get('/admin/api-keys');
        const listText = visibleText(list.body);
        expect(listText).toContain('FFT survey vendor');
        expect(listText).toContain('units:view, reports:view');
        expect(list.body).not.toContain(key);

        const revokeHref = /FFT survey vendor[\s\S]*?href="(\/admin\/api-keys\/[0-9a-f-]+\/revoke)"/.exec(
          list.body,
        )?.[1];
        const confirm = await administrator.get(revokeHref ?? '');
        expect(visibleText(confirm.body)).toContain(
          'Are you sure you want to revoke the API key FFT survey vendor?',
        );
        const revoked = await administrator.post(revokeHref ?? '');
        expect(revoked.statusCode).toBe(303);
        expect(revoked.headers.location).toBe('/admin/api-keys');
        const after = await administrator.get('/admin/api-keys');
        expect(visibleText(after.body)).toContain('The API key FFT survey vendor has been revoked');
        expect(visibleText(after.body)).toMatch(/FFT survey vendor .*Revoked on/);
        expect(visibleText((await administrator.get('/admin/api-keys')).body)).not.toContain(
          'has been revoked',
        );
        expect((await callApi('/api/v1/organisation', key)).statusCode).toBe(401);
      });

      it('render each page as valid HTML', async () => {
        const key = await keyWith(['units:view'], 'Valid HTML');
        const apiKeyId = (await principalForApiKey(heard.database.db, key))?.id;
        const pages = {
          list: await administrator.get('/admin/api-keys'),
          form: await administrator.get('/admin/api-keys/new'),
          confirm: await administrator.get(`/admin/api-keys/${apiKeyId}/revoke`),
          errors: await administrator.post('/admin/api-keys/new', { name: '' }),
          created: await administrator.post('/admin/api-keys/new', {
            name: 'Shown once',
            permissions: 'units:view',
          }),
          docs: await administrator.get('/api/v1/docs'),
        };
        for (const [page, response] of Object.entries(pages)) {
          expect({ page, problems: await htmlProblemsIn(response.body) }).toEqual({ page, problems: [] });
        }
      });

      it('refuse a revocation posted without the form’s security token', async () => {
        const key = await keyWith(['units:view'], 'Forged revocation');
        const principal = await principalForApiKey(heard.database.db, key);
        const response = await administrator.post(`/admin/api-keys/${principal?.id}/revoke`, {
          _csrf: 'forged',
        });
        expect(response.statusCode).toBe(403);
        expect((await callApi('/api/v1/organisation', key)).statusCode).toBe(200);
      });
    });

    describe('auditing API calls', () => {
      let app: FastifyInstance;

      // Composed as src/app.ts composes the web plumbing, with the audit plugin before the routes.
      beforeAll(async () => {
        const db = heard.database.db;
        app = Fastify({ logger: false });
        await app.register(errorHandling);
        await app.register(routeAccessPlugin);
        await app.register(accessGuardPlugin, {
          principalForUser: async () => null,
          principalForApiKey: (key: string) => principalForApiKey(db, key),
        });
        await app.register(apiCallAuditPlugin, { db });
        await app.register(integrationRoutes({ config: heard.config, db, engine }));
        await app.ready();
      });
      afterAll(async () => app?.close());

      /** The audit event is written before the response is sent; read it (retrying is a safety net only). */
      async function apiCallEvents(apiKeyId: string, expected: number) {
        for (let attempt = 0; attempt < 50; attempt += 1) {
          const events = await searchAuditTrail(heard.database.db, heard.orgId, {
            text: 'api.call',
            entityId: apiKeyId,
            limit: 10,
            offset: 0,
          });
          if (events.length >= expected) return events;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        return [];
      }

      it('records each call made with a key, with its method, path without the query, and status', async () => {
        const key = await keyWith(['units:view'], 'Audited integration');
        const principal = await principalForApiKey(heard.database.db, key);
        const keyId = principal?.id ?? '';
        const call = await app.inject({
          url: '/api/v1/organisation?fields=all',
          headers: { authorization: `Bearer ${key}` },
        });
        expect(call.statusCode).toBe(200);
        const [event] = await apiCallEvents(keyId, 1);
        expect(event).toMatchObject({
          action: 'api.call',
          entityType: 'api_key',
          entityId: keyId,
          actorKind: 'api_key',
          actorId: keyId,
          actorName: 'API key: Audited integration',
          requestId: call.headers['x-request-id'] ?? expect.any(String),
          after: { method: 'GET', path: '/api/v1/organisation', status: 200 },
        });
      });

      it('records a call the key was refused permission for, with its status', async () => {
        const key = await keyWith(['reports:view'], 'Refused integration');
        const keyId = (await principalForApiKey(heard.database.db, key))?.id ?? '';
        const call = await app.inject({
          url: '/api/v1/organisation',
          headers: { authorization: `Bearer ${key}` },
        });
        expect(call.statusCode).toBe(403);
        const [event] = await apiCallEvents(keyId, 1);
        expect(event?.after).toEqual({ method: 'GET', path: '/api/v1/organisation', status: 403 });
      });

      it('records nothing for a call without a valid key', async () => {
        const before = await searchAuditTrail(heard.database.db, heard.orgId, {
          text: 'api.call',
          limit: 100,
          offset: 0,
        });
        const call = await app.inject({
          url: '/api/v1/organisation',
          headers: { authorization: 'Bearer wrong' },
        });
        expect(call.statusCode).toBe(401);
        await new Promise((resolve) => setTimeout(resolve, 100));
        const after = await searchAuditTrail(heard.database.db, heard.orgId, {
          text: 'api.call',
          limit: 100,
          offset: 0,
        });
        expect(after).toHaveLength(before.length);
      });
    });
  });
});
