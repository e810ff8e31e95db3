import { and, asc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { type Period, previousPeriod } from '#src/domains/calendar/index.ts';
import { units } from '#src/domains/organisations/schema.ts';
import { learningThemeResponses, learningThemes, planActions, youSaidWeDid } from './schema.ts';
import type { AssuranceLevel } from './words.ts';

// What the quarterly service experience report (issue 8) needs from actions, read in one place:
// the organisational learning themes it shows (the seed report's Table 17, the last quarter's
// themes whose action plans are being sought, and Table 18, themes whose localities' assurance
// arrived in the quarter), action-plan actions overdue and completed, and "You said – We did".

export interface ReportLearningTheme {
  /** The quarter the learning was drawn from, as `2017/18-Q1`. */
  quarter: string;
  text: string;
  /** `seeking-plans` (Table 17) or `assured` (Table 18): every locality that answered gave assurance. */
  status: 'seeking-plans' | 'assured';
  responses: { locality: string; actionPlan: string | null; assuranceReceivedDate: string | null }[];
}

export interface ReportActionFigures {
  learningThemes: ReportLearningTheme[];
  /** Plan actions not completed by the quarter's last day whose due date had passed by then. */
  overdue: number;
  /** Plan actions completed in the quarter. */
  completed: number;
  /** Statements published in the quarter and not withdrawn. */
  youSaidWeDid: {
    unit: string | null;
    youSaid: string;
    weDid: string;
    assuranceLevel: AssuranceLevel;
    publishedOn: string;
  }[];
}

export async function reportActionFigures(
  db: Database,
  orgId: string,
  period: Period,
): Promise<ReportActionFigures> {
  const before = previousPeriod(period);
  return withOrg(db, orgId, async (tx) => {
    // Themes of the quarter before, and themes any of whose assurance arrived in this quarter.
    const assuredInQuarter = tx
      .select({ themeId: learningThemeResponses.themeId })
      .from(learningThemeResponses)
      .where(
        and(
          eq(learningThemeResponses.orgId, orgId),
          gte(learningThemeResponses.assuranceReceivedDate, period.start),
          lte(learningThemeResponses.assuranceReceivedDate, period.end),
        ),
      );
    const themes = await tx
      .select({ themeId: learningThemes.themeId, quarter: learningThemes.quarter, text: learningThemes.text })
      .from(learningThemes)
      .where(
        and(
          eq(learningThemes.orgId, orgId),
          or(eq(learningThemes.quarter, before.code), inArray(learningThemes.themeId, assuredInQuarter)),
        ),
      )
      .orderBy(asc(learningThemes.quarter), asc(learningThemes.createdAt));
    const responses =
      themes.length === 0
        ? []
        : await tx
            .select({
              themeId: learningThemeResponses.themeId,
              locality: units.name,
              actionPlan: learningThemeResponses.actionPlan,
              assuranceReceivedDate: learningThemeResponses.assuranceReceivedDate,
            })
            .from(learningThemeResponses)
            .innerJoin(
              units,
              and(
                eq(units.orgId, learningThemeResponses.orgId),
                eq(units.unitId, learningThemeResponses.unitId),
              ),
            )
            .where(
              and(
                eq(learningThemeResponses.orgId, orgId),
                inArray(
                  learningThemeResponses.themeId,
                  themes.map((theme) => theme.themeId),
                ),
              ),
            )
            .orderBy(asc(units.name));
    const [counts] = await tx
      .select({
        overdue: sql<number>`count(*) filter (where ${planActions.dueDate} < ${period.end}::date
          and (${planActions.completedDate} is null or ${planActions.completedDate} > ${period.end}::date)
          and not (${planActions.status} = 'completed' and ${planActions.completedDate} is null))`.mapWith(
          Number,
        ),
        completed:
          sql<number>`count(*) filter (where ${planActions.completedDate} between ${period.start}::date and ${period.end}::date)`.mapWith(
            Number,
          ),
      })
      .from(planActions)
      .where(eq(planActions.orgId, orgId));
    const statements = await tx
      .select({
        unit: units.name,
        youSaid: youSaidWeDid.youSaid,
        weDid: youSaidWeDid.weDid,
        assuranceLevel: youSaidWeDid.assuranceLevel,
        publishedOn: youSaidWeDid.publishedOn,
      })
      .from(youSaidWeDid)
      .leftJoin(units, and(eq(units.orgId, youSaidWeDid.orgId), eq(units.unitId, youSaidWeDid.unitId)))
      .where(
        and(
          eq(youSaidWeDid.orgId, orgId),
          gte(youSaidWeDid.publishedOn, period.start),
          lte(youSaidWeDid.publishedOn, period.end),
          isNull(youSaidWeDid.withdrawnOn),
        ),
      )
      .orderBy(asc(youSaidWeDid.publishedOn), asc(youSaidWeDid.createdAt));
    return {
      learningThemes: themes.map((theme) => {
        const own = responses
          .filter((response) => response.themeId === theme.themeId)
          .map(({ locality, actionPlan, assuranceReceivedDate }) => ({
            locality,
            actionPlan,
            assuranceReceivedDate,
          }));
        const assured = own.length > 0 && own.every((response) => response.assuranceReceivedDate !== null);
        return {
          quarter: theme.quarter,
          text: theme.text,
          status: assured ? 'assured' : 'seeking-plans',
          responses: own,
        };
      }),
      overdue: counts?.overdue ?? 0,
      completed: counts?.completed ?? 0,
      youSaidWeDid: statements.map((row) => ({ ...row, unit: row.unit ?? null })),
    };
  });
}
