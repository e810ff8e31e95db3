import type { Database } from '#src/db/engine.ts';
import { inTurn, withOrg } from '#src/db/tenancy.ts';
import type { Principal } from '#src/web/principal.ts';
import { maySeePersonalData } from './access.ts';
import { referencesOf } from './follow-up-queries.ts';
import { tasksOf } from './task-queries.ts';

// What a case page shows beyond getCase (case-reads.ts): the case's tasks, and the references of
// the concern and complaint an escalation linked. The caller has already read the case with
// getCase, which refuses anyone who may not see it.

export interface CaseLinks {
  record: { recordId: string };
  details: { escalatedFromRecordId: string | null; investigatorUserId: string | null } | null;
  /** For a concern: the complaint it became. */
  escalatedToRecordId: string | null;
}

export interface LinkedCase {
  recordId: string;
  reference: string;
}

export function followUpReads({ db }: { db: Database }) {
  /** A case's tasks and linked cases; a task's words only for those who may see personal data. */
  async function followUpOf(principal: Principal, view: CaseLinks) {
    const { orgId } = principal;
    const recordId = view.record.recordId;
    const grewFrom = view.details?.escalatedFromRecordId ?? null;
    const becameId = view.escalatedToRecordId;
    // Tasks may name people, as notes may (schema.ts): the same people may read them.
    const seesWords = maySeePersonalData(principal, view.details?.investigatorUserId ?? null);
    return withOrg(db, orgId, async (tx) => {
      const [tasks, references] = await inTurn(
        () => tasksOf(tx, orgId, recordId),
        () =>
          referencesOf(
            tx,
            orgId,
            [grewFrom, becameId].filter((id): id is string => id !== null),
          ),
      );
      const linked = (id: string | null): LinkedCase | null => {
        const reference = id ? references.get(id) : undefined;
        return id && reference ? { recordId: id, reference } : null;
      };
      return {
        tasks: tasks.map(({ task, assigneeName }) => ({
          taskId: task.taskId,
          description: seesWords ? task.description : null,
          assigneeName,
          dueDate: task.dueDate,
          completedDate: task.completedDate,
        })),
        escalatedFrom: linked(grewFrom),
        escalatedTo: linked(becameId),
      };
    });
  }

  return { followUpOf };
}

export type CaseFollowUp = Awaited<ReturnType<ReturnType<typeof followUpReads>['followUpOf']>>;
