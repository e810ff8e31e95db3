import { z } from 'zod';

// What a survey version is made of (DESIGN.md §2 "Survey"): questions of a few kinds, the variants
// it is offered in, and the answer scales it uses. Stored as checked JSON on the version, so that
// a published version never changes and every response can be read against what it answered.

/** Variants of one survey: the same questions worded for who is answering. */
export const surveyVariants = [
  'standard',
  'easy-read',
  'children-9-11',
  'young-people-12-18',
  'parent-carer',
  'staff',
] as const;
export type SurveyVariant = (typeof surveyVariants)[number];

export const variantNames: Record<SurveyVariant, string> = {
  standard: 'Standard',
  'easy-read': 'Easy Read',
  'children-9-11': 'Children aged 9 to 11',
  'young-people-12-18': 'Young people aged 12 to 18',
  'parent-carer': 'Parent or carer',
  staff: 'Staff',
};

/**
 * Question kinds. The two FFT kinds are scored on their own scales and never converted one into
 * the other (DESIGN.md §3); Likert and yes/partly/no have fixed scales; choices name their options.
 */
export const questionKinds = [
  'fft-2020',
  'fft-pre-2020',
  'likert',
  'yes-partly-no',
  'single-choice',
  'multiple-choice',
  'free-text',
] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const fftKinds = ['fft-2020', 'fft-pre-2020'] as const;
export type FftScale = (typeof fftKinds)[number];
export const isFftKind = (kind: QuestionKind): kind is FftScale =>
  kind === 'fft-2020' || kind === 'fft-pre-2020';

/** Which option set a kind with a fixed scale always uses. */
export const fixedScaleOf: Partial<Record<QuestionKind, string>> = {
  'fft-2020': 'fft-2020',
  'fft-pre-2020': 'fft-pre-2020',
  likert: 'likert',
  'yes-partly-no': 'yes-partly-no',
};

export const pictures = ['very-happy', 'happy', 'neutral', 'sad', 'very-sad', 'unsure'] as const;
export type Picture = (typeof pictures)[number];

const code = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]*$/, 'A code is letters, numbers and hyphens')
  .max(40);

export const optionSchema = z.object({
  code,
  label: z.string().min(1).max(200),
  /** Plain words for the Easy Read variant; the label when absent. */
  easyRead: z.string().max(200).optional(),
  picture: z.enum(pictures).optional(),
  positive: z.boolean().optional(),
  negative: z.boolean().optional(),
  /** An answer such as "does not apply" that leaves the question unanswered for scoring. */
  excluded: z.boolean().optional(),
});
export type SurveyOption = z.infer<typeof optionSchema>;

export const questionSchema = z.object({
  code,
  kind: z.enum(questionKinds),
  text: z.string().trim().min(1).max(500),
  hint: z.string().max(500).optional(),
  /** The question worded for a variant; `text` for the others. */
  variantText: z.partialRecord(z.enum(surveyVariants), z.string().max(500)).optional(),
  /** Options of a choice question, or the name of a shared set in reference/surveys/option-sets.json. */
  options: z.array(optionSchema).optional(),
  optionSet: z.string().optional(),
  required: z.boolean().optional(),
  /** Equality monitoring: always optional for the person (DESIGN.md §3), shown under "About you". */
  equality: z.boolean().optional(),
  /** The % positive the trust aims for (quality questions, for example 92% for involvement). */
  target: z.number().min(0).max(100).optional(),
  /** The variants that ask it; all of the survey's when absent. */
  variants: z.array(z.enum(surveyVariants)).optional(),
});
export type SurveyQuestion = z.infer<typeof questionSchema>;

export const surveyPurposes = ['fft', 'quality', 'children', 'staff', 'other'] as const;
export type SurveyPurpose = (typeof surveyPurposes)[number];

export const definitionSchema = z
  .object({
    note: z.string().max(500).optional(),
    questions: z.array(questionSchema).min(1).max(100),
  })
  .superRefine((definition, ctx) => {
    const seen = new Set<string>();
    for (const [index, question] of definition.questions.entries()) {
      if (seen.has(question.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', index, 'code'],
          message: `Question code ${question.code} is used twice`,
        });
      }
      seen.add(question.code);
      const isChoice = question.kind === 'single-choice' || question.kind === 'multiple-choice';
      if (isChoice && !question.options?.length && !question.optionSet) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', index],
          message: `Question ${question.code} needs options`,
        });
      }
    }
    if (definition.questions.filter((question) => isFftKind(question.kind)).length > 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['questions'],
        message: 'A survey asks at most two FFT questions',
      });
    }
  });
export type SurveyDefinition = z.infer<typeof definitionSchema>;

/** NHS England's FFT modes of collection (DESIGN.md §3); every response records one. */
export const responseModes = [
  'sms',
  'electronic-discharge',
  'electronic-home',
  'paper-discharge',
  'paper-home',
  'telephone',
  'online',
  'other',
] as const;
export type ResponseMode = (typeof responseModes)[number];

export const modeNames: Record<ResponseMode, string> = {
  sms: 'SMS / text message',
  'electronic-discharge': 'Electronic – at discharge',
  'electronic-home': 'Electronic – at home',
  'paper-discharge': 'Paper – at discharge',
  'paper-home': 'Paper – at home',
  telephone: 'Telephone',
  online: 'Online',
  other: 'Other',
};
