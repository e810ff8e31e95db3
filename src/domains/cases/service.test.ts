import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { addUser, type Role } from '#src/domains/identity/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { Conflict, Invalid, NotFound } from '#src/web/errors.ts';
import { type Principal, systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { type CasesService, casesService } from './service.ts';

const actor = systemActor('Cases tests');

async function refusal<E extends Error>(
  kind: new (...args: never[]) => E,
  work: Promise<unknown>,
): Promise<E> {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof kind)) throw new Error(`expected ${kind.name}, got ${String(error)}`);
  return error;
}

describe.each(engines)('cases service on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let cases: CasesService;
    let orgId: string;
    let otherOrgId: string;
    const unit: Record<string, string> = {};
    const principal = (
      roles: Role[],
      unitScope: Principal['unitScope'] = 'all',
      inOrg = orgId,
    ): Principal => ({
      kind: 'user',
      orgId: inOrg,
      id: '00000000-0000-4000-8000-000000000000',
      name: 'Test officer',
      organisationName: 'Test',
      roles,
      permissions: new Set(),
      unitScope,
    });
    const officer = () => principal(['complaints_officer']);

    const complaint = (changes: Record<string, unknown> = {}) => ({
      kind: 'complaint' as const,
      channel: 'letter' as const,
      unitId: unit.ward as string,
      receivedDate: '2021-04-01',
      eventDate: '2021-03-20',
      summary: 'Discharge planning',
      narrative: 'My father was sent home without his medicines.',
      personName: 'Ann Example',
      contactDetails: { email: 'ann@example.com' },
      ...changes,
    });
    const logged = async (changes: Record<string, unknown> = {}, inOrg = orgId) => {
      const result = await cases.logRecord(inOrg, actor, complaint(changes));
      if (result.outcome !== 'logged') throw new Error('expected the record to be logged');
      return result;
    };
    const issue = (changes: Record<string, unknown> = {}) => ({
      subjectCode: 'communications',
      staffGroupCodes: ['nursing'],
      unitId: unit.ward as string,
      description: 'Not told about discharge',
      ...changes,
    });
    const auditOf = (recordId: string) =>
      withOrg(database.db, orgId, (tx) =>
        tx
          .select({ action: auditEvents.action, after: auditEvents.after })
          .from(auditEvents)
          .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.entityId, recordId)))
          .orderBy(asc(auditEvents.sequence)),
      );

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      cases = casesService({
        db: database.db,
        config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 },
        clock: () => new Date('2024-06-03T12:00:00Z'),
      });
      orgId = (await createOrganisation(database.db, actor, { name: 'Cases Trust', odsCode: 'CT1' })).orgId;
      otherOrgId = (await createOrganisation(database.db, actor, { name: 'Other Trust', odsCode: 'OT1' }))
        .orgId;
      const add = async (code: string, kind: 'locality' | 'ward', parentCode?: string, inOrg = orgId) =>
        (
          await createUnit(database.db, inOrg, actor, {
            code,
            name: code,
            kind,
            parentCode,
            activeFrom: '2009-01-01',
          })
        ).unitId;
      unit.north = await add('NORTH', 'locality');
      unit.ward = await add('NORTH-WARD', 'ward', 'NORTH');
      unit.south = await add('SOUTH', 'locality');
      unit.southWard = await add('SOUTH-WARD', 'ward', 'SOUTH');
      unit.other = await add('ELSEWHERE', 'ward', undefined, otherOrgId);
    });
    afterAll(async () => database?.close());

    describe('logging a complaint (SI 2009/309)', () => {
      it('a complaint received Thursday 1 April 2021 is due for acknowledgement on 8 April 2021, after Easter (reg 13(1))', async () => {
        const { record, details } = await logged();
        expect(details?.acknowledgementDueDate).toBe('2021-04-08');
        // The local target of 25 working days, with Good Friday, Easter Monday and Early May skipped.
        expect(details?.agreedResponseDate).toBe('2021-05-11');
        expect(record.reference).toMatch(/^C-2021-\d{5}$/);
        expect(record.status).toBe('open');
      });

      it('numbers complaints and concerns in their own sequences per year', async () => {
        const first = await logged({ receivedDate: '2019-05-01', eventDate: null });
        const second = await logged({ receivedDate: '2019-05-02', eventDate: null });
        const concern = await logged({ kind: 'concern', receivedDate: '2019-05-02', eventDate: null });
        expect([first.record.reference, second.record.reference, concern.record.reference]).toEqual([
          'C-2019-00001',
          'C-2019-00002',
          'P-2019-00001',
        ]);
        expect(concern.details).toBeNull();
      });

      it('takes the response target from configuration, a local target rather than law', async () => {
        const twenty = casesService({
          db: database.db,
          config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 20 },
        });
        const result = await twenty.logRecord(
          orgId,
          actor,
          complaint({ receivedDate: '2017-07-03', eventDate: null }),
        );
        expect(result.outcome === 'logged' && result.details?.agreedResponseDate).toBe('2017-07-31');
      });

      it('refuses a complaint received before 1 April 2009, outside the Regulations (reg 6(1))', async () => {
        const error = await refusal(
          Invalid,
          cases.logRecord(orgId, actor, complaint({ receivedDate: '2009-03-31', eventDate: null })),
        );
        expect(error.fieldErrors.receivedDate).toContain('outside the 2009 Regulations');
      });

      it('offers to record an oral complaint resolved by the next working day as a concern, writing nothing (reg 8(1)(c))', async () => {
        const result = await cases.logRecord(
          orgId,
          actor,
          complaint({
            channel: 'phone',
            receivedDate: '2021-04-01',
            resolvedDate: '2021-04-06',
            eventDate: null,
          }),
        );
        expect(result.outcome).toBe('offerConcern');
        const kept = await cases.logRecord(
          orgId,
          actor,
          complaint({ channel: 'phone', resolvedDate: '2021-04-06', eventDate: null, keepAsComplaint: true }),
        );
        expect(kept.outcome).toBe('logged');
      });

      it('flags a complaint made more than 12 months after the event, and records the decision to waive the limit (reg 12)', async () => {
        const { record, timeLimit } = await logged({ receivedDate: '2021-04-01', eventDate: '2020-03-01' });
        expect(timeLimit).toMatchObject({ status: 'outside', lastDay: '2021-03-01' });
        const before = await cases.getCase(officer(), record.recordId, '2021-04-02');
        expect(before.timeLimit).toMatchObject({
          status: 'outside',
          decision: null,
          allowsInvestigation: false,
        });
        await cases.recordTimeLimitDecision(orgId, actor, record.recordId, {
          complainantHadGoodReason: true,
          stillPossibleToInvestigateFairly: true,
          reason: 'In hospital for most of the year',
          decidedOn: '2021-04-06',
          decidedBy: 'Head of Patient Experience',
        });
        const after = await cases.getCase(officer(), record.recordId, '2021-04-07');
        expect(after.details?.timeLimitWaived).toBe(true);
        expect(after.timeLimit).toMatchObject({ allowsInvestigation: true });
        const within = await logged();
        expect(within.timeLimit?.status).toBe('within');
        await refusal(
          Conflict,
          cases.recordTimeLimitDecision(orgId, actor, within.record.recordId, {
            complainantHadGoodReason: true,
            stillPossibleToInvestigateFairly: true,
            reason: 'x',
            decidedOn: '2021-04-06',
            decidedBy: 'Someone',
          }),
        );
      });
    });

    describe('a complaint to its close', () => {
      it('acknowledged, two issues one upheld one not, closed: partially upheld (seed report, Table 4)', async () => {
        const { record } = await logged();
        const id = record.recordId;
        const acknowledgement = await cases.acknowledgeComplaint(orgId, actor, id, '2021-04-07');
        expect(acknowledgement.onTime).toBe(true);
        const first = await cases.addIssue(orgId, actor, id, issue());
        const second = await cases.addIssue(
          orgId,
          actor,
          id,
          issue({ subjectCode: 'clinical-treatment', staffGroupCodes: ['medical', 'nursing'] }),
        );
        await cases.recordIssueOutcome(orgId, actor, first.issueId, 'upheld');
        // SI 2009/309 reg 14: closing refused while an issue has no outcome.
        const refused = await refusal(
          Invalid,
          cases.closeComplaint(orgId, actor, id, {
            responseSentDate: '2021-05-10',
            signedOffBy: 'Chief Executive',
          }),
        );
        expect(refused.message).toBe(
          '1 issue has no outcome yet. Record whether each issue is upheld or not upheld before closing the complaint',
        );
        await cases.recordIssueOutcome(orgId, actor, second.issueId, 'not-upheld');
        const closed = await cases.closeComplaint(orgId, actor, id, {
          responseSentDate: '2021-05-10',
          signedOffBy: 'Chief Executive',
        });
        expect(closed.overallOutcome).toBe('partially-upheld');
        expect(closed.timeliness.withinAgreedTimescale).toBe(true);
        const page = await cases.getCase(officer(), id, '2021-05-11');
        expect(page).toMatchObject({
          overallOutcome: 'partially-upheld',
          record: { status: 'closed', closedDate: '2021-05-10' },
          details: {
            responseSentDate: '2021-05-10',
            signedOffBy: 'Chief Executive',
            acknowledgedDate: '2021-04-07',
          },
          deadlines: { acknowledgement: 'done-on-time', response: 'done-on-time' },
        });
        expect(page.issues.map((row) => row.staffGroupCodes)).toEqual([['nursing'], ['medical', 'nursing']]);
        // Every write is in the audit trail, without the complainant's personal data.
        const trail = await auditOf(id);
        expect(trail.map((event) => event.action)).toEqual([
          'case.logged',
          'complaint.acknowledged',
          'complaint.issue-added',
          'complaint.issue-added',
          'complaint.issue-outcome-recorded',
          'complaint.issue-outcome-recorded',
          'complaint.closed',
        ]);
        expect(JSON.stringify(trail)).not.toContain('Ann Example');
        expect(JSON.stringify(trail[0]?.after)).toContain('personName');
      });

      it('refuses an issue whose subject is not on the KO41a list', async () => {
        const { record } = await logged();
        const error = await refusal(
          Invalid,
          cases.addIssue(orgId, actor, record.recordId, issue({ subjectCode: 'parking' })),
        );
        expect(error.fieldErrors.subjectCode).toBe('Select a subject from the list');
      });

      it('withdrawal closes the complaint as withdrawn and ends the wait for a response', async () => {
        const { record } = await logged();
        await cases.withdrawComplaint(orgId, actor, record.recordId, {
          withdrawnDate: '2021-04-20',
          reason: 'Resolved with the ward',
        });
        const page = await cases.getCase(officer(), record.recordId, '2021-06-01');
        expect(page.overallOutcome).toBe('withdrawn');
        expect(page.record.status).toBe('withdrawn');
        expect(page.deadlines?.response).toBe('done-on-time');
        await refusal(Conflict, cases.addIssue(orgId, actor, record.recordId, issue()));
      });

      it('reopening a closed complaint counts the reopening and keeps the reason (seed report, Table 3)', async () => {
        const { record } = await logged();
        const id = record.recordId;
        const only = await cases.addIssue(orgId, actor, id, issue());
        await cases.recordIssueOutcome(orgId, actor, only.issueId, 'not-upheld');
        await cases.closeComplaint(orgId, actor, id, {
          responseSentDate: '2021-05-01',
          signedOffBy: 'Chief Executive',
        });
        const reopened = await cases.reopenComplaint(orgId, actor, id, {
          reopenedOn: '2021-05-20',
          reason: 'Question 3 not answered',
        });
        expect(reopened.details.reopenCount).toBe(1);
        expect(reopened.record).toMatchObject({ status: 'open', closedDate: null });
        await cases.closeComplaint(orgId, actor, id, {
          responseSentDate: '2021-06-01',
          signedOffBy: 'Chief Executive',
        });
        const again = await cases.reopenComplaint(orgId, actor, id, {
          reopenedOn: '2021-06-10',
          reason: 'New information',
        });
        expect(again.details.reopenCount).toBe(2);
        const page = await cases.getCase(officer(), id);
        expect(page.notes.map((note) => note.text)).toContain(
          'Reopened on 2021-05-20: Question 3 not answered',
        );
        await refusal(
          Invalid,
          cases.reopenComplaint(orgId, actor, id, { reopenedOn: '2021-06-11', reason: 'x' }),
        );
      });

      it('an extension agreed before the response date moves it; one agreed after the date had passed is refused (reg 14)', async () => {
        const { record } = await logged();
        const id = record.recordId;
        await cases.agreeExtension(orgId, actor, id, {
          agreedOn: '2021-05-10',
          newAgreedDate: '2021-06-01',
          reason: 'Awaiting records',
        });
        const page = await cases.getCase(officer(), id, '2021-05-20');
        expect(page.deadlines).toMatchObject({ responseDueDate: '2021-06-01', response: 'due' });
        const error = await refusal(
          Invalid,
          cases.agreeExtension(orgId, actor, id, {
            agreedOn: '2021-06-02',
            newAgreedDate: '2021-06-30',
            reason: 'More interviews',
          }),
        );
        expect(error.fieldErrors.agreedOn).toContain('had passed');
      });

      it('records local resolution meetings, an investigator, and an Ombudsman referral with its outcome', async () => {
        const investigator = await addUser(database.db, orgId, actor, {
          email: 'investigator@cases.test',
          displayName: 'Ivy Investigator',
          grants: [{ role: 'investigator' }],
        });
        const { record } = await logged();
        const id = record.recordId;
        await cases.assignInvestigator(orgId, actor, id, investigator.userId);
        await cases.recordLocalResolutionMeeting(orgId, actor, id, {
          meetingDate: '2021-04-15',
          attendees: 'Ann Example, ward manager',
        });
        await cases.referToOmbudsman(orgId, actor, id, { referredDate: '2021-09-01' });
        await refusal(Conflict, cases.referToOmbudsman(orgId, actor, id, { referredDate: '2021-09-02' }));
        await cases.recordOmbudsmanOutcome(orgId, actor, id, {
          outcome: 'not-upheld',
          outcomeDate: '2022-01-10',
        });
        const page = await cases.getCase(officer(), id);
        expect(page.meetings).toHaveLength(1);
        expect(page.details).toMatchObject({
          investigatorUserId: investigator.userId,
          ombudsmanStatus: 'decided',
          ombudsmanOutcome: 'not-upheld',
        });
        const mine = await cases.listCases(officer(), { investigatorUserId: investigator.userId });
        expect(mine.map((row) => row.recordId)).toEqual([id]);
        // The assigned investigator sees the personal data; another investigator does not.
        const asInvestigator = await cases.getCase(
          { ...principal(['investigator']), id: investigator.userId },
          id,
        );
        expect(asInvestigator.record).toMatchObject({ personName: 'Ann Example' });
        const asOther = await cases.getCase(principal(['investigator']), id);
        expect(asOther.record).not.toHaveProperty('personName');
        await refusal(
          Invalid,
          cases.assignInvestigator(orgId, actor, id, '00000000-0000-4000-8000-000000000009'),
        );
      });

      it('adds case notes and learning points, in the audit trail without their words', async () => {
        const { record } = await logged();
        await cases.addCaseNote(orgId, actor, record.recordId, 'Rang Ann Example to discuss');
        await cases.addLearningPoint(orgId, actor, record.recordId, {
          text: 'Check medicines before discharge',
        });
        const page = await cases.getCase(officer(), record.recordId);
        expect(page.notes.map((note) => note.text)).toEqual(['Rang Ann Example to discuss']);
        expect(page.learningPoints).toMatchObject([
          { text: 'Check medicines before discharge', unitId: unit.ward },
        ]);
        const trail = await auditOf(record.recordId);
        expect(trail.map((event) => event.action)).toEqual([
          'case.logged',
          'case.note-added',
          'case.learning-point-added',
        ]);
        expect(JSON.stringify(trail)).not.toContain('Rang Ann');
      });
    });

    describe('PALS concerns', () => {
      it('escalating a concern creates the complaint linked to it, and the concern counts as escalated', async () => {
        const concern = await logged({
          kind: 'concern',
          channel: 'phone',
          receivedDate: '2021-06-01',
          eventDate: null,
        });
        const escalated = await cases.escalateConcern(orgId, actor, concern.record.recordId, {
          channel: 'email',
          receivedDate: '2021-06-08',
        });
        expect(escalated.record).toMatchObject({
          kind: 'complaint',
          personName: 'Ann Example',
          unitId: unit.ward,
        });
        expect(escalated.details?.escalatedFromRecordId).toBe(concern.record.recordId);
        const concernPage = await cases.getCase(officer(), concern.record.recordId);
        expect(concernPage.escalatedToRecordId).toBe(escalated.record.recordId);
        expect(concernPage.record.status).toBe('closed');
        const again = await refusal(
          Conflict,
          cases.escalateConcern(orgId, actor, concern.record.recordId, {
            channel: 'email',
            receivedDate: '2021-06-09',
          }),
        );
        expect(again.message).toBe('This concern has already been escalated to another complaint');
        const notConcern = await refusal(
          Conflict,
          cases.escalateConcern(orgId, actor, escalated.record.recordId, {
            channel: 'email',
            receivedDate: '2021-06-09',
          }),
        );
        expect(notConcern.message).toBe('Only a concern can be escalated to a complaint');
      });
    });

    describe('who sees what', () => {
      it('keeps each organisation’s cases to itself, by row-level security (DESIGN.md §4)', async () => {
        const theirs = await logged({ unitId: unit.other, summary: 'Other trust’s case' }, otherOrgId);
        await refusal(NotFound, cases.getCase(officer(), theirs.record.recordId));
        const ours = await cases.listCases(officer());
        expect(ours.some((row) => row.recordId === theirs.record.recordId)).toBe(false);
        // A write naming another organisation's case finds nothing.
        await refusal(
          NotFound,
          cases.acknowledgeComplaint(orgId, actor, theirs.record.recordId, '2021-04-02'),
        );
        const own = await cases.listCases(principal(['complaints_officer'], 'all', otherOrgId));
        expect(own.map((row) => row.recordId)).toEqual([theirs.record.recordId]);
      });

      it('shows a service manager scoped to one locality only the cases in its subtree, without personal data', async () => {
        const south = await logged({ unitId: unit.southWard, summary: 'South case' });
        const north = await logged({ summary: 'North case' });
        const manager = principal(['service_manager'], [unit.south as string]);
        const seen = await cases.listCases(manager);
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.every((row) => row.unitId === unit.southWard)).toBe(true);
        expect(seen.map((row) => row.recordId)).toContain(south.record.recordId);
        expect(seen[0]).not.toHaveProperty('narrative');
        await refusal(NotFound, cases.getCase(manager, north.record.recordId));
        const page = await cases.getCase(manager, south.record.recordId);
        expect(page.record).not.toHaveProperty('personName');
        expect(page.record.personalDataWithheld).toEqual(expect.arrayContaining(['narrative', 'personName']));
        // Filtering by a unit outside the grant shows nothing of it.
        expect(await cases.listCases(manager, { unitId: unit.north })).toEqual([]);
      });

      it('lists complaints due and overdue for acknowledgement on a given day', async () => {
        const { record } = await logged({ unitId: unit.south, receivedDate: '2024-05-31', eventDate: null });
        const dueOn = (on: string, status: 'due' | 'overdue') =>
          cases
            .listCases(officer(), { unitId: unit.south, deadline: { which: 'acknowledgement', status } }, on)
            .then((rows) => rows.map((row) => row.recordId));
        expect(await dueOn('2024-06-05', 'due')).toEqual([record.recordId]);
        expect(await dueOn('2024-06-06', 'overdue')).toContain(record.recordId);
        await cases.acknowledgeComplaint(orgId, actor, record.recordId, '2024-06-03');
        expect(await dueOn('2024-06-06', 'overdue')).not.toContain(record.recordId);
      });
    });
  });
});
