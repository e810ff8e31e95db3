import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { Conflict, Invalid, NotFound } from '#src/web/errors.ts';
import { type Principal, systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { isoDateInLondon } from './rules.ts';
import { units } from './schema.ts';
import {
  createOrganisation,
  createUnit,
  getUnit,
  importUnitTree,
  listUnits,
  moveUnit,
  retireUnit,
  unitIdsVisibleTo,
  unitTree,
  updateUnit,
} from './service.ts';

const actor = systemActor('Unit tests');

describe.each(engines)('units service on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;
    // Each test works in its own organisation, so that none depends on another's units.
    let organisations = 0;
    const freshOrganisation = async () => {
      organisations += 1;
      const organisation = await createOrganisation(database.db, actor, {
        name: `Unit Test Trust ${organisations}`,
        odsCode: `UT${organisations}`,
      });
      return organisation.orgId;
    };
    const auditActions = (inOrg: string, entityId?: string) =>
      withOrg(database.db, inOrg, async (tx) => {
        const rows = await tx
          .select({ action: auditEvents.action, before: auditEvents.before, after: auditEvents.after })
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.orgId, inOrg),
              entityId ? eq(auditEvents.entityId, entityId) : eq(auditEvents.entityType, 'unit'),
            ),
          )
          .orderBy(asc(auditEvents.sequence));
        return rows;
      });
    const refusal = async (work: Promise<unknown>) => {
      const error = await work.then(
        () => null,
        (thrown: unknown) => thrown,
      );
      if (!(error instanceof Invalid)) throw new Error(`expected Invalid, got ${String(error)}`);
      return error.fieldErrors;
    };

    beforeAll(async () => {
      database = await createTestDatabase(engine);
    });
    afterAll(async () => database?.close());

    describe('one unit at a time', () => {
      beforeAll(async () => {
        orgId = await freshOrganisation();
      });

      it('creates a unit under a parent given by its code, opening today unless told, and audits it', async () => {
        const medicine = await createUnit(database.db, orgId, actor, {
          code: 'MED',
          name: 'Medicine',
          kind: 'division',
          activeFrom: '2020-04-01',
        });
        const ward = await createUnit(database.db, orgId, actor, {
          code: 'w9',
          name: 'Ward 9',
          kind: 'ward',
          parentCode: 'med',
        });
        expect(ward).toMatchObject({
          parentUnitId: medicine.unitId,
          activeFrom: isoDateInLondon(new Date()),
          activeTo: null,
        });
        const events = await auditActions(orgId, ward.unitId);
        expect(events.map((event) => event.action)).toEqual(['unit.created']);
        expect(events[0]?.after).toMatchObject({ code: 'w9', name: 'Ward 9' });
      });

      it('refuses a code that is already used, in any case, as a conflict', async () => {
        await expect(
          createUnit(database.db, orgId, actor, { code: 'W9', name: 'Another ward', kind: 'ward' }),
        ).rejects.toThrow(new Conflict('There is already a unit with the code w9'));
      });

      it('refuses invalid details with a message for each field', async () => {
        const errors = await refusal(
          createUnit(database.db, orgId, actor, {
            code: 'WARD 10',
            name: ' ',
            kind: 'hut' as 'ward',
            activeFrom: '2024-02-30',
          }),
        );
        expect(errors).toEqual({
          code: 'Unit code must only include letters, numbers and hyphens',
          name: 'Enter a unit name',
          kind: 'Select the kind of unit: division, locality, directorate, service, team, ward, site',
          activeFrom: 'Enter the date the unit opens as a real date, like 2024-04-01',
        });
      });

      it('refuses a parent code that does not exist, and a parent not open when the unit opens', async () => {
        expect(
          await refusal(
            createUnit(database.db, orgId, actor, {
              code: 'X1',
              name: 'X',
              kind: 'team',
              parentCode: 'NOPE',
            }),
          ),
        ).toEqual({ parentCode: 'There is no unit with the code NOPE' });
        expect(
          await refusal(
            createUnit(database.db, orgId, actor, {
              code: 'X1',
              name: 'X',
              kind: 'team',
              parentCode: 'MED',
              activeFrom: '2019-01-01',
            }),
          ),
        ).toEqual({ parentCode: 'Medicine (MED) is not active on 1 January 2019, the date this unit opens' });
      });

      it('changes a unit’s details and records before and after', async () => {
        const ward = await createUnit(database.db, orgId, actor, {
          code: 'W10',
          name: 'Ward 10',
          kind: 'ward',
          parentCode: 'MED',
          activeFrom: '2021-01-01',
        });
        const changed = await updateUnit(database.db, orgId, actor, ward.unitId, {
          name: 'Ward 10 (Respiratory)',
          code: 'W10-R',
        });
        expect(changed).toMatchObject({ name: 'Ward 10 (Respiratory)', code: 'W10-R', kind: 'ward' });
        const events = await auditActions(orgId, ward.unitId);
        expect(events.map((event) => event.action)).toEqual(['unit.created', 'unit.updated']);
        expect(events[1]?.before).toMatchObject({ name: 'Ward 10' });
        expect(events[1]?.after).toMatchObject({ name: 'Ward 10 (Respiratory)' });
      });

      it('refuses to change a code to one another unit has', async () => {
        const unit = await createUnit(database.db, orgId, actor, {
          code: 'T1',
          name: 'Team 1',
          kind: 'team',
        });
        await expect(updateUnit(database.db, orgId, actor, unit.unitId, { code: 'med' })).rejects.toThrow(
          Conflict,
        );
      });

      it('says NotFound for a unit that is not there or is not a unit id at all', async () => {
        await expect(getUnit(database.db, orgId, crypto.randomUUID())).rejects.toThrow(NotFound);
        await expect(getUnit(database.db, orgId, 'not-an-id')).rejects.toThrow(NotFound);
        await expect(updateUnit(database.db, orgId, actor, 'not-an-id', { name: 'X' })).rejects.toThrow(
          NotFound,
        );
      });
    });

    describe('moving and retiring', () => {
      let ids: Record<string, string>;
      beforeAll(async () => {
        orgId = await freshOrganisation();
        ids = {};
        for (const [code, parentCode] of [
          ['TRUST', null],
          ['MED', 'TRUST'],
          ['SURG', 'TRUST'],
          ['W1', 'MED'],
          ['W2', 'MED'],
          ['T2', 'W2'],
        ] as const) {
          const unit = await createUnit(database.db, orgId, actor, {
            code,
            name: `Unit ${code}`,
            kind: 'service',
            parentCode,
            activeFrom: '2020-04-01',
          });
          ids[code] = unit.unitId;
        }
      });
      const id = (code: string) => ids[code] ?? '';

      it('moves a unit with its branch under another unit, audited as a move', async () => {
        const moved = await moveUnit(database.db, orgId, actor, id('W2'), id('SURG'));
        expect(moved.parentUnitId).toBe(id('SURG'));
        const events = await auditActions(orgId, id('W2'));
        expect(events.at(-1)).toMatchObject({
          action: 'unit.moved',
          before: { parentUnitId: id('MED') },
          after: { parentUnitId: id('SURG') },
        });
        const tree = await unitTree(database.db, orgId, { includeRetired: false });
        const surgery = tree[0]?.children.find((node) => node.unit.code === 'SURG');
        expect(
          surgery?.children.map((node) => [node.unit.code, node.children.map((c) => c.unit.code)]),
        ).toEqual([['W2', ['T2']]]);
      });

      it('moves a unit to the top of the organisation', async () => {
        const moved = await moveUnit(database.db, orgId, actor, id('W1'), null);
        expect(moved.parentUnitId).toBeNull();
        await moveUnit(database.db, orgId, actor, id('W1'), id('MED'));
      });

      it('refuses to move a unit under itself or under a unit below it', async () => {
        expect(await refusal(moveUnit(database.db, orgId, actor, id('SURG'), id('SURG')))).toEqual({
          parentUnitId: 'A unit cannot be moved under itself',
        });
        expect(await refusal(moveUnit(database.db, orgId, actor, id('SURG'), id('T2')))).toEqual({
          parentUnitId: 'Unit T2 (T2) is below this unit, so this unit cannot be moved under it',
        });
        expect((await getUnit(database.db, orgId, id('SURG'))).parentUnitId).toBe(id('TRUST'));
      });

      it('refuses to retire a unit with active units below it, saying how many', async () => {
        expect(await refusal(retireUnit(database.db, orgId, actor, id('TRUST'), '2024-03-31'))).toEqual({
          activeTo: 'Unit TRUST still has 2 active units below it. Retire or move them first',
        });
      });

      it('retires a unit whose units below it have closed, and leaves it out of the tree unless asked', async () => {
        await retireUnit(database.db, orgId, actor, id('T2'), '2024-03-31');
        const ward = await retireUnit(database.db, orgId, actor, id('W2'), '2024-03-31');
        expect(ward.activeTo).toBe('2024-03-31');
        expect((await auditActions(orgId, id('W2'))).at(-1)).toMatchObject({
          action: 'unit.retired',
          before: { activeTo: null },
          after: { activeTo: '2024-03-31' },
        });
        const codes = (tree: Awaited<ReturnType<typeof unitTree>>): string[] =>
          tree.flatMap((node) => [node.unit.code, ...codes(node.children)]);
        expect(codes(await unitTree(database.db, orgId, { includeRetired: false }))).not.toContain('W2');
        expect(codes(await unitTree(database.db, orgId, { includeRetired: true }))).toContain('T2');
      });

      it('lets a retired unit take no new units', async () => {
        expect(
          await refusal(
            createUnit(database.db, orgId, actor, {
              code: 'T3',
              name: 'Team 3',
              kind: 'team',
              parentCode: 'W2',
            }),
          ),
        ).toEqual({ parentCode: 'Unit W2 (W2) was retired on 31 March 2024, so it cannot take new units' });
        expect(await refusal(moveUnit(database.db, orgId, actor, id('W1'), id('W2')))).toEqual({
          parentUnitId: 'Unit W2 (W2) was retired on 31 March 2024, so it cannot take new units',
        });
      });

      it('refuses a closing date before the opening date', async () => {
        expect(await refusal(retireUnit(database.db, orgId, actor, id('W1'), '2019-12-31'))).toEqual({
          activeTo: 'The date the unit closes must be the same as or after the date it opens (1 April 2020)',
        });
      });
    });

    describe('who sees which units', () => {
      it('gives organisation-wide roles every unit, and a unit-scoped role its units and all below them', async () => {
        orgId = await freshOrganisation();
        const make = (code: string, parentCode: string | null) =>
          createUnit(database.db, orgId, actor, {
            code,
            name: code,
            kind: 'team',
            parentCode,
            activeFrom: '2020-04-01',
          });
        const med = await make('MED', null);
        const ward = await make('W1', 'MED');
        const team = await make('T1', 'W1');
        const surgery = await make('SURG', null);
        const principal = (unitScope: Principal['unitScope']): Principal => ({
          kind: 'user',
          orgId,
          id: crypto.randomUUID(),
          name: 'Someone',
          organisationName: 'Unit Test Trust',
          roles: ['service_manager'],
          permissions: new Set(['units:view']),
          unitScope,
        });
        expect(await unitIdsVisibleTo(database.db, principal('all'))).toBe('all');
        expect(await unitIdsVisibleTo(database.db, principal([ward.unitId]))).toEqual(
          new Set([ward.unitId, team.unitId]),
        );
        expect(await unitIdsVisibleTo(database.db, principal([med.unitId, surgery.unitId]))).toEqual(
          new Set([med.unitId, ward.unitId, team.unitId, surgery.unitId]),
        );
      });
    });

    describe('each organisation’s units are its own', () => {
      it('keeps a unit created in one organisation invisible from another, even to a query with no filter', async () => {
        const first = await freshOrganisation();
        const second = await freshOrganisation();
        const unit = await createUnit(database.db, first, actor, {
          code: 'SECRET',
          name: 'Secret',
          kind: 'ward',
        });
        expect(await listUnits(database.db, second)).toEqual([]);
        await expect(getUnit(database.db, second, unit.unitId)).rejects.toThrow(NotFound);
        // Row-level security, not our filters, is what keeps the second organisation out.
        const seen = await withOrg(database.db, second, (tx) => tx.select().from(units));
        expect(seen).toEqual([]);
        const sameCode = await createUnit(database.db, second, actor, {
          code: 'SECRET',
          name: 'Also',
          kind: 'ward',
        });
        expect(sameCode.unitId).not.toBe(unit.unitId);
      });
    });

    describe('importing a unit tree', () => {
      const goodFile = [
        'Code,Name,Kind,Parent_Code,Active_From,Active_To',
        'T1,Team 1,team,W1,2021-04-01,',
        'W1,Ward 1,ward,MED,2021-04-01,',
        'MED,Medicine,division,,2020-04-01,',
      ].join('\n');

      it('reports every problem row by row and applies nothing when any row has one', async () => {
        orgId = await freshOrganisation();
        const report = await importUnitTree(
          database.db,
          orgId,
          actor,
          [goodFile, 'W2,Ward 2,ward,WARD9,,', 'W 3,,ward,,,'].join('\n'),
          { dryRun: false },
        );
        expect(report).toMatchObject({ created: 0, updated: 0, errors: 2, applied: false });
        expect(report.rows.filter((row) => row.outcome === 'error')).toEqual([
          {
            rowNumber: 5,
            code: 'W2',
            outcome: 'error',
            messages: ['parent_code WARD9 is not in the file or the organisation'],
          },
          {
            rowNumber: 6,
            code: 'W 3',
            outcome: 'error',
            messages: ['Unit code must only include letters, numbers and hyphens', 'name is blank'],
          },
        ]);
        expect(await listUnits(database.db, orgId)).toEqual([]);
        expect(await auditActions(orgId)).toEqual([]);
      });

      it('changes nothing on a dry run', async () => {
        const report = await importUnitTree(database.db, orgId, actor, goodFile, { dryRun: true });
        expect(report).toMatchObject({ created: 3, updated: 0, errors: 0, applied: false });
        expect(await listUnits(database.db, orgId)).toEqual([]);
      });

      it('applies a good file in one go, parents first, auditing each unit', async () => {
        const report = await importUnitTree(database.db, orgId, actor, goodFile, { dryRun: false });
        expect(report).toMatchObject({ created: 3, updated: 0, errors: 0, applied: true });
        const tree = await unitTree(database.db, orgId, { includeRetired: true });
        expect(
          tree.map((node) => [
            node.unit.code,
            node.children[0]?.unit.code,
            node.children[0]?.children[0]?.unit.code,
          ]),
        ).toEqual([['MED', 'W1', 'T1']]);
        const actions = (await auditActions(orgId)).map((event) => event.action);
        expect(actions.filter((action) => action === 'unit.created')).toHaveLength(3);
        expect(actions).toContain('units.imported');
      });

      it('adds nothing when the same file is imported again', async () => {
        const eventsBefore = (await auditActions(orgId)).length;
        const report = await importUnitTree(database.db, orgId, actor, goodFile, { dryRun: false });
        expect(report).toMatchObject({ created: 0, updated: 0, errors: 0, applied: true });
        expect(report.rows.map((row) => row.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
        expect(await listUnits(database.db, orgId)).toHaveLength(3);
        expect(await auditActions(orgId)).toHaveLength(eventsBefore);
      });

      it('updates existing units by code, audited with before and after', async () => {
        const file = [
          'code,name,kind,parent_code,active_from,active_to',
          'w1,Ward One,ward,MED,2021-04-01,2024-03-31',
          't1,Team 1,team,W1,2021-04-01,2024-03-31',
        ].join('\n');
        const report = await importUnitTree(database.db, orgId, actor, file, { dryRun: false });
        expect(report).toMatchObject({ created: 0, updated: 2, errors: 0, applied: true });
        const ward = (await listUnits(database.db, orgId)).find((unit) => unit.code === 'w1');
        expect(ward).toMatchObject({ name: 'Ward One', activeTo: '2024-03-31' });
        const events = await auditActions(orgId, ward?.unitId);
        expect(events.at(-1)).toMatchObject({
          action: 'unit.updated',
          before: { name: 'Ward 1', code: 'W1' },
          after: { name: 'Ward One', code: 'w1' },
        });
      });
    });
  });
});
