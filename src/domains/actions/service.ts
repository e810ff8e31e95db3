import { actionUseCases } from './action-updates.ts';
import { evidenceUseCases } from './evidence.ts';
import { planImportUseCases } from './plan-import.ts';
import { planUseCases } from './plans.ts';
import { actionsContext } from './service-context.ts';
import type { ActionsDependencies } from './service-types.ts';

export type {
  ActionFields,
  ActionsDependencies,
  ImportResult,
  NewPlan,
  ShownAction,
  Upload,
} from './service-types.ts';

// Action plans, their recommendations and actions, evidence and assurance (issue 7), as one
// service. Each concern is in its own small file:
//   plans.ts           starting a plan, its recommendations and actions, figures and assurance
//   plan-import.ts     a plan in and out as the review's table
//   action-updates.ts  my actions, overdue, an action's page, a lead's update, completing
//   evidence.ts        evidence notes and files
//   action-checks.ts   the checks and messages on what a use case is given
//   service-context.ts what they share: today, finding a plan or action, changing an action
// The other parts of the domain have their own services: learning.ts (learning points and
// themes), statements.ts (You said – We did), visits.ts (quality visits) and audits.ts (clinical
// audits). Every write is checked (access.ts), made in the organisation's transaction and
// recorded in the audit trail in that same transaction.

export function actionsService(dependencies: ActionsDependencies) {
  const context = actionsContext(dependencies);
  return {
    ...planUseCases(context),
    ...planImportUseCases(context),
    ...actionUseCases(context),
    ...evidenceUseCases(context),
  };
}

export type ActionsService = ReturnType<typeof actionsService>;
