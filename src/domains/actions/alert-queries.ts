import { and, eq, isNotNull, isNull, ne } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { users } from '#src/domains/identity/schema.ts';
import {
  type ActionAlertKind,
  actionAlerts,
  actionPlans,
  planActions,
  planRecommendations,
} from './schema.ts';

/** Every action not completed whose lead can sign in, with the lead's email for reminders. */
export async function openActionsWithLeads(tx: OrgTransaction, orgId: string) {
  return tx
    .select({
      actionId: planActions.actionId,
      status: planActions.status,
      dueDate: planActions.dueDate,
      leadUserId: users.userId,
      leadEmail: users.email,
      planName: actionPlans.name,
      recommendationNumber: planRecommendations.number,
    })
    .from(planActions)
    .innerJoin(users, and(eq(users.orgId, planActions.orgId), eq(users.userId, planActions.leadUserId)))
    .innerJoin(
      actionPlans,
      and(eq(actionPlans.orgId, planActions.orgId), eq(actionPlans.planId, planActions.planId)),
    )
    .innerJoin(
      planRecommendations,
      and(
        eq(planRecommendations.orgId, planActions.orgId),
        eq(planRecommendations.recommendationId, planActions.recommendationId),
      ),
    )
    .where(
      and(
        eq(planActions.orgId, orgId),
        ne(planActions.status, 'completed'),
        isNotNull(planActions.leadUserId),
        isNull(users.disabledAt),
      ),
    );
}

/** Notes that an alert was queued; false when it already had been (the key makes it once only). */
export async function noteAlertQueued(
  tx: OrgTransaction,
  alert: { orgId: string; subjectId: string; kind: ActionAlertKind; forDate: string },
): Promise<boolean> {
  const rows = await tx.insert(actionAlerts).values(alert).onConflictDoNothing().returning();
  return rows.length > 0;
}
