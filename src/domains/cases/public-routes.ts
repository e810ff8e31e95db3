import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { isoDateInLondon } from '#src/domains/calendar/index.ts';
import { findOrganisationByOdsCode, isActiveOn, listUnits } from '#src/domains/organisations/index.ts';
import { publicAccess } from '#src/web/access.ts';
import { Invalid, NotFound } from '#src/web/errors.ts';
import { formBody } from '#src/web/forms.ts';
import {
  answersFromForm,
  eventDateOf,
  type FeedbackAnswers,
  firstIncompleteStep,
  type JourneyContext,
  pageAfter,
  publicKinds,
  type QuestionStep,
  stepProblems,
  unitsMatching,
} from './public-journey.ts';
import { recordPublicFeedback } from './public-submit.ts';
import {
  aboutYouPage,
  checkPage,
  confirmationPage,
  easyReadPage,
  journeyHref,
  kindPage,
  patientPage,
  putRightPage,
  servicePage,
  startPage,
  tooManyPage,
  whatHappenedPage,
  whoPage,
} from './views/public/models.ts';

const view = (name: string) => `cases/views/public/${name}.njk`;
const open = { access: publicAccess } as const;
/** Per address (config.ts, FEEDBACK_SUBMIT_RATE_LIMIT_PER_10_MINUTES). */
const submitRateLimit = (max: number) => ({ max, timeWindow: '10 minutes' });

type JourneyRequest = {
  Params: { odsCode: string };
  Querystring: { returnTo?: string; search?: string };
};

const simpleQuestions = {
  kind: kindPage,
  'what-happened': whatHappenedPage,
  'put-right': putRightPage,
  'about-you': aboutYouPage,
  who: whoPage,
  patient: patientPage,
} satisfies Record<Exclude<QuestionStep, 'service'>, unknown>;

/** The public feedback journey: no sign-in, works on a phone and without JavaScript. */
export function publicFeedbackRoutes({ db, config }: DomainDependencies) {
  /** The organisation named in the address, its units open today and the person's answers so far. */
  async function journey(request: FastifyRequest<JourneyRequest>) {
    const organisation = await findOrganisationByOdsCode(db, request.params.odsCode);
    if (!organisation) throw new NotFound('There is no NHS organisation with that code in Heard.');
    const today = isoDateInLondon(new Date());
    const units = (await listUnits(db, organisation.orgId)).filter((unit) => isActiveOn(unit, today));
    const context: JourneyContext = { today, activeUnitIds: new Set(units.map((unit) => unit.unitId)) };
    const kept = request.session.feedback;
    const answers: FeedbackAnswers = kept?.odsCode === organisation.odsCode ? kept.answers : {};
    const save = (changed: FeedbackAnswers) => {
      request.session.feedback = { odsCode: organisation.odsCode, answers: changed };
    };
    const base = {
      odsCode: organisation.odsCode,
      organisationName: organisation.name,
      returning: request.query.returnTo === 'check',
    };
    return { organisation, units, context, answers, save, base };
  }

  return async (app: FastifyInstance) => {
    // Only the submit route is rate limited; its 429 gets a page that says the answers are kept.
    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      if (error.statusCode !== 429) throw error;
      const kept = request.session?.feedback?.odsCode ?? null;
      return reply.render(view('too-many'), tooManyPage({ odsCode: kept }), 429);
    });

    app.get<JourneyRequest>('/feedback/:odsCode', { config: open }, async (request, reply) => {
      const { base } = await journey(request);
      return reply.render(view('start'), startPage(base));
    });

    app.get<JourneyRequest>('/feedback/:odsCode/easy-read', { config: open }, async (request, reply) => {
      const { base } = await journey(request);
      return reply.render(view('easy-read'), easyReadPage(base));
    });

    for (const [step, model] of Object.entries(simpleQuestions) as [
      keyof typeof simpleQuestions,
      typeof kindPage,
    ][]) {
      app.get<JourneyRequest>(`/feedback/:odsCode/${step}`, { config: open }, async (request, reply) => {
        const { answers, base } = await journey(request);
        return reply.render(view(step), model({ ...base, answers }));
      });

      app.post<JourneyRequest>(`/feedback/:odsCode/${step}`, { config: open }, async (request, reply) => {
        const { answers, context, save, base } = await journey(request);
        const changed = { ...answers, ...answersFromForm(step, formBody(request.body)) };
        save(changed);
        const errors = stepProblems(step, changed, context);
        if (Object.keys(errors).length > 0) {
          return reply.render(view(step), model({ ...base, answers: changed, errors }), 422);
        }
        return redirectAfter(reply, base, pageAfter(step, changed, context, base.returning));
      });
    }

    app.get<JourneyRequest>('/feedback/:odsCode/service', { config: open }, async (request, reply) => {
      const { answers, units, base } = await journey(request);
      const search = (request.query.search ?? '').slice(0, 100);
      const chosen = units.find((unit) => unit.unitId === answers.unitId) ?? null;
      const results = unitsMatching(units, search);
      return reply.render(view('service'), servicePage({ ...base, answers, search, results, chosen }));
    });

    app.post<JourneyRequest>('/feedback/:odsCode/service', { config: open }, async (request, reply) => {
      const { answers, units, context, save, base } = await journey(request);
      const body = formBody(request.body);
      const changed = { ...answers, ...answersFromForm('service', body) };
      const errors = stepProblems('service', changed, context);
      if (Object.keys(errors).length > 0) {
        const search = typeof body.search === 'string' ? body.search.slice(0, 100) : '';
        const chosen = units.find((unit) => unit.unitId === answers.unitId) ?? null;
        const results = unitsMatching(units, search);
        return reply.render(
          view('service'),
          servicePage({ ...base, answers, errors, search, results, chosen }),
          422,
        );
      }
      save(changed);
      return redirectAfter(reply, base, pageAfter('service', changed, context, base.returning));
    });

    app.get<JourneyRequest>('/feedback/:odsCode/check', { config: open }, async (request, reply) => {
      const state = await journey(request);
      const incomplete = firstIncompleteStep(state.answers, state.context);
      if (incomplete) return reply.redirect(journeyHref(state.base.odsCode, incomplete), 303);
      return reply.render(view('check'), checkModel(state));
    });

    app.post<JourneyRequest>(
      '/feedback/:odsCode/check',
      { config: { ...open, rateLimit: submitRateLimit(config.FEEDBACK_SUBMIT_RATE_LIMIT_PER_10_MINUTES) } },
      async (request, reply) => {
        const state = await journey(request);
        const { answers, context, base, organisation } = state;
        const incomplete = firstIncompleteStep(answers, context);
        if (incomplete) return reply.redirect(journeyHref(base.odsCode, incomplete), 303);
        const honeypot = formBody(request.body).website;
        try {
          const { record, lateComplaint } = await recordPublicFeedback(db, config, {
            orgId: organisation.orgId,
            organisationName: organisation.name,
            unitName: unitNameOf(state),
            answers,
            today: context.today,
            suspectedSpam: typeof honeypot === 'string' && honeypot.trim() !== '',
            requestId: request.id,
          });
          request.session.feedback = {
            odsCode: base.odsCode,
            answers: {},
            submitted: {
              reference: record.reference,
              kind: publicKinds.find((kind) => kind === record.kind) ?? 'concern',
              lateComplaint,
            },
          };
        } catch (error) {
          // The service refused something the pages had accepted (a service closed meanwhile):
          // say so, keep the answers and let the person change them.
          if (!(error instanceof Invalid)) throw error;
          return reply.render(view('check'), checkModel(state, error.message), 422);
        }
        return reply.redirect(journeyHref(base.odsCode, 'confirmation'), 303);
      },
    );

    app.get<JourneyRequest>('/feedback/:odsCode/confirmation', { config: open }, async (request, reply) => {
      const { base } = await journey(request);
      const submitted = request.session.feedback?.submitted;
      if (!submitted || request.session.feedback?.odsCode !== base.odsCode) {
        return reply.redirect(journeyHref(base.odsCode, 'start'), 303);
      }
      return reply.render(
        view('confirmation'),
        confirmationPage({ organisationName: base.organisationName, ...submitted }),
      );
    });
  };
}

function redirectAfter(
  reply: { redirect(url: string, code: number): unknown },
  base: { odsCode: string },
  page: QuestionStep | 'check',
) {
  return reply.redirect(journeyHref(base.odsCode, page), 303);
}

interface JourneyState {
  units: { unitId: string; name: string }[];
  answers: FeedbackAnswers;
  context: JourneyContext;
  base: { odsCode: string; organisationName: string };
}

const unitNameOf = ({ units, answers }: JourneyState) =>
  units.find((unit) => unit.unitId === answers.unitId)?.name ?? '';

function checkModel(state: JourneyState, problem?: string) {
  const date = eventDateOf(state.answers.eventDate, state.context.today);
  return checkPage({
    ...state.base,
    answers: state.answers,
    unitName: unitNameOf(state),
    eventDate: 'date' in date ? date.date : null,
    problem,
  });
}
