import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { roleNames } from '#src/domains/identity/index.ts';
import { publicAccess } from '#src/web/access.ts';
import { homeDashboard } from './views/home-model.ts';

export function homeRoutes(_deps: DomainDependencies) {
  return async (app: FastifyInstance) => {
    app.get('/', { config: { access: { permission: 'home:view' } } }, async (request, reply) => {
      const principal = request.principal;
      if (!principal) return reply.redirect('/sign-in', 303);
      return reply.render('home/views/home.njk', homeDashboard(principal, roleNames));
    });
    app.get('/accessibility', { config: { access: publicAccess } }, async (_request, reply) =>
      reply.render('home/views/accessibility.njk'),
    );
  };
}
