import { describe, expect, it } from 'vitest';
import { surveyTemplates } from '../reference.ts';
import { surveyPage, thankYouPage } from './public-models.ts';

const fft = surveyTemplates().find((template) => template.code === 'fft');
const definition = fft?.versions.at(-1);
if (!definition) throw new Error('The FFT template is missing');

const input = {
  address: { odsCode: 'RT1', surveyCode: 'fft', unitCode: 'ROSE' },
  surveyName: 'Friends and Family Test',
  unitName: 'Rose Ward',
  organisationName: 'Test NHS Trust',
  definition,
  variants: ['standard', 'easy-read'] as const,
  variant: 'standard' as const,
  language: 'en',
  kiosk: false,
  submissionId: 'submission-1',
};

describe('the public survey page’s view model', () => {
  it('puts the FFT and free-text questions first and equality monitoring apart, and links Welsh and Easy Read', () => {
    const page = surveyPage(input);
    expect(page.questions.map((question) => question.params.name)).toEqual(['fft', 'good', 'better']);
    expect(page.equalityQuestions).toHaveLength(7);
    expect(page.languageLinks).toEqual([
      { text: 'Cymraeg', lang: 'cy', href: '/surveys/RT1/fft/ROSE?variant=standard&lang=cy' },
    ]);
    expect(page.variantLinks).toEqual([
      { text: 'Easy Read', href: '/surveys/RT1/fft/ROSE?variant=easy-read&lang=en' },
    ]);
    expect(page.action).toBe('/surveys/RT1/fft/ROSE?variant=standard&lang=en');
  });

  it('words the page in Welsh, marks the main content as Welsh and keeps the error summary in Welsh', () => {
    const page = surveyPage({ ...input, language: 'cy', errors: { fft: 'Select an answer' } });
    expect(page.mainLang).toBe('cy');
    expect(page.submitText).toBe('Anfon eich atebion');
    expect(page.questions[0]?.params.fieldset?.legend.text).toBe(
      "Ar y cyfan, sut oedd eich profiad o'n gwasanaeth?",
    );
    expect(page.errorList).toEqual([{ text: 'Dewiswch ateb', href: '#fft' }]);
  });

  it('shows the Easy Read scale as pictures with plain words, escaping the words', () => {
    const page = surveyPage({ ...input, variant: 'easy-read' });
    const items = (page.questions[0]?.params.items ?? []) as { html?: string }[];
    expect(items).toHaveLength(6);
    expect(items[3]?.html).toContain('<span class="heard-survey-picture-label">Bad</span>');
    expect(items[3]?.html).toContain('aria-hidden="true"');
  });

  it('sends a kiosk back to a fresh form by itself after thanking the person', () => {
    const thanks = thankYouPage({ ...input, kiosk: true });
    expect(thanks.refreshSeconds).toBe(8);
    expect(thanks.againHref).toBe('/surveys/RT1/fft/ROSE/kiosk?variant=standard&lang=en');
    expect(thankYouPage(input).refreshSeconds).toBeNull();
  });
});
