import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkedValues, errorSummaryList, fieldErrorsOf, formErrors } from './forms.ts';

describe('form helpers', () => {
  it('lists errors in the order the fields appear, each linking to its field', () => {
    expect(errorSummaryList({ password: 'P', email: 'E' }, ['email', 'password'])).toEqual([
      { text: 'E', href: '#email' },
      { text: 'P', href: '#password' },
    ]);
  });

  it('lists a problem with no field on the page after the others, linked where the form says', () => {
    const anchors: Record<string, string> = { activeFrom: '#activeFrom-day' };
    const anchorOf = (field: string) => anchors[field] ?? '#maincontent';
    expect(errorSummaryList({ form: 'F', activeFrom: 'A' }, ['activeFrom'], anchorOf)).toEqual([
      { text: 'A', href: '#activeFrom-day' },
      { text: 'F', href: '#maincontent' },
    ]);
  });

  it('says a form has errors only when a field has a message', () => {
    expect(formErrors({}, ['email'])).toEqual({ hasErrors: false, errors: {}, errorList: [] });
    expect(formErrors({ email: 'E' }, ['email'])).toEqual({
      hasErrors: true,
      errors: { email: 'E' },
      errorList: [{ text: 'E', href: '#email' }],
    });
  });

  it('keeps the first problem zod finds with each field', () => {
    const schema = z.object({ email: z.string().min(1, 'Enter an email address').email('Enter a real one') });
    const result = schema.safeParse({ email: '' });
    expect(result.success ? {} : fieldErrorsOf(result.error)).toEqual({ email: 'Enter an email address' });
  });

  it.each([
    { answer: undefined, values: [] },
    { answer: '', values: [] },
    { answer: 'auditor', values: ['auditor'] },
    { answer: ['auditor', 'executive'], values: ['auditor', 'executive'] },
  ])('reads a checkbox answer of $answer as $values', ({ answer, values }) => {
    expect(checkedValues(answer)).toEqual(values);
  });
});
