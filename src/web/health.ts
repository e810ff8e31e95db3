import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Database } from '#src/db/engine.ts';
import { publicAccess } from './access.ts';

/** Liveness and readiness for load balancers and monitoring; they come before sessions and say nothing private. */
export function healthRoutes(db: Database, version: string) {
  return async (app: FastifyInstance) => {
    app.get('/health', { config: { access: publicAccess } }, async () => ({ status: 'UP', version }));
    app.get('/ready', { config: { access: publicAccess } }, async (_request, reply) => {
      try {
        await db.execute(sql`select 1`);
        return { status: 'UP', database: 'reachable' };
      } catch {
        return reply.status(503).send({ status: 'DOWN', database: 'unreachable' });
      }
    });
  };
}
