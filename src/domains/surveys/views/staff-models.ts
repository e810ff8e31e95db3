import type { Period } from '#src/domains/calendar/index.ts';
import { type FftScale, modeNames, responseModes, type SurveyDefinition } from '../definition.ts';
import type { SurveyRow, SurveyVersionRow } from '../queries.ts';
import type { FftResults, FftRow, QuestionResults } from '../results.ts';
import type { QuestionScore } from '../rules.ts';

// View models of the staff survey pages: pure functions from figures to table cells. Figures that
// may not be published (1–4 responses, or hiding one that has) are marked so that nobody copies
// them into a public report by mistake.

const percent = (value: number | null) => (value === null ? '–' : `${value}%`);
const count = (value: number | null) => (value === null ? '–' : value.toLocaleString('en-GB'));

export const scaleNames: Record<FftScale, string> = {
  'fft-2020': 'Overall, how was your experience of our service? (from April 2020)',
  'fft-pre-2020': 'How likely are you to recommend our service to friends and family? (before April 2020)',
};

const suppressionNote = (row: FftRow) =>
  row.suppressed === 'small-number'
    ? 'Not for publication: 1 to 4 responses'
    : row.suppressed === 'secondary'
      ? 'Not for publication: would reveal a unit with 1 to 4 responses'
      : '';

const fftCells = (row: FftRow) => [
  row.label,
  count(row.score.responses),
  percent(row.score.percentPositive),
  percent(row.score.percentNegative),
  row.rate?.percent === null || !row.rate ? '–' : `${row.rate.percent}%`,
  suppressionNote(row),
];

export const fftHead = ['', 'Responses', '% positive', '% negative', 'Response rate', 'Publication'];

export function surveyListPage(surveys: readonly SurveyRow[], canManage: boolean) {
  return {
    pageTitle: 'Surveys',
    fileLinks: canManage
      ? [
          { href: '/surveys/import', text: 'Import survey responses from a file' },
          { href: '/surveys/invitations', text: 'Invite recent contacts by text message or email' },
          { href: '/surveys/eligible', text: 'Import the numbers of people eligible to answer' },
        ]
      : [],
    surveys: surveys.map((survey) => ({
      name: survey.name,
      code: survey.code,
      frequency: survey.frequency,
      resultsHref: `/surveys/results/${survey.code}`,
      adminHref: canManage ? `/surveys/admin/${survey.code}` : null,
      linksHref: canManage ? `/surveys/links/${survey.code}` : null,
    })),
  };
}

export function periodForm(action: string, period: Period, error?: string) {
  return { action, value: period.code, error };
}

/** What a reader limited to some units is told: whose responses the figures count. */
const scopeNote = (scopeNames: readonly string[] | null) =>
  scopeNames === null
    ? null
    : `These figures count only the responses about the units you look after: ${scopeNames.join(', ') || 'none'} (and the units within them). Totals are those units’ totals, not the organisation’s.`;

export function fftResultsPage(
  results: FftResults,
  periodError?: string,
  scopeNames: readonly string[] | null = null,
) {
  const { survey, period } = results;
  return {
    scopeNote: scopeNote(scopeNames),
    totalCaption: scopeNames === null ? 'The whole organisation' : 'Your units',
    pageTitle: `${survey.name}: ${period.label}`,
    heading: survey.name,
    caption: period.label,
    hasErrors: Boolean(periodError),
    errorList: periodError ? [{ text: periodError, href: '#period' }] : [],
    periodForm: periodForm(`/surveys/results/${survey.code}`, period, periodError),
    target: survey.responseRateTarget,
    submissionLinks:
      period.kind === 'month'
        ? [
            {
              text: `Download the NHS England submission for ${period.label} (CSV)`,
              href: `/surveys/results/${survey.code}/submission.csv?month=${period.code}`,
            },
          ]
        : [],
    scales: results.scales.map((scale) => ({
      name: scaleNames[scale.scale],
      head: fftHead,
      trust: fftCells(scale.trust),
      months: scale.months.map(fftCells),
      localities: scale.localities.map((locality) => ({
        name: locality.row.label,
        rows: [
          ...locality.units.map(fftCells),
          fftCells({ ...locality.row, label: `${locality.row.label} total` }),
        ],
      })),
      answerHead: ['', ...scale.options.map((option) => option.label)],
      answerRows: [scale.trust, ...scale.months].map((row) => [
        row.label,
        ...scale.options.map((option) => count(row.counts[option.code] ?? 0)),
      ]),
      modeHead: ['', ...responseModes.map((mode) => modeNames[mode])],
      modeRows: [scale.trust, ...scale.months].map((row) => [
        row.label,
        ...responseModes.map((mode) => count(row.modes[mode])),
      ]),
    })),
  };
}

const targetCell = (score: QuestionScore) =>
  score.targetMet === null ? '–' : score.targetMet ? 'Yes' : 'No';

const scoreCells = (label: string, score: QuestionScore) => [
  label,
  `${count(score.responses)} (${count(score.positive)} positive)`,
  percent(score.percentPositive),
  score.target === null ? '–' : `${score.target}%`,
  targetCell(score),
];

export function questionResultsPage(
  results: QuestionResults,
  periodError?: string,
  scopeNames: readonly string[] | null = null,
) {
  const { survey, period } = results;
  const head = ['', 'Responses', '% positive', 'Target', 'Target met?'];
  return {
    scopeNote: scopeNote(scopeNames),
    pageTitle: `${survey.name}: ${period.label}`,
    heading: survey.name,
    caption: period.label,
    hasErrors: Boolean(periodError),
    errorList: periodError ? [{ text: periodError, href: '#period' }] : [],
    periodForm: periodForm(`/surveys/results/${survey.code}`, period, periodError),
    questions: results.questions.map((question) => ({
      text: question.text,
      head,
      byLocality:
        question.byLocality.length > 1
          ? [
              ...question.byLocality.map((entry) => scoreCells(entry.name, entry.score)),
              scoreCells('Total', question.total),
            ]
          : [],
      byVariant:
        question.byVariant.length > 1
          ? [
              ...question.byVariant.map((entry) => scoreCells(entry.name, entry.score)),
              scoreCells('Total', question.total),
            ]
          : [],
      total: scoreCells('Total', question.total),
    })),
  };
}

export interface AdminInput {
  survey: SurveyRow;
  versions: readonly SurveyVersionRow[];
  values?: Record<string, string>;
  errors?: Record<string, string>;
}

/** The survey's versions and a form to change its current questions' wording and targets. */
export function surveyAdminPage({ survey, versions, values = {}, errors = {} }: AdminInput) {
  const current = [...versions].reverse().find((version) => version.published) ?? versions.at(-1);
  const definition: SurveyDefinition | undefined = current?.definition;
  const fields = (definition?.questions ?? []).flatMap((question, index) => [
    {
      name: `text-${index}`,
      label: `Question ${index + 1} (${question.kind})`,
      value: values[`text-${index}`] ?? question.text,
      kind: 'textarea',
      error: errors[`text-${index}`],
    },
    ...(question.target !== undefined
      ? [
          {
            name: `target-${index}`,
            label: `Target for question ${index + 1} (% positive)`,
            value: values[`target-${index}`] ?? String(question.target),
            kind: 'input',
            error: errors[`target-${index}`],
          },
        ]
      : []),
  ]);
  return {
    pageTitle: `Edit ${survey.name}`,
    heading: `Edit ${survey.name}`,
    action: `/surveys/admin/${survey.code}`,
    eligibleAction: `/surveys/admin/${survey.code}/eligible`,
    currentVersion: current?.version ?? null,
    versions: versions.map((version) => [
      String(version.version),
      version.published ? 'Published' : 'Draft',
      version.definition.note ?? '',
      String(version.definition.questions.length),
    ]),
    fields,
    hasErrors: Object.keys(errors).length > 0,
    errorList: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
    errors,
    values,
  };
}
