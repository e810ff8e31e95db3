import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { caseApiRoutes } from './api-routes.ts';
import { documentRoutes } from './document-routes.ts';
import { caseImportRoutes } from './import/routes.ts';
import { publicFeedbackRoutes } from './public-routes.ts';
import { retentionRoutes } from './retention-routes.ts';
import { staffCaseRoutes } from './staff-routes.ts';
import { taskAndComplimentRoutes } from './task-and-compliment-routes.ts';

/** The public "Tell us about your experience" journey and the staff pages that run each case. */
export function caseRoutes(deps: DomainDependencies) {
  return async (app: FastifyInstance) => {
    await app.register(publicFeedbackRoutes(deps));
    await app.register(staffCaseRoutes(deps));
    await app.register(taskAndComplimentRoutes(deps));
    await app.register(documentRoutes(deps));
    await app.register(caseImportRoutes(deps));
    await app.register(retentionRoutes(deps));
    await app.register(caseApiRoutes(deps));
  };
}
