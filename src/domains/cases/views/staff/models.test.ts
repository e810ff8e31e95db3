import { describe, expect, it } from 'vitest';
import { caseActionForms } from '../../staff-forms.ts';
import { actionFormPage, fixedChoices, newRecordPage } from './form-model.ts';
import { deadlineTag, queueFiltersOf } from './queue-model.ts';

const noChoices = { ...fixedChoices, units: [], subjects: [], staffGroups: [], investigators: [] };

describe('deadline tags in the work queue', () => {
  // Wednesday 5 July 2017: two working days on is Friday 7 July.
  it.each([
    ['overdue', '2017-07-03', 'Overdue', 'nhsuk-tag--red'],
    ['due', '2017-07-07', 'Due soon', 'nhsuk-tag--yellow'],
    ['due', '2017-07-10', 'Due', 'nhsuk-tag--grey'],
    ['done-on-time', '2017-07-03', 'Done', 'nhsuk-tag--green'],
    ['done-late', '2017-07-03', 'Done late', 'nhsuk-tag--orange'],
  ] as const)('%s, due %s, is "%s"', (status, dueDate, text, classes) => {
    expect(deadlineTag(status, dueDate, '2017-07-05')).toEqual({ text, classes });
  });
});

describe('work queue filters', () => {
  it('keeps only the known choices', () => {
    expect(
      queueFiltersOf({ kind: 'complaint', status: 'nonsense', deadline: 'response-overdue', mine: 'yes' }),
    ).toEqual({
      kind: 'complaint',
      status: undefined,
      deadline: 'response-overdue',
      mine: true,
    });
  });
});

describe('action form pages', () => {
  it('keeps the answers and links each problem to its field', () => {
    const page = actionFormPage({
      form: caseActionForms['time-limit'],
      reference: 'C-2017-0001',
      postTo: '/cases/x/time-limit',
      caseHref: '/cases/x',
      answers: { reason: 'Bereavement', complainantHadGoodReason: 'yes' },
      errors: { decidedBy: 'Enter who made the decision', stillPossibleToInvestigateFairly: 'Select one' },
      choices: noChoices,
    });
    expect(page.hasErrors).toBe(true);
    expect(page.errorList).toEqual([
      { text: 'Select one', href: '#stillPossibleToInvestigateFairly-1' },
      { text: 'Enter who made the decision', href: '#decidedBy' },
    ]);
    const reason = page.fields.find((field) => field.params.name === 'reason');
    expect(reason?.params.value).toBe('Bereavement');
    const goodReason = page.fields.find((field) => field.params.name === 'complainantHadGoodReason');
    expect(goodReason?.params.items).toEqual([
      { value: 'yes', text: 'Yes', checked: true },
      { value: 'no', text: 'No', checked: false },
    ]);
  });

  it('offers a concern when the service says the complaint need not be handled under the Regulations', () => {
    const page = newRecordPage({
      answers: { kind: 'complaint' },
      units: [],
      offer: 'Record it as a concern',
    });
    expect(page.offer?.items.map((item) => item.value)).toEqual(['concern', 'complaint']);
    expect(newRecordPage({ answers: {}, units: [] }).offer).toBeNull();
  });
});
