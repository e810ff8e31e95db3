import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { feedbackRecords, learningPoints } from './schema.ts';

// Learning points recorded on cases, for the actions domain to group into organisational learning
// themes for a quarter (issue 7; the seed report's Tables 17 and 18). Only the point, its unit and
// its case's reference: a learning point is written without personal data.

export interface CaseLearningPoint {
  learningPointId: string;
  text: string;
  unitId: string;
  recordId: string;
  reference: string;
  recordedOn: string;
}

/** The learning points recorded on cases from `from` to `to` (calendar dates in England, inclusive). */
export async function caseLearningPointsBetween(
  db: Database,
  orgId: string,
  period: { from: string; to: string },
): Promise<CaseLearningPoint[]> {
  const recordedOn = sql<string>`to_char(${learningPoints.createdAt} at time zone 'Europe/London', 'YYYY-MM-DD')`;
  return withOrg(db, orgId, (tx) =>
    tx
      .select({
        learningPointId: learningPoints.learningPointId,
        text: learningPoints.text,
        unitId: learningPoints.unitId,
        recordId: learningPoints.recordId,
        reference: feedbackRecords.reference,
        recordedOn,
      })
      .from(learningPoints)
      .innerJoin(
        feedbackRecords,
        and(
          eq(feedbackRecords.orgId, learningPoints.orgId),
          eq(feedbackRecords.recordId, learningPoints.recordId),
        ),
      )
      .where(
        and(
          eq(learningPoints.orgId, orgId),
          gte(learningPoints.createdAt, sql`(${period.from}::date)::timestamp at time zone 'Europe/London'`),
          lt(
            learningPoints.createdAt,
            sql`((${period.to}::date) + 1)::timestamp at time zone 'Europe/London'`,
          ),
        ),
      )
      .orderBy(asc(learningPoints.createdAt)),
  );
}
