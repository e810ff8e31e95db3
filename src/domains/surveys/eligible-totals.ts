import { and, eq, gte, lte, sql } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { surveyEligibleCounts, surveys } from './schema.ts';

/**
 * How many people the organisation's units could have asked for a survey each month (the FFT
 * response rate's denominator), summed over units: months nobody entered a number for are absent.
 * The reports domain uses the FFT's as the quarter's contacts with services (complaints and
 * compliments per 1,000 contacts).
 */
export async function eligibleTotalsByMonth(
  db: Database,
  orgId: string,
  surveyCode: string,
  { from, to }: { from: string; to: string },
): Promise<{ month: string; eligible: number }[]> {
  return withOrg(db, orgId, async (tx) => {
    const rows = await tx
      .select({
        month: sql<string>`to_char(${surveyEligibleCounts.month}, 'YYYY-MM')`,
        eligible: sql<number>`sum(${surveyEligibleCounts.eligible})::int`,
      })
      .from(surveyEligibleCounts)
      .innerJoin(
        surveys,
        and(
          eq(surveys.orgId, surveyEligibleCounts.orgId),
          eq(surveys.surveyId, surveyEligibleCounts.surveyId),
        ),
      )
      .where(
        and(
          eq(surveyEligibleCounts.orgId, orgId),
          eq(surveys.code, surveyCode),
          gte(surveyEligibleCounts.month, from),
          lte(surveyEligibleCounts.month, to),
        ),
      )
      .groupBy(sql`1`)
      .orderBy(sql`1`);
    return rows.map((row) => ({ month: String(row.month), eligible: Number(row.eligible) }));
  });
}
