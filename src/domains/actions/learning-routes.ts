import type { FastifyInstance } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { addDays, parsePeriod, previousQuarter, quarterContaining } from '#src/domains/calendar/index.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { attempt, checkedValues } from '#src/web/forms.ts';
import { principalOf } from '#src/web/principal.ts';
import { answersOf, dateBoxNames, dateFromBoxes } from './forms.ts';
import { learningService } from './learning.ts';
import { learningPage, learningPointPage, newThemePage, responsePage } from './views/learning-model.ts';

// The learning pages: a quarter's learning points and organisational learning themes, and the
// forms that record a learning point, a theme, and a locality's response to it.

const view = (name: string) => `actions/views/${name}.njk`;
const canView = { access: { permission: 'actions:view' } } as const;
const canUpdate = { access: { permission: 'actions:update' } } as const;
const canManage = { access: { permission: 'actions:manage' } } as const;
type WithQuarter = { Querystring: { quarter?: string } };
type WithTheme = { Params: { themeId: string } };

/** The learning points ticked on a theme's form: "case:<id>" from complaints, "other:<id>" from other sources. */
function chosenPoints(body: unknown) {
  const points = checkedValues((body as Record<string, unknown> | undefined)?.points).map(String);
  return {
    points,
    casePointIds: points.filter((point) => point.startsWith('case:')).map((point) => point.slice(5)),
    sourcePointIds: points.filter((point) => point.startsWith('other:')).map((point) => point.slice(6)),
  };
}

export function learningRoutes({ db }: DomainDependencies) {
  const learning = learningService({ db });
  const quarterAsked = (quarter: string | undefined) => {
    try {
      return quarter ? parsePeriod(quarter) : parsePeriod(learning.currentQuarter());
    } catch {
      return parsePeriod(learning.currentQuarter());
    }
  };

  return async (app: FastifyInstance) => {
    app.get<WithQuarter>('/actions/learning', { config: canView }, async (request, reply) => {
      const principal = principalOf(request);
      const period = quarterAsked(request.query.quarter);
      const shown = await learning.quarterView(
        principal.orgId,
        period.kind === 'quarter' ? period.code : learning.currentQuarter(),
      );
      const next = quarterContaining(addDays(shown.period.end, 1)).code;
      const page = learningPage(
        shown,
        principal.permissions.has('actions:manage'),
        previousQuarter(shown.period).code,
        next,
      );
      return reply.render(view('learning'), page);
    });

    app.get('/actions/learning/points/new', { config: canUpdate }, async (request, reply) =>
      reply.render(view('form'), learningPointPage({}, {}, await learning.units(principalOf(request).orgId))),
    );

    app.post('/actions/learning/points/new', { config: canUpdate }, async (request, reply) => {
      const principal = principalOf(request);
      const answers = answersOf(request.body, ['source', 'sourceDescription', 'text', 'unitId']);
      const saved = await attempt(() =>
        learning.addSourcePoint(
          principal,
          {
            source: answers.source ?? '',
            sourceDescription: answers.sourceDescription ?? '',
            text: answers.text ?? '',
            unitId: answers.unitId ?? '',
          },
          request.id,
        ),
      );
      if (!saved.ok) {
        return reply.render(
          view('form'),
          learningPointPage(answers, saved.errors, await learning.units(principal.orgId)),
          422,
        );
      }
      setSuccessMessage(request, 'The learning point has been recorded');
      return reply.redirect('/actions/learning', 303);
    });

    app.get<WithQuarter>('/actions/learning/themes/new', { config: canManage }, async (request, reply) => {
      const period = quarterAsked(request.query.quarter);
      const shown = await learning.quarterView(principalOf(request).orgId, period.code);
      return reply.render(view('form'), newThemePage(shown, {}, {}));
    });

    app.post('/actions/learning/themes/new', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const answers = answersOf(request.body, ['quarter', 'text']);
      const { points, casePointIds, sourcePointIds } = chosenPoints(request.body);
      const saved = await attempt(() =>
        learning.addTheme(
          principal,
          { quarter: answers.quarter ?? '', text: answers.text ?? '', casePointIds, sourcePointIds },
          request.id,
        ),
      );
      if (!saved.ok) {
        const shown = await learning.quarterView(principal.orgId, quarterAsked(answers.quarter).code);
        return reply.render(view('form'), newThemePage(shown, answers, saved.errors, points), 422);
      }
      setSuccessMessage(request, 'The theme has been added');
      return reply.redirect(`/actions/learning?quarter=${encodeURIComponent(saved.data.quarter)}`, 303);
    });

    app.get<WithTheme>(
      '/actions/learning/themes/:themeId/edit',
      { config: canManage },
      async (request, reply) => {
        const principal = principalOf(request);
        const { theme, points } = await learning.themeToEdit(principal, request.params.themeId);
        const shown = await learning.quarterView(principal.orgId, theme.quarter);
        const page = newThemePage(shown, { text: theme.text }, {}, points, theme);
        return reply.render(view('form'), page);
      },
    );

    app.post<WithTheme>(
      '/actions/learning/themes/:themeId/edit',
      { config: canManage },
      async (request, reply) => {
        const principal = principalOf(request);
        const answers = answersOf(request.body, ['text']);
        const { points, casePointIds, sourcePointIds } = chosenPoints(request.body);
        const { theme } = await learning.themeToEdit(principal, request.params.themeId);
        const saved = await attempt(() =>
          learning.editTheme(
            principal,
            theme.themeId,
            { text: answers.text ?? '', casePointIds, sourcePointIds },
            request.id,
          ),
        );
        if (!saved.ok) {
          const shown = await learning.quarterView(principal.orgId, theme.quarter);
          return reply.render(view('form'), newThemePage(shown, answers, saved.errors, points, theme), 422);
        }
        setSuccessMessage(request, 'The theme has been changed');
        return reply.redirect(`/actions/learning?quarter=${encodeURIComponent(theme.quarter)}`, 303);
      },
    );

    app.get<WithTheme>(
      '/actions/learning/themes/:themeId/responses',
      { config: canManage },
      async (request, reply) => {
        const { theme, localities } = await learning.themeWithLocalities(
          principalOf(request).orgId,
          request.params.themeId,
        );
        return reply.render(view('form'), responsePage(theme.themeId, theme.text, localities, {}, {}));
      },
    );

    app.post<WithTheme>(
      '/actions/learning/themes/:themeId/responses',
      { config: canManage },
      async (request, reply) => {
        const principal = principalOf(request);
        const answers = answersOf(request.body, [
          'unitId',
          'actionPlan',
          ...dateBoxNames('assuranceReceivedDate'),
        ]);
        const date = dateFromBoxes(answers, 'assuranceReceivedDate');
        const saved =
          date === null
            ? {
                ok: false as const,
                errors: { assuranceReceivedDate: 'Date assurance was received must be a real date' },
              }
            : await attempt(() =>
                learning.recordResponse(
                  principal,
                  request.params.themeId,
                  {
                    unitId: answers.unitId ?? '',
                    actionPlan: answers.actionPlan ?? '',
                    assuranceReceivedDate: date || null,
                  },
                  request.id,
                ),
              );
        if (!saved.ok) {
          const { theme, localities } = await learning.themeWithLocalities(
            principal.orgId,
            request.params.themeId,
          );
          return reply.render(
            view('form'),
            responsePage(theme.themeId, theme.text, localities, answers, saved.errors),
            422,
          );
        }
        setSuccessMessage(request, 'The locality’s response has been recorded');
        const { theme } = await learning.themeWithLocalities(principal.orgId, request.params.themeId);
        return reply.redirect(`/actions/learning?quarter=${encodeURIComponent(theme.quarter)}`, 303);
      },
    );
  };
}
