import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { defineApiOperation } from '#src/web/api.ts';
import { principalOf } from '#src/web/principal.ts';
import { quarterlyReportSchema } from './report-schema.ts';
import type { ReportsService } from './service.ts';

// The quarterly report as data for other systems (docs/report-json.md), for API keys and people
// holding reports:view. Aggregates only: no personal data.

export function reportApi(app: FastifyInstance, reports: ReportsService) {
  defineApiOperation(app, {
    method: 'GET',
    path: '/reports/quarterly',
    operationId: 'getQuarterlyReport',
    summary: 'The quarterly service experience report as data, in the stable contract of docs/report-json.md',
    tag: 'Reports',
    permission: 'reports:view',
    query: z.object({
      quarter: z.string().regex(/^\d{4}\/\d{2}-Q[1-4]$/, 'must be a quarter such as 2017/18-Q2'),
    }),
    response: quarterlyReportSchema,
    handler: async ({ query }, request) => reports.quarterlyReport(principalOf(request).orgId, query.quarter),
  });
}
