import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { addUser } from '#src/domains/identity/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { Conflict, Invalid, NotFound } from '#src/web/errors.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { refusal } from '#test/support/refusal.ts';
import { feedbackRecords } from './schema.ts';
import { type CasesService, casesService } from './service.ts';
import { tasksOf } from './task-queries.ts';
import { type CaseTasksService, caseTasksService } from './tasks.ts';

const actor = systemActor('Task tests');

describe.each(engines)('tasks on a case on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let cases: CasesService;
    let tasks: CaseTasksService;
    let orgId: string;
    let otherOrgId: string;
    let unitId: string;
    let assigneeId: string;
    let outsiderId: string;

    const concern = async (summary = 'Appointment letters') => {
      const logged = await cases.logRecord(orgId, actor, {
        kind: 'concern',
        channel: 'phone',
        unitId,
        receivedDate: '2024-05-20',
        summary,
      });
      if (logged.outcome !== 'logged') throw new Error('not logged');
      return logged.record;
    };
    const tasksNow = (recordId: string) => withOrg(database.db, orgId, (tx) => tasksOf(tx, orgId, recordId));
    const trailOf = (recordId: string) =>
      withOrg(database.db, orgId, (tx) =>
        tx
          .select({ action: auditEvents.action, before: auditEvents.before, after: auditEvents.after })
          .from(auditEvents)
          .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.entityId, recordId)))
          .orderBy(asc(auditEvents.sequence)),
      );

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      const clock = () => new Date('2024-06-03T12:00:00Z');
      cases = casesService({
        db: database.db,
        config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 },
        clock,
      });
      tasks = caseTasksService({ db: database.db, clock });
      orgId = (await createOrganisation(database.db, actor, { name: 'Task Trust', odsCode: 'TT1' })).orgId;
      otherOrgId = (await createOrganisation(database.db, actor, { name: 'Other Trust', odsCode: 'TT2' }))
        .orgId;
      unitId = (
        await createUnit(database.db, orgId, actor, {
          code: 'W1',
          name: 'Ward 1',
          kind: 'ward',
          activeFrom: '2020-01-01',
        })
      ).unitId;
      const person = (inOrg: string, email: string, displayName: string) =>
        addUser(database.db, inOrg, actor, { email, displayName, grants: [{ role: 'complaints_officer' }] });
      assigneeId = (await person(orgId, 'dana@tt1.nhs.uk', 'Dana Officer')).userId;
      outsiderId = (await person(otherOrgId, 'olly@tt2.nhs.uk', 'Olly Elsewhere')).userId;
    });
    afterAll(async () => database?.close());

    it('adds a task with whoever does it and its due date, listing those to do first, soonest due first', async () => {
      const record = await concern();
      await tasks.addTask(orgId, actor, record.recordId, { description: 'Write to the GP' });
      await tasks.addTask(orgId, actor, record.recordId, {
        description: 'Call the ward manager',
        assignedUserId: assigneeId,
        dueDate: '2024-06-05',
      });
      const done = await tasks.addTask(orgId, actor, record.recordId, {
        description: 'Find the letter',
        dueDate: '2024-06-01',
      });
      await tasks.completeTask(orgId, actor, record.recordId, done.taskId);
      const listed = await tasksNow(record.recordId);
      expect(listed.map((row) => [row.task.description, row.assigneeName, row.task.completedDate])).toEqual([
        ['Call the ward manager', 'Dana Officer', null],
        ['Write to the GP', null, null],
        ['Find the letter', null, '2024-06-03'],
      ]);
    });

    it('records each change in the audit trail without the task’s words, and raises the case’s version', async () => {
      const record = await concern('Audited tasks');
      const task = await tasks.addTask(orgId, actor, record.recordId, {
        description: 'Ring Mrs Example back',
        dueDate: '2024-06-10',
      });
      await tasks.completeTask(orgId, actor, record.recordId, task.taskId, '2024-06-04');
      const trail = await trailOf(record.recordId);
      expect(trail.map((event) => event.action)).toEqual([
        'case.logged',
        'case.task-added',
        'case.task-done',
      ]);
      expect(JSON.stringify(trail)).not.toContain('Mrs Example');
      expect(trail[2]?.after).toMatchObject({ taskId: task.taskId, completedDate: '2024-06-04' });
      const [row] = await withOrg(database.db, orgId, (tx) =>
        tx
          .select({ version: feedbackRecords.version })
          .from(feedbackRecords)
          .where(and(eq(feedbackRecords.orgId, orgId), eq(feedbackRecords.recordId, record.recordId))),
      );
      expect(row?.version).toBe(record.version + 2);
    });

    it('refuses a task with no words, a due date before the case was received, or someone not in the organisation', async () => {
      const record = await concern('Refused tasks');
      const empty = await refusal(
        Invalid,
        tasks.addTask(orgId, actor, record.recordId, { description: '  ' }),
      );
      expect(empty.fieldErrors).toEqual({ description: 'Enter what needs to be done' });
      const early = await refusal(
        Invalid,
        tasks.addTask(orgId, actor, record.recordId, { description: 'Too early', dueDate: '2024-05-19' }),
      );
      expect(early.fieldErrors.dueDate).toBe(
        `The due date must be on or after the day ${record.reference} was received`,
      );
      const badDate = await refusal(
        Invalid,
        tasks.addTask(orgId, actor, record.recordId, { description: 'Bad date', dueDate: '2024-02-30' }),
      );
      expect(badDate.fieldErrors.dueDate).toBe('Enter the due date as a real date, like 2017-08-01');
      for (const assignedUserId of [outsiderId, 'not-a-user']) {
        const stranger = await refusal(
          Invalid,
          tasks.addTask(orgId, actor, record.recordId, { description: 'Someone else', assignedUserId }),
        );
        expect(stranger.fieldErrors.assignedUserId).toBe('Select a member of staff from your organisation');
      }
      expect(await tasksNow(record.recordId)).toEqual([]);
    });

    it('refuses to mark a task done twice, or one of another case', async () => {
      const record = await concern('Done twice');
      const other = await concern('Another case');
      const task = await tasks.addTask(orgId, actor, record.recordId, { description: 'Once only' });
      await tasks.completeTask(orgId, actor, record.recordId, task.taskId);
      const twice = await refusal(Conflict, tasks.completeTask(orgId, actor, record.recordId, task.taskId));
      expect(twice.message).toContain('already marked as done on 2024-06-03');
      await refusal(NotFound, tasks.completeTask(orgId, actor, other.recordId, task.taskId));
    });

    it('cannot reach another organisation’s case', async () => {
      const record = await concern('Elsewhere');
      await refusal(NotFound, tasks.addTask(otherOrgId, actor, record.recordId, { description: 'Not here' }));
    });

    it('refuses a change made from a page that showed an older version of the case', async () => {
      const record = await concern('Moved on');
      const stale = caseTasksService({
        db: database.db,
        expectedVersion: { recordId: record.recordId, version: record.version },
      });
      await tasks.addTask(orgId, actor, record.recordId, { description: 'First' });
      await refusal(Conflict, stale.addTask(orgId, actor, record.recordId, { description: 'Second' }));
      expect((await tasksNow(record.recordId)).map((row) => row.task.description)).toEqual(['First']);
    });
  });
});
