import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { surveyApiRoutes } from './api-routes.ts';
import { invitationRoutes } from './invitation-routes.ts';
import { publicSurveyRoutes } from './public-routes.ts';
import { staffSurveyRoutes } from './staff-routes.ts';
import { surveyUploadRoutes } from './upload-routes.ts';

/**
 * The public survey pages (a link, QR code and kiosk per unit), the staff results and admin pages,
 * and the pages that take a file (responses, contacts to invite, eligible counts).
 */
export function surveyRoutes(deps: DomainDependencies) {
  return async (app: FastifyInstance) => {
    await app.register(publicSurveyRoutes(deps));
    await app.register(invitationRoutes(deps));
    await app.register(staffSurveyRoutes(deps));
    await app.register(surveyUploadRoutes(deps));
    await app.register(surveyApiRoutes(deps));
  };
}
