import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { createApiKey } from '#src/domains/integrations/index.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { actionsService } from './service.ts';

const actor = systemActor('Action plan API tests');
const cqcTable = [
  [
    'No',
    'Recommendation',
    'Lead',
    'Action completed',
    'Further action',
    'Date',
    'Methods of measurement',
    'Outcome indicators',
    'Reported to',
    'Status',
    'Must do or should do',
    'Key question',
  ],
  [
    '1',
    'Medicines are stored safely',
    'Matron',
    '',
    'Log fridge temperatures daily',
    '2099-03-31',
    'Audit',
    'Every day logged',
    'Quality Committee',
    'In progress',
    'Must do',
    'Safe',
  ],
  [
    '1',
    'Medicines are stored safely',
    'Pharmacist',
    '',
    'Replace failing fridges',
    '2001-01-31',
    'Estates log',
    'No fridge out of range',
    'Quality Committee',
    'Not started',
    'Must do',
    'Safe',
  ],
  [
    '2',
    'Care plans show the person’s goals',
    'Ward manager',
    'Template changed',
    '',
    '2099-06-30',
    'Care plan audit',
    '90% show goals',
    'Clinical Governance',
    'Completed',
    'Should do',
    'Effective',
  ],
];

// Action plans through /api/v1: read with actions:view, change an action's status and record
// evidence with actions:update, within the key's own organisation, all in the audit trail.
describe.each(engines)('action plans through the JSON API on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let planId = '';
    const keys = { view: '', update: '', cases: '', otherOrganisation: '' };
    const keyWith = async (orgId: string, permissions: string[], name: string) =>
      (await createApiKey(heard.database.db, orgId, actor, { name, permissions })).key;
    const call = (key: string, method: string, url: string, body?: unknown) =>
      heard.app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        payload: body === undefined ? undefined : JSON.stringify(body),
      });

    beforeAll(async () => {
      heard = await startTestApp(engine);
      const actions = actionsService({ db: heard.database.db, config: heard.config });
      const imported = await actions.importPlan(
        heard.orgId,
        actor,
        { name: 'CQC inspection 2024', source: 'cqc-inspection' },
        cqcTable,
      );
      planId = imported.plan?.planId ?? '';
      keys.view = await keyWith(heard.orgId, ['actions:view'], 'Board dashboard');
      keys.update = await keyWith(heard.orgId, ['actions:view', 'actions:update'], 'Governance system');
      keys.cases = await keyWith(heard.orgId, ['cases:view'], 'Cases only');
      const other = await createOrganisation(heard.database.db, actor, {
        name: 'Other Trust',
        odsCode: 'RX9',
      });
      keys.otherOrganisation = await keyWith(other.orgId, ['actions:view', 'actions:update'], 'Other');
    }, 60_000);
    afterAll(async () => heard?.close());

    it('describes the four operations in the OpenAPI document, each with its permission', async () => {
      const document = (await heard.app.inject({ url: '/api/v1/openapi.json' })).json();
      const described = (path: string, method: string) => document.paths[path]?.[method]?.['x-permission'];
      expect(described('/api/v1/action-plans', 'get')).toBe('actions:view');
      expect(described('/api/v1/action-plans/{planId}', 'get')).toBe('actions:view');
      expect(described('/api/v1/actions/{actionId}/status', 'put')).toBe('actions:update');
      expect(described('/api/v1/actions/{actionId}/evidence', 'post')).toBe('actions:update');
    });

    it('lists the plans with their progress, and reads one with its recommendations and actions', async () => {
      const list = await call(keys.view, 'GET', '/api/v1/action-plans');
      expect(list.statusCode).toBe(200);
      expect(list.json().plans).toEqual([
        expect.objectContaining({
          planId,
          name: 'CQC inspection 2024',
          source: 'cqc-inspection',
          progress: expect.objectContaining({
            counts: { 'not-started': 0, 'in-progress': 1, overdue: 1, completed: 1, total: 3 },
            percentComplete: 33,
          }),
        }),
      ]);
      const plan = await call(keys.view, 'GET', `/api/v1/action-plans/${planId}`);
      expect(plan.statusCode).toBe(200);
      const body = plan.json();
      expect(body.recommendations.map((row: { number: string }) => row.number)).toEqual(['1', '2']);
      expect(body.recommendations[0].actions).toEqual([
        expect.objectContaining({
          lead: 'Matron',
          shownStatus: 'in-progress',
          keyQuestion: 'safe',
          version: 1,
        }),
        expect.objectContaining({ lead: 'Pharmacist', shownStatus: 'overdue', dueDate: '2001-01-31' }),
      ]);
      expect(body).not.toHaveProperty('createdBy');
      expect(body).not.toHaveProperty('sourceRecordId');
    });

    it('refuses a key without the permission, another organisation’s key and a call without a key', async () => {
      const plan = (await call(keys.view, 'GET', `/api/v1/action-plans/${planId}`)).json();
      const actionId = plan.recommendations[0].actions[0].actionId;
      const status = { version: 1, status: 'in-progress', furtherAction: 'x' };
      expect((await call(keys.view, 'PUT', `/api/v1/actions/${actionId}/status`, status)).statusCode).toBe(
        403,
      );
      expect((await call(keys.cases, 'GET', '/api/v1/action-plans')).statusCode).toBe(403);
      expect((await call('', 'GET', '/api/v1/action-plans')).statusCode).toBe(401);
      expect((await call(keys.otherOrganisation, 'GET', `/api/v1/action-plans/${planId}`)).statusCode).toBe(
        404,
      );
      expect(
        (await call(keys.otherOrganisation, 'POST', `/api/v1/actions/${actionId}/evidence`, { note: 'x' }))
          .statusCode,
      ).toBe(404);
      expect((await call(keys.otherOrganisation, 'GET', '/api/v1/action-plans')).json().plans).toEqual([]);
    });

    it('records evidence and completes an action, refusing a stale version, with every step in the trail', async () => {
      const plan = (await call(keys.update, 'GET', `/api/v1/action-plans/${planId}`)).json();
      const action = plan.recommendations[0].actions[1];
      const url = `/api/v1/actions/${action.actionId}`;

      const invalid = await call(keys.update, 'PUT', `${url}/status`, { version: 1, status: 'overdue' });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.json().errors.status).toContain('Status must be one of');
      const early = await call(keys.update, 'PUT', `${url}/status`, { version: 1, status: 'completed' });
      expect(early.statusCode).toBe(422);
      expect(early.json().detail).toContain('Record evidence that the action was done');

      const evidence = await call(keys.update, 'POST', `${url}/evidence`, {
        note: 'Three fridges replaced in March; estates log attached to the committee papers',
      });
      expect(evidence.statusCode).toBe(201);
      expect(evidence.json()).toMatchObject({
        actionId: action.actionId,
        addedByName: 'API key: Governance system',
      });

      const done = await call(keys.update, 'PUT', `${url}/status`, {
        version: 1,
        status: 'completed',
        actionCompleted: 'All failing fridges replaced',
      });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ status: 'completed', shownStatus: 'completed', version: 2 });
      const stale = await call(keys.update, 'PUT', `${url}/status`, { version: 1, status: 'in-progress' });
      expect(stale.statusCode).toBe(409);

      const list = (await call(keys.view, 'GET', '/api/v1/action-plans')).json();
      expect(list.plans[0].progress.counts).toMatchObject({ overdue: 0, completed: 2 });

      const trail = await withOrg(heard.database.db, heard.orgId, (tx) =>
        tx.select().from(auditEvents).where(eq(auditEvents.orgId, heard.orgId)),
      );
      const ofAction = trail
        .filter((event) => event.entityId === action.actionId)
        .map((event) => event.action);
      expect(ofAction).toEqual(['action.created', 'action.evidence-added', 'action.updated']);
      const calls = trail.filter((event) => event.action === 'api.call').map((event) => event.after);
      expect(calls).toContainEqual({ method: 'PUT', path: `${url}/status`, status: 200 });
      expect(calls).toContainEqual({ method: 'POST', path: `${url}/evidence`, status: 201 });
    });
  });
});
