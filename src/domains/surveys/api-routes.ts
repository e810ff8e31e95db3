import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DomainDependencies } from '#src/app.ts';
import { isoDateInLondon } from '#src/domains/calendar/index.ts';
import { safeguardingAlertsOf } from '#src/domains/comments/index.ts';
import { listUnits } from '#src/domains/organisations/index.ts';
import { defineApiOperation } from '#src/web/api.ts';
import { actorOf, principalOf } from '#src/web/principal.ts';
import { responseModes, surveyVariants } from './definition.ts';
import { inviteContacts } from './invitations.ts';
import { invitationChannels } from './schema.ts';
import { recordResponsesInBulk } from './service.ts';
import { invitationSettingsFor } from './upload-routes.ts';

// Survey vendors send responses in batches through /api/v1 with a key holding surveys:submit.
// Each response carries the vendor's own id as its submission id, so a batch sent again (a retry
// after a timeout) stores nothing twice.

const responseSchema = z.object({
  submissionId: z
    .string()
    .min(1)
    .max(100)
    .describe('The vendor’s id for the response: a response sent again is stored once'),
  unitCode: z
    .string()
    .min(1)
    .describe('The code of the unit (ward, team) it is about, as in GET /api/v1/units'),
  responseDate: z.iso.date().describe('The day it was answered'),
  mode: z.enum(responseModes).describe('NHS England’s FFT mode of collection'),
  variant: z.enum(surveyVariants).optional(),
  language: z.string().max(3).optional(),
  version: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('The survey version answered; the current one when left out'),
  answers: z
    .record(z.string(), z.union([z.string(), z.array(z.string())]))
    .describe('Answers by question code: an option code, several for multiple choice, or free text'),
});

const batchSchema = z.object({ responses: z.array(responseSchema).min(1).max(10_000) });

const resultSchema = z.object({
  stored: z.number().int(),
  alreadyStored: z.number().int(),
  refused: z.array(
    z.object({
      index: z.number().int(),
      submissionId: z.string(),
      problems: z.record(z.string(), z.string()),
    }),
  ),
});

export function surveyApiRoutes({ db, config }: DomainDependencies) {
  return async (app: FastifyInstance) => {
    defineApiOperation(app, {
      method: 'POST',
      path: '/surveys/:surveyCode/responses',
      operationId: 'sendSurveyResponses',
      summary: 'Send a batch of up to 10,000 survey responses; each is stored once by its submission id',
      tag: 'Surveys',
      permission: 'surveys:submit',
      params: z.object({ surveyCode: z.string().min(1) }),
      body: batchSchema,
      response: resultSchema,
      handler: async ({ params, body }, request) => {
        const principal = principalOf(request);
        const units = new Map(
          (await listUnits(db, principal.orgId)).map((unit) => [unit.code.toUpperCase(), unit.unitId]),
        );
        const today = isoDateInLondon(new Date());
        // What only this route can check: the unit codes and dates; the service checks the rest.
        const unknown: { index: number; submissionId: string; problems: Record<string, string> }[] = [];
        for (const [index, response] of body.responses.entries()) {
          const problems: Record<string, string> = {};
          if (!units.has(response.unitCode.toUpperCase()))
            problems.unitCode = `${response.unitCode} is not the code of a unit`;
          else if (response.responseDate > today) problems.responseDate = 'The date is in the future';
          if (Object.keys(problems).length > 0)
            unknown.push({ index, submissionId: response.submissionId, problems });
        }
        const refusedIndexes = new Set(unknown.map((entry) => entry.index));
        const accepted = body.responses
          .map((response, index) => ({ response, index }))
          .filter(({ index }) => !refusedIndexes.has(index));
        const result = await recordResponsesInBulk(
          db,
          principal.orgId,
          actorOf(principal, request.id),
          params.surveyCode,
          accepted.map(({ response }) => ({
            unitId: units.get(response.unitCode.toUpperCase()) ?? '',
            variant: response.variant ?? 'standard',
            language: response.language ?? 'en',
            mode: response.mode,
            responseDate: response.responseDate,
            submissionId: response.submissionId,
            version: response.version,
            answers: response.answers,
          })),
          { coding: { safeguardingAlerts: safeguardingAlertsOf(config) } },
        );
        const refused = [
          ...unknown,
          ...result.refused.map((entry) => ({
            ...entry,
            index: accepted[entry.index]?.index ?? entry.index,
          })),
        ].sort((a, b) => a.index - b.index);
        return { stored: result.stored, alreadyStored: result.alreadyStored, refused };
      },
    });

    defineApiOperation(app, {
      method: 'POST',
      path: '/surveys/:surveyCode/invitations',
      operationId: 'inviteToSurvey',
      summary:
        'Invite recent contacts to answer a survey by text message or email: once a month each, never anyone who opted out',
      tag: 'Surveys',
      permission: 'surveys:submit',
      params: z.object({ surveyCode: z.string().min(1) }),
      body: z.object({
        contacts: z
          .array(
            z.object({
              channel: z.enum(invitationChannels),
              contact: z.string().min(1).max(320).describe('A UK mobile number or an email address'),
              unitCode: z.string().min(1),
              contactDate: z.iso.date().describe('The day of the contact with the service'),
            }),
          )
          .min(1)
          .max(5000),
      }),
      response: z.object({
        invited: z.number().int(),
        alreadyInvited: z.number().int(),
        optedOut: z.number().int(),
        refused: z.array(z.object({ index: z.number().int(), problem: z.string() })),
      }),
      handler: async ({ params, body }, request) => {
        const principal = principalOf(request);
        return inviteContacts(
          db,
          principal.orgId,
          actorOf(principal, request.id),
          await invitationSettingsFor(db, config, principal, request),
          params.surveyCode,
          body.contacts,
        );
      },
    });
  };
}
