import { z } from 'zod';
import { type IsoDate, isIsoDate } from '#src/domains/calendar/index.ts';
import { type FieldErrors, fieldErrorsOf } from '#src/web/forms.ts';
import type { NewRecord } from './inputs.ts';
import { feedbackKindNames } from './kinds-and-channels.ts';
import { patientComplainantStatus } from './ko41a-codes.ts';

// The public "Tell us about your experience" journey (issue 4): which questions it asks, in what
// order, what counts as a complete answer to each, and the record the answers become. Pure: the
// routes pass in today and the organisation's active units.

/** What a member of the public may give; enquiries and MP enquiries reach staff by other routes. */
export const publicKinds = ['compliment', 'comment', 'concern', 'complaint'] as const;
export type PublicKind = (typeof publicKinds)[number];

export const replyMethods = ['email', 'phone', 'letter'] as const;
export type ReplyMethod = (typeof replyMethods)[number];

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** The answers as the person typed them, kept between pages so that nothing is lost. */
export interface FeedbackAnswers {
  kind?: string;
  unitId?: string;
  whatHappened?: string;
  eventDate?: DateParts;
  putRight?: string;
  name?: string;
  email?: string;
  phone?: string;
  address?: string;
  replyBy?: string;
  isPatient?: string;
  patientName?: string;
  patientConsent?: string;
}

declare module 'fastify' {
  interface Session {
    /** The public feedback journey in progress, for one organisation (public-journey.ts). */
    feedback?: {
      odsCode: string;
      answers: FeedbackAnswers;
      /** What the confirmation page shows once the answers have been recorded. */
      submitted?: { reference: string; kind: PublicKind; lateComplaint: boolean };
    };
  }
}

/** The question pages, in the order they are asked; `patient` only for someone acting for another. */
export const questionSteps = [
  'kind',
  'service',
  'what-happened',
  'put-right',
  'about-you',
  'who',
  'patient',
] as const;
export type QuestionStep = (typeof questionSteps)[number];

export const isQuestionStep = (value: string): value is QuestionStep =>
  (questionSteps as readonly string[]).includes(value);

export interface JourneyContext {
  today: IsoDate;
  /** The organisation's units open today: the only ones the public may choose. */
  activeUnitIds: ReadonlySet<string>;
}

/** Whether the person must answer for their feedback to be able to be replied to. */
export const needsReply = (kind: string | undefined) => kind === 'concern' || kind === 'complaint';

export const appliesTo = (step: QuestionStep, answers: FeedbackAnswers) =>
  step !== 'patient' || answers.isPatient === 'no';

const text = (value: string | undefined) => (value ?? '').trim();
const maxLength = (limit: number, what: string) =>
  z.string().max(limit, `${what} must be ${limit.toLocaleString('en-GB')} characters or fewer`);

/** A phone number as people write them: digits, spaces, brackets, dashes and a leading +. */
const phonePattern = /^\+?[\d\s()-]{10,20}$/;
const emailField = z.email({ error: 'Enter an email address in the correct format, like name@example.com' });

/** The date something happened, from the three boxes; every box empty means not given. */
export function eventDateOf(
  parts: DateParts | undefined,
  today: IsoDate,
): { date: IsoDate | null } | { problem: string } {
  const day = text(parts?.day);
  const month = text(parts?.month);
  const year = text(parts?.year);
  if (!day && !month && !year) return { date: null };
  const missing = [
    ['day', day],
    ['month', month],
    ['year', year],
  ].filter(([, value]) => !value);
  if (missing.length > 0) {
    return {
      problem: `The date it happened must include a ${missing.map(([name]) => name).join(' and a ')}`,
    };
  }
  const iso = `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || !isIsoDate(iso)) {
    return { problem: 'The date it happened must be a real date' };
  }
  if (iso > today) return { problem: 'The date it happened must be today or in the past' };
  return { date: iso as IsoDate };
}

const kindSchema = z.object({
  kind: z.enum(publicKinds, { error: 'Select what kind of feedback you want to give' }),
});

const whatHappenedSchema = z.object({
  whatHappened: z
    .string({ error: 'Enter what happened' })
    .trim()
    .min(1, 'Enter what happened')
    .pipe(maxLength(5000, 'What happened')),
});

const whoSchema = z.object({
  isPatient: z.enum(['yes', 'no'], { error: 'Select whether you are the patient' }),
});

const patientSchema = z.object({
  patientName: z
    .string({ error: 'Enter the patient’s full name' })
    .trim()
    .min(1, 'Enter the patient’s full name')
    .pipe(maxLength(200, 'The patient’s name')),
  patientConsent: z.enum(['yes', 'no'], {
    error: 'Select whether the patient has agreed to you acting for them',
  }),
});

function aboutYouProblems(answers: FeedbackAnswers): FieldErrors {
  const errors: FieldErrors = {};
  const required = needsReply(answers.kind);
  const replyBy = text(answers.replyBy);
  if (required && !text(answers.name)) errors.name = 'Enter your full name';
  else if (text(answers.name).length > 200) errors.name = 'Your name must be 200 characters or fewer';
  const email = text(answers.email);
  if (email && !emailField.safeParse(email).success) {
    errors.email = 'Enter an email address in the correct format, like name@example.com';
  } else if (!email && replyBy === 'email') errors.email = 'Enter your email address, so that we can reply';
  const phone = text(answers.phone);
  if (phone && !phonePattern.test(phone)) {
    errors.phone = 'Enter a telephone number, like 01632 960 001 or 07700 900 982';
  } else if (!phone && replyBy === 'phone') errors.phone = 'Enter your phone number, so that we can reply';
  if (!text(answers.address) && replyBy === 'letter') {
    errors.address = 'Enter your postal address, so that we can reply';
  } else if (text(answers.address).length > 500)
    errors.address = 'Your address must be 500 characters or fewer';
  if (replyBy && !(replyMethods as readonly string[]).includes(replyBy)) {
    errors.replyBy = 'Select how you would like us to reply';
  } else if (required && !replyBy) errors.replyBy = 'Select how you would like us to reply';
  return errors;
}

/** The problems with one page's answers, by field; empty when the page is complete. */
export function stepProblems(
  step: QuestionStep,
  answers: FeedbackAnswers,
  context: JourneyContext,
): FieldErrors {
  const parsed = (schema: z.ZodType) => {
    const result = schema.safeParse(answers);
    return result.success ? {} : fieldErrorsOf(result.error);
  };
  switch (step) {
    case 'kind':
      return parsed(kindSchema);
    case 'service':
      return answers.unitId && context.activeUnitIds.has(answers.unitId)
        ? {}
        : { unitId: 'Select the service your feedback is about' };
    case 'what-happened': {
      const errors = parsed(whatHappenedSchema);
      const date = eventDateOf(answers.eventDate, context.today);
      return 'problem' in date ? { ...errors, eventDate: date.problem } : errors;
    }
    case 'put-right': {
      const putRight = text(answers.putRight);
      if (needsReply(answers.kind) && !putRight)
        return { putRight: 'Enter what you would like to happen to put it right' };
      return putRight.length > 5000
        ? { putRight: 'What would put it right must be 5,000 characters or fewer' }
        : {};
    }
    case 'about-you':
      return aboutYouProblems(answers);
    case 'who':
      return parsed(whoSchema);
    case 'patient':
      return parsed(patientSchema);
  }
}

/** The first page still to answer properly, or null when the answers are ready to check. */
export function firstIncompleteStep(answers: FeedbackAnswers, context: JourneyContext): QuestionStep | null {
  return (
    questionSteps.find(
      (step) => appliesTo(step, answers) && Object.keys(stepProblems(step, answers, context)).length > 0,
    ) ?? null
  );
}

/**
 * Where to go after answering `step`: the next question, or (when the person came from
 * "Check your answers") straight back there unless a change raised a new question.
 */
export function pageAfter(
  step: QuestionStep,
  answers: FeedbackAnswers,
  context: JourneyContext,
  returningToCheck: boolean,
): QuestionStep | 'check' {
  if (returningToCheck) return firstIncompleteStep(answers, context) ?? 'check';
  const later = questionSteps.slice(questionSteps.indexOf(step) + 1);
  return later.find((next) => appliesTo(next, answers)) ?? 'check';
}

/** The page before `step`, for its back link: the previous question, or the start page. */
export function pageBefore(step: QuestionStep | 'check', answers: FeedbackAnswers): QuestionStep | 'start' {
  const earlier = step === 'check' ? [...questionSteps] : questionSteps.slice(0, questionSteps.indexOf(step));
  return earlier.reverse().find((previous) => appliesTo(previous, answers)) ?? 'start';
}

/** Active units whose name contains every word searched for, in name order. */
export function unitsMatching<T extends { unitId: string; name: string }>(
  units: readonly T[],
  search: string,
): T[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return units
    .filter((unit) => words.every((word) => unit.name.toLowerCase().includes(word)))
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, 25);
}

/**
 * What marks a submission whose hidden "Leave this blank" field was filled in: people cannot
 * see that field, automated programs usually fill it. It is kept for staff to review, never
 * dropped, and the marker leads the summary that every work queue shows.
 */
export const suspectedSpamPrefix = 'SUSPECTED SPAM: ';
export const suspectedSpamNote =
  'Suspected spam: the hidden "Leave this blank" field on the public form was filled in. People do not see that field, but automated programs often fill it. Check this record before acting on it; no acknowledgement was sent.';

/** The record the answers become. Call only when firstIncompleteStep is null. */
export function newRecordFromAnswers(
  answers: FeedbackAnswers,
  context: { today: IsoDate; unitName: string; suspectedSpam: boolean },
): NewRecord {
  const kind = kindSchema.parse(answers).kind;
  const eventDate = eventDateOf(answers.eventDate, context.today);
  const actingForSomeone = answers.isPatient === 'no';
  const consented = actingForSomeone && answers.patientConsent === 'yes';
  const optional = (value: string | undefined) => text(value) || undefined;
  const replyBy = replyMethods.find((method) => method === answers.replyBy);
  // The summary appears in work queues and reports: what and where, never who.
  const summary = `${feedbackKindNames[kind]} about ${context.unitName}, from the public web form`;
  return {
    kind,
    channel: 'web-form',
    unitId: answers.unitId ?? '',
    receivedDate: context.today,
    eventDate: 'date' in eventDate ? eventDate.date : null,
    summary: context.suspectedSpam ? `${suspectedSpamPrefix}${summary}` : summary,
    narrative: text(answers.whatHappened),
    desiredOutcome: optional(answers.putRight) ?? null,
    personName: optional(answers.name) ?? null,
    contactDetails: {
      email: optional(answers.email),
      phone: optional(answers.phone),
      address: optional(answers.address),
      preferredMethod: replyBy,
    },
    onBehalfOfName: actingForSomeone ? text(answers.patientName) : null,
    // SI 2009/309 reg 5(1)(b): someone may complain for a patient who has consented; what they said is recorded.
    consentRecorded: actingForSomeone ? consented : null,
    consentDate: consented ? context.today : null,
    // KO41a section 4, only for complaints: the journey knows when the patient complains for
    // themselves, but does not ask how someone acting for them is related ("a relative, friend or
    // carer" is only the question's example), so that status is left for staff to record.
    complainantStatusCode:
      kind === 'complaint' && answers.isPatient === 'yes' ? patientComplainantStatus : null,
  };
}

export interface AcknowledgementTemplates {
  email?: string;
  sms?: string;
}

/** How to acknowledge the feedback: by email if we have an address, else by text to a mobile; null when we cannot. */
export function acknowledgementFor(
  answers: FeedbackAnswers,
  templates: AcknowledgementTemplates,
): { channel: 'email' | 'sms'; recipient: string; templateId: string } | null {
  const email = text(answers.email);
  const phone = text(answers.phone);
  if (email && templates.email) return { channel: 'email', recipient: email, templateId: templates.email };
  // Text messages go only to mobiles: a UK mobile number starts 07 or +44 7.
  const mobile = /^(\+44|0)7\d{9}$/.test(phone.replace(/[\s()-]/g, ''));
  if (mobile && templates.sms) return { channel: 'sms', recipient: phone, templateId: templates.sms };
  return null;
}

const stepFields: Record<QuestionStep, readonly (keyof FeedbackAnswers)[]> = {
  kind: ['kind'],
  service: ['unitId'],
  'what-happened': ['whatHappened', 'eventDate'],
  'put-right': ['putRight'],
  'about-you': ['name', 'email', 'phone', 'address', 'replyBy'],
  who: ['isPatient'],
  patient: ['patientName', 'patientConsent'],
};

/** One page's answers from its form body, exactly as typed (an unanswered field is left out). */
export function answersFromForm(step: QuestionStep, body: Record<string, unknown>): FeedbackAnswers {
  const textOf = (field: string) => {
    const value = body[field];
    return typeof value === 'string' ? value.slice(0, 10_000) : undefined;
  };
  const answers: FeedbackAnswers = {};
  for (const field of stepFields[step]) {
    if (field === 'eventDate') {
      answers.eventDate = {
        day: textOf('eventDate[day]') ?? '',
        month: textOf('eventDate[month]') ?? '',
        year: textOf('eventDate[year]') ?? '',
      };
    } else answers[field] = textOf(field);
  }
  return answers;
}
