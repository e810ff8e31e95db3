import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { publicAccess } from '#src/web/access.ts';
import { NotFound } from '#src/web/errors.ts';
import { type IdentityProvider, IdentityProviderSignInFailed, oidcRedirectUri } from './oidc.ts';
import { identityProviderOrganisation, signInWithIdentityProvider } from './sign-in.ts';
import { startSignedInSession } from './signed-in-session.ts';

const requestOrigin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** Sign-in through the organisation's identity provider (NHS CIS2 or Entra ID), when one is configured. */
export function identityProviderRoutes(
  { db, config }: DomainDependencies,
  provider: IdentityProvider | null,
) {
  const redirectUriFor = (request: FastifyRequest) =>
    oidcRedirectUri(config.PUBLIC_URL, requestOrigin(request));

  return async (app: FastifyInstance) => {
    app.get('/sign-in/oidc', { config: { access: publicAccess } }, async (request, reply) => {
      if (!provider) throw new NotFound();
      const { url, pending } = await provider.startSignIn(redirectUriFor(request));
      request.session.oidc = pending;
      return reply.redirect(url.href, 303);
    });

    app.get('/sign-in/oidc/callback', { config: { access: publicAccess } }, async (request, reply) => {
      if (!provider) throw new NotFound();
      const pending = request.session.oidc;
      // Used once: a replayed or second response finds nothing to match.
      request.session.oidc = undefined;
      if (!pending) throw new IdentityProviderSignInFailed('no sign-in was started in this session');
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      const claims = await provider
        .finishSignIn(new URL(`${redirectUriFor(request)}${query}`), pending)
        .catch((error: unknown) => {
          if (error instanceof IdentityProviderSignInFailed)
            request.log.warn(
              { err: error.reason, requestId: request.id },
              'identity provider sign-in refused',
            );
          throw error;
        });
      const organisation = await identityProviderOrganisation(db, config.OIDC_ORGANISATION_ODS);
      const result = await signInWithIdentityProvider(db, organisation.orgId, claims, request.id);
      if (!result.ok) {
        return reply.render(
          'identity/views/no-account.njk',
          {
            disabled: result.reason === 'disabled',
            email: result.email,
            providerName: provider.name,
            trustName: organisation.name,
          },
          403,
        );
      }
      return startSignedInSession(request, reply, result);
    });
  };
}
