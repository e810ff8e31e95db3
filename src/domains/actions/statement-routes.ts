import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { publicAccess } from '#src/web/access.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { attempt } from '#src/web/forms.ts';
import { principalOf } from '#src/web/principal.ts';
import { type Answers, answersOf } from './forms.ts';
import { type NewStatement, statementsService } from './statements.ts';
import {
  newStatementPage,
  publicStatementsPage,
  staffStatementsPage,
  statementsFeed,
  withdrawStatementPage,
} from './views/statements-model.ts';
import { type AssuranceLevel, assuranceLevels } from './words.ts';

// "You said – We did": the staff list and form, and the public page and Atom feed for the trust
// and for each unit. The public routes need no sign-in and show only public fields.

const view = (name: string) => `actions/views/${name}.njk`;
const canView = { access: { permission: 'actions:view' } } as const;
const canUpdate = { access: { permission: 'actions:update' } } as const;
const open = { access: publicAccess } as const;
type PublicRequest = { Params: { odsCode: string; unitCode?: string } };
type WithStatement = { Params: { statementId: string } };
const fields = ['unitId', 'youSaid', 'weDid', 'assuranceLevel', 'sourceReference', 'sourceDescription'];

/** A statement from the form's answers. */
const statementFrom = (answers: Answers): NewStatement => ({
  unitId: answers.unitId || null,
  youSaid: answers.youSaid ?? '',
  weDid: answers.weDid ?? '',
  assuranceLevel: (assuranceLevels as readonly string[]).includes(answers.assuranceLevel ?? '')
    ? (answers.assuranceLevel as AssuranceLevel)
    : null,
  sourceReference: answers.sourceReference,
  sourceDescription: answers.sourceDescription,
});

export function statementRoutes({ db, config }: DomainDependencies) {
  const statements = statementsService({ db });
  const baseUrlOf = (request: { protocol: string; host: string }) =>
    (config.PUBLIC_URL ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');

  return async (app: FastifyInstance) => {
    app.get('/actions/you-said-we-did', { config: canView }, async (request, reply) => {
      const principal = principalOf(request);
      const { rows, publicHref } = await statements.staffList(principal.orgId);
      return reply.render(view('statements'), staffStatementsPage(rows, publicHref));
    });

    app.get('/actions/you-said-we-did/new', { config: canUpdate }, async (request, reply) => {
      const units = await statements.units(principalOf(request).orgId);
      return reply.render(view('form'), newStatementPage({}, {}, units));
    });

    app.post('/actions/you-said-we-did/new', { config: canUpdate }, async (request, reply) => {
      const principal = principalOf(request);
      const answers = answersOf(request.body, fields);
      const saved = await attempt(() =>
        statements.addStatement(principal, statementFrom(answers), request.id),
      );
      if (!saved.ok) {
        const units = await statements.units(principal.orgId);
        return reply.render(view('form'), newStatementPage(answers, saved.errors, units), 422);
      }
      setSuccessMessage(request, 'The You said, we did has been published');
      return reply.redirect('/actions/you-said-we-did', 303);
    });

    app.get<WithStatement>(
      '/actions/you-said-we-did/:statementId/edit',
      { config: canUpdate },
      async (request, reply) => {
        const principal = principalOf(request);
        const { statement, sourceReference } = await statements.statementToEdit(
          principal,
          request.params.statementId,
        );
        const answers = {
          unitId: statement.unitId ?? '',
          youSaid: statement.youSaid,
          weDid: statement.weDid,
          assuranceLevel: statement.assuranceLevel,
          sourceReference: sourceReference ?? '',
          sourceDescription: statement.sourceDescription ?? '',
        };
        const units = await statements.units(principal.orgId);
        return reply.render(view('form'), newStatementPage(answers, {}, units, statement));
      },
    );

    app.post<WithStatement>(
      '/actions/you-said-we-did/:statementId/edit',
      { config: canUpdate },
      async (request, reply) => {
        const principal = principalOf(request);
        const { statementId } = request.params;
        const answers = answersOf(request.body, fields);
        const saved = await attempt(() =>
          statements.editStatement(principal, statementId, statementFrom(answers), request.id),
        );
        if (!saved.ok) {
          const units = await statements.units(principal.orgId);
          const page = newStatementPage(answers, saved.errors, units, { statementId });
          return reply.render(view('form'), page, 422);
        }
        setSuccessMessage(request, 'The You said, we did has been changed');
        return reply.redirect('/actions/you-said-we-did', 303);
      },
    );

    app.get<WithStatement>(
      '/actions/you-said-we-did/:statementId/withdraw',
      { config: canUpdate },
      async (request, reply) => {
        const principal = principalOf(request);
        const { statement } = await statements.statementToEdit(principal, request.params.statementId);
        return reply.render(view('form'), withdrawStatementPage(statement, {}, {}));
      },
    );

    app.post<WithStatement>(
      '/actions/you-said-we-did/:statementId/withdraw',
      { config: canUpdate },
      async (request, reply) => {
        const principal = principalOf(request);
        const answers = answersOf(request.body, ['reason']);
        const done = await attempt(() =>
          statements.withdrawStatement(
            principal,
            request.params.statementId,
            answers.reason ?? '',
            request.id,
          ),
        );
        if (!done.ok) {
          const { statement } = await statements.statementToEdit(principal, request.params.statementId);
          return reply.render(view('form'), withdrawStatementPage(statement, answers, done.errors), 422);
        }
        setSuccessMessage(request, 'The You said, we did has been withdrawn from the public page');
        return reply.redirect('/actions/you-said-we-did', 303);
      },
    );

    for (const path of ['/you-said-we-did/:odsCode', '/you-said-we-did/:odsCode/units/:unitCode']) {
      app.get<PublicRequest>(path, { config: open }, async (request, reply) => {
        const context = await statements.publicPage(request.params.odsCode, request.params.unitCode);
        return reply.render(view('public-statements'), publicStatementsPage(context));
      });
      app.get<PublicRequest>(`${path}/feed.atom`, { config: open }, async (request, reply) => {
        const context = await statements.publicPage(request.params.odsCode, request.params.unitCode);
        return reply
          .type('application/atom+xml; charset=utf-8')
          .header('cache-control', 'public, max-age=300')
          .send(statementsFeed(context, baseUrlOf(request), new Date()));
      });
    }
  };
}
