import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DomainDependencies } from '#src/app.ts';
import { isoDateInLondon, previousPeriod, quarterContaining } from '#src/domains/calendar/index.ts';
import { Invalid, NotFound } from '#src/web/errors.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { errorSummaryList, formBody } from '#src/web/forms.ts';
import { actorOf, principalOf } from '#src/web/principal.ts';
import { reportApi } from './api.ts';
import { fftComparisonRoutes } from './fft-comparison-routes.ts';
import { ko41aCsv } from './ko41a.ts';
import { measureRoutes } from './measure-routes.ts';
import { reportCharts } from './report-charts.ts';
import { quarterlyReportFile, quarterlyTableCsv, reportFileName, reportFormats } from './report-files.ts';
import { parsed, quarterQuery } from './route-queries.ts';
import { reportsService } from './service.ts';
import { tablesFor } from './tables.ts';
import { dashboardPage } from './views/dashboard-model.ts';
import { ko41aPage } from './views/ko41a-model.ts';
import { quarterlyPage } from './views/quarterly-model.ts';

// The reports pages: the quarterly service experience report (page, downloads, a CSV per table,
// officers' assurance levels) and the KO41a return. Everyone with reports:view sees the
// organisation's aggregates, which hold no personal data; setting an assurance level needs
// reports:manage.

const view = { config: { access: { permission: 'reports:view' as const } } };

const downloadQuery = quarterQuery.extend({ format: z.enum(reportFormats) });
const tableQuery = quarterQuery.extend({ table: z.string().regex(/^[a-z0-9-]+$/) });
const ko41aQuery = z.object({ period: z.string().trim().optional() });

/** The last whole quarter before today. */
const lastWholeQuarter = () => previousPeriod(quarterContaining(isoDateInLondon(new Date()))).code;

export function reportRoutes({ db }: DomainDependencies) {
  // Figures from records are shared between readers for up to a minute (cache.ts).
  const reports = reportsService({ db, cacheSeconds: 60 });

  return async (app: FastifyInstance) => {
    app.get('/reports', view, async (request, reply) => {
      const principal = principalOf(request);
      const lastQuarter = lastWholeQuarter();
      const ko41aPeriod = reports.ko41aPeriodContaining(isoDateInLondon(new Date())).code;
      return reply.render('reports/views/index.njk', {
        pageTitle: 'Reports',
        organisationName: principal.organisationName,
        lastQuarter,
        ko41aPeriod,
      });
    });

    async function renderQuarterly(
      request: FastifyRequest,
      reply: FastifyReply,
      quarter: string,
      suppress: boolean,
      form?: { values: Record<string, unknown>; errors: Record<string, string> },
    ) {
      const principal = principalOf(request);
      const report = await reports.quarterlyReport(principal.orgId, quarter);
      const query = `quarter=${encodeURIComponent(report.period.code)}${suppress ? '&publish=yes' : ''}`;
      return reply.render(
        'reports/views/quarterly.njk',
        quarterlyPage({
          report,
          tables: tablesFor(report, { suppress }),
          charts: reportCharts(report, { suppress }),
          suppress,
          query,
          mayAssure: principal.permissions.has('reports:manage'),
          form: form && {
            ...form,
            errorList: errorSummaryList(form.errors, ['measureKey', 'level', 'reason'], (field) =>
              field === 'level' ? '#level' : `#${field}`,
            ),
          },
        }),
        form ? 422 : 200,
      );
    }

    app.get('/reports/quarterly', view, async (request, reply) => {
      const query = parsed(quarterQuery, request.query);
      return renderQuarterly(request, reply, query.quarter || lastWholeQuarter(), query.publish === 'yes');
    });

    app.get('/reports/quarterly/download', view, async (request, reply) => {
      const query = parsed(downloadQuery, request.query);
      const principal = principalOf(request);
      const report = await reports.quarterlyReport(principal.orgId, query.quarter || lastWholeQuarter());
      const suppress = query.publish === 'yes';
      const file = await quarterlyReportFile(report, query.format, { suppress });
      const name = reportFileName(report, file.extension, suppress ? '-for-publication' : '');
      return reply
        .type(file.contentType)
        .header(
          'content-disposition',
          `${query.format === 'html' || query.format === 'json' ? 'inline' : 'attachment'}; filename="${name}"`,
        )
        .send(file.body);
    });

    app.get('/reports/quarterly/csv', view, async (request, reply) => {
      const query = parsed(tableQuery, request.query);
      const principal = principalOf(request);
      const report = await reports.quarterlyReport(principal.orgId, query.quarter || lastWholeQuarter());
      const text = quarterlyTableCsv(report, query.table, { suppress: query.publish === 'yes' });
      if (text === null) throw new NotFound('The report has no such table');
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${reportFileName(report, 'csv', `-${query.table}`)}"`,
        )
        .send(text);
    });

    app.post(
      '/reports/quarterly/assurance',
      { config: { access: { permission: 'reports:manage' } } },
      async (request, reply) => {
        const principal = principalOf(request);
        const body = formBody(request.body);
        const quarter = typeof body.quarter === 'string' ? body.quarter : '';
        try {
          await reports.overrideAssurance(principal.orgId, actorOf(principal, request.id), quarter, {
            measureKey: typeof body.measureKey === 'string' ? body.measureKey : '',
            level: body.level,
            reason: typeof body.reason === 'string' ? body.reason : '',
          });
        } catch (error) {
          if (error instanceof Invalid && Object.keys(error.fieldErrors).length > 0) {
            return renderQuarterly(request, reply, quarter, false, {
              values: body,
              errors: error.fieldErrors,
            });
          }
          throw error;
        }
        setSuccessMessage(request, 'Assurance level saved with your reason');
        return reply.redirect(`/reports/quarterly?quarter=${encodeURIComponent(quarter)}#trends`, 303);
      },
    );

    const dashboardQuery = quarterQuery.extend({ locality: z.string().trim().max(200).optional() });
    app.get('/reports/dashboard', view, async (request, reply) => {
      const query = parsed(dashboardQuery, request.query);
      const principal = principalOf(request);
      const dashboard = await reports.trustDashboard(principal.orgId, query.quarter || lastWholeQuarter(), {
        locality: query.locality || null,
      });
      return reply.render(
        'reports/views/dashboard.njk',
        dashboardPage(dashboard, principal.organisationName),
      );
    });

    measureRoutes(app, reports, lastWholeQuarter);
    fftComparisonRoutes(app, reports);
    reportApi(app, reports);

    app.get('/reports/ko41a', view, async (request, reply) => {
      const query = parsed(ko41aQuery, request.query);
      const principal = principalOf(request);
      const period = query.period || reports.ko41aPeriodContaining(isoDateInLondon(new Date())).code;
      const figures = await reports.ko41a(principal.orgId, period);
      return reply.render('reports/views/ko41a.njk', ko41aPage(figures, principal.organisationName));
    });

    app.get('/reports/ko41a/csv', view, async (request, reply) => {
      const query = parsed(ko41aQuery, request.query);
      const principal = principalOf(request);
      const period = query.period || reports.ko41aPeriodContaining(isoDateInLondon(new Date())).code;
      const figures = await reports.ko41a(principal.orgId, period);
      const organisation = await reports.organisationOf(principal.orgId);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="ko41a-${organisation.odsCode}-${figures.period.code.replace('/', '-')}.csv"`,
        )
        .send(ko41aCsv(figures, organisation));
    });
  };
}
