import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { addDays, isIsoDate, isoDateInLondon } from '#src/domains/calendar/index.ts';
import { safeguardingAlertsOf } from '#src/domains/comments/index.ts';
import { findOrganisationByOdsCode, isActiveOn, listUnits } from '#src/domains/organisations/index.ts';
import { publicAccess } from '#src/web/access.ts';
import { NotFound } from '#src/web/errors.ts';
import { formBody } from '#src/web/forms.ts';
import { type Actor, systemActor } from '#src/web/principal.ts';
import type { SubmittedAnswers } from './answers.ts';
import type { ResponseMode, SurveyVariant } from './definition.ts';
import { translationLanguages } from './reference.ts';
import {
  AnswersInvalid,
  isSubmissionId,
  newSubmissionId,
  publishedSurvey,
  recordResponse,
} from './service.ts';
import { type SurveyAddress, surveyHref, surveyPage, thankYouPage } from './views/public-models.ts';

// The public survey pages: a link and QR code per unit and survey, answered without signing in, on
// a phone or a ward tablet (kiosk mode), working without JavaScript. The kiosk's script only adds
// an offline queue and clearing the form between people.

const open = { access: publicAccess } as const;
const view = (name: string) => `surveys/views/public/${name}.njk`;
const asset = (name: string) => readFileSync(new URL(`./views/${name}`, import.meta.url), 'utf8');

type SurveyRequest = {
  Params: { odsCode: string; surveyCode: string; unitCode: string };
  Querystring: { variant?: string; lang?: string };
};

/** Who the audit trail names for a response given on the public pages. */
const publicSurveyActor = (requestId: string): Actor => ({ ...systemActor('Public survey'), requestId });

/** What each page's mode of collection is (NHS England's FFT modes): a tablet on the ward is answered before leaving. */
const modeOf = (kiosk: boolean): ResponseMode => (kiosk ? 'electronic-discharge' : 'online');

const wantsJson = (request: FastifyRequest) => (request.headers.accept ?? '').includes('application/json');

export function publicSurveyRoutes({ db, config }: DomainDependencies) {
  /** Per address (config.ts, SURVEY_SUBMIT_RATE_LIMIT_PER_10_MINUTES). */
  const safeguardingAlerts = safeguardingAlertsOf(config);
  const submitLimit = { max: config.SURVEY_SUBMIT_RATE_LIMIT_PER_10_MINUTES, timeWindow: '10 minutes' };
  const kioskScript = asset('kiosk.js');
  const stylesheet = asset('surveys.css');

  /** The organisation, survey, unit, variant and language an address names. */
  async function surveyAt(request: FastifyRequest<SurveyRequest>) {
    const { odsCode, surveyCode, unitCode } = request.params;
    const organisation = await findOrganisationByOdsCode(db, odsCode);
    if (!organisation) throw new NotFound('There is no survey at this address.');
    const today = isoDateInLondon(new Date());
    const unit = (await listUnits(db, organisation.orgId)).find(
      (candidate) => candidate.code.toUpperCase() === unitCode.toUpperCase() && isActiveOn(candidate, today),
    );
    if (!unit) throw new NotFound('There is no survey at this address.');
    const published = await publishedSurvey(db, organisation.orgId, surveyCode);
    const variants = published.survey.variants;
    const variant =
      variants.find((candidate) => candidate === request.query.variant) ?? (variants[0] as SurveyVariant);
    const lang = request.query.lang ?? 'en';
    const language = (translationLanguages as readonly string[]).includes(lang) ? lang : 'en';
    const address: SurveyAddress = {
      odsCode: organisation.odsCode,
      surveyCode: published.survey.code,
      unitCode: unit.code,
    };
    return { organisation, unit, published, variant, language, address, today };
  }

  type Place = Awaited<ReturnType<typeof surveyAt>>;

  const pageInput = (place: Place, kiosk: boolean) => ({
    address: place.address,
    surveyName: place.published.survey.name,
    unitName: place.unit.name,
    organisationName: place.organisation.name,
    definition: place.published.definition,
    variants: place.published.survey.variants,
    variant: place.variant,
    language: place.language,
    kiosk,
  });

  /** The day it was answered: the kiosk sends the day it queued a response; anything odd counts as today. */
  const answeredOn = (value: unknown, today: string) =>
    typeof value === 'string' && isIsoDate(value) && value <= today && value >= addDays(today, -31)
      ? value
      : today;

  function surveyPages(kiosk: boolean) {
    const path = kiosk
      ? '/surveys/:odsCode/:surveyCode/:unitCode/kiosk'
      : '/surveys/:odsCode/:surveyCode/:unitCode';
    return async (app: FastifyInstance) => {
      app.get<SurveyRequest>(path, { config: open }, async (request, reply) => {
        const place = await surveyAt(request);
        return reply.render(
          view('survey'),
          surveyPage({ ...pageInput(place, kiosk), submissionId: newSubmissionId() }),
        );
      });

      app.post<SurveyRequest>(
        path,
        { config: { ...open, rateLimit: submitLimit } },
        async (request, reply) => {
          const place = await surveyAt(request);
          const body = formBody(request.body);
          const submissionId = isSubmissionId(body.submissionId) ? body.submissionId : newSubmissionId();
          const answers = answersOf(body);
          try {
            const recorded = await recordResponse(
              db,
              place.organisation.orgId,
              publicSurveyActor(request.id),
              {
                surveyCode: place.published.survey.code,
                unitId: place.unit.unitId,
                variant: place.variant,
                language: place.language,
                mode: modeOf(kiosk),
                responseDate: answeredOn(body.answeredOn, place.today),
                submissionId,
                answers,
              },
              { safeguardingAlerts },
            );
            // Stored before this answer is sent (recordResponse commits first).
            if (wantsJson(request)) return reply.status(recorded.duplicate ? 200 : 201).send(recorded);
            const thanks = surveyHref(place.address, kiosk ? '/kiosk/thank-you' : '/thank-you');
            return reply.redirect(
              `${thanks}?${new URLSearchParams({ variant: place.variant, lang: place.language })}`,
              303,
            );
          } catch (error) {
            if (!(error instanceof AnswersInvalid)) throw error;
            if (wantsJson(request)) return reply.status(422).send({ problems: error.problems });
            const model = surveyPage({
              ...pageInput(place, kiosk),
              submissionId,
              answers,
              errors: error.problems,
            });
            return reply.render(view('survey'), model, 422);
          }
        },
      );

      app.get<SurveyRequest>(`${path}/thank-you`, { config: open }, async (request, reply) => {
        const place = await surveyAt(request);
        return reply.render(
          view('thank-you'),
          thankYouPage({
            address: place.address,
            unitName: place.unit.name,
            surveyName: place.published.survey.name,
            variant: place.variant,
            language: place.language,
            kiosk,
          }),
        );
      });
    };
  }

  return async (app: FastifyInstance) => {
    app.get('/surveys/assets/kiosk.js', { config: open }, async (_request, reply: FastifyReply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(kioskScript),
    );
    app.get('/surveys/assets/surveys.css', { config: open }, async (_request, reply: FastifyReply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=3600').send(stylesheet),
    );
    await app.register(surveyPages(false));
    await app.register(surveyPages(true));
  };
}

/** The form's answers: every field but the form's own. */
function answersOf(body: Record<string, unknown>): SubmittedAnswers {
  const answers: SubmittedAnswers = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf' || name === 'submissionId' || name === 'answeredOn') continue;
    if (typeof value === 'string') answers[name] = value;
    else if (Array.isArray(value))
      answers[name] = value.filter((item): item is string => typeof item === 'string');
  }
  return answers;
}
