import type { FftResults, FftScaleResults, QuestionResults } from '#src/domains/surveys/index.ts';

// The report's survey sections (docs/report-json.md: fft, qualitySurvey, childrenSurvey), shaped
// from the surveys domain's own results so that its scoring (DESIGN.md §3: % positive = very good
// + good over all responses, "Don't know" kept in) is the only one. Pure: the service fetches.

export interface FftMonth {
  /** The month as `2017-07`. */
  month: string;
  label: string;
  responses: number;
  percentPositive: number | null;
  percentNegative: number | null;
}

export interface FftSection {
  /** The FFT question's scale: `fft-pre-2020` (likely to recommend) or `fft-2020` (overall experience). */
  scale: string;
  months: FftMonth[];
  quarter: { responses: number; percentPositive: number | null; percentNegative: number | null };
  previousQuarter: { responses: number; percentPositive: number | null };
  /** Staff FFT (would recommend as a place to receive care), when the staff survey has responses. */
  staff: { responses: number; percentPositive: number | null } | null;
}

export interface QualitySurveyRow {
  code: string;
  question: string;
  target: number | null;
  responses: number;
  positive: number;
  percentPositive: number | null;
  met: boolean | null;
  byLocality: Record<string, { responses: number; positive: number }>;
}

export interface ChildrenSurveyRow {
  group: string;
  responses: number;
  positive: number;
  percentPositive: number | null;
  /** The same questionnaire in the quarter before; null when its figures were not gathered. */
  previous: { responses: number; positive: number; percentPositive: number | null } | null;
}

export interface ThemesSection {
  /** The themes of the quarter's coded comments, most frequent first (positive: sentiment 1–2, negative: 4–5). */
  top: { theme: string; comments: number; positive: number; negative: number }[];
}

export interface ActionsSection {
  /** Table 17 (`seeking-plans`: the last quarter's themes) and Table 18 (`assured`: assurance received in this quarter). */
  learningThemes: {
    quarter: string;
    text: string;
    status: 'seeking-plans' | 'assured';
    responses: { locality: string; actionPlan: string | null; assuranceReceivedDate: string | null }[];
  }[];
  overdue: number;
  completed: number;
  youSaidWeDid: {
    unit: string | null;
    youSaid: string;
    weDid: string;
    assuranceLevel: string;
    publishedOn: string;
  }[];
}

export interface SurveyFigures {
  fft: FftResults | null;
  previousFft: FftResults | null;
  staffFft: FftResults | null;
  quality: QuestionResults | null;
  children: QuestionResults | null;
  /** The children's questionnaires in the quarter before, for Table 16's "last quarter". */
  previousChildren?: QuestionResults | null;
}

/** The scale with the most responses in the period (a quarter normally has only one). */
function mainScale(results: FftResults | null): FftScaleResults | null {
  if (!results) return null;
  return [...results.scales].sort((a, b) => b.trust.score.responses - a.trust.score.responses)[0] ?? null;
}

export function fftSection(figures: SurveyFigures): FftSection | null {
  const current = mainScale(figures.fft);
  if (!current || current.trust.score.responses === 0) return null;
  const previous =
    figures.previousFft?.scales.find((scale) => scale.scale === current.scale) ??
    mainScale(figures.previousFft);
  const staff = mainScale(figures.staffFft);
  return {
    scale: current.scale,
    months: current.months
      .filter((month) => month.score.responses > 0)
      .map((month) => ({
        month: month.key,
        label: month.label,
        responses: month.score.responses,
        percentPositive: month.score.percentPositive,
        percentNegative: month.score.percentNegative,
      })),
    quarter: {
      responses: current.trust.score.responses,
      percentPositive: current.trust.score.percentPositive,
      percentNegative: current.trust.score.percentNegative,
    },
    previousQuarter: {
      responses: previous?.trust.score.responses ?? 0,
      percentPositive: previous?.trust.score.percentPositive ?? null,
    },
    staff:
      staff && staff.trust.score.responses > 0
        ? { responses: staff.trust.score.responses, percentPositive: staff.trust.score.percentPositive }
        : null,
  };
}

export function qualitySurveySection(results: QuestionResults | null): QualitySurveyRow[] | null {
  if (!results) return null;
  const answered = results.questions.filter((question) => question.total.responses > 0);
  if (answered.length === 0) return null;
  return answered.map((question) => ({
    code: question.question.code,
    question: question.text,
    target: question.total.target,
    responses: question.total.responses,
    positive: question.total.positive,
    percentPositive: question.total.percentPositive,
    met: question.total.targetMet,
    byLocality: Object.fromEntries(
      question.byLocality.map((entry) => [
        entry.name,
        { responses: entry.score.responses, positive: entry.score.positive },
      ]),
    ),
  }));
}

const adaptedFft = (results: QuestionResults | null | undefined) =>
  results?.questions.find((question) => question.question.code === 'fft') ?? results?.questions[0] ?? null;

/** The children's adapted FFT by questionnaire (children, young people, parents and carers), with the quarter before. */
export function childrenSurveySection(
  results: QuestionResults | null,
  previousResults: QuestionResults | null = null,
): ChildrenSurveyRow[] | null {
  const fft = adaptedFft(results);
  if (!fft || fft.total.responses === 0) return null;
  const before = adaptedFft(previousResults);
  return fft.byVariant.map((entry) => {
    const earlier = before?.byVariant.find((candidate) => candidate.variant === entry.variant);
    return {
      group: entry.name,
      responses: entry.score.responses,
      positive: entry.score.positive,
      percentPositive: entry.score.percentPositive,
      previous: before
        ? {
            responses: earlier?.score.responses ?? 0,
            positive: earlier?.score.positive ?? 0,
            percentPositive: earlier?.score.percentPositive ?? null,
          }
        : null,
    };
  });
}
