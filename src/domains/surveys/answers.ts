import { isFftKind, type SurveyDefinition, type SurveyQuestion, type SurveyVariant } from './definition.ts';
import { optionsOf } from './reference.ts';

// A respondent's answers, from the form (or a kiosk's queue, or a vendor's file) to the rows the
// database keeps: which questions a variant asks, what counts as an answer, and what is missing.

/** The longest free-text answer kept. */
export const freeTextLimit = 2000;

/** The questions a variant asks, in the survey's order. */
export function questionsFor(definition: SurveyDefinition, variant: SurveyVariant): SurveyQuestion[] {
  return definition.questions.filter((question) => !question.variants || question.variants.includes(variant));
}

/** The wording a variant uses for a question. */
export const questionText = (question: SurveyQuestion, variant: SurveyVariant) =>
  question.variantText?.[variant] ?? question.text;

/** Answers by question code: an option code, several for multiple choice, or free text. */
export type SubmittedAnswers = Record<string, string | string[] | undefined>;

export interface AnswerRow {
  questionCode: string;
  ordinal: number;
  optionCode: string | null;
  freeText: string | null;
}

export interface CheckedAnswers {
  rows: AnswerRow[];
  /**
   * The FFT question's code, scale and answer, when the survey asks one and it was answered: the
   * first FFT question answered. It is stored on the response, so it is not among `rows`.
   */
  fft: { questionCode: string; scale: 'fft-2020' | 'fft-pre-2020'; answer: string } | null;
  /** Problems by question code, in the design system's words. */
  problems: Record<string, string>;
}

function listOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed ? [trimmed] : [];
  }
  return value.map((item) => item.trim()).filter(Boolean);
}

/** A question as the checks need it, worked out once per version and variant rather than per answer. */
interface CompiledQuestion {
  question: SurveyQuestion;
  /** The codes of its options; empty for free text. */
  known: ReadonlySet<string>;
}

// A version's definition never changes once stored, so its compiled questions can be kept for as
// long as the definition object lives: an import of a million rows compiles them once.
const compiledByDefinition = new WeakMap<SurveyDefinition, Map<SurveyVariant, CompiledQuestion[]>>();

function compiledQuestions(definition: SurveyDefinition, variant: SurveyVariant): CompiledQuestion[] {
  let byVariant = compiledByDefinition.get(definition);
  if (!byVariant) {
    byVariant = new Map();
    compiledByDefinition.set(definition, byVariant);
  }
  let compiled = byVariant.get(variant);
  if (!compiled) {
    compiled = questionsFor(definition, variant).map((question) => ({
      question,
      known: new Set(question.kind === 'free-text' ? [] : optionsOf(question).map((option) => option.code)),
    }));
    byVariant.set(variant, compiled);
  }
  return compiled;
}

/**
 * Checks answers against the questions a variant asks: options must be the question's own, a
 * required question must be answered, and free text is trimmed and kept within its limit.
 * Answers to questions the variant does not ask are ignored.
 */
export function checkAnswers(
  definition: SurveyDefinition,
  variant: SurveyVariant,
  submitted: SubmittedAnswers,
): CheckedAnswers {
  const rows: AnswerRow[] = [];
  const problems: Record<string, string> = {};
  let fft: CheckedAnswers['fft'] = null;
  for (const { question, known } of compiledQuestions(definition, variant)) {
    const values = listOf(submitted[question.code]);
    if (question.kind === 'free-text') {
      const text = values.join('\n').trim();
      if (text.length > freeTextLimit) {
        problems[question.code] =
          `Your answer must be ${freeTextLimit.toLocaleString('en-GB')} characters or fewer`;
      } else if (text) {
        rows.push({ questionCode: question.code, ordinal: 0, optionCode: null, freeText: text });
      }
      if (!text && question.required && !question.equality) problems[question.code] = 'Enter an answer';
      continue;
    }
    const chosen = question.kind === 'multiple-choice' ? [...new Set(values)] : values.slice(0, 1);
    if (chosen.some((code) => !known.has(code))) {
      problems[question.code] = 'Select one of the answers shown';
      continue;
    }
    if (chosen.length === 0) {
      if (question.required && !question.equality) problems[question.code] = 'Select an answer';
      continue;
    }
    const [first] = chosen;
    if (isFftKind(question.kind) && !fft && first) {
      fft = { questionCode: question.code, scale: question.kind, answer: first };
      continue;
    }
    chosen.forEach((optionCode, ordinal) => {
      rows.push({ questionCode: question.code, ordinal, optionCode, freeText: null });
    });
  }
  return { rows, fft, problems };
}
