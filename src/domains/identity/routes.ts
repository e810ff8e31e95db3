import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DomainDependencies } from '#src/app.ts';
import { publicAccess } from '#src/web/access.ts';
import { signInWithPassword } from './sign-in.ts';

const signInForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .email('Enter an email address in the correct format, like name@example.nhs.uk'),
  password: z.string().min(1, 'Enter your password'),
});

export function identityRoutes({ db }: DomainDependencies) {
  return async (app: FastifyInstance) => {
    app.get('/sign-in', { config: { access: publicAccess } }, async (request, reply) => {
      if (request.principal) return reply.redirect('/', 303);
      return reply.render('identity/views/sign-in.njk', { values: {} });
    });

    app.post('/sign-in', { config: { access: publicAccess } }, async (request, reply) => {
      const parsed = signInForm.safeParse(request.body);
      const values = { email: (request.body as Record<string, unknown> | undefined)?.email ?? '' };
      if (!parsed.success) {
        const errors = Object.fromEntries(
          parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]),
        );
        return reply.render('identity/views/sign-in.njk', { values, errors, hasErrors: true }, 422);
      }
      const result = await signInWithPassword(db, parsed.data.email, parsed.data.password);
      if (!result.ok) {
        const errors = { email: 'Enter a correct email address and password' };
        return reply.render('identity/views/sign-in.njk', { values, errors, hasErrors: true }, 401);
      }
      const returnTo = request.session.returnTo;
      await request.session.regenerate();
      request.session.orgId = result.orgId;
      request.session.userId = result.userId;
      return reply.redirect(returnTo?.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/', 303);
    });

    app.post('/sign-out', { config: { access: publicAccess } }, async (request, reply) => {
      await request.session.destroy();
      return reply.redirect('/sign-in', 303);
    });
  };
}
