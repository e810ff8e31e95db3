import { inTurn } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { Invalid, NotFound } from '#src/web/errors.ts';
import { actorOf, type Principal } from '#src/web/principal.ts';
import { refuseIf, trimmed } from './action-checks.ts';
import { addActionIn, createPlanIn } from './plan-writes.ts';
import * as q from './queries.ts';
import { assuranceProblem, type PlanProgress, planProgress } from './rules.ts';
import type { ActionsContext } from './service-context.ts';
import type { ActionFields, NewPlan } from './service-types.ts';
import * as sq from './statement-queries.ts';
import { type AssuranceLevel, assuranceLevels } from './words.ts';

// Plans (issue 7): starting one, its recommendations and actions, its figures, and the assurance
// the plans team records on it. Only the team who run action plans (actions:manage) change a plan.

export function planUseCases(context: ActionsContext) {
  const { today, shown, planIn, requireManager } = context;

  return {
    async createPlan(principal: Principal, plan: NewPlan, requestId?: string) {
      requireManager(principal);
      return context.withOrg(principal.orgId, (tx) =>
        createPlanIn(tx, principal.orgId, actorOf(principal, requestId), plan),
      );
    },

    async addRecommendation(
      principal: Principal,
      planId: string,
      recommendation: { number: string; text: string },
      requestId?: string,
    ) {
      requireManager(principal);
      const problems: Record<string, string> = {};
      if (!recommendation.number.trim()) problems.number = 'Enter the recommendation’s number';
      if (!recommendation.text.trim()) problems.text = 'Enter the recommendation';
      refuseIf(problems);
      return context.withOrg(principal.orgId, async (tx) => {
        const plan = await planIn(tx, principal.orgId, planId);
        const existing = await q.recommendationsOf(tx, principal.orgId, plan.planId);
        if (existing.some((row) => row.number === recommendation.number.trim())) {
          const message = `Recommendation ${recommendation.number.trim()} is already in this plan`;
          throw new Invalid(message, { number: message });
        }
        const row = await q.insertRecommendation(tx, {
          orgId: principal.orgId,
          planId: plan.planId,
          number: recommendation.number.trim(),
          text: recommendation.text.trim(),
          position: existing.length + 1,
        });
        await recordAudit(tx, principal.orgId, actorOf(principal, requestId), {
          action: 'action-plan.recommendation-added',
          entityType: 'action-plan',
          entityId: plan.planId,
          after: row,
        });
        return row;
      });
    },

    async addAction(
      principal: Principal,
      planId: string,
      recommendationId: string,
      fields: ActionFields,
      requestId?: string,
    ) {
      requireManager(principal);
      return context.withOrg(principal.orgId, async (tx) => {
        const plan = await planIn(tx, principal.orgId, planId);
        const recommendations = await q.recommendationsOf(tx, principal.orgId, plan.planId);
        if (!recommendations.some((row) => row.recommendationId === recommendationId)) {
          throw new Invalid('Select the recommendation', { recommendationId: 'Select the recommendation' });
        }
        return addActionIn(
          tx,
          principal.orgId,
          actorOf(principal, requestId),
          { planId: plan.planId, recommendationId, today: today() },
          fields,
        );
      });
    },

    /** The plans with their figures: the board summary and the list of plans. */
    async plansWithProgress(orgId: string) {
      return context.withOrg(orgId, async (tx) => {
        const [plans, actions] = await inTurn(
          () => q.allPlans(tx, orgId),
          () => q.allActions(tx, orgId),
        );
        return plans.map((plan) => ({
          plan,
          progress: planProgress(
            actions.filter((action) => action.planId === plan.planId),
            today(),
          ),
        }));
      });
    },

    /** A plan with its recommendations, actions (with their derived status) and figures. */
    async planView(orgId: string, planId: string) {
      return context.withOrg(orgId, async (tx) => {
        const plan = await planIn(tx, orgId, planId);
        const [recommendations, actions] = await inTurn(
          () => q.recommendationsOf(tx, orgId, plan.planId),
          () => q.actionsOfPlan(tx, orgId, plan.planId),
        );
        const sourceReference = plan.sourceRecordId
          ? await sq.referenceOfRecord(tx, orgId, plan.sourceRecordId)
          : null;
        return {
          plan,
          sourceReference,
          recommendations,
          actions: actions.map(shown),
          progress: planProgress(actions, today()) as PlanProgress,
        };
      });
    },

    async planIdByName(orgId: string, name: string): Promise<string> {
      const plan = await context.withOrg(orgId, (tx) => q.planByName(tx, orgId, name.trim()));
      if (!plan) throw new NotFound(`There is no action plan called ${name.trim()}.`);
      return plan.planId;
    },

    async setPlanAssurance(
      principal: Principal,
      planId: string,
      level: AssuranceLevel | null,
      reason: string | null,
      requestId?: string,
    ) {
      requireManager(principal);
      if (level && !assuranceLevels.includes(level)) {
        throw new Invalid('Select the level of assurance', {
          assuranceLevel: 'Select the level of assurance',
        });
      }
      const problem = assuranceProblem(level, reason);
      if (problem) throw new Invalid(problem, { [level ? 'assuranceReason' : 'assuranceLevel']: problem });
      return context.withOrg(principal.orgId, async (tx) => {
        const before = await planIn(tx, principal.orgId, planId);
        const after = await q.updatePlanRow(tx, principal.orgId, before.planId, {
          assuranceLevel: level,
          assuranceReason: trimmed(reason),
        });
        await recordAudit(tx, principal.orgId, actorOf(principal, requestId), {
          action: 'action-plan.assurance-recorded',
          entityType: 'action-plan',
          entityId: before.planId,
          before: { assuranceLevel: before.assuranceLevel, assuranceReason: before.assuranceReason },
          after: { assuranceLevel: after.assuranceLevel, assuranceReason: after.assuranceReason },
        });
        return after;
      });
    },

    /** The organisation's users who can sign in, for choosing a lead. */
    async possibleLeads(orgId: string) {
      return context.withOrg(orgId, (tx) => q.activeUsers(tx, orgId));
    },

    async units(orgId: string) {
      return context.withOrg(orgId, (tx) => q.unitNames(tx, orgId));
    },
  };
}
