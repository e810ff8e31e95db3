import { and, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import type { FftScale } from './definition.ts';
import { surveyByCode } from './queries.ts';
import { optionSets } from './reference.ts';
import { type FftScore, fftScore } from './rules.ts';
import { surveyResponses } from './schema.ts';

// A team's FFT by month (issue 8, the team dashboard): the responses of a set of units (a team and
// everything below it) counted by month and answer in one query, and scored by rules.ts, each scale
// on its own. Counts are summed over the units, never their percentages.

export interface UnitFftMonth {
  /** 'YYYY-MM'. */
  month: string;
  score: FftScore;
}

/** The FFT by month from `from` to `to` for the responses given at `unitIds`; a survey the organisation does not run gives none. */
export async function fftMonthsOfUnits(
  db: Database,
  orgId: string,
  surveyCode: string,
  unitIds: readonly string[],
  { from, to }: { from: string; to: string },
): Promise<{ scale: FftScale; months: UnitFftMonth[] }[]> {
  if (unitIds.length === 0) return [];
  const rows = await withOrg(db, orgId, async (tx) => {
    const survey = await surveyByCode(tx, surveyCode);
    if (!survey) return [];
    const month = sql<string>`to_char(${surveyResponses.responseDate}, 'YYYY-MM')`;
    return tx
      .select({
        month,
        scale: sql<FftScale>`${surveyResponses.fftScale}`,
        answer: sql<string>`${surveyResponses.fftAnswer}`,
        count: sql<number>`count(*)`.mapWith(Number),
      })
      .from(surveyResponses)
      .where(
        and(
          eq(surveyResponses.orgId, orgId),
          eq(surveyResponses.surveyId, survey.surveyId),
          gte(surveyResponses.responseDate, from),
          lte(surveyResponses.responseDate, to),
          inArray(surveyResponses.unitId, [...unitIds]),
          isNotNull(surveyResponses.fftAnswer),
        ),
      )
      .groupBy(month, surveyResponses.fftScale, surveyResponses.fftAnswer);
  });
  const scales = [...new Set(rows.map((row) => row.scale))].sort().reverse();
  return scales.map((scale) => {
    const byMonth = new Map<string, Record<string, number>>();
    for (const row of rows.filter((candidate) => candidate.scale === scale)) {
      const counts = byMonth.get(row.month) ?? {};
      counts[row.answer] = (counts[row.answer] ?? 0) + row.count;
      byMonth.set(row.month, counts);
    }
    const options = optionSets()[scale] ?? [];
    return {
      scale,
      months: [...byMonth.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, counts]) => ({ month, score: fftScore(scale, counts, options) })),
    };
  });
}
