import type { OrgTransaction } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import { Invalid } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import { actionFieldProblems, planProblems, refuseIf, trimmed } from './action-checks.ts';
import * as q from './queries.ts';
import type { ActionFields, NewPlan } from './service-types.ts';
import * as sq from './statement-queries.ts';

// Creating a plan and adding an action inside a transaction already open: shared by the forms
// (plans.ts) and the import of a table (plan-import.ts).

export async function createPlanIn(tx: OrgTransaction, orgId: string, actor: Actor, plan: NewPlan) {
  refuseIf(planProblems(plan));
  if (await q.planByName(tx, orgId, plan.name.trim())) {
    throw new Invalid(`There is already a plan called ${plan.name.trim()}`, {
      name: `There is already a plan called ${plan.name.trim()}: choose another name`,
    });
  }
  const reference = plan.sourceReference?.trim().toUpperCase() || null;
  const referencedRecordId = reference ? await sq.recordIdByReference(tx, orgId, reference) : null;
  if (reference && !referencedRecordId) {
    const message = `There is no feedback with the reference ${reference}`;
    throw new Invalid(message, { sourceReference: message });
  }
  const row = await q.insertPlan(tx, {
    orgId,
    name: plan.name.trim(),
    source: plan.source,
    visitType: plan.visitType ?? null,
    unitId: plan.unitId ?? null,
    sourceRecordId: plan.sourceRecordId ?? referencedRecordId,
    sourceDescription: trimmed(plan.sourceDescription),
    reportedTo: trimmed(plan.reportedTo),
    createdBy: actor.kind === 'user' ? actor.id : null,
  });
  await recordAudit(tx, orgId, actor, {
    action: 'action-plan.created',
    entityType: 'action-plan',
    entityId: row.planId,
    after: row,
  });
  return row;
}

export async function addActionIn(
  tx: OrgTransaction,
  orgId: string,
  actor: Actor,
  where: { planId: string; recommendationId: string; today: IsoDate },
  fields: ActionFields,
) {
  refuseIf(actionFieldProblems(fields));
  const row = await q.insertAction(tx, {
    orgId,
    planId: where.planId,
    recommendationId: where.recommendationId,
    position: await q.nextActionPosition(tx, orgId, where.planId),
    leadUserId: fields.leadUserId ?? null,
    leadName: trimmed(fields.leadName),
    actionCompleted: trimmed(fields.actionCompleted),
    furtherAction: trimmed(fields.furtherAction),
    dueDate: fields.dueDate ?? null,
    dueDatePrecision: fields.dueDatePrecision ?? 'day',
    methodOfMeasurement: trimmed(fields.methodOfMeasurement),
    outcomeIndicator: trimmed(fields.outcomeIndicator),
    reportedTo: trimmed(fields.reportedTo),
    status: fields.status ?? 'not-started',
    completedDate: fields.status === 'completed' ? where.today : null,
    cqcRequirement: fields.cqcRequirement ?? null,
    keyQuestion: fields.keyQuestion ?? null,
    unitId: fields.unitId ?? null,
    assuranceLevel: fields.assuranceLevel ?? null,
    assuranceReason: trimmed(fields.assuranceReason),
  });
  // An action's fields hold no personal data, so the trail keeps them whole.
  await recordAudit(tx, orgId, actor, {
    action: 'action.created',
    entityType: 'action',
    entityId: row.actionId,
    after: row,
  });
  return row;
}
