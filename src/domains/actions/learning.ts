import type { Database } from '#src/db/engine.ts';
import { inTurn, type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import {
  type IsoDate,
  isIsoDate,
  type Period,
  parsePeriod,
  quarterContaining,
} from '#src/domains/calendar/index.ts';
import { caseLearningPointsBetween } from '#src/domains/cases/index.ts';
import { descendantIds } from '#src/domains/organisations/index.ts';
import { DomainError, Forbidden, Invalid, NotFound } from '#src/web/errors.ts';
import { actorOf, type Principal } from '#src/web/principal.ts';
import * as lq from './learning-queries.ts';
import * as q from './queries.ts';
import { personalDataIn, themeProgress, todayInEngland } from './rules.ts';
import { type LearningSource, learningSources } from './words.ts';

// Learning (issue 7): learning points from sources other than cases (a survey result, a quality
// visit, an audit…) with the unit they apply to; organisational learning themes for a quarter
// that group learning points from cases and other sources; each locality's action-plan response
// and the date its assurance was received (the seed report's Tables 17 and 18).

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const invalid = (field: string, message: string) => new Invalid(message, { [field]: message });

function quarterOf(code: string): Period {
  try {
    const period = parsePeriod(code);
    if (period.kind === 'quarter') return period;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
  throw invalid('quarter', 'Enter the quarter as a financial year and quarter, like 2017/18-Q1');
}

/** Links a theme to the learning points it draws on, from cases and from other sources. */
async function addThemePoints(
  tx: OrgTransaction,
  orgId: string,
  themeId: string,
  points: { casePointIds: readonly string[]; sourcePointIds: readonly string[] },
) {
  for (const id of points.casePointIds)
    await lq.addThemePoint(tx, { orgId, themeId, caseLearningPointId: id });
  for (const id of points.sourcePointIds)
    await lq.addThemePoint(tx, { orgId, themeId, sourceLearningPointId: id });
}

export function learningService({ db, clock = () => new Date() }: { db: Database; clock?: () => Date }) {
  const today = () => todayInEngland(clock());

  return {
    currentQuarter: () => quarterContaining(today()).code,

    async units(orgId: string) {
      return withOrg(db, orgId, (tx) => q.unitNames(tx, orgId));
    },

    /** A theme and the localities asked for its action plan (every unit when none is a locality). */
    async themeWithLocalities(orgId: string, themeId: string) {
      return withOrg(db, orgId, async (tx) => {
        const theme = uuidPattern.test(themeId) ? await lq.themeById(tx, orgId, themeId) : null;
        if (!theme) throw new NotFound('There is no learning theme with that identifier.');
        const units = await q.unitNames(tx, orgId);
        const localities = units.filter((unit) => unit.kind === 'locality');
        return { theme, localities: localities.length > 0 ? localities : units };
      });
    },

    async addSourcePoint(
      principal: Principal,
      point: { source: string; sourceDescription: string; text: string; unitId: string },
      requestId?: string,
    ) {
      if (!principal.permissions.has('actions:update')) throw new Forbidden();
      const problems: Record<string, string> = {};
      if (!(learningSources as readonly string[]).includes(point.source))
        problems.source = 'Select where the learning comes from';
      if (!point.sourceDescription.trim())
        problems.sourceDescription = 'Enter which survey, visit or audit it comes from';
      if (!point.text.trim()) problems.text = 'Enter what was learnt';
      else if (personalDataIn(point.text).length > 0)
        problems.text = 'What was learnt must not include personal details';
      if (!uuidPattern.test(point.unitId)) problems.unitId = 'Select the unit it applies to';
      const [first] = Object.values(problems);
      if (first) throw new Invalid(first, problems);
      const { orgId } = principal;
      return withOrg(db, orgId, async (tx) => {
        const all = await q.unitNames(tx, orgId);
        const allowed =
          principal.unitScope === 'all' || principal.permissions.has('actions:manage')
            ? new Set(all.map((unit) => unit.unitId))
            : descendantIds(all, principal.unitScope);
        if (!allowed.has(point.unitId)) throw invalid('unitId', 'Select one of your units');
        const row = await lq.insertSourcePoint(tx, {
          orgId,
          source: point.source as LearningSource,
          sourceDescription: point.sourceDescription.trim(),
          text: point.text.trim(),
          unitId: point.unitId,
          createdBy: principal.kind === 'user' ? principal.id : null,
        });
        await recordAudit(tx, orgId, actorOf(principal, requestId), {
          action: 'learning-point.added',
          entityType: 'learning-point',
          entityId: row.learningPointId,
          after: row,
        });
        return row;
      });
    },

    /** A quarter's learning: its points from cases and other sources, and its themes with each locality's response. */
    async quarterView(orgId: string, quarterCode: string) {
      const period = quarterOf(quarterCode);
      const casePoints = await caseLearningPointsBetween(db, orgId, { from: period.start, to: period.end });
      return withOrg(db, orgId, async (tx) => {
        const [otherPoints, themes, responses, units] = await inTurn(
          () => lq.sourcePointsBetween(tx, orgId, period.start, period.end),
          () => lq.themesOfQuarter(tx, orgId, period.code),
          () => lq.responsesOfThemes(tx, orgId),
          () => q.unitNames(tx, orgId),
        );
        const localities = units.filter((unit) => unit.kind === 'locality');
        const unitName = (unitId: string) => units.find((unit) => unit.unitId === unitId)?.name ?? '';
        const themeViews = [];
        for (const theme of themes) {
          const own = responses.filter((response) => response.themeId === theme.themeId);
          const members = await lq.pointsOfTheme(tx, orgId, theme.themeId);
          themeViews.push({
            theme,
            responses: own,
            pointCount: members.length,
            progress: themeProgress(
              localities.map((unit) => unit.unitId),
              own,
            ),
          });
        }
        return {
          period,
          casePoints: casePoints.map((point) => ({ ...point, unitName: unitName(point.unitId) })),
          otherPoints,
          themes: themeViews,
          localities,
        };
      });
    },

    async addTheme(
      principal: Principal,
      theme: {
        quarter: string;
        text: string;
        casePointIds: readonly string[];
        sourcePointIds: readonly string[];
      },
      requestId?: string,
    ) {
      if (!principal.permissions.has('actions:manage')) throw new Forbidden();
      const period = quarterOf(theme.quarter);
      if (!theme.text.trim()) throw invalid('text', 'Enter the organisational learning');
      const ids = [...theme.casePointIds, ...theme.sourcePointIds];
      if (ids.some((id) => !uuidPattern.test(id)))
        throw invalid('points', 'Select learning points from the list');
      const { orgId } = principal;
      return withOrg(db, orgId, async (tx) => {
        const row = await lq.insertTheme(tx, {
          orgId,
          quarter: period.code,
          text: theme.text.trim(),
          createdBy: principal.kind === 'user' ? principal.id : null,
        });
        await addThemePoints(tx, orgId, row.themeId, theme);
        await recordAudit(tx, orgId, actorOf(principal, requestId), {
          action: 'learning-theme.created',
          entityType: 'learning-theme',
          entityId: row.themeId,
          after: { ...row, casePointIds: theme.casePointIds, sourcePointIds: theme.sourcePointIds },
        });
        return row;
      });
    },

    /** A theme for its edit form, with the learning points it draws on as the form's checkbox values. */
    async themeToEdit(principal: Principal, themeId: string) {
      if (!principal.permissions.has('actions:manage')) throw new Forbidden();
      const { orgId } = principal;
      return withOrg(db, orgId, async (tx) => {
        const theme = uuidPattern.test(themeId) ? await lq.themeById(tx, orgId, themeId) : null;
        if (!theme) throw new NotFound('There is no learning theme with that identifier.');
        const members = await lq.pointsOfTheme(tx, orgId, theme.themeId);
        const points = members.map((member) =>
          member.caseLearningPointId
            ? `case:${member.caseLearningPointId}`
            : `other:${member.sourceLearningPointId}`,
        );
        return { theme, points };
      });
    },

    /** Rewords a theme and changes the learning points it draws on; its quarter and responses stay. */
    async editTheme(
      principal: Principal,
      themeId: string,
      theme: { text: string; casePointIds: readonly string[]; sourcePointIds: readonly string[] },
      requestId?: string,
    ) {
      if (!principal.permissions.has('actions:manage')) throw new Forbidden();
      if (!theme.text.trim()) throw invalid('text', 'Enter the organisational learning');
      const ids = [...theme.casePointIds, ...theme.sourcePointIds];
      if (ids.some((id) => !uuidPattern.test(id)))
        throw invalid('points', 'Select learning points from the list');
      const { orgId } = principal;
      return withOrg(db, orgId, async (tx) => {
        const before = uuidPattern.test(themeId) ? await lq.themeById(tx, orgId, themeId) : null;
        if (!before) throw new NotFound('There is no learning theme with that identifier.');
        const beforePoints = await lq.pointsOfTheme(tx, orgId, before.themeId);
        const row = await lq.updateThemeText(tx, orgId, before.themeId, theme.text.trim());
        await lq.removeThemePoints(tx, orgId, before.themeId);
        await addThemePoints(tx, orgId, row.themeId, theme);
        await recordAudit(tx, orgId, actorOf(principal, requestId), {
          action: 'learning-theme.edited',
          entityType: 'learning-theme',
          entityId: row.themeId,
          before: { text: before.text, points: beforePoints.length },
          after: { text: row.text, casePointIds: theme.casePointIds, sourcePointIds: theme.sourcePointIds },
        });
        return row;
      });
    },

    /** A locality's action plan for a theme, and when its assurance was received (null while awaited). */
    async recordResponse(
      principal: Principal,
      themeId: string,
      response: { unitId: string; actionPlan: string; assuranceReceivedDate: IsoDate | null },
      requestId?: string,
    ) {
      if (!principal.permissions.has('actions:manage')) throw new Forbidden();
      if (!uuidPattern.test(themeId)) throw new NotFound();
      if (!uuidPattern.test(response.unitId)) throw invalid('unitId', 'Select the locality');
      if (!response.actionPlan.trim()) throw invalid('actionPlan', 'Enter the locality’s action plan');
      if (response.assuranceReceivedDate && !isIsoDate(response.assuranceReceivedDate)) {
        throw invalid('assuranceReceivedDate', 'Date assurance was received must be a real date');
      }
      if (response.assuranceReceivedDate && response.assuranceReceivedDate > today()) {
        throw invalid('assuranceReceivedDate', 'Date assurance was received must be today or in the past');
      }
      const { orgId } = principal;
      return withOrg(db, orgId, async (tx) => {
        const theme = await lq.themeById(tx, orgId, themeId);
        if (!theme) throw new NotFound('There is no learning theme with that identifier.');
        const units = await q.unitNames(tx, orgId);
        if (!units.some((unit) => unit.unitId === response.unitId))
          throw invalid('unitId', 'Select the locality');
        const row = await lq.upsertResponse(tx, {
          orgId,
          themeId,
          unitId: response.unitId,
          actionPlan: response.actionPlan.trim(),
          assuranceReceivedDate: response.assuranceReceivedDate,
        });
        await recordAudit(tx, orgId, actorOf(principal, requestId), {
          action: 'learning-theme.response-recorded',
          entityType: 'learning-theme',
          entityId: themeId,
          after: row,
        });
        return row;
      });
    },
  };
}

export type LearningService = ReturnType<typeof learningService>;
