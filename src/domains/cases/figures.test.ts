import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '#src/db/tenancy.ts';
import { parsePeriod } from '#src/domains/calendar/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import {
  type CaseFigures,
  caseFigures,
  caseFiguresOfPeriods,
  countsByLocality,
  localitiesOfUnits,
  outcomeCounts,
} from './figures.ts';
import type { NewRecord } from './inputs.ts';
import { casesService } from './service.ts';

const unit = (unitId: string, kind: string, parentUnitId: string | null = null) => ({
  unitId,
  parentUnitId,
  kind,
  code: unitId.toUpperCase(),
  name: `${unitId} name`,
});

describe('localitiesOfUnits: the nearest locality at or above each unit', () => {
  const units = [
    unit('north', 'locality'),
    unit('service', 'service', 'north'),
    unit('ward', 'ward', 'service'),
    unit('division', 'division'),
    unit('inner', 'locality', 'division'),
    unit('team', 'team', 'inner'),
    unit('stray', 'ward'),
    unit('loop-a', 'team', 'loop-b'),
    unit('loop-b', 'team', 'loop-a'),
  ];
  it.each<[string, string | null, string]>([
    ['north', 'north', 'a locality is its own'],
    ['ward', 'north', 'two levels down'],
    ['team', 'inner', 'the nearest, under a division'],
    ['division', null, 'a division above every locality has none'],
    ['stray', null, 'a unit with no parent and no locality'],
    ['loop-a', null, 'a (wrongly) cyclic tree ends rather than loops'],
  ])('%s belongs to %s (%s)', (unitId, localityId) => {
    expect(localitiesOfUnits(units).get(unitId)?.unitId ?? null).toBe(localityId);
  });

  it('gathers counts into every locality, in name order, and keeps records under none apart', () => {
    const counts = countsByLocality(units, [
      { unitId: 'ward', count: 3 },
      { unitId: 'north', count: 1 },
      { unitId: 'stray', count: 2 },
    ]);
    expect(counts).toEqual({
      total: 6,
      byLocality: [
        { unitId: 'inner', code: 'INNER', name: 'inner name', count: 0 },
        { unitId: 'north', code: 'NORTH', name: 'north name', count: 4 },
        { unitId: null, code: null, name: 'Not in a locality', count: 2 },
      ],
    });
  });
});

describe('outcomeCounts: each closed complaint once, by the outcome its issues give', () => {
  it('derives upheld, partially upheld, not upheld and withdrawn', () => {
    const complaint = (status: string, upheld: number, notUpheld: number, undecided = 0) => ({
      status,
      upheld,
      notUpheld,
      undecided,
    });
    expect(
      outcomeCounts([
        complaint('closed', 2, 0),
        complaint('closed', 1, 3),
        complaint('closed', 0, 2),
        complaint('closed', 0, 1),
        complaint('withdrawn', 1, 0, 1),
        complaint('closed', 1, 0, 1),
      ]),
    ).toEqual({ upheld: 1, 'partially-upheld': 1, 'not-upheld': 2, withdrawn: 1, undecided: 1 });
  });
});

const actor = systemActor('Figures tests');

describe.each(engines)('caseFigures on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;
    let figures: CaseFigures;
    const unitIds: Record<string, string> = {};

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      let today = '2017-04-01';
      const cases = casesService({
        db: database.db,
        config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 },
        clock: () => new Date(`${today}T12:00:00Z`),
      });
      orgId = (await createOrganisation(database.db, actor, { name: 'Figures Trust', odsCode: 'FT1' })).orgId;
      const add = async (code: string, kind: 'locality' | 'ward' | 'team', parentCode?: string) => {
        const created = await createUnit(database.db, orgId, actor, {
          code,
          name: `${code} unit`,
          kind,
          parentCode,
          activeFrom: '2009-04-01',
        });
        unitIds[code] = created.unitId;
      };
      await add('NORTH', 'locality');
      await add('NORTH-WARD', 'ward', 'NORTH');
      await add('SOUTH', 'locality');
      await add('SOUTH-WARD', 'ward', 'SOUTH');
      await add('CORP', 'locality');
      await add('CORP-TEAM', 'team', 'CORP');
      await add('STRAY', 'ward');

      /** Logs a record on its own day, as it happened then. */
      const log = async (kind: NewRecord['kind'], unitCode: string, receivedDate: string) => {
        today = receivedDate;
        const result = await cases.logRecord(orgId, actor, {
          kind,
          channel: 'letter',
          unitId: unitIds[unitCode] as string,
          receivedDate,
          summary: `A ${kind}`,
          personName: 'Fictional Person',
        });
        if (result.outcome !== 'logged') throw new Error('expected the record to be logged');
        return result.record.recordId;
      };
      const on = async <T>(date: string, work: () => Promise<T>) => {
        today = date;
        return work();
      };
      const issue = async (recordId: string, staffGroupCodes: string[], outcome: 'upheld' | 'not-upheld') => {
        const added = await cases.addIssue(orgId, actor, recordId, {
          subjectCode: 'communications',
          staffGroupCodes,
          unitId: unitIds['NORTH-WARD'] as string,
          description: 'An issue',
        });
        await cases.recordIssueOutcome(orgId, actor, added.issueId, outcome);
      };
      const close = (recordId: string, responseSentDate: string) =>
        on(responseSentDate, () =>
          cases.closeComplaint(orgId, actor, recordId, { responseSentDate, signedOffBy: 'Chief Executive' }),
        );

      // Q1 2017/18: the previous quarter.
      const f = await log('complaint', 'NORTH-WARD', '2017-04-03'); // response due 11 May
      await on('2017-04-05', () => cases.acknowledgeComplaint(orgId, actor, f, '2017-04-05'));
      await on('2017-04-20', () =>
        cases.recordLocalResolutionMeeting(orgId, actor, f, { meetingDate: '2017-04-20', attendees: 'F' }),
      );
      await issue(f, ['hca'], 'upheld');
      await close(f, '2017-05-01');
      const e = await log('complaint', 'NORTH-WARD', '2017-06-05'); // response due 10 July
      await on('2017-06-06', () => cases.acknowledgeComplaint(orgId, actor, e, '2017-06-06'));
      await issue(e, ['nursing'], 'not-upheld');
      await close(e, '2017-06-30');
      await log('concern', 'NORTH-WARD', '2017-06-20');
      await log('compliment', 'SOUTH-WARD', '2017-06-21');

      // Q2 2017/18.
      const a = await log('complaint', 'NORTH-WARD', '2017-07-03'); // due 7 August
      await on('2017-07-05', () => cases.acknowledgeComplaint(orgId, actor, a, '2017-07-05'));
      await on('2017-07-20', () =>
        cases.recordLocalResolutionMeeting(orgId, actor, a, { meetingDate: '2017-07-20', attendees: 'A' }),
      );
      await issue(a, ['nursing', 'medical'], 'upheld');
      await issue(a, ['nursing'], 'not-upheld');
      await close(a, '2017-08-01'); // partially upheld, on time

      const b = await log('complaint', 'NORTH-WARD', '2017-07-10'); // acknowledgement due 13 July, response 14 August
      await on('2017-07-14', () => cases.acknowledgeComplaint(orgId, actor, b, '2017-07-14'));
      await issue(b, ['none'], 'not-upheld');
      await close(b, '2017-08-15'); // not upheld, a day late

      await on('2017-07-15', () =>
        cases.reopenComplaint(orgId, actor, e, { reopenedOn: '2017-07-15', reason: 'New questions' }),
      ); // e was due 10 July and is open again: overdue

      const c = await log('complaint', 'SOUTH-WARD', '2017-08-01'); // due 6 September
      await on('2017-08-02', () => cases.acknowledgeComplaint(orgId, actor, c, '2017-08-02'));
      await on('2017-08-30', () =>
        cases.agreeExtension(orgId, actor, c, {
          agreedOn: '2017-08-30',
          newAgreedDate: '2017-10-16',
          reason: 'Waiting for a statement',
        }),
      ); // now due in Q3
      await issue(c, ['psychology'], 'upheld');
      await close(c, '2017-09-25'); // upheld

      const d = await log('complaint', 'STRAY', '2017-08-07');
      await on('2017-08-08', () => cases.acknowledgeComplaint(orgId, actor, d, '2017-08-08'));
      await on('2017-08-20', () =>
        cases.withdrawComplaint(orgId, actor, d, { withdrawnDate: '2017-08-20', reason: 'Resolved' }),
      );

      const k1 = await log('concern', 'NORTH-WARD', '2017-08-21');
      const h = await on('2017-08-24', () =>
        cases.escalateConcern(orgId, actor, k1, { channel: 'letter', receivedDate: '2017-08-24' }),
      ); // due 29 September
      await on('2017-08-25', () => cases.acknowledgeComplaint(orgId, actor, h.record.recordId, '2017-08-25'));
      await on('2017-09-01', () => cases.referToOmbudsman(orgId, actor, f, { referredDate: '2017-09-01' }));
      await log('concern', 'CORP-TEAM', '2017-08-10');
      await log('concern', 'SOUTH-WARD', '2017-09-01');
      await log('compliment', 'NORTH-WARD', '2017-07-11');
      const destroyed = await log('compliment', 'CORP-TEAM', '2017-09-12');
      await log('enquiry', 'SOUTH-WARD', '2017-09-13');
      await log('comment', 'NORTH-WARD', '2017-09-14');
      await log('mp-enquiry', 'NORTH-WARD', '2017-09-15');
      await log('complaint', 'NORTH-WARD', '2017-09-25'); // not acknowledged yet: due 28 September

      // A record destroyed at the end of retention keeps its row and so its count.
      await asSystem(database.db, (tx) =>
        tx.execute(
          sql`update feedback_records set person_name = null, destroyed_date = '2027-09-12' where record_id = ${destroyed}`,
        ),
      );

      figures = await caseFigures(database.db, orgId, parsePeriod('2017/18-Q2'), { today: '2017-09-27' });
    });
    afterAll(async () => database?.close());

    const byLocality = (counts: CaseFigures['complaints']['received']) =>
      Object.fromEntries(counts.byLocality.map((entry) => [entry.code ?? 'none', entry.count]));

    it('counts complaints received by locality, and the quarter before', () => {
      expect(figures.complaints.received.total).toBe(6);
      expect(byLocality(figures.complaints.received)).toEqual({ CORP: 0, NORTH: 4, SOUTH: 1, none: 1 });
      expect(figures.complaints.previousPeriodReceived.total).toBe(2);
      expect(figures.previousPeriod.code).toBe('2017/18-Q1');
    });

    it('measures acknowledgement within 3 working days, leaving out one still within its time (SI 2009/309 reg 13(1))', () => {
      expect(figures.complaints.acknowledgedWithinThreeWorkingDays).toEqual({
        numerator: 4,
        denominator: 5,
        percent: 80,
        pending: 1,
      });
    });

    it('measures closure within the agreed timescale over the responses that fell due in the quarter', () => {
      // Due in Q2: a (on time), b (a day late), e (reopened: open after its date); h is due on
      // 29 September, still pending on the 27th; c was extended into Q3; d was withdrawn.
      expect(figures.complaints.closedWithinAgreedTimescale).toEqual({
        numerator: 1,
        denominator: 3,
        percent: 33,
        pending: 1,
      });
    });

    it('gives the outcomes of complaints closed or withdrawn in the quarter', () => {
      expect(figures.complaints.closed).toEqual({
        total: 4,
        outcomes: { upheld: 1, 'partially-upheld': 1, 'not-upheld': 1, withdrawn: 1, undecided: 0 },
      });
    });

    it('counts reopenings, local resolution meetings and Ombudsman referrals dated in the quarter', () => {
      expect(figures.complaints.reopened).toBe(1);
      expect(figures.complaints.localResolutionMeetings).toBe(1);
      expect(figures.complaints.ombudsmanReferrals).toBe(1);
    });

    it('counts issue and staff-group pairs of complaints closed in the quarter, by the issue’s outcome', () => {
      const groups = Object.fromEntries(
        figures.complaints.staffGroups
          .filter((group) => group.total > 0)
          .map((group) => [group.code, [group.total, group.upheld, group.notUpheld]]),
      );
      expect(groups).toEqual({
        nursing: [2, 1, 1],
        medical: [1, 1, 0],
        psychology: [1, 1, 0],
        none: [1, 0, 1],
      });
      expect(figures.complaints.staffGroups.map((group) => group.name)).toContain('Estates staff');
    });

    it('counts concerns by locality with those escalated to a complaint', () => {
      expect(byLocality(figures.concerns.received)).toEqual({ CORP: 1, NORTH: 1, SOUTH: 1 });
      expect(figures.concerns.escalated).toEqual({ numerator: 1, denominator: 3, percent: 33 });
      expect(figures.concerns.previousPeriodReceived.total).toBe(1);
    });

    it('counts compliments (a destroyed one included), other contacts, comments and MP enquiries', () => {
      expect(figures.compliments.received.total).toBe(2);
      expect(figures.compliments.previousPeriodReceived.total).toBe(1);
      expect(figures.otherContacts.received.total).toBe(1);
      expect(figures.comments.received.total).toBe(1);
      expect(figures.mpEnquiries.received.total).toBe(1);
    });

    it('gives each of several quarters read together the figures it has read alone (a report’s trend)', async () => {
      const quarters = ['2017/18-Q1', '2017/18-Q2', '2017/18-Q3'].map(parsePeriod);
      const together = await caseFiguresOfPeriods(database.db, orgId, quarters, { today: '2017-09-27' });
      const alone = [];
      for (const quarter of quarters)
        alone.push(await caseFigures(database.db, orgId, quarter, { today: '2017-09-27' }));
      expect(together).toEqual(alone);
      expect(together[1]).toEqual(figures);
      expect(together.map((each) => each.complaints.received.total)).toEqual([2, 6, 0]);
    });
  });
});
