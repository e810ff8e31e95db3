import type { z } from 'zod';

/** One message per form field, keyed by the field's name (which is also its id on the page). */
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

/** The error summary's list, in the order the fields appear on the page, each linking to its field. */
export function errorSummaryList(errors: FieldErrors, fieldsInPageOrder: readonly string[]) {
  const known = fieldsInPageOrder.filter((field) => errors[field]);
  const others = Object.keys(errors).filter((field) => !fieldsInPageOrder.includes(field));
  return [...known, ...others].map((field) => ({ text: errors[field], href: `#${field}` }));
}

/** What a page with a form needs when the answers had problems: the summary, the field messages, the answers. */
export function formWithErrors(
  errors: FieldErrors,
  fieldsInPageOrder: readonly string[],
  values: Record<string, unknown>,
) {
  return { hasErrors: true, errors, errorList: errorSummaryList(errors, fieldsInPageOrder), values };
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
