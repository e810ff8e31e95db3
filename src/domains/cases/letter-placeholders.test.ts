import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  filledTemplate,
  issuesInWords,
  type LetterFacts,
  placeholderProblem,
  placeholderValues,
} from './letter-placeholders.ts';

const facts: LetterFacts = {
  reference: 'C-2017-0042',
  complainantName: 'Ann Example',
  receivedDate: '2017-07-03',
  acknowledgedDate: '2017-07-05',
  issues: [
    { subject: 'Communications', description: 'Not told about the discharge plan', outcome: 'upheld' },
    { subject: 'Medication', description: 'Tablets given late', outcome: 'not-upheld' },
  ],
  overallOutcome: 'partially-upheld',
  signedOffBy: 'Jo Bloggs, Chief Executive',
  organisationName: 'Northshire NHS Foundation Trust',
  today: '2017-08-01',
};

describe('placeholders in a letter template', () => {
  it.each<[string, string, string | null]>([
    ['known placeholders', 'Dear ((complainant_name)), about ((reference)) of ((received_date))', null],
    ['spaces inside the brackets', 'Dear (( complainant_name ))', null],
    ['no placeholder at all', 'Dear Sir or Madam', null],
    [
      'an unknown placeholder',
      'Dear ((patient_name))',
      '((patient_name)) is not a placeholder Heard knows. Use only ((reference)), ((complainant_name))',
    ],
    [
      'two unknown placeholders',
      '((a)) and ((b)) and ((a))',
      '((a)), ((b)) are not placeholders Heard knows',
    ],
    [
      'an unclosed placeholder',
      'Dear ((complainant_name)',
      'Write each placeholder between two pairs of brackets',
    ],
    ['a stray closing pair', 'Dear ((reference)) ))', 'Write each placeholder between two pairs of brackets'],
  ])('%s', (_case, body, problem) => {
    if (problem === null) expect(placeholderProblem(body)).toBeNull();
    else expect(placeholderProblem(body)).toContain(problem);
  });

  it('are each replaced by their value, wherever and however often they appear', () => {
    const body =
      'Dear ((complainant_name))\n\nRe: ((reference)) (received ((received_date)))\n\n((reference))';
    expect(filledTemplate(body, placeholderValues(facts))).toBe(
      'Dear Ann Example\n\nRe: C-2017-0042 (received 3 July 2017)\n\nC-2017-0042',
    );
  });
});

describe('what a letter says was found', () => {
  it('explains each issue in plain words, numbered, never as upheld or not upheld', () => {
    const words = issuesInWords(facts.issues);
    expect(words).toContain(
      '1. Communications: Not told about the discharge plan\nWe found that this fell short',
    );
    expect(words).toContain('2. Medication: Tablets given late\nHaving looked into this carefully');
    expect(words.toLowerCase()).not.toContain('upheld');
  });

  it('says an issue not yet decided is still being looked into', () => {
    expect(issuesInWords([{ subject: 'Access', description: 'Waiting', outcome: null }])).toContain(
      'We are still looking into this.',
    );
  });

  it.each(['upheld', 'partially-upheld', 'not-upheld', 'withdrawn', 'undecided'] as const)(
    'puts the overall outcome %s in plain words',
    (overallOutcome) => {
      const words = placeholderValues({ ...facts, overallOutcome }).overall_outcome;
      expect(words.length).toBeGreaterThan(20);
      expect(words.toLowerCase()).not.toContain('upheld');
    },
  );
});

describe('the values a letter is filled with', () => {
  it('writes dates as people read them', () => {
    const values = placeholderValues(facts);
    expect(values.received_date).toBe('3 July 2017');
    expect(values.acknowledged_date).toBe('5 July 2017');
    expect(values.today).toBe('1 August 2017');
    expect(values.signed_off_by).toBe('Jo Bloggs, Chief Executive');
    expect(values.organisation_name).toBe('Northshire NHS Foundation Trust');
  });

  it('leaves what the record does not hold yet in square brackets, to be filled in', () => {
    const values = placeholderValues({
      ...facts,
      complainantName: null,
      acknowledgedDate: null,
      signedOffBy: '  ',
      issues: [],
    });
    expect(values.complainant_name).toBe('[name]');
    expect(values.acknowledged_date).toBe('[date of acknowledgement]');
    expect(values.signed_off_by).toBe('[name and role of the person signing]');
    expect(values.issues).toBe('[No issues have been recorded for this complaint yet]');
  });
});

describe('the default complaint response', () => {
  const body = readFileSync(new URL('./default-response-letter.txt', import.meta.url), 'utf8');

  it('uses only placeholders Heard knows', () => {
    expect(placeholderProblem(body)).toBeNull();
  });

  it('explains the findings in words, never the reporting labels (seed report, Q2 2017)', () => {
    expect(body.toLowerCase()).not.toContain('upheld');
    expect(body).toContain('((issues))');
    expect(body).toContain('((overall_outcome))');
  });

  it('tells the complainant they may go to the Ombudsman (SI 2009/309 reg 14(2))', () => {
    expect(body).toContain('Parliamentary and Health Service Ombudsman');
  });
});
