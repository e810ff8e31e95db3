import { formErrors } from '#src/web/forms.ts';
import { freeTextLimit, questionsFor, questionText, type SubmittedAnswers } from '../answers.ts';
import type { SurveyDefinition, SurveyQuestion, SurveyVariant } from '../definition.ts';
import { variantNames } from '../definition.ts';
import { optionsOf, surveyLanguages, translate } from '../reference.ts';
import { pictureSvg } from './pictures.ts';

// View models of the public survey pages: pure functions from a survey version, the variant, the
// language and the answers so far to what the NHS.UK macros need.

export interface SurveyAddress {
  odsCode: string;
  surveyCode: string;
  unitCode: string;
}

export const surveyHref = (
  address: SurveyAddress,
  page: '' | '/kiosk' | '/thank-you' | '/kiosk/thank-you' = '',
) =>
  `/surveys/${encodeURIComponent(address.odsCode)}/${encodeURIComponent(address.surveyCode)}/${encodeURIComponent(address.unitCode)}${page}`;

const withQuery = (href: string, query: Record<string, string | undefined>) => {
  const params = new URLSearchParams(
    Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  const text = params.toString();
  return text ? `${href}?${text}` : href;
};

export interface SurveyPageInput {
  address: SurveyAddress;
  surveyName: string;
  unitName: string;
  organisationName: string;
  definition: SurveyDefinition;
  variants: readonly SurveyVariant[];
  variant: SurveyVariant;
  language: string;
  kiosk: boolean;
  submissionId: string;
  answers?: SubmittedAnswers;
  errors?: Record<string, string>;
  /** Where the form posts, when not the unit's own address (an invitation's link). */
  action?: string;
}

const answerValues = (answers: SubmittedAnswers, code: string): string[] => {
  const value = answers[code];
  return Array.isArray(value) ? value : value ? [value] : [];
};

/** One question as a macro and its parameters: radios, checkboxes or a textarea. */
function questionModel(question: SurveyQuestion, input: SurveyPageInput, answers: SubmittedAnswers) {
  const t = (text: string) => translate(text, input.language);
  const easyRead = input.variant === 'easy-read';
  const optional = question.required ? '' : ` ${t('(optional)')}`;
  const legend = `${t(questionText(question, input.variant))}${question.equality ? '' : optional}`;
  const error = input.errors?.[question.code];
  const chosen = answerValues(answers, question.code);
  if (question.kind === 'free-text') {
    return {
      macro: 'textarea',
      params: {
        name: question.code,
        id: question.code,
        label: { text: legend, size: 's' },
        hint: question.hint ? { text: t(question.hint) } : undefined,
        value: chosen.join('\n'),
        rows: 4,
        maxlength: freeTextLimit,
        attributes: { autocomplete: 'off', maxlength: String(freeTextLimit) },
        errorMessage: error ? { text: t(error) } : undefined,
      },
      equality: Boolean(question.equality),
    };
  }
  const items = optionsOf(question).map((option) => {
    const label = t(easyRead ? (option.easyRead ?? option.label) : option.label);
    const picture = easyRead && option.picture ? pictureSvg(option.picture) : null;
    return {
      value: option.code,
      // Trusted markup: a constant picture and the escaped label.
      ...(picture
        ? { html: `${picture}<span class="heard-survey-picture-label">${escapeHtml(label)}</span>` }
        : { text: label }),
      checked: chosen.includes(option.code),
    };
  });
  return {
    macro: question.kind === 'multiple-choice' ? 'checkboxes' : 'radios',
    params: {
      idPrefix: question.code,
      name: question.code,
      classes: easyRead ? 'heard-survey-pictures' : undefined,
      fieldset: {
        legend: { text: legend, size: 'm' },
        // The kiosk's script checks required questions before queueing a response offline.
        attributes: question.required ? { 'data-required': 'true' } : undefined,
      },
      hint: question.hint ? { text: t(question.hint) } : undefined,
      items,
      errorMessage: error ? { text: t(error) } : undefined,
    },
    equality: Boolean(question.equality),
  };
}

const escapeHtml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The survey form: its questions (equality monitoring apart, under "About you"), language and variant links. */
export function surveyPage(input: SurveyPageInput) {
  const t = (text: string) => translate(text, input.language);
  const answers = input.answers ?? {};
  const questions = questionsFor(input.definition, input.variant).map((question) =>
    questionModel(question, input, answers),
  );
  const base = surveyHref(input.address, input.kiosk ? '/kiosk' : '');
  const translatedErrors = Object.fromEntries(
    Object.entries(input.errors ?? {}).map(([code, message]) => [code, t(message)]),
  );
  return {
    pageTitle: `${input.surveyName} – ${input.unitName}`,
    heading: t('Tell us about your care'),
    intro: t(
      'Your answers help us improve our services. Do not include your name or anything that could identify you.',
    ),
    surveyName: input.surveyName,
    unitName: input.unitName,
    organisationName: input.organisationName,
    mainLang: input.language === 'en' ? undefined : input.language,
    action: input.action ?? withQuery(base, { variant: input.variant, lang: input.language }),
    questions: questions.filter((question) => !question.equality),
    equalityQuestions: questions.filter((question) => question.equality),
    aboutYouHeading: t('About you (optional)'),
    submitText: t('Send your answers'),
    errorTitle: t('There is a problem'),
    submissionId: input.submissionId,
    variant: input.variant,
    language: input.language,
    kiosk: input.kiosk,
    thankYouHeading: t('Thank you'),
    thankYouText: t('Your answers have been sent.'),
    languageLinks: input.action
      ? []
      : surveyLanguages()
          .filter((language) => language.code !== input.language)
          .map((language) => ({
            text: language.name,
            lang: language.code,
            href: withQuery(base, { variant: input.variant, lang: language.code }),
          })),
    variantLinks: (input.action ? [] : input.variants)
      .filter((variant) => variant !== input.variant)
      .map((variant) => ({
        text: t(variantNames[variant]),
        href: withQuery(base, { variant, lang: input.language }),
      })),
    // Each question's first input has the question's code as its id, so the summary links to it.
    ...formErrors(
      translatedErrors,
      questions.map((question) => String(question.params.name)),
    ),
  };
}

export function thankYouPage(input: {
  address: SurveyAddress;
  unitName: string;
  surveyName: string;
  variant: SurveyVariant;
  language: string;
  kiosk: boolean;
}) {
  const t = (text: string) => translate(text, input.language);
  const again = withQuery(surveyHref(input.address, input.kiosk ? '/kiosk' : ''), {
    variant: input.variant,
    lang: input.language,
  });
  return {
    pageTitle: `${t('Thank you')} – ${input.surveyName}`,
    heading: t('Thank you'),
    text: t('Your answers have been sent.'),
    unitName: input.unitName,
    mainLang: input.language === 'en' ? undefined : input.language,
    againHref: again,
    againText: t('Answer another'),
    kiosk: input.kiosk,
    /** A kiosk goes back to a fresh form by itself, with or without script. */
    refreshSeconds: input.kiosk ? 8 : null,
  };
}
