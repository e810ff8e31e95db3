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
    editHref: mayManage ? `/actions/visits/${visit.visitId}/edit` : null,
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
  editing?: { visitId: string },
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
    pageTitle: editing ? 'Change a quality visit' : 'Record a quality visit',
    action: editing ? `/actions/visits/${encodeURIComponent(editing.visitId)}/edit` : '/actions/visits/new',
    submit: editing ? 'Save the changes' : 'Record the visit',
    backLinkHref: editing ? `/actions/visits/${encodeURIComponent(editing.visitId)}` : '/actions/visits',
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

/** A recorded visit as the answers of its form: its date in boxes, its findings one a line in each box. */
export function answersFromVisit(view: { visit: QualityVisitRow; findings: VisitFindingRow[] }): Answers {
  const [year = '', month = '', day = ''] = view.visit.visitDate.split('-');
  const answers: Answers = {
    unitId: view.visit.unitId,
    'visitDate[day]': String(Number(day)),
    'visitDate[month]': String(Number(month)),
    'visitDate[year]': year,
    visitType: view.visit.visitType,
    team: view.visit.team,
  };
  for (const finding of view.findings) {
    const box = `${finding.keyQuestion}-${finding.kind}`;
    answers[box] = answers[box] ? `${answers[box]}\n${finding.text}` : finding.text;
  }
  return answers;
}
