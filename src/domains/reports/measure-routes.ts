import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Invalid, NotFound } from '#src/web/errors.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { errorSummaryList, formBody } from '#src/web/forms.ts';
import { actorOf, principalOf } from '#src/web/principal.ts';
import { parsed, quarterQuery } from './route-queries.ts';
import { type ReportsService, reportQuarter } from './service.ts';
import { measurePage, measuresPage, newMeasurePage } from './views/measures-model.ts';

// The measures register's pages: the list, a measure with its chart, adding a measure and
// entering a quarter's value (reports:manage for the last two).

const view = { config: { access: { permission: 'reports:view' as const } } };

export function measureRoutes(app: FastifyInstance, reports: ReportsService, lastWholeQuarter: () => string) {
  const manage = { config: { access: { permission: 'reports:manage' as const } } };
  const formProblems = (errors: Record<string, string>, fields: string[]) => ({
    values: {},
    errors,
    errorList: errorSummaryList(errors, fields),
  });

  app.get('/reports/measures', view, async (request, reply) => {
    const query = parsed(quarterQuery, request.query);
    const principal = principalOf(request);
    const quarter = query.quarter || lastWholeQuarter();
    const summaries = await reports.measuresRegister(principal.orgId, quarter);
    return reply.render(
      'reports/views/measures.njk',
      measuresPage(reportQuarter(quarter), summaries, principal.permissions.has('reports:manage')),
    );
  });

  app.get('/reports/measures/new', manage, async (_request, reply) =>
    reply.render('reports/views/measure-new.njk', newMeasurePage()),
  );

  app.post('/reports/measures', manage, async (request, reply) => {
    const principal = principalOf(request);
    const body = formBody(request.body);
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    try {
      const saved = await reports.addMeasure(principal.orgId, actorOf(principal, request.id), {
        name: text('name'),
        source: text('source'),
        unit: text('unit'),
        improvement: text('improvement'),
        target: text('target'),
        deadline: text('deadline'),
        owner: text('owner'),
      });
      setSuccessMessage(request, `${saved.name} added to the register`);
      return reply.redirect(`/reports/measures/${saved.measureId}`, 303);
    } catch (error) {
      if (error instanceof Invalid && Object.keys(error.fieldErrors).length > 0) {
        const problems = formProblems(error.fieldErrors, [
          'name',
          'source',
          'unit',
          'improvement',
          'target',
          'deadline',
          'owner',
        ]);
        return reply.render(
          'reports/views/measure-new.njk',
          newMeasurePage({ ...problems, values: body }),
          422,
        );
      }
      throw error;
    }
  });

  const measureParams = z.object({ measureId: z.uuid() });
  async function renderMeasure(
    request: FastifyRequest,
    reply: FastifyReply,
    measureId: string,
    quarter: string,
    form?: {
      values: Record<string, unknown>;
      errors: Record<string, string>;
      errorList: { text?: string; href: string }[];
    },
  ) {
    const principal = principalOf(request);
    const summary = (await reports.measuresRegister(principal.orgId, quarter)).find(
      (entry) => entry.measureId === measureId,
    );
    if (!summary) throw new NotFound('There is no such measure');
    return reply.render(
      'reports/views/measure.njk',
      measurePage(reportQuarter(quarter), summary, principal.permissions.has('reports:manage'), form),
      form ? 422 : 200,
    );
  }

  app.get('/reports/measures/:measureId', view, async (request, reply) => {
    const { measureId } = parsed(measureParams, request.params);
    const query = parsed(quarterQuery, request.query);
    return renderMeasure(request, reply, measureId, query.quarter || lastWholeQuarter());
  });

  app.post('/reports/measures/:measureId/values', manage, async (request, reply) => {
    const { measureId } = parsed(measureParams, request.params);
    const principal = principalOf(request);
    const body = formBody(request.body);
    const quarter = typeof body.quarter === 'string' ? body.quarter : '';
    try {
      await reports.enterMeasureValue(principal.orgId, actorOf(principal, request.id), measureId, {
        quarter,
        value: typeof body.value === 'string' ? body.value : '',
      });
    } catch (error) {
      if (error instanceof Invalid && Object.keys(error.fieldErrors).length > 0) {
        const problems = formProblems(error.fieldErrors, ['quarter', 'value']);
        return renderMeasure(request, reply, measureId, lastWholeQuarter(), { ...problems, values: body });
      }
      throw error;
    }
    setSuccessMessage(request, `Value for ${quarter} saved`);
    return reply.redirect(`/reports/measures/${measureId}?quarter=${encodeURIComponent(quarter)}`, 303);
  });
}
