import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { isoDateInLondon } from '#src/domains/calendar/index.ts';
import { safeguardingAlertsOf } from '#src/domains/comments/index.ts';
import { findOrganisationByOdsCode, getUnit } from '#src/domains/organisations/index.ts';
import { publicAccess } from '#src/web/access.ts';
import { NotFound } from '#src/web/errors.ts';
import { formBody } from '#src/web/forms.ts';
import { systemActor } from '#src/web/principal.ts';
import type { SubmittedAnswers } from './answers.ts';
import type { SurveyVariant } from './definition.ts';
import { answerInvitation, invitationByToken, optOutByToken } from './invitations.ts';
import { AnswersInvalid, newSubmissionId, publishedSurvey } from './service.ts';
import { surveyPage } from './views/public-models.ts';

// The link an invitation carries: the unit's survey, answered once, and a way to stop invitations.

const open = { access: publicAccess } as const;
type InvitationRequest = { Params: { odsCode: string; token: string } };
const invitationActor = (requestId: string) => ({ ...systemActor('Survey invitation link'), requestId });

export function invitationRoutes({ db, config }: DomainDependencies) {
  async function invitationAt(request: FastifyRequest<InvitationRequest>) {
    const organisation = await findOrganisationByOdsCode(db, request.params.odsCode);
    const invitation = organisation
      ? await invitationByToken(db, organisation.orgId, request.params.token)
      : null;
    if (!organisation || !invitation)
      throw new NotFound('This link is not one Heard sent, or it has been mistyped.');
    const published = await publishedSurvey(db, organisation.orgId, invitation.surveyCode);
    const unit = await getUnit(db, organisation.orgId, invitation.unitId);
    const href = `/surveys/${organisation.odsCode}/invitation/${request.params.token}`;
    return { organisation, invitation, published, unit, href };
  }
  type Place = Awaited<ReturnType<typeof invitationAt>>;

  const formOf = (place: Place, answers?: SubmittedAnswers, errors?: Record<string, string>) =>
    surveyPage({
      address: {
        odsCode: place.organisation.odsCode,
        surveyCode: place.published.survey.code,
        unitCode: place.unit.code,
      },
      surveyName: place.published.survey.name,
      unitName: place.unit.name,
      organisationName: place.organisation.name,
      definition: place.published.definition,
      variants: place.published.survey.variants,
      variant: (place.published.survey.variants[0] ?? 'standard') as SurveyVariant,
      language: 'en',
      kiosk: false,
      submissionId: newSubmissionId(),
      action: place.href,
      answers,
      errors,
    });

  const alreadyAnswered = {
    pageTitle: 'You have already answered',
    heading: 'You have already answered',
    paragraphs: ['Thank you: your answers reached us. Each invitation can be answered once.'],
  };

  return async (app: FastifyInstance) => {
    app.get<InvitationRequest>(
      '/surveys/:odsCode/invitation/:token',
      { config: open },
      async (request, reply) => {
        const place = await invitationAt(request);
        if (place.invitation.answered)
          return reply.render('surveys/views/public/message.njk', alreadyAnswered);
        return reply.render('surveys/views/public/survey.njk', formOf(place));
      },
    );

    app.post<InvitationRequest>(
      '/surveys/:odsCode/invitation/:token',
      { config: open },
      async (request, reply) => {
        const place = await invitationAt(request);
        if (place.invitation.answered)
          return reply.render('surveys/views/public/message.njk', alreadyAnswered, 409);
        const body = formBody(request.body);
        const answers: SubmittedAnswers = {};
        for (const [name, value] of Object.entries(body)) {
          if (name === '_csrf' || name === 'submissionId') continue;
          if (typeof value === 'string' || Array.isArray(value)) answers[name] = value as string | string[];
        }
        try {
          await answerInvitation(
            db,
            place.organisation.orgId,
            invitationActor(request.id),
            place.invitation,
            {
              variant: (place.published.survey.variants[0] ?? 'standard') as SurveyVariant,
              language: 'en',
              answers,
              today: isoDateInLondon(new Date()),
            },
            { safeguardingAlerts: safeguardingAlertsOf(config) },
          );
        } catch (error) {
          if (!(error instanceof AnswersInvalid)) throw error;
          return reply.render('surveys/views/public/survey.njk', formOf(place, answers, error.problems), 422);
        }
        return reply.redirect(`${place.href}`, 303);
      },
    );

    app.get<InvitationRequest>(
      '/surveys/:odsCode/invitation/:token/opt-out',
      { config: open },
      async (request, reply) => {
        const place = await invitationAt(request);
        return reply.render('surveys/views/public/message.njk', {
          pageTitle: 'Stop survey invitations',
          heading: 'Stop survey invitations',
          paragraphs: [`${place.organisation.name} will not invite you to answer a survey again.`],
          formAction: `${place.href}/opt-out`,
          buttonText: 'Stop invitations',
        });
      },
    );

    app.post<InvitationRequest>(
      '/surveys/:odsCode/invitation/:token/opt-out',
      { config: open },
      async (request, reply) => {
        const place = await invitationAt(request);
        await optOutByToken(db, place.organisation.orgId, invitationActor(request.id), request.params.token);
        return reply.render('surveys/views/public/message.njk', {
          pageTitle: 'Invitations stopped',
          heading: 'Invitations stopped',
          paragraphs: [`${place.organisation.name} will not invite you to answer a survey again.`],
        });
      },
    );
  };
}
