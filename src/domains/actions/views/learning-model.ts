import { ukDate } from '#src/domains/calendar/index.ts';
import type { FieldErrors } from '#src/web/forms.ts';
import type { Answers } from '../forms.ts';
import type { LearningService } from '../learning.ts';
import { learningSourceNames, learningSources } from '../words.ts';
import { dateField, formPage, radioField, selectField, textArea, textField } from './form-fields.ts';

// The quarter's learning: its learning points, its organisational learning themes still awaiting
// the localities' action plans (the seed report's Table 17) and those with plans and assurance
// (Table 18), and the forms that record them.

type QuarterView = Awaited<ReturnType<LearningService['quarterView']>>;

const stageNames = {
  'action-plans-sought': 'Action plans to be sought',
  'action-plans-received': 'Action plans received, assurance awaited',
  assured: 'Assurance received',
} as const;

export function learningPage(view: QuarterView, mayManage: boolean, previous: string, next: string) {
  const quarter = encodeURIComponent(view.period.code);
  return {
    pageTitle: `Learning from feedback, ${view.period.label}`,
    mayManage,
    newThemeHref: `/actions/learning/themes/new?quarter=${quarter}`,
    previousHref: `/actions/learning?quarter=${encodeURIComponent(previous)}`,
    nextHref: `/actions/learning?quarter=${encodeURIComponent(next)}`,
    themes: view.themes.map(({ theme, responses, pointCount, progress }) => ({
      text: theme.text,
      stage: stageNames[progress.stage],
      pointCount,
      responseHref: `/actions/learning/themes/${theme.themeId}/responses`,
      editHref: `/actions/learning/themes/${theme.themeId}/edit`,
      awaiting: progress.awaitingPlan
        .map((unitId) => view.localities.find((unit) => unit.unitId === unitId)?.name ?? '')
        .filter(Boolean),
      rows: responses.map((response) => [
        { text: response.unitName },
        { text: response.actionPlan ?? '' },
        { text: response.assuranceReceivedDate ? ukDate(response.assuranceReceivedDate) : 'Awaited' },
      ]),
    })),
    points: [
      ...view.casePoints.map((point) => [
        { text: point.text },
        { text: point.unitName },
        { text: `Case ${point.reference}` },
      ]),
      ...view.otherPoints.map((point) => [
        { text: point.text },
        { text: point.unitName },
        { text: `${learningSourceNames[point.source]}: ${point.sourceDescription}` },
      ]),
    ],
  };
}

export function learningPointPage(
  answers: Answers,
  errors: FieldErrors,
  units: readonly { unitId: string; name: string }[],
) {
  return formPage({
    pageTitle: 'Record a learning point',
    action: '/actions/learning/points/new',
    submit: 'Record the learning point',
    backLinkHref: '/actions/learning',
    intro:
      'Learning from a complaint or concern is recorded on its case. Record here what was learnt from a survey result, a visit, an audit or any other source.',
    errors,
    fields: [
      radioField(
        'source',
        'Where it comes from',
        learningSources.map((value) => ({ value, text: learningSourceNames[value] })),
        answers,
        errors,
      ),
      textField(
        'sourceDescription',
        'Which one',
        answers,
        errors,
        'For example, Community mental health survey 2017',
      ),
      textArea('text', 'What was learnt', answers, errors, 'No names or personal details'),
      selectField(
        'unitId',
        'Unit it applies to',
        units.map((unit) => ({ value: unit.unitId, text: unit.name })),
        answers,
        errors,
        'Select a unit',
      ),
    ],
  });
}

export function newThemePage(
  view: QuarterView,
  answers: Answers,
  errors: FieldErrors,
  points: readonly string[] = [],
  editing?: { themeId: string },
) {
  const chosen = new Set(points);
  const item = (value: string, text: string) => ({ value, text, checked: chosen.has(value) });
  return formPage({
    pageTitle: editing ? 'Change an organisational learning theme' : 'Add an organisational learning theme',
    caption: view.period.label,
    action: editing
      ? `/actions/learning/themes/${encodeURIComponent(editing.themeId)}/edit`
      : '/actions/learning/themes/new',
    submit: editing ? 'Save the changes' : 'Add the theme',
    backLinkHref: `/actions/learning?quarter=${encodeURIComponent(view.period.code)}`,
    errors,
    hiddenFields: [{ name: 'quarter', value: view.period.code }],
    fields: [
      textArea(
        'text',
        'Organisational learning',
        answers,
        errors,
        'What every service should take from this quarter’s feedback',
      ),
      {
        macro: 'checkboxes',
        params: {
          idPrefix: 'points',
          name: 'points',
          fieldset: { legend: { text: 'Learning points it draws on', size: 's' } },
          items: [
            ...view.casePoints.map((point) =>
              item(`case:${point.learningPointId}`, `${point.text} (${point.reference})`),
            ),
            ...view.otherPoints.map((point) =>
              item(`other:${point.learningPointId}`, `${point.text} (${point.sourceDescription})`),
            ),
          ],
          errorMessage: errors.points ? { text: errors.points } : undefined,
        },
      },
    ],
  });
}

export function responsePage(
  themeId: string,
  themeText: string,
  localities: readonly { unitId: string; name: string }[],
  answers: Answers,
  errors: FieldErrors,
) {
  return formPage({
    pageTitle: 'Record a locality’s response',
    caption: themeText.length > 100 ? `${themeText.slice(0, 97)}…` : themeText,
    action: `/actions/learning/themes/${themeId}/responses`,
    submit: 'Record the response',
    backLinkHref: '/actions/learning',
    errors,
    fields: [
      selectField(
        'unitId',
        'Locality',
        localities.map((unit) => ({ value: unit.unitId, text: unit.name })),
        answers,
        errors,
        'Select a locality',
      ),
      textArea('actionPlan', 'Action plan', answers, errors),
      dateField(
        'assuranceReceivedDate',
        'Date assurance was received (leave empty while it is awaited)',
        answers,
        errors,
      ),
    ],
  });
}
