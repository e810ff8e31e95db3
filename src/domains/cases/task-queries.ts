import { and, asc, eq, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { users } from '#src/domains/identity/schema.ts';
import { type CaseTaskRow, caseTasks } from './schema.ts';

// The SQL behind a case's tasks (tasks.ts), kept apart from the shared queries.ts.

const taskKey = (orgId: string, recordId: string, taskId: string) =>
  and(eq(caseTasks.orgId, orgId), eq(caseTasks.recordId, recordId), eq(caseTasks.taskId, taskId));

export async function insertTask(
  tx: OrgTransaction,
  task: typeof caseTasks.$inferInsert,
): Promise<CaseTaskRow> {
  const [row] = await tx.insert(caseTasks).values(task).returning();
  if (!row) throw new Error('task was not written');
  return row;
}

/** A task of one case, locked for this transaction's change; null when that case has no such task. */
export async function taskForUpdate(tx: OrgTransaction, orgId: string, recordId: string, taskId: string) {
  const [row] = await tx
    .select()
    .from(caseTasks)
    .where(taskKey(orgId, recordId, taskId))
    .for('update');
  return row ?? null;
}

export async function markTaskDone(
  tx: OrgTransaction,
  orgId: string,
  recordId: string,
  taskId: string,
  completedDate: string,
): Promise<CaseTaskRow> {
  const [row] = await tx
    .update(caseTasks)
    .set({ completedDate, updatedAt: new Date() })
    .where(taskKey(orgId, recordId, taskId))
    .returning();
  if (!row) throw new Error('task was not updated');
  return row;
}

/** A case's tasks, those still to do first (soonest due first), with the name of whoever has each. */
export async function tasksOf(tx: OrgTransaction, orgId: string, recordId: string) {
  return tx
    .select({ task: caseTasks, assigneeName: users.displayName })
    .from(caseTasks)
    .leftJoin(users, and(eq(users.orgId, caseTasks.orgId), eq(users.userId, caseTasks.assignedUserId)))
    .where(and(eq(caseTasks.orgId, orgId), eq(caseTasks.recordId, recordId)))
    .orderBy(
      sql`${caseTasks.completedDate} is not null`,
      sql`${caseTasks.dueDate} asc nulls last`,
      asc(caseTasks.createdAt),
      asc(caseTasks.taskId),
    );
}
