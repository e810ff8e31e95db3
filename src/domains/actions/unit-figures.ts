import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import { actionPlans, planActions } from './schema.ts';

// A team's plan actions for its dashboard (issue 8): those carried out by one of its units, or
// belonging to a plan of one of them when the action names no unit. Overdue is worked out as
// rules.ts isOverdue does: not completed and due before `today`.

export interface UnitActionFigures {
  open: number;
  overdue: number;
}

export async function unitActionFigures(
  db: Database,
  orgId: string,
  unitIds: readonly string[],
  today: IsoDate,
): Promise<UnitActionFigures> {
  if (unitIds.length === 0) return { open: 0, overdue: 0 };
  return withOrg(db, orgId, async (tx) => {
    const [row] = await tx
      .select({
        open: sql<number>`count(*)`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${planActions.dueDate} < ${today}::date)`.mapWith(Number),
      })
      .from(planActions)
      .innerJoin(
        actionPlans,
        and(eq(actionPlans.orgId, planActions.orgId), eq(actionPlans.planId, planActions.planId)),
      )
      .where(
        and(
          eq(planActions.orgId, orgId),
          ne(planActions.status, 'completed'),
          inArray(sql`coalesce(${planActions.unitId}, ${actionPlans.unitId})`, [...unitIds]),
        ),
      );
    return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
  });
}
