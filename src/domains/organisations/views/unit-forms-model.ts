import { errorSummaryList, type FieldErrors, formErrors } from '#src/web/forms.ts';
import type { DateParts, UnitAnswers } from '../forms.ts';
import type { UnitNode } from '../rules.ts';
import { unitKinds } from '../schema.ts';
import { kindNames, unitHref } from './units-model.ts';

/** Where each field's error summary link goes, in the order the fields appear on the page. */
const fieldAnchors: Record<string, string> = {
  name: '#name',
  code: '#code',
  kind: '#kind',
  parentCode: '#parentCode',
  parentUnitId: '#parentUnitId',
  activeFrom: '#activeFrom-day',
  activeTo: '#activeTo-day',
  file: '#file',
};

const fieldsInPageOrder = Object.keys(fieldAnchors);
// A problem with the whole form (the service refused it) links to the top of the page.
const anchorOf = (field: string) => fieldAnchors[field] ?? '#maincontent';

/** The error summary's list: one link per field with a problem, in page order. */
export const errorList = (errors: FieldErrors) => errorSummaryList(errors, fieldsInPageOrder, anchorOf);

/** The form's problems, for the error summary and beside each field. */
export const formState = (errors: FieldErrors) => formErrors(errors, fieldsInPageOrder, anchorOf);

/** Dates are shown in the three boxes; a box with the field's error is outlined too. */
function dateItems(parts: DateParts, hasError: boolean) {
  const classes = hasError ? ' nhsuk-input--error' : '';
  return [
    { name: 'day', value: parts.day, classes: `nhsuk-input--width-2${classes}` },
    { name: 'month', value: parts.month, classes: `nhsuk-input--width-2${classes}` },
    { name: 'year', value: parts.year, classes: `nhsuk-input--width-4${classes}` },
  ];
}

const kindItems = unitKinds.map((kind) => ({ value: kind, text: kindNames[kind] }));

const unitLabel = (unit: Pick<UnitNode, 'name' | 'code'>) => `${unit.name} (${unit.code})`;

export function newUnitPage(input: { answers: UnitAnswers; errors?: FieldErrors; parents: UnitNode[] }) {
  const errors = input.errors ?? {};
  return {
    pageTitle: 'Add a unit',
    heading: 'Add a unit',
    action: '/admin/units/new',
    backLinkHref: '/admin/units',
    submitText: 'Add unit',
    ...formState(errors),
    values: input.answers,
    kindItems,
    parentItems: [
      { value: '', text: 'None: it is at the top of the organisation' },
      ...input.parents.map((parent) => ({ value: parent.code, text: unitLabel(parent) })),
    ],
    activeFromItems: dateItems(input.answers.activeFrom, Boolean(errors.activeFrom)),
    activeTo: null,
  };
}

export function editUnitPage(input: { unit: UnitNode; answers: UnitAnswers; errors?: FieldErrors }) {
  const errors = input.errors ?? {};
  return {
    pageTitle: `Change ${input.unit.name}`,
    heading: `Change ${input.unit.name}`,
    action: `${unitHref(input.unit)}/edit`,
    backLinkHref: unitHref(input.unit),
    submitText: 'Save changes',
    ...formState(errors),
    values: input.answers,
    kindItems,
    parentItems: null,
    activeFromItems: dateItems(input.answers.activeFrom, Boolean(errors.activeFrom)),
    activeTo: { items: dateItems(input.answers.activeTo, Boolean(errors.activeTo)) },
  };
}

export function moveUnitPage(input: {
  unit: UnitNode;
  parents: UnitNode[];
  chosenParentUnitId: string | null;
  errors?: FieldErrors;
}) {
  return {
    pageTitle: `Move ${input.unit.name}`,
    heading: `Move ${input.unit.name}`,
    action: `${unitHref(input.unit)}/move`,
    backLinkHref: unitHref(input.unit),
    ...formState(input.errors ?? {}),
    chosen: input.chosenParentUnitId ?? '',
    parentItems: [
      { value: '', text: 'None: put it at the top of the organisation' },
      ...input.parents.map((parent) => ({ value: parent.unitId, text: unitLabel(parent) })),
    ],
  };
}

export function retireUnitPage(input: {
  unit: UnitNode;
  activeTo: DateParts;
  openChildren: number;
  errors?: FieldErrors;
}) {
  const errors = input.errors ?? {};
  const count = input.openChildren;
  const below =
    count === 0
      ? null
      : `${input.unit.name} has ${count === 1 ? '1 open unit' : `${count} open units`} below it. Retire or move ${count === 1 ? 'it' : 'them'} before you retire this unit.`;
  return {
    pageTitle: `Retire ${input.unit.name}`,
    heading: `Retire ${input.unit.name}`,
    action: `${unitHref(input.unit)}/retire`,
    backLinkHref: unitHref(input.unit),
    ...formState(errors),
    activeToItems: dateItems(input.activeTo, Boolean(errors.activeTo)),
    warning: `${input.unit.name} will be shown as retired after the date you enter. Nothing recorded against it is deleted.`,
    openChildrenText: below,
  };
}
