import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';

export function organisationRoutes(_deps: DomainDependencies) {
  return async (_app: FastifyInstance) => {};
}
