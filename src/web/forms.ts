import type { z } from 'zod';
import { Conflict, Invalid } from './errors.ts';

// What every form page does with problems in its answers, as the NHS design system asks:
// one message per field beside it, and an error summary ("There is a problem") listing them
// in the order of the page, each linking to its field. Which fields a form has, where each
// one's link goes and what the messages say stay with the form's domain.

/** One message per form field, keyed by the field's name. */
export type FieldErrors = Record<string, string>;

/** The first problem zod found with each field. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}

const fieldId = (field: string) => `#${field}`;

/**
 * The error summary's list, in the order the fields appear on the page, then any other
 * problems. Each links to its field: by default the element whose id is the field's name.
 */
export function errorSummaryList(
  errors: FieldErrors,
  fieldsInPageOrder: readonly string[],
  anchorOf: (field: string) => string = fieldId,
) {
  const known = fieldsInPageOrder.filter((field) => errors[field]);
  const others = Object.keys(errors).filter((field) => !fieldsInPageOrder.includes(field));
  return [...known, ...others].map((field) => ({ text: errors[field], href: anchorOf(field) }));
}

/** What a form page's template needs to show its problems: the flag, the field messages and the summary. */
export function formErrors(
  errors: FieldErrors,
  fieldsInPageOrder: readonly string[],
  anchorOf: (field: string) => string = fieldId,
) {
  return {
    hasErrors: Object.keys(errors).length > 0,
    errors,
    errorList: errorSummaryList(errors, fieldsInPageOrder, anchorOf),
  };
}

/** A form body as a plain record (an empty one when there is none). */
export function formBody(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

/** A checkbox group's answer: absent, one value or several, always as a list. */
export function checkedValues(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Runs a service call from a form; what the service refuses (Invalid, Conflict) comes back as
 * the form's field errors, with a conflict put on `conflictField`. Anything else is thrown on.
 */
export async function attempt<T>(
  work: () => Promise<T>,
  conflictField = 'form',
): Promise<{ ok: true; data: T } | { ok: false; errors: FieldErrors }> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof Invalid) {
      const errors = Object.keys(error.fieldErrors).length ? error.fieldErrors : { form: error.message };
      return { ok: false, errors };
    }
    if (error instanceof Conflict) return { ok: false, errors: { [conflictField]: error.message } };
    throw error;
  }
}
