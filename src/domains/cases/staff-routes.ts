import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';

/** The complaints and PALS team's pages: log, find and run each case. */
export function staffCaseRoutes(_deps: DomainDependencies) {
  return async (_app: FastifyInstance) => {};
}
