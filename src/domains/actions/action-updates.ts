import { Conflict, Forbidden, Invalid } from '#src/web/errors.ts';
import type { Principal } from '#src/web/principal.ts';
import { mayManagePlans } from './access.ts';
import { actionFieldProblems, refuseIf, trimmed } from './action-checks.ts';
import * as q from './queries.ts';
import { completionProblem } from './rules.ts';
import type { PlanActionRow } from './schema.ts';
import { type ActionsContext, mayNotChangeAction } from './service-context.ts';
import type { ActionFields, ShownAction } from './service-types.ts';

// Actions (issue 7): what a lead sees ("My actions", overdue by unit, an action's page) and how an
// action changes: a lead's update, completing it (only with evidence or an account of what was
// done). Leads change their own actions, service managers their units', the plans team any
// (access.ts); the plans team alone change who leads it, when it is due and its assurance.

/** Who leads an action, when it is due and its assurance are the plan's owners' to decide. */
const managerOnlyFields: readonly (keyof ActionFields)[] = [
  'leadUserId',
  'leadName',
  'dueDate',
  'cqcRequirement',
  'keyQuestion',
  'unitId',
  'assuranceLevel',
  'assuranceReason',
];

export function actionUseCases(context: ActionsContext) {
  const { today, shown, actionIn, actionToChange, changeAction, mayChange } = context;

  /** An action's page: the action, its evidence, and whether this person may change it. */
  async function actionView(principal: Principal, actionId: string) {
    return context.withOrg(principal.orgId, async (tx) => {
      const action = await actionIn(tx, principal.orgId, actionId);
      const evidence = await q.evidenceOf(tx, principal.orgId, action.actionId);
      const mayUpdate = await mayChange(tx, principal, action);
      return { action: shown(action), evidence, mayUpdate, mayManage: mayManagePlans(principal) };
    });
  }

  return {
    today,
    actionView,

    async myActions(principal: Principal) {
      const actions = await context.withOrg(principal.orgId, (tx) =>
        q.actionsLedBy(tx, principal.orgId, principal.id),
      );
      return actions.map(shown);
    },

    /** Every overdue action, grouped by the unit that carries it out (its plan's unit when it has none). */
    async overdueByUnit(orgId: string) {
      const actions = await context.withOrg(orgId, (tx) => q.actionsOverdue(tx, orgId, today()));
      const groups = new Map<string, { unitName: string; actions: ShownAction[] }>();
      for (const action of actions.map(shown)) {
        const unitName = action.unitName ?? 'The whole organisation';
        const group = groups.get(unitName) ?? { unitName, actions: [] };
        group.actions.push(action);
        groups.set(unitName, group);
      }
      return [...groups.values()];
    },

    /** The action for a form that changes it: refused, before the form is shown, to anyone who may not. */
    async actionToUpdate(principal: Principal, actionId: string) {
      const shownAction = await actionView(principal, actionId);
      if (!shownAction.mayUpdate) throw new Forbidden(mayNotChangeAction);
      return shownAction;
    },

    /** A lead's update: what was done, what is still to do, the status. Leads and service managers may; managers may change more. */
    async updateAction(
      principal: Principal,
      actionId: string,
      version: number,
      fields: ActionFields,
      requestId?: string,
    ) {
      refuseIf(actionFieldProblems(fields));
      if (!mayManagePlans(principal) && managerOnlyFields.some((field) => fields[field] !== undefined)) {
        throw new Forbidden(
          'Only the team who run action plans can change an action’s lead, date or assurance.',
        );
      }
      return context.withOrg(principal.orgId, async (tx) => {
        const current = await actionToChange(tx, principal, actionId);
        if (fields.status === 'completed' && current.status !== 'completed') {
          const evidence = await q.evidenceOf(tx, principal.orgId, current.actionId);
          const problem = completionProblem(
            evidence.length,
            fields.actionCompleted ?? current.actionCompleted,
          );
          if (problem) throw new Invalid(problem, { status: problem });
        }
        const changes: Partial<PlanActionRow> = {};
        for (const [field, value] of Object.entries(fields) as [keyof ActionFields, unknown][]) {
          if (value === undefined) continue;
          (changes as Record<string, unknown>)[field] = typeof value === 'string' ? trimmed(value) : value;
        }
        if (fields.status) {
          changes.completedDate = fields.status === 'completed' ? (current.completedDate ?? today()) : null;
        }
        return changeAction(tx, principal, requestId, current, version, changes, 'action.updated');
      });
    },

    /**
     * Reopens a completed action with the reason, shown on its page and kept in the trail: it is
     * in progress again, and counts as overdue again once its due date has passed.
     */
    async reopenAction(
      principal: Principal,
      actionId: string,
      version: number,
      reason: string,
      requestId?: string,
    ) {
      if (!reason.trim()) {
        throw new Invalid('Enter why the action is being reopened', {
          reason: 'Enter why the action is being reopened',
        });
      }
      return context.withOrg(principal.orgId, async (tx) => {
        const current = await actionToChange(tx, principal, actionId);
        if (current.status !== 'completed') throw new Conflict('Only a completed action can be reopened.');
        return changeAction(
          tx,
          principal,
          requestId,
          current,
          version,
          { status: 'in-progress', completedDate: null, reopenedOn: today(), reopenReason: reason.trim() },
          'action.reopened',
        );
      });
    },

    /** Completes an action: refused without evidence or an account of what was done. */
    async completeAction(principal: Principal, actionId: string, version: number, requestId?: string) {
      return context.withOrg(principal.orgId, async (tx) => {
        const current = await actionToChange(tx, principal, actionId);
        if (current.status === 'completed') throw new Conflict('This action is already completed.');
        const evidence = await q.evidenceOf(tx, principal.orgId, current.actionId);
        const problem = completionProblem(evidence.length, current.actionCompleted);
        if (problem) throw new Invalid(problem, { form: problem });
        return changeAction(
          tx,
          principal,
          requestId,
          current,
          version,
          { status: 'completed', completedDate: today() },
          'action.completed',
        );
      });
    },
  };
}
