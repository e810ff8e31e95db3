import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { downloadDisposition } from '#src/domains/cases/index.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { attempt, formErrors } from '#src/web/forms.ts';
import { principalOf } from '#src/web/principal.ts';
import { type Answers, answersOf, dateBoxNames, dateFromBoxes } from './forms.ts';
import { learningService } from './learning.ts';
import {
  answersFromVisit,
  findingBoxNames,
  newVisitPage,
  visitPage,
  visitsPage,
} from './views/visits-model.ts';
import { findingsFromBoxes, type NewVisit, visitsService } from './visits.ts';

// Quality visits: the list, a visit's findings by key question with its letter, the form that
// records one, and the one step that turns its areas for improvement into an action plan.

const view = (name: string) => `actions/views/${name}.njk`;
const canView = { access: { permission: 'actions:view' } } as const;
const canManage = { access: { permission: 'actions:manage' } } as const;
type WithVisit = { Params: { visitId: string } };

const visitFieldNames = ['unitId', ...dateBoxNames('visitDate'), 'visitType', 'team', ...findingBoxNames];

/** A visit from its form's answers: findings one a line in each key question's boxes. */
const visitFrom = (answers: Answers): NewVisit => ({
  unitId: answers.unitId ?? '',
  visitDate: dateFromBoxes(answers, 'visitDate') || null,
  visitType: answers.visitType ?? '',
  team: answers.team ?? '',
  findings: findingsFromBoxes(answers),
});

export function visitRoutes({ db }: DomainDependencies) {
  const visits = visitsService({ db });
  const units = (orgId: string) => learningService({ db }).units(orgId);

  return async (app: FastifyInstance) => {
    app.get('/actions/visits', { config: canView }, async (request, reply) => {
      const principal = principalOf(request);
      const mayManage = principal.permissions.has('actions:manage');
      return reply.render(view('visits'), visitsPage(await visits.visits(principal.orgId), mayManage));
    });

    app.get('/actions/visits/new', { config: canManage }, async (request, reply) =>
      reply.render(view('form'), newVisitPage({}, {}, await units(principalOf(request).orgId))),
    );

    app.post('/actions/visits/new', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const answers = answersOf(request.body, visitFieldNames);
      const saved = await attempt(() => visits.recordVisit(principal, visitFrom(answers), request.id));
      if (!saved.ok) {
        return reply.render(
          view('form'),
          newVisitPage(answers, saved.errors, await units(principal.orgId)),
          422,
        );
      }
      setSuccessMessage(request, 'The visit has been recorded');
      return reply.redirect(`/actions/visits/${saved.data.visitId}`, 303);
    });

    app.get<WithVisit>('/actions/visits/:visitId/edit', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const shown = await visits.visitView(principal.orgId, request.params.visitId);
      const page = newVisitPage(answersFromVisit(shown), {}, await units(principal.orgId), shown.visit);
      return reply.render(view('form'), page);
    });

    app.post<WithVisit>('/actions/visits/:visitId/edit', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const { visitId } = request.params;
      const answers = answersOf(request.body, visitFieldNames);
      const saved = await attempt(() => visits.editVisit(principal, visitId, visitFrom(answers), request.id));
      if (!saved.ok) {
        const page = newVisitPage(answers, saved.errors, await units(principal.orgId), { visitId });
        return reply.render(view('form'), page, 422);
      }
      setSuccessMessage(request, 'The visit has been changed');
      return reply.redirect(`/actions/visits/${visitId}`, 303);
    });

    app.get<WithVisit>('/actions/visits/:visitId', { config: canView }, async (request, reply) => {
      const principal = principalOf(request);
      const shown = await visits.visitView(principal.orgId, request.params.visitId);
      return reply.render(view('visit'), visitPage(shown, principal.permissions.has('actions:manage')));
    });

    app.get<WithVisit>(
      '/actions/visits/:visitId/letter.docx',
      { config: canView },
      async (request, reply) => {
        const letter = await visits.findingsLetter(principalOf(request).orgId, request.params.visitId);
        return reply
          .header('content-type', letter.contentType)
          .header('content-disposition', downloadDisposition(letter.fileName))
          .header('cache-control', 'private, no-store')
          .send(letter.content);
      },
    );

    app.post<WithVisit>('/actions/visits/:visitId/plan', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const made = await attempt(() => visits.turnIntoActions(principal, request.params.visitId, request.id));
      if (!made.ok) {
        const shown = await visits.visitView(principal.orgId, request.params.visitId);
        return reply.render(
          view('visit'),
          { ...visitPage(shown, true), ...formErrors(made.errors, []) },
          422,
        );
      }
      setSuccessMessage(request, `${made.data.name} has been started from the visit’s findings`);
      return reply.redirect(`/actions/plans/${made.data.planId}`, 303);
    });
  };
}
