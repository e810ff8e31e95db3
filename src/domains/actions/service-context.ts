import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { descendantIds } from '#src/domains/organisations/index.ts';
import { Conflict, Forbidden } from '#src/web/errors.ts';
import { actorOf, type Principal } from '#src/web/principal.ts';
import { mayManagePlans, mayUpdateAction } from './access.ts';
import { notFoundAction, notFoundPlan, uuidPattern } from './action-checks.ts';
import * as q from './queries.ts';
import { shownStatus, todayInEngland } from './rules.ts';
import type { PlanActionRow } from './schema.ts';
import type { ActionsDependencies, ShownAction } from './service-types.ts';

// What every action plan use case shares: today's date in England, finding a plan or an action the
// principal may change, and changing an action under its version with the audit in the same
// transaction. Built once per service by service.ts and handed to plans.ts, plan-import.ts,
// action-updates.ts and evidence.ts.

export const mayNotChangeAction =
  'Only the action’s lead, a service manager for its unit, or the team who run action plans can change it.';

export function actionsContext({ db, config, clock = () => new Date() }: ActionsDependencies) {
  const today = () => todayInEngland(clock());
  const shown = (action: q.ActionListing): ShownAction => ({
    ...action,
    shownStatus: shownStatus(action, today()),
  });

  /** The units a service manager's grant covers, descendants included. */
  async function visibleUnitsIn(
    tx: OrgTransaction,
    principal: Principal,
  ): Promise<'all' | ReadonlySet<string>> {
    if (principal.unitScope === 'all') return 'all';
    const all = await q.unitNames(tx, principal.orgId);
    return descendantIds(all, principal.unitScope);
  }

  function requireManager(principal: Principal) {
    if (!mayManagePlans(principal)) {
      throw new Forbidden('Only the team who run action plans can do this.');
    }
  }

  async function planIn(tx: OrgTransaction, orgId: string, planId: string) {
    const plan = uuidPattern.test(planId) ? await q.planById(tx, orgId, planId) : null;
    if (!plan) throw notFoundPlan();
    return plan;
  }

  async function actionIn(tx: OrgTransaction, orgId: string, actionId: string) {
    const action = uuidPattern.test(actionId) ? await q.actionById(tx, orgId, actionId) : null;
    if (!action) throw notFoundAction();
    return action;
  }

  /** Whether this person may change the action: its lead, a manager of its unit, or the plans team. */
  async function mayChange(tx: OrgTransaction, principal: Principal, action: q.ActionListing) {
    const owner = { leadUserId: action.leadUserId, unitId: action.unitId ?? action.planUnitId };
    return mayUpdateAction(principal, owner, await visibleUnitsIn(tx, principal));
  }

  /** An action the principal may change. */
  async function actionToChange(tx: OrgTransaction, principal: Principal, actionId: string) {
    const action = await actionIn(tx, principal.orgId, actionId);
    if (!(await mayChange(tx, principal, action))) throw new Forbidden(mayNotChangeAction);
    return action;
  }

  /** Changes an action if nobody else has since `version`, and records before and after in the trail. */
  async function changeAction(
    tx: OrgTransaction,
    principal: Principal,
    requestId: string | undefined,
    current: q.ActionListing,
    version: number,
    changes: Partial<PlanActionRow>,
    auditAction: string,
    auditExtra: Record<string, unknown> = {},
  ) {
    const updated = await q.updateActionRow(tx, principal.orgId, current.actionId, version, changes);
    if (!updated) {
      throw new Conflict(
        'Someone else changed this action while you were working on it. Check what they changed and try again.',
      );
    }
    const {
      leadDisplayName: _l,
      unitName: _u,
      planName: _p,
      planSource: _s,
      planUnitId: _pu,
      recommendationNumber: _r,
      ...before
    } = current;
    // An action's fields hold no personal data, so the trail keeps them whole.
    await recordAudit(tx, principal.orgId, actorOf(principal, requestId), {
      action: auditAction,
      entityType: 'action',
      entityId: current.actionId,
      before,
      after: { ...updated, ...auditExtra },
    });
    return updated;
  }

  return {
    db,
    config,
    today,
    shown,
    withOrg: <T>(orgId: string, work: (tx: OrgTransaction) => Promise<T>) => withOrg(db, orgId, work),
    visibleUnitsIn,
    requireManager,
    planIn,
    actionIn,
    mayChange,
    actionToChange,
    changeAction,
  };
}

export type ActionsContext = ReturnType<typeof actionsContext>;
