import type { MultipartFile } from '@fastify/multipart';
import { isIsoDate } from '#src/domains/calendar/index.ts';
import type { FieldErrors } from '#src/web/forms.ts';
import type { ActionFields, NewPlan, Upload } from './service.ts';
import {
  type ActionStatus,
  type AssuranceLevel,
  actionStatuses,
  assuranceLevels,
  type CqcRequirement,
  cqcRequirements,
  type KeyQuestion,
  keyQuestions,
  type PlanSource,
  planSources,
  type VisitType,
  visitTypes,
} from './words.ts';

// Reading the action pages' forms: urlencoded and multipart alike (a multipart text field
// arrives as { value }), with the answers kept as typed so that a refused form shows them again.

export type Answers = Record<string, string>;

/** A text field's value from either kind of form body. */
export function fieldText(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string')
    return value.value;
  return '';
}

/** The answers to the named fields, as typed. */
export const answersOf = (body: unknown, names: readonly string[]): Answers =>
  Object.fromEntries(names.map((name) => [name, fieldText(body, name)]));

/** The uploaded file of a multipart form; an empty one when none was chosen. */
export async function uploadOf(body: unknown): Promise<Upload> {
  const file = (body && typeof body === 'object' ? (body as Record<string, unknown>).file : undefined) as
    | MultipartFile
    | undefined;
  if (!file || typeof file.toBuffer !== 'function') return { fileName: '', content: Buffer.alloc(0) };
  const content = await file.toBuffer();
  return { fileName: file.filename ?? '', content, truncated: file.file.truncated };
}

const oneOf = <T extends string>(values: readonly T[], value: string): T | null =>
  (values as readonly string[]).includes(value) ? (value as T) : null;

/** A date from the three boxes of the NHS date input; '' when all are empty, null when not a date. */
export function dateFromBoxes(answers: Answers, prefix: string): string | null | '' {
  const [day, month, year] = ['day', 'month', 'year'].map((part) =>
    (answers[`${prefix}[${part}]`] ?? '').trim(),
  );
  if (!day && !month && !year) return '';
  const iso = `${year?.padStart(4, '0')}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && isIsoDate(iso) ? iso : null;
}

export const dateBoxNames = (prefix: string) => ['day', 'month', 'year'].map((part) => `${prefix}[${part}]`);

export const planFieldNames = [
  'name',
  'source',
  'visitType',
  'unitId',
  'sourceReference',
  'sourceDescription',
  'reportedTo',
];

export function parsePlanForm(
  answers: Answers,
): { ok: true; plan: NewPlan } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const source = oneOf<PlanSource>(planSources, answers.source ?? '');
  if (!answers.name?.trim()) errors.name = 'Enter the plan’s name';
  if (!source) errors.source = 'Select where the plan comes from';
  const visitType = oneOf<VisitType>(visitTypes, answers.visitType ?? '');
  if (source === 'quality-visit' && !visitType) errors.visitType = 'Select the kind of visit';
  if (Object.keys(errors).length > 0 || !source) return { ok: false, errors };
  return {
    ok: true,
    plan: {
      name: answers.name ?? '',
      source,
      visitType: source === 'quality-visit' ? visitType : null,
      unitId: answers.unitId || null,
      sourceReference: answers.sourceReference || null,
      sourceDescription: answers.sourceDescription || null,
      reportedTo: answers.reportedTo || null,
    },
  };
}

/** The fields a lead updates; the fields only plan managers set follow. */
export const leadFieldNames = ['actionCompleted', 'furtherAction', 'status'];
export const managerFieldNames = [
  'leadUserId',
  'leadName',
  ...dateBoxNames('dueDate'),
  'methodOfMeasurement',
  'outcomeIndicator',
  'reportedTo',
  'cqcRequirement',
  'keyQuestion',
  'unitId',
  'assuranceLevel',
  'assuranceReason',
];

/** The action form's answers as the service's fields; only managers' forms carry the managers' fields. */
export function parseActionForm(
  answers: Answers,
  asManager: boolean,
): { ok: true; fields: ActionFields } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const status = oneOf<ActionStatus>(actionStatuses, answers.status ?? '');
  if (!status) errors.status = 'Select the action’s status';
  const fields: ActionFields = {
    actionCompleted: answers.actionCompleted ?? '',
    furtherAction: answers.furtherAction ?? '',
    ...(status ? { status } : {}),
  };
  if (asManager) {
    const due = dateFromBoxes(answers, 'dueDate');
    if (due === null) errors.dueDate = 'Due date must be a real date, like 30 9 2024';
    const keyQuestion = answers.keyQuestion ? oneOf<KeyQuestion>(keyQuestions, answers.keyQuestion) : null;
    const cqcRequirement = answers.cqcRequirement
      ? oneOf<CqcRequirement>(cqcRequirements, answers.cqcRequirement)
      : null;
    const assuranceLevel = answers.assuranceLevel
      ? oneOf<AssuranceLevel>(assuranceLevels, answers.assuranceLevel)
      : null;
    Object.assign(fields, {
      leadUserId: answers.leadUserId || null,
      leadName: answers.leadName ?? '',
      dueDate: due || null,
      dueDatePrecision: 'day',
      methodOfMeasurement: answers.methodOfMeasurement ?? '',
      outcomeIndicator: answers.outcomeIndicator ?? '',
      reportedTo: answers.reportedTo ?? '',
      keyQuestion,
      cqcRequirement,
      unitId: answers.unitId || null,
      assuranceLevel,
      assuranceReason: answers.assuranceReason ?? '',
    } satisfies ActionFields);
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, fields };
}
