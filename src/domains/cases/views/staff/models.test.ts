import { describe, expect, it } from 'vitest';
import type { CaseFollowUp } from '../../follow-up-reads.ts';
import type { CaseAction } from '../../staff-access.ts';
import { caseActionForms } from '../../staff-forms.ts';
import { bulkComplimentsPage } from './bulk-compliments-model.ts';
import { followUpSections, taskTag } from './follow-up-model.ts';
import { actionFormPage, fixedChoices, newRecordPage, noKo41aChoices } from './form-model.ts';
import {
  deadlineTag,
  queueFiltersOf,
  queuePageOf,
  queuePagination,
  queueQueryString,
} from './queue-model.ts';

const noChoices = {
  ...fixedChoices,
  ...noKo41aChoices,
  units: [],
  subjects: [],
  staffGroups: [],
  investigators: [],
  staff: [],
};

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
      unitId: undefined,
      investigatorUserId: undefined,
      q: undefined,
    });
  });

  it('keeps a unit or investigator only when it is an identifier, and the search words trimmed', () => {
    const unitId = '0b6f4f0e-6a55-4f2a-9d1e-8d7c1e0c9a11';
    expect(queueFiltersOf({ unitId, investigatorUserId: 'drop table', q: '  discharge  ' })).toMatchObject({
      unitId,
      investigatorUserId: undefined,
      q: 'discharge',
    });
  });

  it('writes the filters as one query string, so that a saved view and a link say the same', () => {
    const filters = queueFiltersOf({
      mine: 'yes',
      deadline: 'response-overdue',
      q: 'lost glasses',
      page: '3',
    });
    expect(queueQueryString(filters)).toBe('q=lost+glasses&deadline=response-overdue&mine=yes');
    expect(queueQueryString(queueFiltersOf({}))).toBe('');
  });

  it('pages through the queue, keeping the filters, with no links for a single page', () => {
    const filters = queueFiltersOf({ kind: 'complaint' });
    expect(queuePagination(filters, 1, 1)).toBeNull();
    expect(queuePagination(filters, 2, 3)).toEqual({
      previous: { href: '/cases?kind=complaint', labelText: '1 of 3' },
      next: { href: '/cases?kind=complaint&page=3', labelText: '3 of 3' },
    });
    expect(queuePagination(filters, 1, 3)?.previous).toBeUndefined();
    expect(queuePageOf({ page: '0' })).toBe(1);
    expect(queuePageOf({ page: 'x' })).toBe(1);
    expect(queuePageOf({ page: '4' })).toBe(4);
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
      { text: 'Select one', href: '#stillPossibleToInvestigateFairly' },
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
      ko41a: noKo41aChoices,
      offer: 'Record it as a concern',
    });
    expect(page.offer?.items.map((item) => item.value)).toEqual(['concern', 'complaint']);
    expect(newRecordPage({ answers: {}, units: [], ko41a: noKo41aChoices }).offer).toBeNull();
  });

  it('asks a complaint’s KO41a age band and complainant, keeping the answer, with each item’s hint and errors linked to the first radio', () => {
    const page = newRecordPage({
      answers: { kind: 'complaint', complainantStatusCode: 'other' },
      errors: { patientAgeBandCode: 'Select the patient’s age from the list' },
      units: [],
      ko41a: {
        ko41aAgeBands: [
          { value: '0-17', text: '0 to 17' },
          { value: 'not-known', text: 'Not known' },
        ],
        ko41aComplainantStatuses: [
          { value: 'patient', text: 'Patient' },
          { value: 'other', text: 'Other', hint: 'For example an advocate' },
        ],
      },
    });
    const [ageBand, complainant] = page.complaintFields;
    expect(ageBand?.params.items.map((item) => item.value)).toEqual(['0-17', 'not-known']);
    expect(ageBand?.params.errorMessage).toEqual({ text: 'Select the patient’s age from the list' });
    expect(complainant?.params.items).toEqual([
      { value: 'patient', text: 'Patient', checked: false },
      { value: 'other', text: 'Other', hint: { text: 'For example an advocate' }, checked: true },
    ]);
    expect(page.errorList).toEqual([
      { text: 'Select the patient’s age from the list', href: '#patientAgeBandCode' },
    ]);
  });
});

describe('task tags', () => {
  // Wednesday 5 July 2017.
  it.each([
    ['due yesterday, not done', { dueDate: '2017-07-04', completedDate: null }, 'Overdue'],
    ['due tomorrow, not done', { dueDate: '2017-07-06', completedDate: null }, 'Due soon'],
    ['due yesterday, done today', { dueDate: '2017-07-04', completedDate: '2017-07-05' }, 'Done late'],
    ['no due date, not done', { dueDate: null, completedDate: null }, 'To do'],
    ['no due date, done', { dueDate: null, completedDate: '2017-07-05' }, 'Done'],
  ])('%s is "%s"', (_case, task, text) => {
    expect(taskTag(task, '2017-07-05').text).toBe(text);
  });
});

describe('the follow-up sections of a case page', () => {
  type View = Parameters<typeof followUpSections>[0];
  const details = {
    investigatorUserId: null,
    escalatedFromRecordId: null,
    ombudsmanReferredDate: null as string | null,
    ombudsmanStatus: null as string | null,
    ombudsmanOutcome: null as string | null,
    ombudsmanOutcomeDate: null as string | null,
  };
  /** Only what the sections read of getCase's answer. */
  const caseView = (
    changes: {
      kind?: string;
      status?: string;
      details?: Partial<typeof details> | null;
      escalatedToRecordId?: string | null;
    } = {},
  ) =>
    ({
      record: { recordId: 'case-1', kind: changes.kind ?? 'complaint', status: changes.status ?? 'open' },
      details: changes.details === null ? null : { ...details, ...changes.details },
      meetings: [{ meetingId: 'm1', meetingDate: '2017-07-10' }],
      learningPoints: [
        { text: 'Check medicines', unitId: 'ward-1', createdAt: new Date('2017-07-11T10:00:00Z') },
      ],
      escalatedToRecordId: changes.escalatedToRecordId ?? null,
    }) as unknown as View;
  const noFollowUp: CaseFollowUp = { tasks: [], escalatedFrom: null, escalatedTo: null };
  const as = (allowedActions: CaseAction[]) => ({
    unitNames: new Map([['ward-1', 'Ward 1']]),
    allowed: (action: CaseAction) => allowedActions.includes(action),
    today: '2017-07-12',
  });
  const officer = as([
    'meeting',
    'ombudsman-referral',
    'ombudsman-outcome',
    'escalate',
    'learning-point',
    'task',
  ]);

  it('offers the complaints team a meeting and a referral on an open complaint, and withholds what they may not see', () => {
    const sections = followUpSections(caseView(), noFollowUp, officer);
    expect(sections.meetingHref).toBe('/cases/case-1/meeting');
    expect(sections.referHref).toBe('/cases/case-1/ombudsman');
    expect(sections.ombudsmanOutcomeHref).toBeNull();
    expect(sections.escalateHref).toBeNull();
    expect(sections.meetings).toEqual([{ date: '2017-07-10', attendees: 'Withheld', notes: null }]);
    expect(sections.learningPoints[0]?.unit).toBe('Ward 1');
  });

  it('offers an assigned investigator only learning points and tasks', () => {
    const sections = followUpSections(caseView(), noFollowUp, as(['learning-point', 'task']));
    expect([sections.meetingHref, sections.referHref, sections.escalateHref]).toEqual([null, null, null]);
    expect(sections.learningHref).toBe('/cases/case-1/learning');
    expect(sections.taskHref).toBe('/cases/case-1/tasks');
  });

  it('shows a closed complaint’s referral and offers its decision, not another referral', () => {
    const referred = caseView({
      status: 'closed',
      details: { ombudsmanReferredDate: '2017-09-01', ombudsmanStatus: 'assessing' },
    });
    const sections = followUpSections(referred, noFollowUp, officer);
    expect(sections.referHref).toBeNull();
    expect(sections.meetingHref).toBeNull();
    expect(sections.ombudsmanOutcomeHref).toBe('/cases/case-1/ombudsman-outcome');
    expect(sections.ombudsman.map((row) => `${row.key.text}: ${row.value.text}`)).toEqual([
      'Referred: 1 September 2017',
      'Status: Being assessed by the Ombudsman',
      'Outcome: Not decided yet',
    ]);
  });

  it('offers to escalate a concern until it has been, then links it to its complaint', () => {
    const concern = caseView({ kind: 'concern', details: null });
    expect(followUpSections(concern, noFollowUp, officer).escalateHref).toBe('/cases/case-1/escalate');
    const escalated = caseView({ kind: 'concern', details: null, escalatedToRecordId: 'case-2' });
    const sections = followUpSections(
      escalated,
      { ...noFollowUp, escalatedTo: { recordId: 'case-2', reference: 'C-2017-00002' } },
      officer,
    );
    expect(sections.escalateHref).toBeNull();
    expect(sections.escalation).toEqual({
      before: 'This concern was escalated to complaint',
      reference: 'C-2017-00002',
      href: '/cases/case-2',
    });
  });

  it('names a withheld task by its number and offers "Mark as done" only on those to do', () => {
    const followUp: CaseFollowUp = {
      ...noFollowUp,
      tasks: [
        { taskId: 't1', description: null, assigneeName: null, dueDate: '2017-07-10', completedDate: null },
        {
          taskId: 't2',
          description: 'Ring back',
          assigneeName: 'Dana',
          dueDate: null,
          completedDate: '2017-07-11',
        },
      ],
    };
    const [first, second] = followUpSections(caseView(), followUp, officer).tasks;
    expect(first).toMatchObject({
      name: 'task 1',
      assignee: 'Anyone',
      doneAction: '/cases/case-1/tasks/t1/done',
    });
    expect(first?.tag.text).toBe('Overdue');
    expect(second).toMatchObject({ name: 'Ring back', assignee: 'Dana', doneAction: null });
  });
});

describe('the bulk compliments page', () => {
  it('keeps the answers and links each problem to its field', () => {
    const page = bulkComplimentsPage({
      answers: { unitId: 'ward-2', channel: 'letter', count: '600' },
      errors: { count: 'Too many', channel: 'Select how they reached us', form: 'Something else' },
      units: [
        { value: 'ward-1', text: 'Ward 1' },
        { value: 'ward-2', text: 'Ward 2' },
      ],
    });
    expect(page.errorList).toEqual([
      { text: 'Select how they reached us', href: '#channel' },
      { text: 'Too many', href: '#count' },
      { text: 'Something else', href: '#maincontent' },
    ]);
    expect(page.count.value).toBe('600');
    expect(page.unit.items.filter((item) => item.selected).map((item) => item.value)).toEqual(['ward-2']);
    expect(page.channel.items.filter((item) => item.checked).map((item) => item.value)).toEqual(['letter']);
  });
});
