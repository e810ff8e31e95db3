import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { publicAccess } from '#src/web/access.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { attempt } from '#src/web/forms.ts';
import { principalOf } from '#src/web/principal.ts';
import { answersOf } from './forms.ts';
import { statementsService } from './statements.ts';
import {
  newStatementPage,
  publicStatementsPage,
  staffStatementsPage,
  statementsFeed,
} from './views/statements-model.ts';
import { type AssuranceLevel, assuranceLevels } from './words.ts';

// "You said – We did": the staff list and form, and the public page and Atom feed for the trust
// and for each unit. The public routes need no sign-in and show only public fields.

const view = (name: string) => `actions/views/${name}.njk`;
const canView = { access: { permission: 'actions:view' } } as const;
const canUpdate = { access: { permission: 'actions:update' } } as const;
const open = { access: publicAccess } as const;
type PublicRequest = { Params: { odsCode: string; unitCode?: string } };
const fields = ['unitId', 'youSaid', 'weDid', 'assuranceLevel', 'sourceReference', 'sourceDescription'];

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
      const level = (assuranceLevels as readonly string[]).includes(answers.assuranceLevel ?? '')
        ? (answers.assuranceLevel as AssuranceLevel)
        : null;
      const saved = await attempt(() =>
        statements.addStatement(
          principal,
          {
            unitId: answers.unitId || null,
            youSaid: answers.youSaid ?? '',
            weDid: answers.weDid ?? '',
            assuranceLevel: level,
            sourceReference: answers.sourceReference,
            sourceDescription: answers.sourceDescription,
          },
          request.id,
        ),
      );
      if (!saved.ok) {
        const units = await statements.units(principal.orgId);
        return reply.render(view('form'), newStatementPage(answers, saved.errors, units), 422);
      }
      setSuccessMessage(request, 'The You said, we did has been published');
      return reply.redirect('/actions/you-said-we-did', 303);
    });

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
