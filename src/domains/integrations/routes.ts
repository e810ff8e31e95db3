import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';

export function integrationRoutes(_deps: DomainDependencies) {
  return async (_app: FastifyInstance) => {};
}
