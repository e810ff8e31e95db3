import { describe, expect, it } from 'vitest';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import {
  acknowledgementFor,
  eventDateOf,
  type FeedbackAnswers,
  firstIncompleteStep,
  newRecordFromAnswers,
  pageAfter,
  pageBefore,
  stepProblems,
  unitsMatching,
} from './public-journey.ts';

const today = '2025-06-10' as IsoDate;
const context = { today, activeUnitIds: new Set(['ward-1']) };
const complete: FeedbackAnswers = {
  kind: 'complaint',
  unitId: 'ward-1',
  whatHappened: 'I waited all day.',
  putRight: 'An apology',
  name: 'Sam',
  email: 'sam@example.com',
  replyBy: 'email',
  isPatient: 'no',
  patientName: 'Pat',
  patientConsent: 'yes',
};

describe('the date it happened', () => {
  it.each([
    [{ day: '', month: '', year: '' }, { date: null }],
    [{ day: '3', month: '1', year: '2025' }, { date: '2025-01-03' }],
    [{ day: '31', month: '2', year: '2024' }, { problem: 'The date it happened must be a real date' }],
    [{ day: '3', month: '', year: '' }, { problem: 'The date it happened must include a month and a year' }],
    [
      { day: '1', month: '7', year: '2025' },
      { problem: 'The date it happened must be today or in the past' },
    ],
  ])('%o gives %o', (parts, expected) => {
    expect(eventDateOf(parts, today)).toEqual(expected);
  });
});

describe('what each page needs', () => {
  it('needs contact details and a reply method for a concern or complaint, not for a compliment', () => {
    expect(stepProblems('about-you', { kind: 'complaint' }, context)).toEqual({
      name: 'Enter your full name',
      replyBy: 'Select how you would like us to reply',
    });
    expect(stepProblems('about-you', { kind: 'compliment' }, context)).toEqual({});
  });

  it('needs the detail that goes with the reply method chosen', () => {
    expect(stepProblems('about-you', { kind: 'comment', replyBy: 'letter' }, context)).toEqual({
      address: 'Enter your postal address, so that we can reply',
    });
  });

  it('needs what would put it right only for concerns and complaints', () => {
    expect(stepProblems('put-right', { kind: 'concern' }, context)).toHaveProperty('putRight');
    expect(stepProblems('put-right', { kind: 'comment' }, context)).toEqual({});
  });

  it('accepts only a service open today', () => {
    expect(stepProblems('service', { unitId: 'closed-ward' }, context)).toEqual({
      unitId: 'Select the service your feedback is about',
    });
  });
});

describe('the order of the pages', () => {
  it.each([
    ['who', { isPatient: 'no' }, false, 'patient'],
    ['who', { isPatient: 'yes' }, false, 'check'],
    ['kind', complete, true, 'check'],
    ['who', { ...complete, patientName: undefined }, true, 'patient'],
  ] as const)('after %s with %o (returning %s) comes %s', (step, answers, returning, expected) => {
    expect(pageAfter(step, answers, context, returning)).toBe(expected);
  });

  it.each([
    ['kind', {}, 'start'],
    ['check', { isPatient: 'yes' }, 'who'],
    ['check', { isPatient: 'no' }, 'patient'],
  ] as const)('before %s with %o comes %s', (step, answers, expected) => {
    expect(pageBefore(step, answers)).toBe(expected);
  });

  it('finds the first page still to answer', () => {
    expect(firstIncompleteStep({}, context)).toBe('kind');
    expect(firstIncompleteStep(complete, context)).toBeNull();
  });
});

describe('finding a service', () => {
  const units = [
    { unitId: '1', name: 'Rose Ward' },
    { unitId: '2', name: 'Community Mental Health Team' },
  ];
  it.each([
    ['rose', ['Rose Ward']],
    ['mental team', ['Community Mental Health Team']],
    ['', []],
  ])('"%s" finds %o', (search, names) => {
    expect(unitsMatching(units, search).map((unit) => unit.name)).toEqual(names);
  });
});

describe('the record the answers become', () => {
  it('records who acts for the patient and that the patient agreed', () => {
    const record = newRecordFromAnswers(complete, { today, unitName: 'Rose Ward', suspectedSpam: false });
    expect(record).toMatchObject({
      kind: 'complaint',
      channel: 'web-form',
      summary: 'Complaint about Rose Ward, from the public web form',
      onBehalfOfName: 'Pat',
      consentRecorded: true,
      consentDate: today,
      contactDetails: { email: 'sam@example.com', preferredMethod: 'email' },
    });
  });

  it('marks a suspected spam submission at the start of its summary', () => {
    const record = newRecordFromAnswers(complete, { today, unitName: 'Rose Ward', suspectedSpam: true });
    expect(record.summary).toBe('SUSPECTED SPAM: Complaint about Rose Ward, from the public web form');
  });

  it('leaves consent unrecorded when the person is the patient', () => {
    const record = newRecordFromAnswers(
      { ...complete, isPatient: 'yes' },
      { today, unitName: 'Rose Ward', suspectedSpam: false },
    );
    expect(record).toMatchObject({ onBehalfOfName: null, consentRecorded: null, consentDate: null });
  });

  // KO41a section 4: the journey asks whether the person is the patient, not how someone acting
  // for them is related, so only the patient's own complaint has a status.
  it.each([
    ['complaint', 'yes', 'patient'],
    ['complaint', 'no', null],
    ['concern', 'yes', null],
    ['compliment', 'yes', null],
  ])(
    'a %s from someone answering "%s" to being the patient records complainant status %s',
    (kind, isPatient, status) => {
      const record = newRecordFromAnswers(
        { ...complete, kind, isPatient },
        { today, unitName: 'Rose Ward', suspectedSpam: false },
      );
      expect(record.complainantStatusCode).toBe(status);
      expect(record.patientAgeBandCode).toBeUndefined();
    },
  );
});

describe('the acknowledgement', () => {
  const templates = { email: 'email-template', sms: 'sms-template' };
  it.each([
    [{ email: 'a@example.com', phone: '07700 900982' }, templates, 'email'],
    [{ phone: '07700 900982' }, templates, 'sms'],
    [{ phone: '01632 960001' }, templates, null],
    [{ email: 'a@example.com' }, {}, null],
    [{}, templates, null],
  ])('%o with %o goes by %s', (answers, given, channel) => {
    expect(acknowledgementFor(answers, given)?.channel ?? null).toBe(channel);
  });
});
