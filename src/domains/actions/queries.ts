import { and, asc, eq, getTableColumns, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { users } from '#src/domains/identity/schema.ts';
import { organisations, units } from '#src/domains/organisations/schema.ts';
import {
  type ActionEvidenceRow,
  type ActionPlanRow,
  actionEvidence,
  actionPlans,
  type PlanActionRow,
  planActions,
  planRecommendations,
  type RecommendationRow,
} from './schema.ts';

function one<T>(rows: T[], what: string): T {
  const [row] = rows;
  if (!row) throw new Error(`${what} was not written`);
  return row;
}

// --- plans ---

export async function insertPlan(tx: OrgTransaction, plan: typeof actionPlans.$inferInsert) {
  return one(await tx.insert(actionPlans).values(plan).returning(), 'action plan');
}

export async function planById(tx: OrgTransaction, orgId: string, planId: string) {
  const [row] = await tx
    .select()
    .from(actionPlans)
    .where(and(eq(actionPlans.orgId, orgId), eq(actionPlans.planId, planId)));
  return row ?? null;
}

export async function planByName(tx: OrgTransaction, orgId: string, name: string) {
  const [row] = await tx
    .select()
    .from(actionPlans)
    .where(and(eq(actionPlans.orgId, orgId), eq(actionPlans.name, name)));
  return row ?? null;
}

export async function allPlans(tx: OrgTransaction, orgId: string): Promise<ActionPlanRow[]> {
  return tx.select().from(actionPlans).where(eq(actionPlans.orgId, orgId)).orderBy(asc(actionPlans.name));
}

export async function updatePlanRow(
  tx: OrgTransaction,
  orgId: string,
  planId: string,
  changes: Partial<typeof actionPlans.$inferInsert>,
) {
  return one(
    await tx
      .update(actionPlans)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(actionPlans.orgId, orgId), eq(actionPlans.planId, planId)))
      .returning(),
    'action plan',
  );
}

// --- recommendations ---

export async function insertRecommendation(
  tx: OrgTransaction,
  recommendation: typeof planRecommendations.$inferInsert,
) {
  return one(await tx.insert(planRecommendations).values(recommendation).returning(), 'recommendation');
}

export async function recommendationsOf(
  tx: OrgTransaction,
  orgId: string,
  planId: string,
): Promise<RecommendationRow[]> {
  return tx
    .select()
    .from(planRecommendations)
    .where(and(eq(planRecommendations.orgId, orgId), eq(planRecommendations.planId, planId)))
    .orderBy(asc(planRecommendations.position));
}

// --- actions ---

/** An action with the names a page shows beside it: its lead's, its unit's and its plan's. */
export type ActionListing = PlanActionRow & {
  leadDisplayName: string | null;
  unitName: string | null;
  planName: string;
  planSource: ActionPlanRow['source'];
  planUnitId: string | null;
  recommendationNumber: string;
};

const listingColumns = {
  ...getTableColumns(planActions),
  leadDisplayName: users.displayName,
  unitName: units.name,
  planName: actionPlans.name,
  planSource: actionPlans.source,
  planUnitId: actionPlans.unitId,
  recommendationNumber: planRecommendations.number,
};

function listing(tx: OrgTransaction, orgId: string) {
  return tx
    .select(listingColumns)
    .from(planActions)
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
    .leftJoin(users, and(eq(users.orgId, planActions.orgId), eq(users.userId, planActions.leadUserId)))
    .leftJoin(
      units,
      and(
        eq(units.orgId, planActions.orgId),
        eq(units.unitId, sql`coalesce(${planActions.unitId}, ${actionPlans.unitId})`),
      ),
    )
    .where(eq(planActions.orgId, orgId))
    .$dynamic();
}

export async function insertAction(tx: OrgTransaction, action: typeof planActions.$inferInsert) {
  return one(await tx.insert(planActions).values(action).returning(), 'action');
}

export async function actionsOfPlan(tx: OrgTransaction, orgId: string, planId: string) {
  return listing(tx, orgId)
    .where(and(eq(planActions.orgId, orgId), eq(planActions.planId, planId)))
    .orderBy(asc(planRecommendations.position), asc(planActions.position));
}

export async function actionById(tx: OrgTransaction, orgId: string, actionId: string) {
  const [row] = await listing(tx, orgId).where(
    and(eq(planActions.orgId, orgId), eq(planActions.actionId, actionId)),
  );
  return (row as ActionListing | undefined) ?? null;
}

export async function actionsLedBy(tx: OrgTransaction, orgId: string, userId: string) {
  return listing(tx, orgId)
    .where(and(eq(planActions.orgId, orgId), eq(planActions.leadUserId, userId)))
    .orderBy(asc(planActions.dueDate), asc(actionPlans.name), asc(planActions.position));
}

/** Actions not completed whose due date is before `today`: overdue, worked out in the query as in rules.ts. */
export async function actionsOverdue(tx: OrgTransaction, orgId: string, today: string) {
  return listing(tx, orgId)
    .where(
      and(
        eq(planActions.orgId, orgId),
        ne(planActions.status, 'completed'),
        isNotNull(planActions.dueDate),
        lt(planActions.dueDate, today),
      ),
    )
    .orderBy(asc(units.name), asc(planActions.dueDate));
}

export async function allActions(tx: OrgTransaction, orgId: string) {
  return listing(tx, orgId).orderBy(asc(actionPlans.name), asc(planRecommendations.position));
}

/** Changes an action if it is still at `version`; null when someone else changed it first. */
export async function updateActionRow(
  tx: OrgTransaction,
  orgId: string,
  actionId: string,
  version: number,
  changes: Partial<typeof planActions.$inferInsert>,
): Promise<PlanActionRow | null> {
  const [row] = await tx
    .update(planActions)
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
    .where(
      and(eq(planActions.orgId, orgId), eq(planActions.actionId, actionId), eq(planActions.version, version)),
    )
    .returning();
  return row ?? null;
}

export async function nextActionPosition(tx: OrgTransaction, orgId: string, planId: string) {
  const [row] = await tx
    .select({ last: sql<number>`coalesce(max(${planActions.position}), 0)` })
    .from(planActions)
    .where(and(eq(planActions.orgId, orgId), eq(planActions.planId, planId)));
  return Number(row?.last ?? 0) + 1;
}

// --- evidence ---

export type EvidenceDescription = Omit<ActionEvidenceRow, 'content'>;
const { content: _content, ...evidenceColumns } = getTableColumns(actionEvidence);

export async function insertEvidence(tx: OrgTransaction, evidence: typeof actionEvidence.$inferInsert) {
  const [row] = await tx.insert(actionEvidence).values(evidence).returning(evidenceColumns);
  return one(row ? [row] : [], 'evidence');
}

export async function evidenceOf(
  tx: OrgTransaction,
  orgId: string,
  actionId: string,
): Promise<EvidenceDescription[]> {
  return tx
    .select(evidenceColumns)
    .from(actionEvidence)
    .where(and(eq(actionEvidence.orgId, orgId), eq(actionEvidence.actionId, actionId)))
    .orderBy(asc(actionEvidence.createdAt));
}

export async function evidenceWithContent(
  tx: OrgTransaction,
  orgId: string,
  actionId: string,
  evidenceId: string,
) {
  const [row] = await tx
    .select()
    .from(actionEvidence)
    .where(
      and(
        eq(actionEvidence.orgId, orgId),
        eq(actionEvidence.actionId, actionId),
        eq(actionEvidence.evidenceId, evidenceId),
      ),
    );
  return row ?? null;
}

// --- people ---

/** The organisation's users who can sign in, for choosing a lead and matching an imported one. */
export async function activeUsers(tx: OrgTransaction, orgId: string) {
  return tx
    .select({ userId: users.userId, displayName: users.displayName, email: users.email })
    .from(users)
    .where(and(eq(users.orgId, orgId), sql`${users.disabledAt} is null`))
    .orderBy(asc(users.displayName));
}

export async function unitNames(tx: OrgTransaction, orgId: string) {
  return tx
    .select({
      unitId: units.unitId,
      parentUnitId: units.parentUnitId,
      name: units.name,
      code: units.code,
      kind: units.kind,
    })
    .from(units)
    .where(eq(units.orgId, orgId))
    .orderBy(asc(units.name));
}

/** The organisation's ODS code, for the link to its public pages. */
export async function odsCodeOf(tx: OrgTransaction, orgId: string): Promise<string> {
  const [row] = await tx
    .select({ odsCode: organisations.odsCode })
    .from(organisations)
    .where(eq(organisations.orgId, orgId));
  return row?.odsCode ?? '';
}
