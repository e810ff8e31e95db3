import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '#src/db/tenancy.ts';
import { parsePeriod } from '#src/domains/calendar/index.ts';
import {
  type CaseFigures,
  caseFigures,
  type LocalityCounts,
  unitCaseFigures,
} from '#src/domains/cases/index.ts';
import { findOrganisationByOdsCode, listUnits } from '#src/domains/organisations/index.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { rowsOf } from '#test/support/rows.ts';
import { demoOdsCode } from './accounts.ts';
import { loadDemo } from './index.ts';

// Issue 4's acceptance test: the demo trust's records for 2017/18 Q2 reproduce the case figures of
// ../shared/seeds/service-experience-report-2017-q2.txt, sections 2.1–2.4, when the cases domain
// computes them from the records (figures.ts), and Q1's where the report gives them consistently.
// The report's Gloucestershire is the demo's Northshire (NTH), Herefordshire its Southshire (STH).

const byLocality = (counts: LocalityCounts) =>
  Object.fromEntries(counts.byLocality.map((entry) => [entry.code ?? 'none', entry.count]));

const staffGroups = (figures: CaseFigures) =>
  Object.fromEntries(
    figures.complaints.staffGroups
      .filter((group) => group.total > 0)
      .map((group) => [group.code, [group.total, group.upheld, group.notUpheld]]),
  );

describe.each(engines)('the demo trust against the seed report on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;
    let quarter1: CaseFigures;
    let quarter2: CaseFigures;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      // As `heard serve --first-run-demo` loads it: the default seed and scale.
      await loadDemo(database.db);
      orgId = (await findOrganisationByOdsCode(database.db, demoOdsCode))?.orgId ?? '';
      // The records as they stood when the demo's two years ended.
      const figuresOf = (code: string) =>
        caseFigures(database.db, orgId, parsePeriod(code), { today: '2018-03-31' });
      quarter1 = await figuresOf('2017/18-Q1');
      quarter2 = await figuresOf('2017/18-Q2');
    }, 300_000);
    afterAll(async () => database?.close());

    describe('2017/18 Q2, as the report counts it', () => {
      it('received 19 complaints, 16 in Gloucestershire and 3 in Herefordshire, against 16 in Q1 (Table 1)', () => {
        expect(quarter2.complaints.received.total).toBe(19);
        expect(byLocality(quarter2.complaints.received)).toEqual({ CORP: 0, NTH: 16, STH: 3 });
        expect(quarter2.complaints.previousPeriodReceived.total).toBe(16);
        expect(byLocality(quarter2.complaints.previousPeriodReceived)).toEqual({ CORP: 0, NTH: 13, STH: 3 });
      });

      it('acknowledged 100% within 3 working days (Table 2)', () => {
        expect(quarter2.complaints.acknowledgedWithinThreeWorkingDays).toMatchObject({
          numerator: 19,
          denominator: 19,
          percent: 100,
          pending: 0,
        });
      });

      it('closed 93% within the agreed timescale: one of the 15 responses due was overdue (Table 2)', () => {
        expect(quarter2.complaints.closedWithinAgreedTimescale).toEqual({
          numerator: 14,
          denominator: 15,
          percent: 93,
          pending: 0,
        });
      });

      it('closed 19: not upheld 4, partially upheld 14, upheld 0, withdrawn 1 (Table 4)', () => {
        expect(quarter2.complaints.closed).toEqual({
          total: 19,
          outcomes: { 'not-upheld': 4, 'partially-upheld': 14, upheld: 0, withdrawn: 1, undecided: 0 },
        });
      });

      it('gives a team dashboard over every unit the same outcomes as the trust’s Table 4', async () => {
        const unitIds = (await listUnits(database.db, orgId)).map((unit) => unit.unitId);
        const everyUnit = await unitCaseFigures(database.db, orgId, unitIds, {
          from: '2017-07-01',
          to: '2017-09-30',
          closedFrom: '2017-07-01',
          closedTo: '2017-09-30',
          today: '2018-03-31',
        });
        expect(everyUnit.outcomes).toEqual(quarter2.complaints.closed.outcomes);
        const oneUnit = await unitCaseFigures(database.db, orgId, [unitIds[0] ?? ''], {
          from: '2017-07-01',
          to: '2017-09-30',
          closedFrom: '2017-07-01',
          closedTo: '2017-09-30',
          today: '2018-03-31',
        });
        const closedAt = (outcomes: Record<string, number>) =>
          Object.values(outcomes).reduce((a, b) => a + b, 0);
        expect(closedAt(oneUnit.outcomes)).toBeLessThan(19);
      });

      it('had 1 reopened complaint, 4 local resolution meetings and 2 referrals to the PHSO (Table 3, §2.4)', () => {
        expect(quarter2.complaints.reopened).toBe(1);
        expect(quarter2.complaints.localResolutionMeetings).toBe(4);
        expect(quarter2.complaints.ombudsmanReferrals).toBe(2);
      });

      it('gives Table 5’s issue and staff-group pairs on complaints closed in the quarter', () => {
        expect(staffGroups(quarter2)).toEqual({
          medical: [4, 2, 2],
          nursing: [50, 26, 24],
          'social-worker': [3, 2, 1],
          psychology: [1, 0, 1],
          pwp: [11, 5, 6],
          estates: [4, 1, 3],
          hca: [1, 1, 0],
          other: [3, 1, 2],
          none: [2, 0, 2],
        });
      });

      it('received 44 concerns (38, 3 and 3 Corporate), of which 5 were escalated: 11% (Tables 2 and 9)', () => {
        expect(quarter2.concerns.received.total).toBe(44);
        expect(byLocality(quarter2.concerns.received)).toEqual({ CORP: 3, NTH: 38, STH: 3 });
        expect(quarter2.concerns.escalated).toEqual({ numerator: 5, denominator: 44, percent: 11 });
      });

      it('gives Table 11’s concerns by staff group: 49 named over the 44 concerns', () => {
        const named = Object.fromEntries(
          quarter2.concerns.staffGroups
            .filter((group) => group.count > 0)
            .map((group) => [group.code, group.count]),
        );
        expect(named).toEqual({
          admin: 3,
          medical: 8,
          hca: 2,
          nursing: 21,
          pwp: 4,
          psychology: 1,
          other: 2,
          none: 8,
        });
        expect(quarter2.concerns.staffGroups.reduce((sum, group) => sum + group.count, 0)).toBe(49);
      });

      it('received 449 compliments and 79 other contacts (§2.2–2.3)', () => {
        expect(quarter2.compliments.received.total).toBe(449);
        expect(quarter2.otherContacts.received.total).toBe(79);
      });
    });

    describe('2017/18 Q1, where the report gives it', () => {
      it('received 16 complaints (13 and 3), all acknowledged in time, and closed 81% within the agreed timescale', () => {
        expect(byLocality(quarter1.complaints.received)).toEqual({ CORP: 0, NTH: 13, STH: 3 });
        expect(quarter1.complaints.acknowledgedWithinThreeWorkingDays.percent).toBe(100);
        expect(quarter1.complaints.closedWithinAgreedTimescale).toMatchObject({
          numerator: 13,
          denominator: 16,
          percent: 81,
        });
      });

      it('closed 16, 63% partially upheld and 6% upheld; nursing named 40 times', () => {
        expect(quarter1.complaints.closed.total).toBe(16);
        expect(quarter1.complaints.closed.outcomes).toMatchObject({ 'partially-upheld': 10, upheld: 1 });
        expect(staffGroups(quarter1).nursing?.[0]).toBe(40);
      });

      it('had 4 reopened complaints, 2 local resolution meetings and no PHSO referrals', () => {
        expect(quarter1.complaints.reopened).toBe(4);
        expect(quarter1.complaints.localResolutionMeetings).toBe(2);
        expect(quarter1.complaints.ombudsmanReferrals).toBe(0);
      });

      it('received 55 concerns (41, 9 and 5 Corporate), 4% escalated, and 39 other contacts', () => {
        expect(byLocality(quarter1.concerns.received)).toEqual({ CORP: 5, NTH: 41, STH: 9 });
        expect(quarter1.concerns.escalated).toMatchObject({ numerator: 2, percent: 4 });
        expect(quarter1.otherContacts.received.total).toBe(39);
      });
    });

    it('adds no records when loaded a second time', async () => {
      const recordCount = async () => {
        const [row] = await asSystem(database.db, (tx) =>
          rowsOf<{ count: number | string }>(
            tx,
            sql`select count(*) as count from feedback_records where org_id = ${orgId}`,
          ),
        );
        return Number(row?.count);
      };
      const before = await recordCount();
      expect(before).toBeGreaterThan(4000);
      expect(await loadDemo(database.db)).toBe(false);
      expect(await recordCount()).toBe(before);
    });

    it('gives every record an audit trail: its own events, or the month’s records logged in bulk with it', async () => {
      const [unaudited] = await asSystem(database.db, (tx) =>
        rowsOf<{ count: number | string }>(
          tx,
          sql`with audited as (
                select entity_id as record_id from audit_events
                  where org_id = ${orgId} and entity_type = 'case'
                union
                select batch.record ->> 'recordId' from audit_events e
                  cross join jsonb_array_elements(e.after -> 'records') as batch(record)
                  where e.org_id = ${orgId} and e.action = 'case.logged-in-bulk')
              select count(*) as count from feedback_records r
              where r.org_id = ${orgId}
                and r.record_id::text not in (select record_id from audited where record_id is not null)`,
        ),
      );
      expect(Number(unaudited?.count)).toBe(0);
    });
  });
});
