import { z } from 'zod';
import { type FieldErrors, fieldErrorsOf } from '#src/web/forms.ts';
import { isCalendarDate, unitCodeProblem, unitNameProblem } from './rules.ts';
import { unitKinds } from './schema.ts';

// The unit forms' answers as posted, and their checks in the NHS design system's words.
// A form that passes here may still be refused by the service (a code in use, a parent
// that is not open), whose messages come back to the same fields.

type FormBody = Record<string, unknown> | undefined;
type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export interface UnitAnswers {
  name: string;
  code: string;
  kind: string;
  parentCode: string;
  activeFrom: DateParts;
  activeTo: DateParts;
}

const textOf = (body: FormBody, field: string) => {
  const value = body?.[field];
  return typeof value === 'string' ? value : '';
};

/** The nhsuk date input posts `field[day]`, `field[month]` and `field[year]`. */
const datePartsOf = (body: FormBody, field: string): DateParts => ({
  day: textOf(body, `${field}[day]`).trim(),
  month: textOf(body, `${field}[month]`).trim(),
  year: textOf(body, `${field}[year]`).trim(),
});

export const datePartsFromIso = (iso: string | null | undefined): DateParts => {
  const [year = '', month = '', day = ''] = iso ? iso.split('-') : [];
  return { day: String(Number(day) || ''), month: String(Number(month) || ''), year };
};

export function unitAnswersOf(body: FormBody): UnitAnswers {
  return {
    name: textOf(body, 'name'),
    code: textOf(body, 'code'),
    kind: textOf(body, 'kind'),
    parentCode: textOf(body, 'parentCode'),
    activeFrom: datePartsOf(body, 'activeFrom'),
    activeTo: datePartsOf(body, 'activeTo'),
  };
}

/**
 * A date from the three boxes, or the design system's message for what is wrong with it:
 * "Enter …", "… must include a month", "… must be a real date".
 */
export function dateFromParts(
  parts: DateParts,
  label: string,
  required: boolean,
): { date: string | null } | { problem: string } {
  const { day, month, year } = parts;
  if (!day && !month && !year) return required ? { problem: `Enter the ${label}` } : { date: null };
  const missing = (['day', 'month', 'year'] as const).filter((part) => !parts[part]);
  const sentenceLabel = label.charAt(0).toUpperCase() + label.slice(1);
  if (missing.length > 0) return { problem: `${sentenceLabel} must include a ${missing.join(' and a ')}` };
  if (!/^\d{4}$/.test(year)) return { problem: 'Year must include 4 numbers' };
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !isCalendarDate(iso)) {
    return { problem: `${sentenceLabel} must be a real date` };
  }
  return { date: iso };
}

const fromRule = (problemOf: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const problem = problemOf(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

const unitDetailsSchema = z.object({
  name: z.string().trim().superRefine(fromRule(unitNameProblem)),
  code: z.string().trim().superRefine(fromRule(unitCodeProblem)),
  kind: z.enum(unitKinds, { message: 'Select the kind of unit' }),
});

const opensLabel = 'date the unit opens';
const closesLabel = 'date the unit closes';

function detailsAndDates(answers: UnitAnswers, dates: { activeFrom: boolean; activeTo: boolean }) {
  const details = unitDetailsSchema.safeParse(answers);
  const errors: FieldErrors = details.success ? {} : fieldErrorsOf(details.error);
  const activeFrom = dates.activeFrom ? dateFromParts(answers.activeFrom, opensLabel, true) : { date: null };
  const activeTo = dates.activeTo ? dateFromParts(answers.activeTo, closesLabel, false) : { date: null };
  if ('problem' in activeFrom) errors.activeFrom = activeFrom.problem;
  if ('problem' in activeTo) errors.activeTo = activeTo.problem;
  return {
    errors,
    details: details.success ? details.data : null,
    activeFrom: 'date' in activeFrom ? activeFrom.date : null,
    activeTo: 'date' in activeTo ? activeTo.date : null,
  };
}

export function parseNewUnitForm(answers: UnitAnswers) {
  const checked = detailsAndDates(answers, { activeFrom: true, activeTo: false });
  if (!checked.details || !checked.activeFrom || Object.keys(checked.errors).length > 0) {
    return { ok: false, errors: checked.errors } as const;
  }
  const data = {
    ...checked.details,
    parentCode: answers.parentCode.trim() || null,
    activeFrom: checked.activeFrom,
  };
  return { ok: true, data } as const;
}

export function parseEditUnitForm(answers: UnitAnswers) {
  const checked = detailsAndDates(answers, { activeFrom: true, activeTo: true });
  if (!checked.details || !checked.activeFrom || Object.keys(checked.errors).length > 0) {
    return { ok: false, errors: checked.errors } as const;
  }
  const data = { ...checked.details, activeFrom: checked.activeFrom, activeTo: checked.activeTo };
  return { ok: true, data } as const;
}

/** The move form's select posts a unit id, or nothing for the top of the tree. */
export function parseMoveForm(body: FormBody): Parsed<{ parentUnitId: string | null }> {
  const chosen = textOf(body, 'parentUnitId').trim();
  if (chosen === '') return { ok: true, data: { parentUnitId: null } };
  if (!z.uuid().safeParse(chosen).success)
    return { ok: false, errors: { parentUnitId: 'Select a unit from the list' } };
  return { ok: true, data: { parentUnitId: chosen } };
}

export function parseRetireForm(answers: UnitAnswers): Parsed<{ activeTo: string }> {
  const activeTo = dateFromParts(answers.activeTo, closesLabel, true);
  if ('problem' in activeTo) return { ok: false, errors: { activeTo: activeTo.problem } };
  // Required, so a date is always there; the check tells the compiler.
  if (activeTo.date === null) return { ok: false, errors: { activeTo: `Enter the ${closesLabel}` } };
  return { ok: true, data: { activeTo: activeTo.date } };
}
