import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  definitionSchema,
  fixedScaleOf,
  optionSchema,
  type SurveyOption,
  type SurveyQuestion,
  surveyPurposes,
  surveyVariants,
} from './definition.ts';

// The survey data a trust can change without changing code (STYLE.md): the shared answer scales,
// the built-in survey templates and the translations, in reference/surveys/. Each file is checked
// when it is read, so a broken one stops Heard with a message naming it.

const directory = new URL('../../../reference/surveys/', import.meta.url);

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(new URL(file, directory), 'utf8')));
  if (!parsed.success) {
    throw new Error(`reference/surveys/${file} cannot be used: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

const optionSetsSchema = z.object({
  sets: z.record(z.string(), z.object({ source: z.string(), options: z.array(optionSchema).min(1) })),
});

let optionSetsCache: Record<string, readonly SurveyOption[]> | undefined;

/** The shared answer scales by name: fft-2020, fft-pre-2020, likert, yes-partly-no, ethnic-category… */
export function optionSets(): Record<string, readonly SurveyOption[]> {
  optionSetsCache ??= Object.fromEntries(
    Object.entries(readJson('option-sets.json', optionSetsSchema).sets).map(([name, set]) => [
      name,
      set.options,
    ]),
  );
  return optionSetsCache;
}

/** A question's options: its own, its named set's, or its kind's fixed scale; none for free text. */
export function optionsOf(question: SurveyQuestion): readonly SurveyOption[] {
  if (question.options?.length) return question.options;
  const setName = fixedScaleOf[question.kind] ?? question.optionSet;
  if (!setName) return [];
  const options = optionSets()[setName];
  if (!options)
    throw new Error(`Question ${question.code} names the option set ${setName}, which does not exist`);
  return options;
}

const templateSchema = z.object({
  code: z.string(),
  name: z.string(),
  purpose: z.enum(surveyPurposes),
  frequency: z.string().default('continuous'),
  responseRateTarget: z.number().int().optional(),
  variants: z.array(z.enum(surveyVariants)).min(1),
  versions: z.array(definitionSchema).min(1),
});
export type SurveyTemplate = z.infer<typeof templateSchema>;

let templatesCache: SurveyTemplate[] | undefined;

/** The surveys every organisation starts with (reference/surveys/templates.json). */
export function surveyTemplates(): SurveyTemplate[] {
  templatesCache ??= readJson('templates.json', z.object({ templates: z.array(templateSchema) })).templates;
  return templatesCache;
}

const translationSchema = z.object({
  language: z.string().regex(/^[a-z]{2,3}$/),
  name: z.string(),
  strings: z.record(z.string(), z.string()),
});
export type Translation = z.infer<typeof translationSchema>;

/** The languages a survey can be answered in besides English, one file each in reference/surveys/translations/. */
export const translationLanguages = ['cy'] as const;

let translationsCache: Map<string, Translation> | undefined;

export function translations(): ReadonlyMap<string, Translation> {
  translationsCache ??= new Map(
    translationLanguages.map((language) => [
      language,
      readJson(`translations/${language}.json`, translationSchema),
    ]),
  );
  return translationsCache;
}

/** The languages offered on survey pages, English first. */
export function surveyLanguages(): { code: string; name: string }[] {
  return [
    { code: 'en', name: 'English' },
    ...[...translations().values()].map((t) => ({ code: t.language, name: t.name })),
  ];
}

/** A text in the chosen language, or in English when the translation file has no line for it. */
export function translate(text: string, language: string): string {
  if (language === 'en') return text;
  return translations().get(language)?.strings[text] ?? text;
}
