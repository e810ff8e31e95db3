import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { downloadDisposition } from '#src/domains/cases/index.ts';
import { NotFound } from '#src/web/errors.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { attempt, type FieldErrors, formErrors } from '#src/web/forms.ts';
import { actorOf, principalOf } from '#src/web/principal.ts';
import { mayManagePlans } from './access.ts';
import { actionApiRoutes } from './api-routes.ts';
import { auditRoutes } from './audit-routes.ts';
import {
  type Answers,
  answersOf,
  fieldText,
  leadFieldNames,
  managerFieldNames,
  parseActionForm,
  parsePlanForm,
  planFieldNames,
  uploadOf,
} from './forms.ts';
import { learningRoutes } from './learning-routes.ts';
import { exportPlan, isExportFormat } from './plan-export.ts';
import { describeRow } from './plan-table.ts';
import { actionsService } from './service.ts';
import { statementRoutes } from './statement-routes.ts';
import { readTableFile } from './table-files.ts';
import {
  type ActionFormContext,
  actionPage,
  answersFromAction,
  assurancePage,
  boardPage,
  evidencePage,
  importPage,
  myActionsPage,
  newActionPage,
  newPlanPage,
  overduePage,
  planPage,
  recommendationPage,
  reopenActionPage,
  updateActionPage,
} from './views/models.ts';
import { visitRoutes } from './visit-routes.ts';
import { assuranceLevels } from './words.ts';

// The action plan pages (issue 7): my actions, the plans with their assurance, a plan's progress,
// everything overdue by unit, an action with its evidence; forms to start and import plans, add
// recommendations and actions, record evidence, update and complete an action, and record a
// plan's assurance. Who may change what is decided by the service (access.ts), on every request.

const canView = { access: { permission: 'actions:view' } } as const;
const canUpdate = { access: { permission: 'actions:update' } } as const;
const canManage = { access: { permission: 'actions:manage' } } as const;

const view = (name: string) => `actions/views/${name}.njk`;
type WithPlan = { Params: { planId: string } };
type WithAction = { Params: { actionId: string } };

const postedVersion = (body: unknown) => {
  const version = Number(fieldText(body, 'version'));
  return Number.isInteger(version) && version >= 1 ? version : 0;
};

function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; content: Buffer }) {
  const type = file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType;
  return reply
    .header('content-type', type)
    .header('content-disposition', downloadDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.content);
}

export function actionRoutes(deps: DomainDependencies) {
  const { db, config } = deps;
  const actions = actionsService({ db, config });
  const maxMegabytes = config.ATTACHMENT_MAX_MEGABYTES;
  const uploadOptions = {
    limits: { fileSize: maxMegabytes * 1024 * 1024, files: 1 },
    throwFileSizeLimit: false,
  };
  const tableUploadOptions = { limits: { fileSize: 5 * 1024 * 1024, files: 1 }, throwFileSizeLimit: false };

  async function formContext(
    request: FastifyRequest,
    asManager: boolean,
    planId?: string,
  ): Promise<ActionFormContext> {
    const { orgId } = principalOf(request);
    if (!asManager) return { asManager, leads: [], units: [] };
    const [leads, units] = await Promise.all([actions.possibleLeads(orgId), actions.units(orgId)]);
    const recommendations = planId ? (await actions.planView(orgId, planId)).recommendations : undefined;
    return { asManager, leads, units, ...(recommendations ? { recommendations } : {}) };
  }

  async function renderAction(
    request: FastifyRequest<WithAction>,
    reply: FastifyReply,
    errors: FieldErrors = {},
  ) {
    const shown = await actions.actionView(principalOf(request), request.params.actionId);
    const page = { ...actionPage(shown), ...formErrors(errors, []) };
    return reply.render(view('action'), page, Object.keys(errors).length > 0 ? 422 : 200);
  }

  return async (app: FastifyInstance) => {
    await app.register(actionApiRoutes(deps));
    await app.register(statementRoutes(deps));
    await app.register(learningRoutes(deps));
    await app.register(auditRoutes(deps));
    await app.register(visitRoutes(deps));

    app.get('/actions', { config: canView }, async (request, reply) =>
      reply.render(view('my-actions'), myActionsPage(await actions.myActions(principalOf(request)))),
    );

    app.get('/actions/overdue', { config: canView }, async (request, reply) =>
      reply.render(view('overdue'), overduePage(await actions.overdueByUnit(principalOf(request).orgId))),
    );

    app.get('/actions/plans', { config: canView }, async (request, reply) => {
      const principal = principalOf(request);
      const plans = await actions.plansWithProgress(principal.orgId);
      return reply.render(view('plans'), boardPage(plans, mayManagePlans(principal)));
    });

    // Starting and importing plans

    app.get('/actions/plans/new', { config: canManage }, async (request, reply) =>
      reply.render(view('form'), newPlanPage({}, {}, await actions.units(principalOf(request).orgId))),
    );

    app.post('/actions/plans/new', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const answers = answersOf(request.body, planFieldNames);
      const parsed = parsePlanForm(answers);
      const saved = parsed.ok
        ? await attempt(() => actions.createPlan(principal, parsed.plan, request.id))
        : parsed;
      if (!saved.ok) {
        const units = await actions.units(principal.orgId);
        return reply.render(view('form'), newPlanPage(answers, saved.errors, units), 422);
      }
      setSuccessMessage(request, `${saved.data.name} has been started`);
      return reply.redirect(`/actions/plans/${saved.data.planId}`, 303);
    });

    app.get('/actions/plans/import', { config: canManage }, async (_request, reply) =>
      reply.render(view('form'), importPage({ source: 'independent-review' }, {})),
    );

    app.post(
      '/actions/plans/import',
      { config: { ...canManage, multipartOptions: tableUploadOptions } },
      async (request, reply) => {
        const principal = principalOf(request);
        const answers = answersOf(request.body, ['name', 'source', 'visitType']);
        const parsed = parsePlanForm(answers);
        const upload = await uploadOf(request.body);
        const errors: FieldErrors = parsed.ok ? {} : { ...parsed.errors };
        if (upload.content.length === 0) errors.file = 'Select a CSV or Excel file';
        if (upload.truncated) errors.file = 'The selected file must be smaller than 5MB';
        if (!parsed.ok || Object.keys(errors).length > 0) {
          return reply.render(view('form'), importPage(answers, errors), 422);
        }
        const outcome = await attempt(async () =>
          actions.importPlan(
            principal.orgId,
            actorOf(principal, request.id),
            parsed.plan,
            await readTableFile(upload.content),
          ),
        );
        if (!outcome.ok) return reply.render(view('form'), importPage(answers, outcome.errors), 422);
        const result = outcome.data;
        if (!result.plan) {
          const report = result.checked.report.filter((row) => row.problems.length > 0).map(describeRow);
          const problem =
            result.checked.tableProblem ??
            `${result.rejected} of ${result.checked.report.length} rows have a problem, so nothing was imported`;
          return reply.render(view('form'), importPage(answers, { file: problem }, report), 422);
        }
        setSuccessMessage(request, `${result.plan.name} has been imported with ${result.accepted} actions`);
        return reply.redirect(`/actions/plans/${result.plan.planId}`, 303);
      },
    );

    // A plan

    app.get<WithPlan>('/actions/plans/:planId', { config: canView }, async (request, reply) => {
      const principal = principalOf(request);
      const shown = await actions.planView(principal.orgId, request.params.planId);
      const units = await actions.units(principal.orgId);
      const unitName = units.find((unit) => unit.unitId === shown.plan.unitId)?.name ?? null;
      return reply.render(
        view('plan'),
        planPage({ ...shown, unitName, mayManage: mayManagePlans(principal) }),
      );
    });

    app.get<{ Params: { planId: string; format: string } }>(
      '/actions/plans/:planId/export/:format',
      { config: canView },
      async (request, reply) => {
        const { planId, format } = request.params;
        if (!isExportFormat(format)) throw new NotFound();
        return sendFile(reply, await exportPlan(actions, principalOf(request).orgId, planId, format));
      },
    );

    app.get<WithPlan>('/actions/plans/:planId/assurance', { config: canManage }, async (request, reply) => {
      const { plan } = await actions.planView(principalOf(request).orgId, request.params.planId);
      const answers = {
        assuranceLevel: plan.assuranceLevel ?? '',
        assuranceReason: plan.assuranceReason ?? '',
      };
      return reply.render(view('form'), assurancePage(plan, answers, {}));
    });

    app.post<WithPlan>('/actions/plans/:planId/assurance', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const answers = answersOf(request.body, ['assuranceLevel', 'assuranceReason']);
      const level = (assuranceLevels as readonly string[]).includes(answers.assuranceLevel ?? '')
        ? (answers.assuranceLevel as (typeof assuranceLevels)[number])
        : null;
      const saved = await attempt(() =>
        actions.setPlanAssurance(
          principal,
          request.params.planId,
          level,
          answers.assuranceReason ?? '',
          request.id,
        ),
      );
      if (!saved.ok) {
        const { plan } = await actions.planView(principal.orgId, request.params.planId);
        return reply.render(view('form'), assurancePage(plan, answers, saved.errors), 422);
      }
      setSuccessMessage(request, 'The plan’s assurance has been recorded');
      return reply.redirect(`/actions/plans/${request.params.planId}`, 303);
    });

    app.get<WithPlan>(
      '/actions/plans/:planId/recommendations/new',
      { config: canManage },
      async (request, reply) => {
        const { plan } = await actions.planView(principalOf(request).orgId, request.params.planId);
        return reply.render(view('form'), recommendationPage(plan.planId, plan.name, {}, {}));
      },
    );

    app.post<WithPlan>(
      '/actions/plans/:planId/recommendations/new',
      { config: canManage },
      async (request, reply) => {
        const principal = principalOf(request);
        const answers = answersOf(request.body, ['number', 'text']);
        const saved = await attempt(() =>
          actions.addRecommendation(
            principal,
            request.params.planId,
            { number: answers.number ?? '', text: answers.text ?? '' },
            request.id,
          ),
        );
        if (!saved.ok) {
          const { plan } = await actions.planView(principal.orgId, request.params.planId);
          return reply.render(
            view('form'),
            recommendationPage(plan.planId, plan.name, answers, saved.errors),
            422,
          );
        }
        setSuccessMessage(request, `Recommendation ${saved.data.number} has been added`);
        return reply.redirect(`/actions/plans/${request.params.planId}`, 303);
      },
    );

    app.get<WithPlan>('/actions/plans/:planId/actions/new', { config: canManage }, async (request, reply) => {
      const { plan } = await actions.planView(principalOf(request).orgId, request.params.planId);
      const context = await formContext(request, true, plan.planId);
      return reply.render(
        view('form'),
        newActionPage(plan.planId, plan.name, { status: 'not-started' }, {}, context),
      );
    });

    app.post<WithPlan>(
      '/actions/plans/:planId/actions/new',
      { config: canManage },
      async (request, reply) => {
        const principal = principalOf(request);
        const answers = answersOf(request.body, [
          'recommendationId',
          ...leadFieldNames,
          ...managerFieldNames,
        ]);
        const parsed = parseActionForm(answers, true);
        const saved = parsed.ok
          ? await attempt(() =>
              actions.addAction(
                principal,
                request.params.planId,
                answers.recommendationId ?? '',
                parsed.fields,
                request.id,
              ),
            )
          : parsed;
        if (!saved.ok) {
          const { plan } = await actions.planView(principal.orgId, request.params.planId);
          const context = await formContext(request, true, plan.planId);
          return reply.render(
            view('form'),
            newActionPage(plan.planId, plan.name, answers, saved.errors, context),
            422,
          );
        }
        setSuccessMessage(request, 'The action has been added');
        return reply.redirect(`/actions/${saved.data.actionId}`, 303);
      },
    );

    // An action

    app.get<WithAction>('/actions/:actionId', { config: canView }, async (request, reply) =>
      renderAction(request, reply),
    );

    app.get<{ Params: { actionId: string; evidenceId: string } }>(
      '/actions/:actionId/evidence/:evidenceId',
      { config: canView },
      async (request, reply) =>
        sendFile(
          reply,
          await actions.downloadEvidence(
            principalOf(request),
            request.params.actionId,
            request.params.evidenceId,
          ),
        ),
    );

    app.get<WithAction>('/actions/:actionId/evidence', { config: canUpdate }, async (request, reply) => {
      const { action } = await actions.actionToUpdate(principalOf(request), request.params.actionId);
      return reply.render(view('form'), evidencePage(action, {}, {}, maxMegabytes));
    });

    app.post<WithAction>(
      '/actions/:actionId/evidence',
      { config: { ...canUpdate, multipartOptions: uploadOptions } },
      async (request, reply) => {
        const principal = principalOf(request);
        const { actionId } = request.params;
        const answers: Answers = { note: fieldText(request.body, 'note') };
        const upload = await uploadOf(request.body);
        const hasFile = upload.content.length > 0 || upload.fileName !== '';
        const saved = await attempt(() =>
          hasFile
            ? actions.addEvidenceFile(principal, actionId, upload, answers.note, request.id)
            : actions.addEvidenceNote(principal, actionId, answers.note ?? '', request.id),
        );
        if (!saved.ok) {
          const { action } = await actions.actionView(principal, actionId);
          const errors = hasFile ? saved.errors : { note: saved.errors.note ?? saved.errors.form ?? '' };
          return reply.render(view('form'), evidencePage(action, answers, errors, maxMegabytes), 422);
        }
        setSuccessMessage(request, 'The evidence has been recorded');
        return reply.redirect(`/actions/${actionId}`, 303);
      },
    );

    app.get<WithAction>('/actions/:actionId/update', { config: canUpdate }, async (request, reply) => {
      const principal = principalOf(request);
      const { action } = await actions.actionToUpdate(principal, request.params.actionId);
      const context = await formContext(request, mayManagePlans(principal));
      return reply.render(view('form'), updateActionPage(action, answersFromAction(action), {}, context));
    });

    app.post<WithAction>('/actions/:actionId/update', { config: canUpdate }, async (request, reply) => {
      const principal = principalOf(request);
      const asManager = mayManagePlans(principal);
      const answers = answersOf(request.body, [
        ...leadFieldNames,
        ...(asManager ? managerFieldNames : []),
        'version',
      ]);
      const parsed = parseActionForm(answers, asManager);
      const saved = parsed.ok
        ? await attempt(() =>
            actions.updateAction(
              principal,
              request.params.actionId,
              postedVersion(request.body),
              parsed.fields,
              request.id,
            ),
          )
        : parsed;
      if (!saved.ok) {
        const { action } = await actions.actionView(principal, request.params.actionId);
        const context = await formContext(request, asManager);
        return reply.render(view('form'), updateActionPage(action, answers, saved.errors, context), 422);
      }
      setSuccessMessage(request, 'The action has been updated');
      return reply.redirect(`/actions/${request.params.actionId}`, 303);
    });

    app.get<WithAction>('/actions/:actionId/reopen', { config: canUpdate }, async (request, reply) => {
      const { action } = await actions.actionToUpdate(principalOf(request), request.params.actionId);
      if (action.status !== 'completed') return reply.redirect(`/actions/${action.actionId}`, 303);
      return reply.render(view('form'), reopenActionPage(action, {}, {}));
    });

    app.post<WithAction>('/actions/:actionId/reopen', { config: canUpdate }, async (request, reply) => {
      const principal = principalOf(request);
      const answers = answersOf(request.body, ['reason']);
      const saved = await attempt(() =>
        actions.reopenAction(
          principal,
          request.params.actionId,
          postedVersion(request.body),
          answers.reason ?? '',
          request.id,
        ),
      );
      if (!saved.ok) {
        const { action } = await actions.actionView(principal, request.params.actionId);
        return reply.render(view('form'), reopenActionPage(action, answers, saved.errors), 422);
      }
      setSuccessMessage(request, 'The action has been reopened');
      return reply.redirect(`/actions/${request.params.actionId}`, 303);
    });

    app.post<WithAction>('/actions/:actionId/complete', { config: canUpdate }, async (request, reply) => {
      const principal = principalOf(request);
      const saved = await attempt(() =>
        actions.completeAction(principal, request.params.actionId, postedVersion(request.body), request.id),
      );
      if (!saved.ok) return renderAction(request, reply, saved.errors);
      setSuccessMessage(request, 'The action has been marked as completed');
      return reply.redirect(`/actions/${request.params.actionId}`, 303);
    });
  };
}
