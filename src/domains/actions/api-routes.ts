import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { defineApiOperation } from '#src/web/api.ts';
import { principalOf } from '#src/web/principal.ts';
import * as api from './api-schemas.ts';
import type { PlanProgress } from './rules.ts';
import type { ActionPlanRow } from './schema.ts';
import { actionsService } from './service.ts';
import type { ShownAction } from './service-types.ts';

// Action plans through /api/v1, under the pages' rules (issue 7): anyone with actions:view reads
// plans and their progress; an action's status and evidence are changed by whoever may change it
// on its page (access.ts), which for an API key holding actions:update is any action of its
// organisation. Every write is in the audit trail (the service), and so is every call made with
// an API key (integrations/api-call-audit.ts).

const tag = 'Action plans';

const planOut = (plan: ActionPlanRow, progress: PlanProgress) => ({ ...plan, progress });
const actionOut = (action: ShownAction) => ({
  ...action,
  lead: action.leadDisplayName ?? action.leadName,
});

export function actionApiRoutes({ db, config }: DomainDependencies) {
  const actions = actionsService({ db, config });

  return async (app: FastifyInstance) => {
    defineApiOperation(app, {
      method: 'GET',
      path: '/action-plans',
      operationId: 'listActionPlans',
      summary: 'List the action plans with their progress by status (and by CQC key question) and assurance',
      tag,
      permission: 'actions:view',
      response: api.planListResponse,
      handler: async (_input, request) => {
        const plans = await actions.plansWithProgress(principalOf(request).orgId);
        return { plans: plans.map(({ plan, progress }) => planOut(plan, progress)) };
      },
    });

    defineApiOperation(app, {
      method: 'GET',
      path: '/action-plans/:planId',
      operationId: 'getActionPlan',
      summary: 'One action plan with its progress, its recommendations and each recommendation’s actions',
      tag,
      permission: 'actions:view',
      params: api.planIdParams,
      response: api.planDetail,
      handler: async ({ params }, request) => {
        const view = await actions.planView(principalOf(request).orgId, params.planId);
        return {
          ...planOut(view.plan, view.progress),
          recommendations: view.recommendations.map((recommendation) => ({
            ...recommendation,
            actions: view.actions
              .filter((action) => action.recommendationId === recommendation.recommendationId)
              .map(actionOut),
          })),
        };
      },
    });

    defineApiOperation(app, {
      method: 'PUT',
      path: '/actions/:actionId/status',
      operationId: 'updateActionStatus',
      summary:
        'Change an action’s status, with what has been done and what is still to do; completing needs evidence or an account of what was done',
      tag,
      permission: 'actions:update',
      params: api.actionIdParams,
      body: api.actionStatusBody,
      response: api.actionOut,
      handler: async ({ params, body }, request) => {
        const principal = principalOf(request);
        const { version, ...fields } = body;
        await actions.updateAction(principal, params.actionId, version, fields, request.id);
        const { action } = await actions.actionView(principal, params.actionId);
        return actionOut(action);
      },
    });

    defineApiOperation(app, {
      method: 'POST',
      path: '/actions/:actionId/evidence',
      operationId: 'addActionEvidenceNote',
      summary: 'Record evidence that an action was done, as a note',
      tag,
      permission: 'actions:update',
      params: api.actionIdParams,
      body: api.evidenceNoteBody,
      response: api.evidenceOut,
      successStatus: 201,
      handler: async ({ params, body }, request) =>
        actions.addEvidenceNote(principalOf(request), params.actionId, body.note, request.id),
    });
  };
}
