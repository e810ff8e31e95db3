import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { DomainDependencies } from '#src/app.ts';
import { NotFound } from '#src/web/errors.ts';
import { principalOf } from '#src/web/principal.ts';
import { auditTrailPage, findAuditEvent, verifyAuditChain } from './service.ts';
import { auditEventModel, auditSearchModel, verifyResultModel } from './views/audit-model.ts';
import { auditPageSize, readAuditSearchForm } from './views/search-form.ts';

const auditor = { access: { permission: 'audit:view' } } as const;

const eventParams = z.object({ sequence: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

/** The auditor's pages: search the trail, read one event, check the chain. Reading is not itself audited. */
export function auditRoutes({ db }: DomainDependencies) {
  return async (app: FastifyInstance) => {
    app.get('/audit', { config: auditor }, async (request, reply) => {
      const { orgId } = principalOf(request);
      const form = readAuditSearchForm(request.query);
      const hasErrors = Object.keys(form.errors).length > 0;
      const results = hasErrors
        ? null
        : await auditTrailPage(db, orgId, {
            ...form.filters,
            limit: auditPageSize,
            offset: (form.values.page - 1) * auditPageSize,
          });
      return reply.render('audit/views/search.njk', auditSearchModel(form, results));
    });

    app.get('/audit/:sequence', { config: auditor }, async (request, reply) => {
      const { orgId } = principalOf(request);
      const params = eventParams.safeParse(request.params);
      if (!params.success) throw new NotFound();
      const event = await findAuditEvent(db, orgId, params.data.sequence);
      return reply.render('audit/views/event.njk', auditEventModel(event));
    });

    // A POST because checking a long trail is work the server should not do for a link or a prefetch;
    // it changes nothing, so it shows its result rather than redirecting.
    app.post('/audit/verify', { config: auditor }, async (request, reply) => {
      const result = await verifyAuditChain(db, principalOf(request).orgId);
      return reply.render('audit/views/verify.njk', verifyResultModel(result));
    });
  };
}
