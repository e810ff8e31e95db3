import { createHash } from 'node:crypto';
import { isIsoDate } from '#src/domains/calendar/index.ts';
import { Invalid, NotFound } from '#src/web/errors.ts';
import { assuranceProblem } from './rules.ts';
import type { ActionFields, NewPlan } from './service-types.ts';
import {
  actionStatuses,
  assuranceLevels,
  cqcRequirements,
  keyQuestions,
  planSources,
  visitTypes,
} from './words.ts';

// The checks every plan and action use case makes on what it is given, before it opens a
// transaction: pure functions, so each message is found and changed in one place.

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
export const notFoundPlan = () =>
  new NotFound('There is no action plan with that identifier in your organisation.');
export const notFoundAction = () =>
  new NotFound('There is no action with that identifier in your organisation.');
export const trimmed = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

export function planProblems(plan: NewPlan): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!plan.name.trim()) problems.name = 'Enter the plan’s name';
  else if (plan.name.trim().length > 200) problems.name = 'The plan’s name must be 200 characters or fewer';
  if (!planSources.includes(plan.source)) problems.source = 'Select where the plan comes from';
  if (plan.visitType && !visitTypes.includes(plan.visitType)) problems.visitType = 'Select the kind of visit';
  if (plan.source === 'quality-visit' && !plan.visitType) problems.visitType = 'Select the kind of visit';
  return problems;
}

export function actionFieldProblems(fields: ActionFields): Record<string, string> {
  const problems: Record<string, string> = {};
  if (fields.dueDate && !isIsoDate(fields.dueDate)) problems.dueDate = 'Enter a real due date';
  if (fields.status && !actionStatuses.includes(fields.status)) problems.status = 'Select the status';
  if (fields.keyQuestion && !keyQuestions.includes(fields.keyQuestion))
    problems.keyQuestion = 'Select the key question';
  if (fields.cqcRequirement && !cqcRequirements.includes(fields.cqcRequirement))
    problems.cqcRequirement = 'Select must do or should do';
  if (fields.assuranceLevel && !assuranceLevels.includes(fields.assuranceLevel))
    problems.assuranceLevel = 'Select the level of assurance';
  const assurance = assuranceProblem(fields.assuranceLevel ?? null, fields.assuranceReason ?? null);
  if (assurance) problems[fields.assuranceLevel ? 'assuranceReason' : 'assuranceLevel'] = assurance;
  return problems;
}

/** Throws the first problem, with every problem for the form's error summary. */
export const refuseIf = (problems: Record<string, string>) => {
  const [first] = Object.values(problems);
  if (first) throw new Invalid(first, problems);
};

export function evidenceNoteProblem(note: string): string | null {
  if (!note.trim()) return 'Enter the evidence';
  if (note.length > 10_000) return 'The evidence must be 10,000 characters or fewer';
  return null;
}
