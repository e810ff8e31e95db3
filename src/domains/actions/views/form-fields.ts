import { type FieldErrors, formErrors } from '#src/web/forms.ts';
import type { Answers } from '../forms.ts';

// The fields of the action pages' forms as NHS.UK macro parameters, and the page model the
// generic form template (form.njk) renders: title, fields in order, error summary.

export type Choice = { value: string; text: string };
const radioItems = (choices: readonly Choice[], value: string | undefined) =>
  choices.map((choice) => ({ ...choice, checked: choice.value === value }));
const selectItems = (choices: readonly Choice[], value: string | undefined, empty: string) => [
  { value: '', text: empty, selected: !value },
  ...choices.map((choice) => ({ ...choice, selected: choice.value === value })),
];

/** A form field the generic form template renders with the named NHS.UK macro. */
export type FormField = {
  macro: 'input' | 'textarea' | 'radios' | 'checkboxes' | 'select' | 'dateInput' | 'fileUpload';
  params: object;
};

const fieldAnchor = (name: string) => (name === 'dueDate' ? '#dueDate-day' : `#${name}`);

export function textField(
  name: string,
  label: string,
  answers: Answers,
  errors: FieldErrors,
  hint?: string,
): FormField {
  return {
    macro: 'input',
    params: {
      id: name,
      name,
      label: { text: label },
      ...(hint ? { hint: { text: hint } } : {}),
      value: answers[name],
      errorMessage: errors[name] ? { text: errors[name] } : undefined,
    },
  };
}

export function textArea(
  name: string,
  label: string,
  answers: Answers,
  errors: FieldErrors,
  hint?: string,
): FormField {
  return {
    macro: 'textarea',
    params: {
      id: name,
      name,
      label: { text: label },
      ...(hint ? { hint: { text: hint } } : {}),
      rows: 4,
      value: answers[name],
      errorMessage: errors[name] ? { text: errors[name] } : undefined,
    },
  };
}

export function radioField(
  name: string,
  legend: string,
  choices: readonly Choice[],
  answers: Answers,
  errors: FieldErrors,
): FormField {
  return {
    macro: 'radios',
    params: {
      idPrefix: name,
      name,
      fieldset: { legend: { text: legend, size: 's' } },
      items: radioItems(choices, answers[name]),
      errorMessage: errors[name] ? { text: errors[name] } : undefined,
    },
  };
}

export function selectField(
  name: string,
  label: string,
  choices: readonly Choice[],
  answers: Answers,
  errors: FieldErrors,
  empty: string,
): FormField {
  return {
    macro: 'select',
    params: {
      id: name,
      name,
      label: { text: label },
      items: selectItems(choices, answers[name], empty),
      errorMessage: errors[name] ? { text: errors[name] } : undefined,
    },
  };
}

export function dateField(name: string, legend: string, answers: Answers, errors: FieldErrors): FormField {
  const classes = errors[name] ? ' nhsuk-input--error' : '';
  return {
    macro: 'dateInput',
    params: {
      id: name,
      namePrefix: name,
      fieldset: { legend: { text: legend, size: 's' } },
      hint: { text: 'For example, 30 9 2024' },
      items: [
        { name: 'day', value: answers[`${name}[day]`], classes: `nhsuk-input--width-2${classes}` },
        { name: 'month', value: answers[`${name}[month]`], classes: `nhsuk-input--width-2${classes}` },
        { name: 'year', value: answers[`${name}[year]`], classes: `nhsuk-input--width-4${classes}` },
      ],
      errorMessage: errors[name] ? { text: errors[name] } : undefined,
    },
  };
}

export function formPage(options: {
  pageTitle: string;
  caption?: string;
  action: string;
  submit: string;
  fields: FormField[];
  errors: FieldErrors;
  backLinkHref?: string;
  multipart?: boolean;
  intro?: string;
  hiddenFields?: { name: string; value: string }[];
}) {
  const order = options.fields.map((field) => {
    const params = field.params as { name?: string; namePrefix?: string };
    return params.namePrefix ?? params.name ?? '';
  });
  return {
    ...options,
    ...formErrors(options.errors, order, (field) =>
      order.includes(field) ? fieldAnchor(field) : '#maincontent',
    ),
  };
}
