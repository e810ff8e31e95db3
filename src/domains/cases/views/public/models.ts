import { type FieldErrors, formErrors } from '#src/web/forms.ts';
import { feedbackKindNames } from '../../kinds-and-channels.ts';
import {
  type DateParts,
  type FeedbackAnswers,
  needsReply,
  type PublicKind,
  pageBefore,
  publicKinds,
  type QuestionStep,
} from '../../public-journey.ts';

// View models of the public feedback pages: pure functions from answers to what the NHS.UK
// macros need. The routes do the I/O; the templates only place what these return.

export const journeyHref = (odsCode: string, page: QuestionStep | 'check' | 'start' | 'confirmation') =>
  page === 'start' ? `/feedback/${odsCode}` : `/feedback/${odsCode}/${page}`;

/** Where each field's error summary link goes, in page order (a date links to its day box). */
const fieldAnchors: Record<string, string> = {
  kind: '#kind',
  search: '#search',
  unitId: '#unitId',
  whatHappened: '#whatHappened',
  eventDate: '#eventDate-day',
  putRight: '#putRight',
  name: '#name',
  email: '#email',
  phone: '#phone',
  address: '#address',
  replyBy: '#replyBy',
  isPatient: '#isPatient',
  patientName: '#patientName',
  patientConsent: '#patientConsent',
};
const anchorOf = (field: string) => fieldAnchors[field] ?? '#maincontent';

interface QuestionInput {
  odsCode: string;
  organisationName: string;
  answers: FeedbackAnswers;
  errors?: FieldErrors;
  /** The person came from "Check your answers" and goes back there. */
  returning: boolean;
}

const kindLabels: Record<PublicKind, { text: string; hint: string }> = {
  compliment: { text: 'A compliment', hint: 'Something we did well, or someone you want to thank' },
  comment: { text: 'A comment or suggestion', hint: 'An idea for how we could do things better' },
  concern: {
    text: 'A concern',
    hint: 'Something that worries you that you would like us to sort out quickly',
  },
  complaint: {
    text: 'A complaint',
    hint: 'Something that went wrong that you want us to look into formally and reply to in writing',
  },
};

/** What every question page has: title, back link, where the form posts, errors and answers. */
function questionPage(step: QuestionStep, title: string, input: QuestionInput) {
  const query = input.returning ? '?returnTo=check' : '';
  const back = input.returning ? 'check' : pageBefore(step, input.answers);
  const errors = input.errors ?? {};
  return {
    pageTitle: title,
    heading: title,
    organisationName: input.organisationName,
    backLinkHref: journeyHref(input.odsCode, back),
    action: `${journeyHref(input.odsCode, step)}${query}`,
    ...formErrors(errors, Object.keys(fieldAnchors), anchorOf),
    values: input.answers,
  };
}

const checkedItems = (items: { value: string; text: string; hint?: string }[], chosen: string | undefined) =>
  items.map((item) => ({
    value: item.value,
    text: item.text,
    hint: item.hint ? { text: item.hint } : undefined,
    checked: item.value === chosen,
  }));

export function kindPage(input: QuestionInput) {
  return {
    ...questionPage('kind', 'What kind of feedback do you want to give?', input),
    kindItems: checkedItems(
      publicKinds.map((kind) => ({ value: kind, ...kindLabels[kind] })),
      input.answers.kind,
    ),
  };
}

export function servicePage(
  input: QuestionInput & {
    search: string;
    results: { unitId: string; name: string }[];
    chosen: { unitId: string; name: string } | null;
  },
) {
  // The service already chosen stays on offer, so that coming back keeps the answer.
  const offered = [...input.results];
  if (input.chosen && !offered.some((unit) => unit.unitId === input.chosen?.unitId))
    offered.unshift(input.chosen);
  const errors = { ...input.errors };
  if (errors.unitId && offered.length === 0) {
    errors.search = 'Search for the service your feedback is about, then select it';
    delete errors.unitId;
  }
  return {
    ...questionPage('service', 'Which service is your feedback about?', { ...input, errors }),
    searchAction: journeyHref(input.odsCode, 'service'),
    search: input.search,
    returning: input.returning,
    searched: input.search.trim() !== '',
    unitItems: checkedItems(
      offered.map((unit) => ({ value: unit.unitId, text: unit.name })),
      input.answers.unitId,
    ),
  };
}

const dateItems = (parts: DateParts | undefined, hasError: boolean) => {
  const error = hasError ? ' nhsuk-input--error' : '';
  return [
    { name: 'day', value: parts?.day ?? '', classes: `nhsuk-input--width-2${error}` },
    { name: 'month', value: parts?.month ?? '', classes: `nhsuk-input--width-2${error}` },
    { name: 'year', value: parts?.year ?? '', classes: `nhsuk-input--width-4${error}` },
  ];
};

export function whatHappenedPage(input: QuestionInput) {
  const page = questionPage('what-happened', 'What happened?', input);
  return { ...page, eventDateItems: dateItems(input.answers.eventDate, Boolean(page.errors.eventDate)) };
}

export function putRightPage(input: QuestionInput) {
  const optional = !needsReply(input.answers.kind);
  return {
    ...questionPage(
      'put-right',
      optional
        ? 'Is there anything you would like us to do? (optional)'
        : 'What would you like us to do to put it right?',
      input,
    ),
    optional,
  };
}

export function aboutYouPage(input: QuestionInput) {
  const optional = !needsReply(input.answers.kind);
  return {
    ...questionPage('about-you', 'About you', input),
    optional,
    intro: optional
      ? 'You do not have to tell us who you are. If you want a reply, tell us how to contact you.'
      : 'We need your name and a way to contact you so that we can reply.',
    replyItems: checkedItems(
      [
        { value: 'email', text: 'By email' },
        { value: 'phone', text: 'By phone' },
        { value: 'letter', text: 'By letter' },
      ],
      input.answers.replyBy,
    ),
  };
}

export function whoPage(input: QuestionInput) {
  return {
    ...questionPage('who', 'Are you the patient?', input),
    whoItems: checkedItems(
      [
        { value: 'yes', text: 'Yes, I am the patient' },
        {
          value: 'no',
          text: 'No, I am acting for someone else',
          hint: 'For example, a relative, friend or carer',
        },
      ],
      input.answers.isPatient,
    ),
  };
}

export function patientPage(input: QuestionInput) {
  return {
    ...questionPage('patient', 'About the patient', input),
    consentItems: checkedItems(
      [
        { value: 'yes', text: 'Yes' },
        { value: 'no', text: 'No, or I have not been able to ask them' },
      ],
      input.answers.patientConsent,
    ),
  };
}

const notGiven = 'Not given';
const ukDate = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  });
const orNotGiven = (value: string | undefined) => (value ?? '').trim() || notGiven;
const replyNames: Record<string, string> = { email: 'By email', phone: 'By phone', letter: 'By letter' };

/** "Check your answers": one summary list row per answer, each with its Change link. */
export function checkPage(input: {
  odsCode: string;
  organisationName: string;
  answers: FeedbackAnswers;
  unitName: string;
  eventDate: string | null;
  problem?: string;
}) {
  const { answers, odsCode } = input;
  const row = (key: string, value: string, step: QuestionStep) => ({
    key: { text: key },
    value: { text: value },
    actions: {
      items: [
        {
          href: `${journeyHref(odsCode, step)}?returnTo=check`,
          text: 'Change',
          visuallyHiddenText: key.toLowerCase(),
        },
      ],
    },
  });
  const kind = publicKinds.find((candidate) => candidate === answers.kind);
  const actingForSomeone = answers.isPatient === 'no';
  const rows = [
    row('Kind of feedback', kind ? feedbackKindNames[kind] : notGiven, 'kind'),
    row('Service', input.unitName, 'service'),
    row('What happened', orNotGiven(answers.whatHappened), 'what-happened'),
    row('Date it happened', input.eventDate ? ukDate(input.eventDate) : notGiven, 'what-happened'),
    row('What would put it right', orNotGiven(answers.putRight), 'put-right'),
    row('Your name', orNotGiven(answers.name), 'about-you'),
    row('Email address', orNotGiven(answers.email), 'about-you'),
    row('Phone number', orNotGiven(answers.phone), 'about-you'),
    row('Postal address', orNotGiven(answers.address), 'about-you'),
    row('How you would like a reply', replyNames[answers.replyBy ?? ''] ?? notGiven, 'about-you'),
    row('Are you the patient', actingForSomeone ? 'No, I am acting for someone else' : 'Yes', 'who'),
    ...(actingForSomeone
      ? [
          row('Patient’s name', orNotGiven(answers.patientName), 'patient'),
          row(
            'Has the patient agreed to you acting for them',
            answers.patientConsent === 'yes' ? 'Yes' : 'No, or I have not been able to ask them',
            'patient',
          ),
        ]
      : []),
  ];
  return {
    pageTitle: 'Check your answers before sending your feedback',
    heading: 'Check your answers before sending your feedback',
    organisationName: input.organisationName,
    backLinkHref: journeyHref(odsCode, pageBefore('check', answers)),
    action: journeyHref(odsCode, 'check'),
    rows,
    ...formErrors(input.problem ? { form: input.problem } : {}, [], () => '#maincontent'),
  };
}

export function confirmationPage(input: {
  organisationName: string;
  reference: string;
  kind: PublicKind;
  lateComplaint: boolean;
}) {
  const formal = needsReply(input.kind);
  return {
    pageTitle: `${feedbackKindNames[input.kind]} sent`,
    panelTitle: `${feedbackKindNames[input.kind]} sent`,
    organisationName: input.organisationName,
    reference: input.reference,
    nextSteps: formal
      ? `${input.organisationName} will contact you within 3 working days to talk about how your ${feedbackKindNames[input.kind].toLowerCase()} will be handled.`
      : `Thank you. ${input.organisationName} will share your feedback with the team concerned.`,
    lateComplaintText: input.lateComplaint
      ? 'Complaints are usually made within 12 months of what happened, or of when you found out about it. We will still look at your complaint and tell you if we can investigate it.'
      : null,
  };
}

export function startPage(input: { odsCode: string; organisationName: string }) {
  return {
    pageTitle: `Tell ${input.organisationName} about your experience`,
    organisationName: input.organisationName,
    startHref: journeyHref(input.odsCode, 'kind'),
    easyReadHref: `/feedback/${input.odsCode}/easy-read`,
  };
}

export function easyReadPage(input: { odsCode: string; organisationName: string }) {
  return {
    pageTitle: `Telling ${input.organisationName} about your care: Easy Read`,
    organisationName: input.organisationName,
    backLinkHref: `/feedback/${input.odsCode}`,
    startHref: journeyHref(input.odsCode, 'kind'),
  };
}

export function tooManyPage(input: { odsCode: string | null }) {
  return {
    pageTitle: 'You have sent a lot of feedback in a short time',
    checkHref: input.odsCode ? journeyHref(input.odsCode, 'check') : null,
  };
}
