import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { DomainDependencies } from '#src/app.ts';
import { publicAccess } from '#src/web/access.ts';
import { fieldErrorsOf, formBody, formErrors } from '#src/web/forms.ts';
import { accountRoutes } from './account-routes.ts';
import { identityProviderFrom } from './oidc.ts';
import { identityProviderRoutes } from './oidc-routes.ts';
import { signInRateLimit } from './rate-limits.ts';
import { signInWithPassword } from './sign-in.ts';
import { startSignedInSession } from './signed-in-session.ts';
import { userAdministrationRoutes } from './users-routes.ts';

const signInForm = z.object({
  email: z
    .string({ message: 'Enter your email address' })
    .trim()
    .min(1, 'Enter your email address')
    .email('Enter an email address in the correct format, like name@example.nhs.uk'),
  password: z.string({ message: 'Enter your password' }).min(1, 'Enter your password'),
});
const signInFields = ['email', 'password'];

/** Wrong email and wrong password read the same, so the page never tells which emails have accounts. */
export const wrongEmailOrPassword = 'Enter a correct email address and password';
export const accountLocked =
  'This account is locked because the wrong password was entered too many times. Try again later, or ask your Heard administrator to unlock it.';

export function identityRoutes(deps: DomainDependencies) {
  const { db, config } = deps;
  const identityProvider = identityProviderFrom(config);
  const lockoutPolicy = {
    maxFailures: config.SIGN_IN_MAX_FAILURES,
    lockoutMinutes: config.SIGN_IN_LOCKOUT_MINUTES,
  };
  const signInPage = (reply: FastifyReply, model: Record<string, unknown>, status = 200) =>
    reply.render(
      'identity/views/sign-in.njk',
      { values: {}, identityProviderName: identityProvider?.name, ...model },
      status,
    );

  return async (app: FastifyInstance) => {
    app.get('/sign-in', { config: { access: publicAccess } }, async (request, reply) => {
      if (request.principal) return reply.redirect('/', 303);
      return signInPage(reply, {});
    });

    app.post(
      '/sign-in',
      { config: { access: publicAccess, rateLimit: signInRateLimit(deps.config) } },
      async (request, reply) => {
        const body = formBody(request.body);
        const values = { email: typeof body.email === 'string' ? body.email : '' };
        const parsed = signInForm.safeParse(body);
        if (!parsed.success) {
          return signInPage(reply, { ...formErrors(fieldErrorsOf(parsed.error), signInFields), values }, 422);
        }
        const result = await signInWithPassword(
          db,
          { ...parsed.data, ipAddress: request.ip, requestId: request.id },
          lockoutPolicy,
        );
        if (!result.ok) {
          const message = result.reason === 'locked' ? accountLocked : wrongEmailOrPassword;
          return signInPage(reply, { ...formErrors({ email: message }, signInFields), values }, 401);
        }
        return startSignedInSession(request, reply, result);
      },
    );

    app.post('/sign-out', { config: { access: publicAccess } }, async (request, reply) => {
      await request.session.destroy();
      return reply.redirect('/sign-in', 303);
    });

    await app.register(identityProviderRoutes(deps, identityProvider));
    await app.register(userAdministrationRoutes(deps));
    await app.register(accountRoutes(deps));
  };
}
