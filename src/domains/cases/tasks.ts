import { z } from 'zod';
import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { type IsoDate, isoDateInLondon } from '#src/domains/calendar/index.ts';
import { Conflict, NotFound } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import { type ExpectedVersion, lockCaseForChange, recordCaseChange } from './case-changes.ts';
import { optionalDate, parsedOrInvalid, refuseProblems } from './inputs.ts';
import * as q from './queries.ts';
import type { CaseTaskRow } from './schema.ts';
import * as tq from './task-queries.ts';

// Tasks on a case (issue 4, staff side): something someone must do, for whoever it is given to,
// by an optional date. Any kind of record may have them. A task's words are free text that may
// name people, so, like a note's, they stay out of the append-only audit trail, which could never
// be cleared when the case file is destroyed at the end of its retention.

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const newTaskSchema = z.object({
  description: z
    .string({ error: 'Enter what needs to be done' })
    .trim()
    .min(1, 'Enter what needs to be done'),
  assignedUserId: z
    .string()
    .trim()
    .nullish()
    .transform((value) => value || null),
  dueDate: optionalDate('Enter the due date as a real date, like 2017-08-01'),
});
export type NewTask = z.input<typeof newTaskSchema>;

/** What the audit trail keeps of a task: everything but its words. */
const auditedTask = ({ description: _words, ...kept }: CaseTaskRow) => kept;

export interface CaseTasksDependencies {
  db: Database;
  /** Now; today in England is read from it. */
  clock?: () => Date;
  /** The version of the case the person's page showed, as for casesService (case-changes.ts). */
  expectedVersion?: ExpectedVersion;
}

/** Adding a task or marking one done is a change to the case: it raises the case's version. */
export function caseTasksService({ db, clock = () => new Date(), expectedVersion }: CaseTasksDependencies) {
  const today = (): IsoDate => isoDateInLondon(clock());

  /** The case, locked; NotFound when it is not in the organisation, Conflict when it moved on. */
  async function caseForUpdate(tx: OrgTransaction, orgId: string, recordId: string) {
    const found = uuidPattern.test(recordId)
      ? await lockCaseForChange(tx, orgId, recordId, { expected: expectedVersion, now: clock() })
      : null;
    if (!found) throw new NotFound('There is no case with that identifier in your organisation.');
    return found.record;
  }

  async function addTask(orgId: string, actor: Actor, recordId: string, input: NewTask) {
    const task = parsedOrInvalid(newTaskSchema, input);
    return withOrg(db, orgId, async (tx) => {
      const record = await caseForUpdate(tx, orgId, recordId);
      const assignee = task.assignedUserId;
      const knownAssignee =
        assignee === null || (uuidPattern.test(assignee) && (await q.activeUserName(tx, orgId, assignee)));
      refuseProblems({
        assignedUserId: knownAssignee ? null : 'Select a member of staff from your organisation',
        dueDate:
          task.dueDate !== null && task.dueDate < record.receivedDate
            ? `The due date must be on or after the day ${record.reference} was received`
            : null,
      });
      const row = await tq.insertTask(tx, {
        orgId,
        recordId,
        description: task.description,
        assignedUserId: assignee,
        dueDate: task.dueDate,
        createdBy: actor.kind === 'user' ? actor.id : null,
      });
      await recordCaseChange(tx, orgId, actor, recordId, {
        action: 'case.task-added',
        after: auditedTask(row),
      });
      return row;
    });
  }

  /** Marks a task of the case done on `completedDate` (today by default). */
  async function completeTask(
    orgId: string,
    actor: Actor,
    recordId: string,
    taskId: string,
    completedDate: IsoDate = today(),
  ) {
    return withOrg(db, orgId, async (tx) => {
      const record = await caseForUpdate(tx, orgId, recordId);
      const before = uuidPattern.test(taskId) ? await tq.taskForUpdate(tx, orgId, recordId, taskId) : null;
      if (!before) throw new NotFound(`${record.reference} has no task with that identifier.`);
      if (before.completedDate) {
        throw new Conflict(
          `That task on ${record.reference} was already marked as done on ${before.completedDate}`,
        );
      }
      const after = await tq.markTaskDone(tx, orgId, recordId, taskId, completedDate);
      await recordCaseChange(tx, orgId, actor, recordId, {
        action: 'case.task-done',
        before: auditedTask(before),
        after: auditedTask(after),
      });
      return after;
    });
  }

  return { addTask, completeTask };
}

export type CaseTasksService = ReturnType<typeof caseTasksService>;
