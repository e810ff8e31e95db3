import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { attempt } from '#src/web/forms.ts';
import { principalOf } from '#src/web/principal.ts';
import { auditsService } from './audits.ts';
import { answersOf, dateBoxNames, dateFromBoxes } from './forms.ts';
import { learningService } from './learning.ts';
import { auditPage, auditsPage, newAuditPage } from './views/audits-model.ts';

// Clinical audits: the list, an audit's chart over time against its target with its table of
// measurements, and the forms that add an audit and a measurement.

const view = (name: string) => `actions/views/${name}.njk`;
const canView = { access: { permission: 'actions:view' } } as const;
const canManage = { access: { permission: 'actions:manage' } } as const;
type WithAudit = { Params: { auditId: string } };

export function auditRoutes({ db }: DomainDependencies) {
  const audits = auditsService({ db });
  const units = (orgId: string) => learningService({ db }).units(orgId);

  return async (app: FastifyInstance) => {
    app.get('/actions/audits', { config: canView }, async (request, reply) => {
      const principal = principalOf(request);
      return reply.render(
        view('audits'),
        auditsPage(await audits.audits(principal.orgId), principal.permissions.has('actions:manage')),
      );
    });

    app.get('/actions/audits/new', { config: canManage }, async (request, reply) =>
      reply.render(view('form'), newAuditPage({}, {}, await units(principalOf(request).orgId))),
    );

    app.post('/actions/audits/new', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const answers = answersOf(request.body, ['name', 'unitId', 'target']);
      const saved = await attempt(() =>
        audits.createAudit(
          principal,
          { name: answers.name ?? '', unitId: answers.unitId || null, target: answers.target ?? '' },
          request.id,
        ),
      );
      if (!saved.ok) {
        return reply.render(
          view('form'),
          newAuditPage(answers, saved.errors, await units(principal.orgId)),
          422,
        );
      }
      setSuccessMessage(request, `${saved.data.name} has been added`);
      return reply.redirect(`/actions/audits/${saved.data.auditId}`, 303);
    });

    app.get<WithAudit>('/actions/audits/:auditId', { config: canView }, async (request, reply) => {
      const principal = principalOf(request);
      const shown = await audits.auditView(principal.orgId, request.params.auditId);
      return reply.render(view('audit'), auditPage(shown, principal.permissions.has('actions:manage')));
    });

    app.post<WithAudit>(
      '/actions/audits/:auditId/measurements',
      { config: canManage },
      async (request, reply) => {
        const principal = principalOf(request);
        const answers = answersOf(request.body, [...dateBoxNames('measuredOn'), 'compliance']);
        const measuredOn = dateFromBoxes(answers, 'measuredOn');
        const saved = await attempt(() =>
          audits.addMeasurement(
            principal,
            request.params.auditId,
            { measuredOn: measuredOn || null, compliance: answers.compliance ?? '' },
            request.id,
          ),
        );
        if (!saved.ok) {
          const shown = await audits.auditView(principal.orgId, request.params.auditId);
          return reply.render(view('audit'), auditPage(shown, true, answers, saved.errors), 422);
        }
        setSuccessMessage(request, 'The measurement has been added');
        return reply.redirect(`/actions/audits/${request.params.auditId}`, 303);
      },
    );
  };
}
