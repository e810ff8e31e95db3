import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { actorOf } from '#src/web/principal.ts';

/**
 * Records every call an integration makes with its API key in the organisation's audit trail,
 * reads included: a key is a standing credential, so the trust must be able to see all it did.
 * Registered at the root (hence fastify-plugin) so that it sees every route. Written as the
 * response is about to leave (onSend, after any error handler has set the status), so a caller
 * that has its answer knows the call is already in the trail.
 */
export const apiCallAuditPlugin = fp(
  async (app: FastifyInstance, options: { db: Database }) => {
    app.addHook('onSend', async (request, reply, payload) => {
      const principal = request.principal;
      if (principal?.kind !== 'api_key') return payload;
      const entry = {
        action: 'api.call',
        entityType: 'api_key',
        entityId: principal.id,
        after: { method: request.method, path: request.url.split('?')[0], status: reply.statusCode },
      };
      try {
        await withOrg(options.db, principal.orgId, (tx) =>
          recordAudit(tx, principal.orgId, actorOf(principal, request.id), entry),
        );
      } catch (error) {
        // The answer is ready and may already have changed data; make the gap loud in the log.
        request.log.error({ err: error, requestId: request.id, entry }, 'API call could not be audited');
      }
      return payload;
    });
  },
  { name: 'heard-api-call-audit' },
);
