import { ukDate } from '#src/domains/calendar/index.ts';
import type { FieldErrors } from '#src/web/forms.ts';
import type { Answers } from '../forms.ts';
import type { QualityVisitRow, VisitFindingRow } from '../schema.ts';
import {
  findingKindNames,
  findingKinds,
  keyQuestionNames,
  keyQuestions,
  visitTypeNames,
  visitTypes,
} from '../words.ts';
import {
  dateField,
  type FormField,
  formPage,
  radioField,
  selectField,
  textArea,
  textField,
} from './form-fields.ts';

export function visitsPage(visits: readonly (QualityVisitRow & { unitName: string })[], mayManage: boolean) {
  return {
    pageTitle: 'Quality visits',
    mayManage,
    visits: visits.map((visit) => ({
      href: `/actions/visits/${visit.visitId}`,
      text: `${visit.unitName}, ${ukDate(visit.visitDate)}`,
      kind: visitTypeNames[visit.visitType],
    })),
  };
}

export function visitPage(
  view: { visit: QualityVisitRow; findings: VisitFindingRow[]; unitName: string },
  mayManage: boolean,
) {
  const { visit } = view;
  return {
    pageTitle: `${visitTypeNames[visit.visitType]}: ${view.unitName}`,
    caption: 'Quality visit',
    visitId: visit.visitId,
    mayManage,
    planHref: visit.planId ? `/actions/plans/${visit.planId}` : null,
    canTurnIntoActions:
      mayManage && !visit.planId && view.findings.some((finding) => finding.kind === 'improvement'),
    summaryRows: [
      { key: { text: 'Date' }, value: { text: ukDate(visit.visitDate) } },
      { key: { text: 'Kind of visit' }, value: { text: visitTypeNames[visit.visitType] } },
      { key: { text: 'Visiting team' }, value: { text: visit.team } },
    ],
    keyQuestions: keyQuestions
      .map((keyQuestion) => ({
        name: keyQuestionNames[keyQuestion],
        kinds: findingKinds
          .map((kind) => ({
            name: findingKindNames[kind],
            findings: view.findings
              .filter((finding) => finding.keyQuestion === keyQuestion && finding.kind === kind)
              .map((finding) => finding.text),
          }))
          .filter((group) => group.findings.length > 0),
      }))
      .filter((group) => group.kinds.length > 0),
  };
}

export const findingBoxNames = keyQuestions.flatMap((keyQuestion) =>
  findingKinds.map((kind) => `${keyQuestion}-${kind}`),
);

export function newVisitPage(
  answers: Answers,
  errors: FieldErrors,
  units: readonly { unitId: string; name: string }[],
) {
  const findingFields: FormField[] = keyQuestions.flatMap((keyQuestion) =>
    findingKinds.map((kind) =>
      textArea(
        `${keyQuestion}-${kind}`,
        `${keyQuestionNames[keyQuestion]}: ${findingKindNames[kind].toLowerCase()}`,
        answers,
        errors,
        'One finding a line',
      ),
    ),
  );
  return formPage({
    pageTitle: 'Record a quality visit',
    action: '/actions/visits/new',
    submit: 'Record the visit',
    backLinkHref: '/actions/visits',
    intro:
      'What the visiting team found under each of the CQC’s key questions. No names or personal details.',
    errors,
    fields: [
      selectField(
        'unitId',
        'Unit visited',
        units.map((unit) => ({ value: unit.unitId, text: unit.name })),
        answers,
        errors,
        'Select a unit',
      ),
      dateField('visitDate', 'Date of the visit', answers, errors),
      radioField(
        'visitType',
        'Kind of visit',
        visitTypes.map((value) => ({ value, text: visitTypeNames[value] })),
        answers,
        errors,
      ),
      textField(
        'team',
        'Visiting team',
        answers,
        errors,
        'By role, for example non-executive director, patient representative, matron',
      ),
      ...findingFields,
    ],
  });
}
