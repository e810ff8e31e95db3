import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DomainDependencies } from '#src/app.ts';
import { publicAccess } from '#src/web/access.ts';
import { apiOperations, apiPrefix, defineApiOperation } from '#src/web/api.ts';
import { principalOf } from '#src/web/principal.ts';
import { openApiDocument } from './openapi.ts';
import { organisationSummary } from './service.ts';
import { apiDocsModel } from './views/api-docs-model.ts';

const organisationResponse = z.object({
  name: z.string().describe('The organisation’s name, for example Leeds Community Healthcare NHS Trust'),
  odsCode: z.string().describe('Its Organisation Data Service (ODS) code, for example RY6'),
});

/** The JSON API's own description, and the one operation this domain offers. */
export function apiRoutes({ db }: DomainDependencies) {
  return async (app: FastifyInstance) => {
    // Built on each request from what is registered, so every domain's operations appear.
    app.get(`${apiPrefix}/openapi.json`, { config: { access: publicAccess } }, async (_request, reply) =>
      reply.type('application/json').send(openApiDocument(apiOperations())),
    );

    app.get(`${apiPrefix}/docs`, { config: { access: publicAccess } }, async (_request, reply) =>
      reply.render('integrations/views/api-docs.njk', apiDocsModel(openApiDocument(apiOperations()))),
    );

    defineApiOperation(app, {
      method: 'GET',
      path: '/organisation',
      operationId: 'getOrganisation',
      summary: 'The organisation the API key belongs to',
      tag: 'Organisation',
      permission: 'units:view',
      response: organisationResponse,
      handler: async (_input, request) => organisationSummary(db, principalOf(request).orgId),
    });
  };
}
