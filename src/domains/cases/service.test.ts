import { and, asc, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { addUser, type Role } from '#src/domains/identity/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { Conflict, Invalid, NotFound } from '#src/web/errors.ts';
import { type Actor, type Principal, systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { refusal } from '#test/support/refusal.ts';
import { CaseMovedOn } from './case-changes.ts';
import { type CasesService, casesService } from './service.ts';

const actor = systemActor('Cases tests');

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
    /** A case's audit trail: its writes, or with `reads` its reads too. */
    const auditOf = (recordId: string, options: { reads?: boolean } = {}) =>
      withOrg(database.db, orgId, (tx) =>
        tx
          .select({
            action: auditEvents.action,
            actorName: auditEvents.actorName,
            confidentialRead: auditEvents.confidentialRead,
            after: auditEvents.after,
          })
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.orgId, orgId),
              eq(auditEvents.entityId, recordId),
              options.reads ? undefined : ne(auditEvents.action, 'case.viewed'),
            ),
          )
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
        const before = await cases.getCase(officer(), record.recordId, { on: '2021-04-02' });
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
        const after = await cases.getCase(officer(), record.recordId, { on: '2021-04-07' });
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
        const page = await cases.getCase(officer(), id, { on: '2021-05-11' });
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
        const page = await cases.getCase(officer(), record.recordId, { on: '2021-06-01' });
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
        const page = await cases.getCase(officer(), id, { on: '2021-05-20' });
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

      it('resolves a concern with how, keeping the words from those who may not see them, and never a complaint', async () => {
        const { record } = await logged({ kind: 'concern', channel: 'phone' });
        await refusal(
          Invalid,
          cases.resolveRecord(orgId, actor, record.recordId, { resolvedDate: '2021-03-01', resolution: 'x' }),
        );
        const resolved = await cases.resolveRecord(orgId, actor, record.recordId, {
          resolvedDate: '2021-04-02',
          resolution: 'Ann Example was called back by the ward and is content',
        });
        expect(resolved).toMatchObject({ status: 'closed', closedDate: '2021-04-02' });
        expect((await cases.getCase(officer(), record.recordId)).record).toMatchObject({
          resolution: 'Ann Example was called back by the ward and is content',
        });
        const manager = principal(['service_manager']);
        expect((await cases.getCase(manager, record.recordId)).record).not.toHaveProperty('resolution');
        const trail = JSON.stringify(await auditOf(record.recordId));
        expect(trail).toContain('case.resolved');
        expect(trail).not.toContain('called back');
        const complaint = (await logged()).record;
        await refusal(
          Conflict,
          cases.resolveRecord(orgId, actor, complaint.recordId, {
            resolvedDate: '2021-04-02',
            resolution: 'x',
          }),
        );
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
        await cases.recordLitigation(orgId, actor, id, true);
        await refusal(Conflict, cases.recordLitigation(orgId, actor, id, true));
        const page = await cases.getCase(officer(), id);
        expect(page.details?.litigationOngoing).toBe(true);
        expect(page.meetings).toHaveLength(1);
        expect(page.details).toMatchObject({
          investigatorUserId: investigator.userId,
          ombudsmanStatus: 'decided',
          ombudsmanOutcome: 'not-upheld',
        });
        const mine = await cases.listCases(officer(), { investigatorUserId: investigator.userId });
        expect(mine.cases.map((row) => row.recordId)).toEqual([id]);
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

      it('records the staff groups a concern involves, from the staff-group list, with an audit event (Table 11)', async () => {
        const concern = await logged({
          kind: 'concern',
          channel: 'phone',
          receivedDate: '2021-06-02',
          eventDate: null,
        });
        const id = concern.record.recordId;
        expect(concern.record.staffGroupCodes).toEqual([]);
        const saved = await cases.recordConcernStaffGroups(orgId, actor, id, ['nursing', 'admin', 'nursing']);
        expect(saved.staffGroupCodes).toEqual(['nursing', 'admin']);
        expect(saved.version).toBe(2);
        const [event] = (await auditOf(id)).filter((row) => row.action === 'concern.staff-groups-recorded');
        expect(event?.after).toEqual({ staffGroupCodes: ['nursing', 'admin'] });
        const none = await refusal(Invalid, cases.recordConcernStaffGroups(orgId, actor, id, []));
        expect(none.message).toBe('Select the staff groups involved, or No staff identified');
        const unknown = await refusal(Invalid, cases.recordConcernStaffGroups(orgId, actor, id, ['porters']));
        expect(unknown.message).toBe('Select staff groups from the list');
        const complaintRecord = await logged({ receivedDate: '2021-06-02', eventDate: null });
        const notConcern = await refusal(
          Conflict,
          cases.recordConcernStaffGroups(orgId, actor, complaintRecord.record.recordId, ['nursing']),
        );
        expect(notConcern.message).toBe(`${complaintRecord.record.reference} is not a concern`);
        const stale = casesService({
          db: database.db,
          config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 },
          expectedVersion: { recordId: id, version: 1 },
        });
        await refusal(CaseMovedOn, stale.recordConcernStaffGroups(orgId, actor, id, ['medical']));
        expect((await cases.caseToChange(officer(), id)).record.staffGroupCodes).toEqual([
          'nursing',
          'admin',
        ]);
      });
    });

    describe('what a complaint records for the KO41a return', () => {
      it('logs a complaint with its patient’s age band and complainant’s status, in the audit event; refuses them on a concern, naming each', async () => {
        const { record, details } = await logged({
          receivedDate: '2021-07-01',
          eventDate: null,
          patientAgeBandCode: '85-and-over',
          complainantStatusCode: 'relative-or-carer',
        });
        expect(details).toMatchObject({
          patientAgeBandCode: '85-and-over',
          complainantStatusCode: 'relative-or-carer',
        });
        const [event] = (await auditOf(record.recordId)).filter((row) => row.action === 'case.logged');
        expect(event?.after).toMatchObject({
          details: { patientAgeBandCode: '85-and-over', complainantStatusCode: 'relative-or-carer' },
        });
        const concern = await refusal(
          Invalid,
          cases.logRecord(
            orgId,
            actor,
            complaint({
              kind: 'concern',
              channel: 'phone',
              patientAgeBandCode: '0-17',
              complainantStatusCode: 'patient',
            }),
          ),
        );
        expect(concern.fieldErrors).toEqual({
          patientAgeBandCode:
            'Only a complaint records the patient’s age for the KO41a return: leave it out, or log it as a complaint',
          complainantStatusCode:
            'Only a complaint records who made it for the KO41a return: leave it out, or log it as a complaint',
        });
      });

      it('records the patient’s age band and the complainant’s status, even once closed, with an audit event and the version raised', async () => {
        const { record } = await logged({ receivedDate: '2021-07-01', eventDate: null });
        const id = record.recordId;
        const saved = await cases.recordComplaintKo41a(orgId, actor, id, {
          patientAgeBandCode: '75-84',
          complainantStatusCode: 'relative-or-carer',
        });
        expect(saved).toMatchObject({
          patientAgeBandCode: '75-84',
          complainantStatusCode: 'relative-or-carer',
        });
        const [event] = (await auditOf(id)).filter((row) => row.action === 'complaint.ko41a-recorded');
        expect(event?.after).toMatchObject({ patientAgeBandCode: '75-84' });
        expect((await cases.caseToChange(officer(), id)).record.version).toBe(2);

        await cases.withdrawComplaint(orgId, actor, id, { withdrawnDate: '2021-07-05', reason: 'Resolved' });
        const cleared = await cases.recordComplaintKo41a(orgId, actor, id, {
          patientAgeBandCode: '',
          complainantStatusCode: 'patient',
        });
        expect(cleared).toMatchObject({ patientAgeBandCode: null, complainantStatusCode: 'patient' });
      });

      it('refuses codes not on the KO41a lists, naming each field, and a case that is not a complaint', async () => {
        const { record } = await logged({ receivedDate: '2021-07-01', eventDate: null });
        const error = await refusal(
          Invalid,
          cases.recordComplaintKo41a(orgId, actor, record.recordId, {
            patientAgeBandCode: '16-25',
            complainantStatusCode: 'journalist',
          }),
        );
        expect(error.fieldErrors).toEqual({
          patientAgeBandCode: 'Select the patient’s age from the list',
          complainantStatusCode: 'Select who made the complaint from the list',
        });
        const concern = await logged({ kind: 'concern', channel: 'phone', receivedDate: '2021-07-01' });
        const notComplaint = await refusal(
          Conflict,
          cases.recordComplaintKo41a(orgId, actor, concern.record.recordId, { patientAgeBandCode: '0-17' }),
        );
        expect(notComplaint.message).toBe(`${concern.record.reference} is not a complaint`);
      });

      it('refuses an age band saved from a page showing an older version of the complaint', async () => {
        const { record } = await logged({ receivedDate: '2021-07-01', eventDate: null });
        const id = record.recordId;
        await cases.addCaseNote(orgId, actor, id, 'Rang the complainant');
        const stale = casesService({
          db: database.db,
          config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 },
          expectedVersion: { recordId: id, version: 1 },
        });
        await refusal(
          CaseMovedOn,
          stale.recordComplaintKo41a(orgId, actor, id, { patientAgeBandCode: '0-17' }),
        );
        expect((await cases.caseToChange(officer(), id)).details?.patientAgeBandCode).toBeNull();
      });

      it('an issue records its service area and, for clinical treatment only, the sub-category', async () => {
        const { record } = await logged({ receivedDate: '2021-07-01', eventDate: null });
        const id = record.recordId;
        const clinical = await cases.addIssue(
          orgId,
          actor,
          id,
          issue({
            subjectCode: 'clinical-treatment',
            serviceAreaCode: 'mental-health',
            clinicalTreatmentCode: 'mental-health',
          }),
        );
        expect(clinical).toMatchObject({
          serviceAreaCode: 'mental-health',
          clinicalTreatmentCode: 'mental-health',
        });
        const unrecorded = await cases.addIssue(orgId, actor, id, issue());
        expect(unrecorded).toMatchObject({ serviceAreaCode: null, clinicalTreatmentCode: null });

        const wrongSubject = await refusal(
          Invalid,
          cases.addIssue(orgId, actor, id, issue({ clinicalTreatmentCode: 'paediatrics' })),
        );
        expect(wrongSubject.fieldErrors.clinicalTreatmentCode).toBe(
          'Only an issue about clinical treatment has a clinical treatment sub-category: leave it blank',
        );
        const unknown = await refusal(
          Invalid,
          cases.addIssue(
            orgId,
            actor,
            id,
            issue({
              subjectCode: 'clinical-treatment',
              serviceAreaCode: 'car-park',
              clinicalTreatmentCode: 'dentistry',
            }),
          ),
        );
        expect(unknown.fieldErrors).toMatchObject({
          serviceAreaCode: 'Select the service area from the list',
          clinicalTreatmentCode: 'Select the clinical treatment sub-category from the list',
        });

        // An issue added without them has them recorded later, with an audit event.
        const later = await cases.recordIssueKo41a(orgId, actor, unrecorded.issueId, {
          serviceAreaCode: 'inpatient',
        });
        expect(later).toMatchObject({ serviceAreaCode: 'inpatient', clinicalTreatmentCode: null });
        const [event] = (await auditOf(id)).filter((row) => row.action === 'complaint.issue-ko41a-recorded');
        expect(event?.after).toEqual({ serviceAreaCode: 'inpatient', clinicalTreatmentCode: null });
        await refusal(
          Invalid,
          cases.recordIssueKo41a(orgId, actor, unrecorded.issueId, { clinicalTreatmentCode: 'paediatrics' }),
        );
        await refusal(
          NotFound,
          cases.recordIssueKo41a(orgId, actor, '00000000-0000-4000-8000-000000000001', {
            serviceAreaCode: 'other',
          }),
        );
      });
    });

    describe('who sees what', () => {
      it('keeps each organisation’s cases to itself, by row-level security (DESIGN.md §4)', async () => {
        const theirs = await logged({ unitId: unit.other, summary: 'Other trust’s case' }, otherOrgId);
        await refusal(NotFound, cases.getCase(officer(), theirs.record.recordId));
        const ours = await cases.listCases(officer());
        expect(ours.cases.some((row) => row.recordId === theirs.record.recordId)).toBe(false);
        // A write naming another organisation's case finds nothing.
        await refusal(
          NotFound,
          cases.acknowledgeComplaint(orgId, actor, theirs.record.recordId, '2021-04-02'),
        );
        const own = await cases.listCases(principal(['complaints_officer'], 'all', otherOrgId));
        expect(own.cases.map((row) => row.recordId)).toEqual([theirs.record.recordId]);
      });

      it('shows a service manager scoped to one locality only the cases in its subtree, without personal data', async () => {
        const south = await logged({ unitId: unit.southWard, summary: 'South case' });
        const north = await logged({ summary: 'North case' });
        const manager = principal(['service_manager'], [unit.south as string]);
        const seen = (await cases.listCases(manager)).cases;
        expect(seen.length).toBeGreaterThan(0);
        expect(seen.every((row) => row.unitId === unit.southWard)).toBe(true);
        expect(seen.map((row) => row.recordId)).toContain(south.record.recordId);
        expect(seen[0]).not.toHaveProperty('narrative');
        await refusal(NotFound, cases.getCase(manager, north.record.recordId));
        const page = await cases.getCase(manager, south.record.recordId);
        expect(page.record).not.toHaveProperty('personName');
        expect(page.record.personalDataWithheld).toEqual(expect.arrayContaining(['narrative', 'personName']));
        // Filtering by a unit outside the grant shows nothing of it.
        expect((await cases.listCases(manager, { unitId: unit.north })).cases).toEqual([]);
      });

      it('lists complaints due and overdue for acknowledgement on a given day', async () => {
        const { record } = await logged({ unitId: unit.south, receivedDate: '2024-05-31', eventDate: null });
        const dueOn = (on: string, status: 'due' | 'overdue') =>
          cases
            .listCases(
              officer(),
              { unitId: unit.south, deadline: { which: 'acknowledgement', status } },
              { on },
            )
            .then((page) => page.cases.map((row) => row.recordId));
        expect(await dueOn('2024-06-05', 'due')).toEqual([record.recordId]);
        expect(await dueOn('2024-06-06', 'overdue')).toContain(record.recordId);
        await cases.acknowledgeComplaint(orgId, actor, record.recordId, '2024-06-03');
        expect(await dueOn('2024-06-06', 'overdue')).not.toContain(record.recordId);
      });
    });

    describe('two officers on the same case (issue 4, concurrency)', () => {
      let dana: Actor;
      let sam: Actor;
      beforeAll(async () => {
        const officerNamed = async (displayName: string): Promise<Actor> => {
          const email = `${displayName.split(' ')[0]?.toLowerCase()}@cases.test`;
          const user = await addUser(database.db, orgId, actor, {
            email,
            displayName,
            grants: [{ role: 'complaints_officer' }],
          });
          return { kind: 'user', id: user.userId, name: displayName };
        };
        dana = await officerNamed('Dana Officer');
        sam = await officerNamed('Sam Officer');
      });
      /** The service as a person's page uses it: bound to the version of the case the page showed. */
      const fromPageAt = (recordId: string, version: number) =>
        casesService({
          db: database.db,
          config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 },
          expectedVersion: { recordId, version },
        });
      const versionOf = async (recordId: string) =>
        (await cases.caseToChange(officer(), recordId)).record.version;
      const refusedMessage = /^Since you opened this page, (.+)\. Check the case and try again\.$/;

      it('raises the version by one for every change, and not for a read', async () => {
        const { record } = await logged({ receivedDate: '2024-05-20', eventDate: null });
        const id = record.recordId;
        expect(record.version).toBe(1);
        await cases.acknowledgeComplaint(orgId, actor, id, '2024-05-21');
        expect(await versionOf(id)).toBe(2);
        await cases.getCase(officer(), id);
        expect(await versionOf(id)).toBe(2);
        await cases.addIssue(orgId, actor, id, issue());
        await cases.agreeExtension(orgId, actor, id, {
          agreedOn: '2024-05-22',
          newAgreedDate: '2024-08-30',
          reason: 'Waiting for a statement',
        });
        await cases.recordLocalResolutionMeeting(orgId, actor, id, {
          meetingDate: '2024-05-28',
          attendees: 'Complainant and ward manager',
        });
        await cases.addCaseNote(orgId, actor, id, 'Called back');
        expect(await versionOf(id)).toBe(6);
        const concern = await logged({ kind: 'concern', receivedDate: '2024-05-20', eventDate: null });
        await cases.escalateConcern(orgId, actor, concern.record.recordId, {
          channel: 'email',
          receivedDate: '2024-05-24',
        });
        expect(await versionOf(concern.record.recordId)).toBe(2);
      });

      it('refuses the second of two saves made from the same page, naming who did what and when, and writes nothing', async () => {
        const { record } = await logged({ receivedDate: '2024-05-20', eventDate: null });
        const id = record.recordId;
        await fromPageAt(id, 1).acknowledgeComplaint(orgId, dana, id, '2024-05-21');
        const refused = await refusal(
          CaseMovedOn,
          fromPageAt(id, 1).addCaseNote(orgId, sam, id, 'Rang back'),
        );
        expect(refused).toBeInstanceOf(Conflict);
        const [event] = (await auditOf(id)).filter((row) => row.action === 'complaint.acknowledged');
        expect(event).toBeDefined();
        expect(refused.message).toMatch(refusedMessage);
        expect(refused.message).toContain('Dana Officer recorded the acknowledgement at ');
        expect((await cases.getCase(officer(), id)).notes).toEqual([]);
        expect(await versionOf(id)).toBe(2);
        // Having seen what changed, Sam saves again from the case as it is now.
        await fromPageAt(id, 2).addCaseNote(orgId, sam, id, 'Rang back');
        expect(await versionOf(id)).toBe(3);
      });

      it('lets exactly one of two saves made at the same moment through', async () => {
        const { record } = await logged({ receivedDate: '2024-05-20', eventDate: null });
        const id = record.recordId;
        const edit = (summary: string) => ({
          summary,
          unitId: record.unitId,
          channel: record.channel,
          receivedDate: record.receivedDate,
        });
        const results = await Promise.allSettled([
          fromPageAt(id, 1).editCaseDetails(orgId, dana, id, edit('Medicines missing at discharge')),
          fromPageAt(id, 1).editCaseDetails(orgId, sam, id, edit('Discharge without a plan')),
        ]);
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        const [lost] = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
        expect(lost).toBeInstanceOf(CaseMovedOn);
        expect(String(lost.message)).toMatch(/(Dana|Sam) Officer changed the details \(summary\) at /);
        expect(await versionOf(id)).toBe(2);
      });

      it('names several changes, oldest first, and counts the rest', async () => {
        const { record } = await logged({ receivedDate: '2024-05-20', eventDate: null });
        const id = record.recordId;
        await cases.addCaseNote(orgId, dana, id, 'One');
        await cases.acknowledgeComplaint(orgId, sam, id, '2024-05-21');
        await cases.addCaseNote(orgId, dana, id, 'Two');
        await cases.addCaseNote(orgId, dana, id, 'Three');
        const refused = await refusal(CaseMovedOn, fromPageAt(id, 2).addCaseNote(orgId, sam, id, 'Four'));
        expect(refused.message).toMatch(
          /^Since you opened this page, Sam Officer recorded the acknowledgement at \d\d:\d\d, Dana Officer added a note at \d\d:\d\d and Dana Officer added a note at \d\d:\d\d\. Check/,
        );
        const fromFirst = await refusal(CaseMovedOn, fromPageAt(id, 1).addCaseNote(orgId, sam, id, 'Four'));
        expect(fromFirst.message).toContain('and there was 1 other change');
      });

      it('checks only the case the page showed, and any change to it, whatever the form', async () => {
        const { record } = await logged({ receivedDate: '2024-05-20', eventDate: null });
        const other = await logged({ receivedDate: '2024-05-20', eventDate: null });
        const id = record.recordId;
        const { issueId } = await cases.addIssue(orgId, actor, id, issue());
        const page = fromPageAt(id, 1);
        await page.addCaseNote(orgId, sam, other.record.recordId, 'Another case');
        await refusal(CaseMovedOn, page.recordIssueOutcome(orgId, sam, issueId, 'upheld'));
        await refusal(CaseMovedOn, page.refuseIfMovedOn(orgId));
        await fromPageAt(id, 2).refuseIfMovedOn(orgId);
      });
    });

    describe('editing a case’s details', () => {
      it('saves the corrections, moves the deadlines with the date received, and audits field names only for personal data', async () => {
        const { record, details } = await logged({ receivedDate: '2024-05-20', eventDate: null });
        const id = record.recordId;
        const edited = await cases.editCaseDetails(orgId, actor, id, {
          summary: 'Discharge letter not sent',
          unitId: unit.southWard as string,
          channel: 'email',
          receivedDate: '2024-05-17',
          eventDate: '2024-05-01',
          personName: 'Anne Example',
          narrative: 'The discharge letter never reached the GP.',
        });
        expect(edited.record).toMatchObject({
          summary: 'Discharge letter not sent',
          unitId: unit.southWard,
          channel: 'email',
          personName: 'Anne Example',
          contactDetails: { email: 'ann@example.com' },
          version: 2,
        });
        expect(details?.acknowledgementDueDate).toBe('2024-05-23');
        // Friday 17 May 2024: three working days on is Wednesday 22 May.
        expect(edited.details?.acknowledgementDueDate).toBe('2024-05-22');
        const [event] = (await auditOf(id)).filter((row) => row.action === 'case.details-edited');
        expect(event?.after).toMatchObject({
          changedFields: expect.arrayContaining(['summary', 'personName', 'narrative', 'receivedDate']),
          summary: 'Discharge letter not sent',
        });
        expect(JSON.stringify(event)).not.toContain('Anne');
        expect(JSON.stringify(event)).not.toContain('GP');
      });

      it('keeps the personal data it is not given, and changes nothing when nothing differs', async () => {
        const { record } = await logged({ receivedDate: '2024-05-20', eventDate: null });
        const id = record.recordId;
        const same = {
          summary: record.summary,
          unitId: record.unitId,
          channel: record.channel,
          receivedDate: record.receivedDate,
        };
        const unchanged = await cases.editCaseDetails(orgId, actor, id, same);
        expect(unchanged.changedFields).toEqual([]);
        expect(unchanged.record).toMatchObject({ personName: 'Ann Example', version: 1 });
        const cleared = await cases.editCaseDetails(orgId, actor, id, {
          ...same,
          email: '',
          phone: '0113 496 0000',
        });
        expect(cleared.record.contactDetails).toEqual({ phone: '0113 496 0000' });
        expect(cleared.record.personName).toBe('Ann Example');
      });

      it('refuses a date received in the future, an unknown service and a missing summary', async () => {
        const { record } = await logged({ receivedDate: '2024-05-20', eventDate: null });
        const base = {
          summary: 'Fine',
          unitId: record.unitId,
          channel: 'letter',
          receivedDate: '2024-05-20',
        };
        const future = await refusal(
          Invalid,
          cases.editCaseDetails(orgId, actor, record.recordId, { ...base, receivedDate: '2024-06-04' }),
        );
        expect(future.fieldErrors.receivedDate).toBe('The date received must be today or in the past');
        const unknown = await refusal(
          Invalid,
          cases.editCaseDetails(orgId, actor, record.recordId, { ...base, unitId: unit.other as string }),
        );
        expect(unknown.fieldErrors.unitId).toBe('Select a service from your organisation’s list');
        const empty = await refusal(
          Invalid,
          cases.editCaseDetails(orgId, actor, record.recordId, { ...base, summary: ' ', channel: 'fax' }),
        );
        expect(empty.fieldErrors).toMatchObject({
          summary: 'Enter a short summary',
          channel: 'Select how it reached us',
        });
      });
    });

    describe('every read of a case is in the audit trail (issue 4, confidentiality)', () => {
      it('records who read the case and whether personal data was shown, and leaves the version alone', async () => {
        const { record } = await logged({
          unitId: unit.southWard,
          receivedDate: '2024-05-20',
          eventDate: null,
        });
        const id = record.recordId;
        await cases.getCase({ ...officer(), name: 'Olive Officer' }, id, { requestId: 'req-read-1' });
        const manager = { ...principal(['service_manager'], [unit.south as string]), name: 'Manny Manager' };
        await cases.getCase(manager, id);
        await cases.caseToChange(officer(), id);
        const reads = (await auditOf(id, { reads: true })).filter((row) => row.action === 'case.viewed');
        expect(reads).toEqual([
          {
            action: 'case.viewed',
            actorName: 'Olive Officer',
            confidentialRead: true,
            after: { personalDataShown: true },
          },
          {
            action: 'case.viewed',
            actorName: 'Manny Manager',
            confidentialRead: false,
            after: { personalDataShown: false },
          },
        ]);
        expect((await cases.caseToChange(officer(), id)).record.version).toBe(1);
      });

      it('lets an administrator read a case with its personal data', async () => {
        const { record } = await logged({ receivedDate: '2024-05-20', eventDate: null });
        const page = await cases.getCase(principal(['administrator']), record.recordId);
        expect(page.record).toMatchObject({ personName: 'Ann Example' });
      });
    });

    describe('work queues and search', () => {
      it('finds words only in the narrative for an officer, never for a service manager, and for an investigator only on their own cases', async () => {
        const investigator = await addUser(database.db, orgId, actor, {
          email: 'search.investigator@cases.test',
          displayName: 'Sid Investigator',
          grants: [{ role: 'investigator', unitId: unit.north }],
        });
        const secret = await logged({
          summary: 'Parking charges',
          narrative: 'The zebracorn mural by the car park was painted over.',
        });
        const words = (who: Principal, search: string) =>
          cases.listCases(who, { search }).then((page) => page.cases.map((row) => row.recordId));
        const manager = principal(['service_manager'], [unit.north as string]);
        const asInvestigator = {
          ...principal(['investigator'], [unit.north as string]),
          id: investigator.userId,
        };
        expect(await words(officer(), 'zebracorn mural')).toEqual([secret.record.recordId]);
        expect(await words(manager, 'zebracorn mural')).toEqual([]);
        expect(await words(asInvestigator, 'zebracorn')).toEqual([]);
        // The summary is for everyone who may see the case.
        expect(await words(manager, 'parking')).toContain(secret.record.recordId);
        expect(await words(manager, secret.record.reference)).toEqual([secret.record.recordId]);
        await cases.assignInvestigator(orgId, actor, secret.record.recordId, investigator.userId);
        expect(await words(asInvestigator, 'zebracorn')).toEqual([secret.record.recordId]);
        // No search reaches a case outside the units someone may see.
        const southManager = principal(['service_manager'], [unit.south as string]);
        expect(await words(southManager, 'parking')).toEqual([]);
      });

      it('ranks the cases that match best first', async () => {
        const once = await logged({ summary: 'Hearing loop', narrative: 'Nothing about quokkas here.' });
        const often = await logged({
          summary: 'Quokka photographs',
          narrative: 'Quokkas, quokkas everywhere.',
        });
        const found = await cases.listCases(officer(), { search: 'quokka' });
        expect(found.cases.map((row) => row.recordId)).toEqual([often.record.recordId, once.record.recordId]);
      });

      it('pages a long queue, 50 a page unless asked, with the total across pages', async () => {
        for (let day = 10; day < 15; day += 1) {
          await logged({
            kind: 'compliment',
            unitId: unit.southWard,
            receivedDate: `2024-04-${day}`,
            eventDate: null,
          });
        }
        const filters = { kind: 'compliment' as const, unitId: unit.south };
        const first = await cases.listCases(officer(), filters, { pageSize: 2 });
        const last = await cases.listCases(officer(), filters, { pageSize: 2, page: 3 });
        const beyond = await cases.listCases(officer(), filters, { pageSize: 2, page: 9 });
        expect([first.total, first.pageCount, first.page]).toEqual([5, 3, 1]);
        expect(first.cases.map((row) => row.receivedDate)).toEqual(['2024-04-14', '2024-04-13']);
        expect(last.cases.map((row) => row.receivedDate)).toEqual(['2024-04-10']);
        expect(beyond.page).toBe(3);
        expect((await cases.listCases(officer(), filters)).pageSize).toBe(50);
      });

      it('filters by unit with everything below it, by investigator, and "my cases" as assigned to me or logged by me', async () => {
        const me = await addUser(database.db, orgId, actor, {
          email: 'mine@cases.test',
          displayName: 'Mo Officer',
          grants: [{ role: 'investigator', unitId: unit.north }],
        });
        const asMe: Actor = { kind: 'user', id: me.userId, name: 'Mo Officer' };
        const loggedByMe = await cases.logRecord(orgId, asMe, complaint({ unitId: unit.southWard }));
        const assigned = await logged({ unitId: unit.north });
        await cases.assignInvestigator(orgId, actor, assigned.record.recordId, me.userId);
        const neither = await logged({ unitId: unit.southWard });
        if (loggedByMe.outcome !== 'logged') throw new Error('not logged');
        const ids = (filters: Parameters<CasesService['listCases']>[1]) =>
          cases.listCases(officer(), filters).then((page) => page.cases.map((row) => row.recordId));
        const mine = await ids({ mineOf: me.userId });
        expect(mine.sort()).toEqual([loggedByMe.record.recordId, assigned.record.recordId].sort());
        expect(await ids({ investigatorUserId: me.userId })).toEqual([assigned.record.recordId]);
        const south = await ids({ unitId: unit.south });
        expect(south).toEqual(expect.arrayContaining([loggedByMe.record.recordId, neither.record.recordId]));
        expect(south).not.toContain(assigned.record.recordId);
      });

      it('lists responses due and overdue by the date in force after an extension', async () => {
        const { record } = await logged({ unitId: unit.north, receivedDate: '2024-03-01', eventDate: null });
        const id = record.recordId;
        const response = (status: 'due' | 'overdue') =>
          cases
            .listCases(officer(), { unitId: unit.north, deadline: { which: 'response', status } })
            .then((page) => page.cases.map((row) => row.recordId));
        // Received 1 March 2024: 25 working days on is 8 April, before 3 June.
        expect(await response('overdue')).toContain(id);
        await cases.agreeExtension(orgId, actor, id, {
          agreedOn: '2024-04-05',
          newAgreedDate: '2024-07-01',
          reason: 'Waiting for the GP’s records',
        });
        expect(await response('overdue')).not.toContain(id);
        expect(await response('due')).toContain(id);
      });
    });
  });
});
