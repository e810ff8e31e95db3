import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DomainDependencies } from '#src/app.ts';
import { apiKeyPermissions } from '#src/domains/identity/index.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { checkedValues, fieldErrorsOf, formBody } from '#src/web/forms.ts';
import { actorOf, principalOf } from '#src/web/principal.ts';
import { apiRoutes } from './api-routes.ts';
import { createApiKey, findApiKey, listApiKeys, revokeApiKey } from './service.ts';
import {
  apiKeyCreatedModel,
  apiKeyListModel,
  newApiKeyFormModel,
  revokeApiKeyModel,
} from './views/api-keys-model.ts';

const administrator = { access: { permission: 'api-keys:manage' } } as const;

export const newApiKeyForm = z.object({
  name: z
    .string({ message: 'Enter a name for the API key' })
    .trim()
    .min(1, 'Enter a name for the API key')
    .max(100, 'Name must be 100 characters or fewer'),
  permissions: z.preprocess(
    checkedValues,
    z
      .array(z.enum(apiKeyPermissions, { message: 'Select what the API key may do' }))
      .min(1, 'Select what the API key may do'),
  ),
});

/** The administrator's pages for API keys, and the JSON API's own routes. */
export function integrationRoutes(deps: DomainDependencies) {
  const { db } = deps;
  return async (app: FastifyInstance) => {
    await app.register(apiRoutes(deps));

    app.get('/admin/api-keys', { config: administrator }, async (request, reply) => {
      const keys = await listApiKeys(db, principalOf(request).orgId);
      return reply.render('integrations/views/api-keys.njk', apiKeyListModel(keys));
    });

    app.get('/admin/api-keys/new', { config: administrator }, async (_request, reply) =>
      reply.render(
        'integrations/views/new-api-key.njk',
        newApiKeyFormModel(apiKeyPermissions, { name: '', permissions: [] }),
      ),
    );

    // On success this shows the key rather than redirecting (303) as other forms do: the key must
    // be shown exactly once and never stored, not even in the session for the page after a redirect.
    app.post('/admin/api-keys/new', { config: administrator }, async (request, reply) => {
      const principal = principalOf(request);
      const body = formBody(request.body);
      const parsed = newApiKeyForm.safeParse(body);
      if (!parsed.success) {
        const values = {
          name: typeof body.name === 'string' ? body.name : '',
          permissions: checkedValues(body.permissions).map(String),
        };
        return reply.render(
          'integrations/views/new-api-key.njk',
          newApiKeyFormModel(apiKeyPermissions, values, fieldErrorsOf(parsed.error)),
          422,
        );
      }
      const created = await createApiKey(db, principal.orgId, actorOf(principal, request.id), parsed.data);
      reply.header('cache-control', 'no-store');
      return reply.render(
        'integrations/views/api-key-created.njk',
        apiKeyCreatedModel(created.apiKey, created.key),
        201,
      );
    });

    app.get<{ Params: { apiKeyId: string } }>(
      '/admin/api-keys/:apiKeyId/revoke',
      { config: administrator },
      async (request, reply) => {
        const apiKey = await findApiKey(db, principalOf(request).orgId, request.params.apiKeyId);
        if (apiKey.revokedAt) return reply.redirect('/admin/api-keys', 303);
        return reply.render('integrations/views/revoke-api-key.njk', revokeApiKeyModel(apiKey));
      },
    );

    app.post<{ Params: { apiKeyId: string } }>(
      '/admin/api-keys/:apiKeyId/revoke',
      { config: administrator },
      async (request, reply) => {
        const principal = principalOf(request);
        const actor = actorOf(principal, request.id);
        const revoked = await revokeApiKey(db, principal.orgId, actor, request.params.apiKeyId);
        setSuccessMessage(request, `The API key ${revoked.name} has been revoked`);
        return reply.redirect('/admin/api-keys', 303);
      },
    );
  };
}
