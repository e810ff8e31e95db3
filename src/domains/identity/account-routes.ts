import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DomainDependencies } from '#src/app.ts';
import { Invalid } from '#src/web/errors.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { fieldErrorsOf, formBody, formErrors } from '#src/web/forms.ts';
import { actorOf, principalOf } from '#src/web/principal.ts';
import { sessionIdHashOf } from '#src/web/sessions.ts';
import { signInRateLimit } from './rate-limits.ts';
import { changeOwnPassword } from './service.ts';
import { passwordHint } from './views/users-model.ts';

const changePasswordForm = z.object({
  currentPassword: z.string({ message: 'Enter your current password' }).min(1, 'Enter your current password'),
  password: z.string({ message: 'Enter a new password' }).min(1, 'Enter a new password'),
});
const changePasswordFields = ['currentPassword', 'password'];

/** Pages a signed-in person uses for their own account. */
export function accountRoutes({ db, config }: DomainDependencies) {
  const signedIn = { access: { permission: 'home:view' as const } };
  return async (app: FastifyInstance) => {
    app.get('/account/password', { config: signedIn }, async (_request, reply) =>
      reply.render('identity/views/account-password.njk', { values: {}, passwordHint }),
    );

    // Rate-limited like sign-in: the current password must not be guessable from a stolen session.
    app.post(
      '/account/password',
      { config: { ...signedIn, rateLimit: signInRateLimit(config) } },
      async (request, reply) => {
        const principal = principalOf(request);
        const parsed = changePasswordForm.safeParse(formBody(request.body));
        let errors = parsed.success ? null : fieldErrorsOf(parsed.error);
        if (parsed.success) {
          try {
            await changeOwnPassword(
              db,
              principal.orgId,
              actorOf(principal, request.id),
              principal.id,
              {
                currentPassword: parsed.data.currentPassword,
                newPassword: parsed.data.password,
              },
              sessionIdHashOf(request.session.sessionId),
            );
          } catch (error) {
            if (!(error instanceof Invalid)) throw error;
            errors = error.fieldErrors;
          }
        }
        if (errors) {
          return reply.render(
            'identity/views/account-password.njk',
            { passwordHint, ...formErrors(errors, changePasswordFields), values: {} },
            422,
          );
        }
        setSuccessMessage(request, 'Your password has been changed');
        return reply.redirect('/account/password', 303);
      },
    );
  };
}
