import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { ukDate } from '#src/domains/calendar/index.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { attempt, formBody } from '#src/web/forms.ts';
import { actorOf, principalOf } from '#src/web/principal.ts';
import { type RetentionDecisionInput, retentionService } from './retention-service.ts';
import { retentionDecisionPage, retentionListPage, retentionPath } from './views/retention/models.ts';

// /cases/retention: the case files past their 10 years (DESIGN.md §3), and the decision on each.
//
// Only the complaints and PALS team decides. Investigators hold cases:manage for the cases
// assigned to them, not to destroy any case in the organisation; administrators read cases but do
// not run them (identity/rules.ts), and destroying a case file is the case team's decision, taken
// with what it knows of complaints, the Ombudsman and litigation.

const templates = {
  list: 'cases/views/retention/list.njk',
  decision: 'cases/views/retention/decision.njk',
};
// Only the complaints and PALS team: investigators hold cases:manage for their own cases only.
const canAdminister = { access: { permission: 'cases:administer' } } as const;

type WithRecord = { Params: { recordId: string } };

/** The service's input from the form; the service refuses what is missing or wrong. */
const decisionAnswers = (answers: Record<string, unknown>): RetentionDecisionInput => ({
  decision: String(answers.decision ?? '') as RetentionDecisionInput['decision'],
  reason: String(answers.reason ?? ''),
  reviewAgainDate: typeof answers.reviewAgainDate === 'string' ? answers.reviewAgainDate : null,
});

export function retentionRoutes({ db }: DomainDependencies) {
  const retention = retentionService({ db });

  return async (app: FastifyInstance) => {
    app.get(retentionPath, { config: canAdminister }, async (request, reply) => {
      const principal = principalOf(request);
      return reply.render(
        templates.list,
        retentionListPage(await retention.casesDueForReview(principal.orgId)),
      );
    });

    app.get<WithRecord>(`${retentionPath}/:recordId`, { config: canAdminister }, async (request, reply) => {
      const principal = principalOf(request);
      const item = await retention.caseDueForReview(principal.orgId, request.params.recordId);
      return reply.render(templates.decision, retentionDecisionPage({ item }));
    });

    app.post<WithRecord>(`${retentionPath}/:recordId`, { config: canAdminister }, async (request, reply) => {
      const principal = principalOf(request);
      const { recordId } = request.params;
      const item = await retention.caseDueForReview(principal.orgId, recordId);
      const answers = formBody(request.body);
      const decided = await attempt(() =>
        retention.recordRetentionDecision(
          principal.orgId,
          actorOf(principal, request.id),
          recordId,
          decisionAnswers(answers),
        ),
      );
      if (!decided.ok) {
        return reply.render(
          templates.decision,
          retentionDecisionPage({ item, answers, errors: decided.errors }),
          422,
        );
      }
      const { decision, reference, reviewAgainDate } = decided.data;
      setSuccessMessage(
        request,
        decision === 'retain' && reviewAgainDate
          ? `The file of ${reference} is kept until a review on ${ukDate(reviewAgainDate)}`
          : `The file of ${reference} has been destroyed`,
      );
      return reply.redirect(retentionPath, 303);
    });
  };
}
