import { inTurn } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import type { Actor } from '#src/web/principal.ts';
import { checkPlanTable, type ExportAction, planTableCells } from './plan-table.ts';
import { addActionIn, createPlanIn } from './plan-writes.ts';
import * as q from './queries.ts';
import { planProgress } from './rules.ts';
import type { ActionsContext } from './service-context.ts';
import type { ImportResult, NewPlan } from './service-types.ts';

// A plan in and out as the table the independent review laid it out in (No, Recommendation,
// Lead, Action completed, Further action, Date, …): the importer's row-by-row report and the export
// that round-trips to the same rows (issue 7, "Done when").

/** A recommendation with no action yet is still a row of the table. */
const emptyRow = (base: { number: string; recommendation: string }): ExportAction => ({
  ...base,
  lead: null,
  actionCompleted: null,
  furtherAction: null,
  dueDate: null,
  dueDatePrecision: 'day',
  methodOfMeasurement: null,
  outcomeIndicator: null,
  reportedTo: null,
  status: 'not-started',
  cqcRequirement: null,
  keyQuestion: null,
});

export function planImportUseCases(context: ActionsContext) {
  const { today, planIn } = context;

  return {
    /**
     * Imports a plan from a table laid out like the review's. Every row is checked first; when any
     * is rejected nothing is imported, so a corrected file can be imported again as it is.
     */
    async importPlan(orgId: string, actor: Actor, plan: NewPlan, cells: readonly (readonly string[])[]) {
      const checked = checkPlanTable(cells);
      const rejected = checked.report.filter((row) => row.problems.length > 0).length;
      const result: ImportResult = { plan: null, checked, rejected, accepted: checked.rows.length };
      if (checked.tableProblem || rejected > 0) return result;
      result.plan = await context.withOrg(orgId, async (tx) => {
        const created = await createPlanIn(tx, orgId, actor, plan);
        const people = await q.activeUsers(tx, orgId);
        // A lead named as a user of Heard (by name or email) becomes that user, so the action is in their "My actions".
        const leadOf = (lead: string | null) =>
          lead
            ? (people.find(
                (person) =>
                  person.displayName.toLowerCase() === lead.toLowerCase() ||
                  person.email.toLowerCase() === lead.toLowerCase(),
              )?.userId ?? null)
            : null;
        const recommendationIds = new Map<string, string>();
        for (const row of checked.rows) {
          let recommendationId = recommendationIds.get(row.number);
          if (!recommendationId) {
            const recommendation = await q.insertRecommendation(tx, {
              orgId,
              planId: created.planId,
              number: row.number,
              text: row.recommendation,
              position: recommendationIds.size + 1,
            });
            recommendationId = recommendation.recommendationId;
            recommendationIds.set(row.number, recommendationId);
          }
          await addActionIn(
            tx,
            orgId,
            actor,
            { planId: created.planId, recommendationId, today: today() },
            {
              leadUserId: leadOf(row.lead),
              leadName: row.lead,
              actionCompleted: row.actionCompleted,
              furtherAction: row.furtherAction,
              dueDate: row.dueDate,
              dueDatePrecision: row.dueDatePrecision,
              methodOfMeasurement: row.methodOfMeasurement,
              outcomeIndicator: row.outcomeIndicator,
              reportedTo: row.reportedTo,
              status: row.status,
              cqcRequirement: row.cqcRequirement,
              keyQuestion: row.keyQuestion,
            },
          );
        }
        await recordAudit(tx, orgId, actor, {
          action: 'action-plan.imported',
          entityType: 'action-plan',
          entityId: created.planId,
          after: { recommendations: recommendationIds.size, actions: checked.rows.length },
        });
        return created;
      });
      return result;
    },

    /** A plan as the table it was imported from, header first. */
    async planTable(orgId: string, planId: string) {
      return context.withOrg(orgId, async (tx) => {
        const plan = await planIn(tx, orgId, planId);
        const [recommendations, actions] = await inTurn(
          () => q.recommendationsOf(tx, orgId, plan.planId),
          () => q.actionsOfPlan(tx, orgId, plan.planId),
        );
        const rows: ExportAction[] = recommendations.flatMap((recommendation) => {
          const own = actions.filter((action) => action.recommendationId === recommendation.recommendationId);
          const base = { number: recommendation.number, recommendation: recommendation.text };
          if (own.length === 0) return [emptyRow(base)];
          return own.map((action) => ({
            ...base,
            lead: action.leadName ?? action.leadDisplayName,
            actionCompleted: action.actionCompleted,
            furtherAction: action.furtherAction,
            dueDate: action.dueDate,
            dueDatePrecision: action.dueDatePrecision,
            methodOfMeasurement: action.methodOfMeasurement,
            outcomeIndicator: action.outcomeIndicator,
            reportedTo: action.reportedTo,
            status: action.status,
            cqcRequirement: action.cqcRequirement,
            keyQuestion: action.keyQuestion,
          }));
        });
        const withCqcColumns = plan.source === 'cqc-inspection' || rows.some((row) => row.keyQuestion);
        return {
          plan,
          cells: planTableCells(rows, withCqcColumns),
          progress: planProgress(actions, today()),
        };
      });
    },
  };
}
