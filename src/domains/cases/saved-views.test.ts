import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { addUser } from '#src/domains/identity/index.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { Forbidden, Invalid, NotFound } from '#src/web/errors.ts';
import { type Principal, systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { refusal } from '#test/support/refusal.ts';
import { type SavedCaseViews, savedCaseViews } from './saved-views.ts';

const actor = systemActor('Saved view tests');

describe.each(engines)('saved views of the work queue on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let views: SavedCaseViews;
    let orgId: string;
    let pat: Principal;
    let lee: Principal;
    const staff = async (name: string): Promise<Principal> => {
      const user = await addUser(database.db, orgId, actor, {
        email: `${name.toLowerCase()}@views.test`,
        displayName: `${name} Officer`,
        grants: [{ role: 'complaints_officer' }],
      });
      return {
        kind: 'user',
        orgId,
        id: user.userId,
        name: user.displayName,
        organisationName: 'Views Trust',
        roles: ['complaints_officer'],
        permissions: new Set(['cases:view']),
        unitScope: 'all',
      };
    };

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      views = savedCaseViews({ db: database.db });
      orgId = (await createOrganisation(database.db, actor, { name: 'Views Trust', odsCode: 'VT1' })).orgId;
      pat = await staff('Pat');
      lee = await staff('Lee');
    });
    afterAll(async () => database?.close());

    it('keeps each person’s views to themselves: seen, and deleted, only by their owner', async () => {
      const view = await views.saveView(pat, {
        name: 'Overdue responses',
        query: 'deadline=response-overdue',
      });
      await views.saveView(lee, { name: 'Overdue responses', query: 'deadline=response-overdue&mine=yes' });
      expect((await views.viewsFor(pat)).map((row) => [row.name, row.query])).toEqual([
        ['Overdue responses', 'deadline=response-overdue'],
      ]);
      await refusal(NotFound, views.deleteView(lee, view.viewId));
      expect(await views.viewsFor(pat)).toHaveLength(1);
      await views.deleteView(pat, view.viewId);
      expect(await views.viewsFor(pat)).toEqual([]);
      expect(await views.viewsFor(lee)).toHaveLength(1);
    });

    it('refuses a view with no name, or a name the person already uses', async () => {
      const empty = await refusal(Invalid, views.saveView(pat, { name: '  ', query: '' }));
      expect(empty.fieldErrors.name).toBe('Enter a name for the view');
      await views.saveView(pat, { name: 'Complaints', query: 'kind=complaint' });
      const twice = await refusal(
        Invalid,
        views.saveView(pat, { name: 'Complaints', query: 'kind=concern' }),
      );
      expect(twice.fieldErrors.name).toContain('You already have a view called ‘Complaints’');
      const long = await refusal(Invalid, views.saveView(pat, { name: 'x'.repeat(101), query: '' }));
      expect(long.fieldErrors.name).toBe('The name must be 100 characters or fewer');
    });

    it('is for members of staff signed in, not API keys', async () => {
      const key: Principal = { ...pat, kind: 'api_key' };
      await refusal(Forbidden, views.saveView(key, { name: 'Key view', query: '' }));
      expect(await views.viewsFor(key)).toEqual([]);
    });

    it('records each save and delete in the audit trail, without the words searched for', async () => {
      const view = await views.saveView(pat, {
        name: 'Lost glasses',
        query: 'q=Ann+Example+glasses&kind=concern',
      });
      await views.deleteView(pat, view.viewId);
      const trail = await withOrg(database.db, orgId, (tx) =>
        tx
          .select({
            action: auditEvents.action,
            actorName: auditEvents.actorName,
            before: auditEvents.before,
            after: auditEvents.after,
          })
          .from(auditEvents)
          .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.entityId, view.viewId)))
          .orderBy(asc(auditEvents.sequence)),
      );
      expect(trail).toEqual([
        {
          action: 'case-view.saved',
          actorName: 'Pat Officer',
          before: null,
          after: { name: 'Lost glasses', filters: 'kind=concern', searched: true },
        },
        {
          action: 'case-view.deleted',
          actorName: 'Pat Officer',
          before: { name: 'Lost glasses', filters: 'kind=concern', searched: true },
          after: null,
        },
      ]);
      expect(JSON.stringify(trail)).not.toContain('Ann');
    });
  });
});
