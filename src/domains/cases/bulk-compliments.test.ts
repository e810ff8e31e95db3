import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { Invalid } from '#src/web/errors.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import {
  type BulkCompliments,
  type BulkComplimentsService,
  bulkComplimentsService,
  complimentSummary,
} from './bulk-compliments.ts';
import { recordColumns } from './queries.ts';
import { feedbackRecords } from './schema.ts';
import { type CasesService, casesService } from './service.ts';

const actor = systemActor('Bulk compliment tests');

describe('a compliment’s words as its summary', () => {
  it.each([
    ['short words are kept whole', 'Thank you, Ward 1', 'Thank you, Ward 1'],
    ['spaces and line breaks are made single', '  Lovely   staff\tthroughout  ', 'Lovely staff throughout'],
    [
      'long words are cut at a space, with an ellipsis',
      `${'kind '.repeat(30)}end`,
      `${'kind '.repeat(22)}kind…`,
    ],
  ])('%s', (_case, words, summary) => {
    expect(complimentSummary(words)).toBe(summary);
    expect(complimentSummary(words).length).toBeLessThanOrEqual(120);
  });

  it('cuts a long word with no space in it at the length', () => {
    expect(complimentSummary('x'.repeat(200), 20)).toBe(`${'x'.repeat(19)}…`);
  });
});

describe.each(engines)('compliments logged in bulk on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let cases: CasesService;
    let bulk: BulkComplimentsService;
    let orgId: string;
    let unitId: string;
    let otherUnitId: string;

    const batch = (changes: Partial<BulkCompliments> = {}): BulkCompliments => ({
      unitId,
      receivedDate: '2024-05-31',
      channel: 'letter',
      ...changes,
    });
    const complimentsIn = (inUnit: string) =>
      withOrg(database.db, orgId, (tx) =>
        tx
          .select(recordColumns)
          .from(feedbackRecords)
          .where(and(eq(feedbackRecords.orgId, orgId), eq(feedbackRecords.unitId, inUnit)))
          .orderBy(asc(feedbackRecords.reference)),
      );
    const eventsFor = (recordIds: string[]) =>
      withOrg(database.db, orgId, (tx) =>
        tx
          .select({ action: auditEvents.action, entityId: auditEvents.entityId, after: auditEvents.after })
          .from(auditEvents)
          .where(and(eq(auditEvents.orgId, orgId), inArray(auditEvents.entityId, recordIds))),
      );
    const refusedWith = async (input: BulkCompliments) => {
      const error = await bulk.logComplimentsInBulk(orgId, actor, input).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      if (!(error instanceof Invalid)) throw new Error(`expected Invalid, got ${String(error)}`);
      return error.fieldErrors;
    };

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      const clock = () => new Date('2024-06-03T12:00:00Z');
      cases = casesService({
        db: database.db,
        config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 },
        clock,
      });
      bulk = bulkComplimentsService({ db: database.db, clock });
      orgId = (await createOrganisation(database.db, actor, { name: 'Thanks Trust', odsCode: 'TH1' })).orgId;
      const otherOrgId = (await createOrganisation(database.db, actor, { name: 'Other', odsCode: 'TH2' }))
        .orgId;
      const unit = (inOrg: string, code: string) =>
        createUnit(database.db, inOrg, actor, { code, name: code, kind: 'ward', activeFrom: '2020-01-01' });
      unitId = (await unit(orgId, 'W1')).unitId;
      otherUnitId = (await unit(otherOrgId, 'W9')).unitId;
    });
    afterAll(async () => database?.close());

    it('logs twelve thank-you cards as twelve compliment records, numbered on from those logged one by one', async () => {
      const single = await cases.logRecord(orgId, actor, {
        kind: 'compliment',
        channel: 'email',
        unitId,
        receivedDate: '2024-05-30',
        summary: 'Thanks by email',
      });
      if (single.outcome !== 'logged') throw new Error('not logged');
      expect(single.record.reference).toBe('T-2024-00001');

      const records = await bulk.logComplimentsInBulk(
        orgId,
        actor,
        batch({ count: 12, description: 'Thank-you card' }),
      );
      expect(records).toHaveLength(12);
      expect(records.map((record) => record.reference)).toEqual(
        Array.from({ length: 12 }, (_, index) => `T-2024-${String(index + 2).padStart(5, '0')}`),
      );
      for (const record of records) {
        expect(record).toMatchObject({
          kind: 'compliment',
          channel: 'letter',
          unitId,
          receivedDate: '2024-05-31',
          summary: 'Thank-you card',
          narrative: null,
          status: 'open',
        });
      }
      const after = await cases.logRecord(orgId, actor, {
        kind: 'compliment',
        channel: 'phone',
        unitId,
        receivedDate: '2024-06-01',
        summary: 'Thanks by phone',
      });
      expect(after.outcome === 'logged' && after.record.reference).toBe('T-2024-00014');
    });

    it('records one "case.logged" audit event for each compliment, without their words', async () => {
      const words = ['Thank you to everyone who looked after Mr Example', 'The night staff were wonderful'];
      const records = await bulk.logComplimentsInBulk(orgId, actor, batch({ compliments: words }));
      const events = await eventsFor(records.map((record) => record.recordId));
      expect(events.map((event) => event.action)).toEqual(['case.logged', 'case.logged']);
      expect(new Set(events.map((event) => event.entityId))).toEqual(new Set(records.map((r) => r.recordId)));
      expect(JSON.stringify(events)).not.toContain('Mr Example');
      expect(JSON.stringify(events)).not.toContain('wonderful');
    });

    it('logs one compliment a line, skipping blank lines, shortening long words and keeping them whole in the narrative', async () => {
      const long = `The care my mother received was outstanding from the moment she arrived ${'and so on '.repeat(10)}`;
      const records = await bulk.logComplimentsInBulk(
        orgId,
        actor,
        batch({ compliments: ['Lovely staff', '', '   ', long, 'Clean ward'] }),
      );
      expect(records.map((record) => record.summary)).toEqual([
        'Lovely staff',
        complimentSummary(long),
        'Clean ward',
      ]);
      expect(records[1]?.summary.endsWith('…')).toBe(true);
      expect(records[1]?.narrative).toBe(long.trim());
    });

    it('logs the most allowed at once, 500, and refuses 501 with a clear message, writing nothing', async () => {
      const before = (await complimentsIn(unitId)).length;
      const tooMany = 'You can log up to 500 compliments at a time: split them into smaller batches';
      expect(await refusedWith(batch({ count: 501 }))).toEqual({ count: tooMany });
      const lines = Array.from({ length: 501 }, (_, index) => `Thank you ${index + 1}`);
      expect(await refusedWith(batch({ compliments: lines }))).toEqual({ compliments: tooMany });
      expect(await complimentsIn(unitId)).toHaveLength(before);

      const records = await bulk.logComplimentsInBulk(
        orgId,
        actor,
        batch({ compliments: lines.slice(0, 500) }),
      );
      expect(records).toHaveLength(500);
      expect(new Set(records.map((record) => record.reference)).size).toBe(500);
      expect(await complimentsIn(unitId)).toHaveLength(before + 500);
    }, 60_000);

    it('asks for either a number or the words, not both and not neither', async () => {
      expect(await refusedWith(batch({ count: 3, compliments: ['Thanks'] }))).toEqual({
        count: 'Enter either how many compliments there were or their words, not both',
      });
      expect(await refusedWith(batch({ compliments: ['', '  '] }))).toEqual({
        count: 'Enter how many compliments there were, or their words one to a line',
      });
      expect((await refusedWith(batch({ count: 2.5 }))).count).toBe(
        'Enter how many compliments there were as a whole number, like 12',
      );
      expect((await refusedWith(batch({ count: Number.NaN }))).count).toBe(
        'Enter how many compliments there were as a whole number, like 12',
      );
    });

    it('refuses a date in the future, a channel staff do not log, and a service of another organisation', async () => {
      expect(await refusedWith(batch({ count: 1, receivedDate: '2024-06-04' }))).toEqual({
        receivedDate: 'The date received must be today or in the past',
      });
      expect(
        (await refusedWith(batch({ count: 1, channel: 'survey' as BulkCompliments['channel'] }))).channel,
      ).toBe('Select how they reached us');
      expect(await refusedWith(batch({ count: 1, unitId: otherUnitId }))).toEqual({
        unitId: 'Select a service from your organisation’s list',
      });
    });
  });
});
