import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';

/** The public feedback journey: no sign-in, works on a phone and without JavaScript. */
export function publicFeedbackRoutes(_deps: DomainDependencies) {
  return async (_app: FastifyInstance) => {};
}
