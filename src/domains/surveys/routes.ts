import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { surveyApiRoutes } from './api-routes.ts';
import { invitationRoutes } from './invitation-routes.ts';
import { publicSurveyRoutes } from './public-routes.ts';
import { staffSurveyRoutes } from './staff-routes.ts';

/** The public survey pages (a link, QR code and kiosk per unit) and the staff results and admin pages. */
export function surveyRoutes(deps: DomainDependencies) {
  return async (app: FastifyInstance) => {
    await app.register(publicSurveyRoutes(deps));
    await app.register(invitationRoutes(deps));
    await app.register(staffSurveyRoutes(deps));
    await app.register(surveyApiRoutes(deps));
  };
}
