import { and, between, count, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import { deadlineStatus } from './deadlines.ts';
import { outcomeCounts } from './figures.ts';
import { issueOutcomesOfComplaintsClosed } from './figures-queries.ts';
import { responseDateInForce } from './measures.ts';
import type { OverallOutcome } from './outcomes.ts';
import { complaintDetails, feedbackRecords, responseExtensions } from './schema.ts';

// A team's cases for its dashboard (issue 8), as counts only: no reference, summary, name or
// narrative leaves this file, so whoever may see the team's dashboard sees no personal data. Each
// figure is one set-based query over the team's units (the team and everything below it).

export interface UnitCaseFigures {
  /** Records received each month from `from` to `to`, by kind ('YYYY-MM' → kind → count). */
  receivedByMonth: { month: string; kind: string; count: number }[];
  /** Open on `today`, by kind. */
  open: { complaints: number; concerns: number };
  /** Open complaints whose response date in force had passed by `today` with no response sent. */
  overdueComplaints: number;
  /** Complaints closed or withdrawn in `closedFrom`–`closedTo`, by the outcome their issues give. */
  outcomes: Record<OverallOutcome, number>;
}

export async function unitCaseFigures(
  db: Database,
  orgId: string,
  unitIds: readonly string[],
  {
    from,
    to,
    closedFrom,
    closedTo,
    today,
  }: { from: IsoDate; to: IsoDate; closedFrom: IsoDate; closedTo: IsoDate; today: IsoDate },
): Promise<UnitCaseFigures> {
  if (unitIds.length === 0) {
    return {
      receivedByMonth: [],
      open: { complaints: 0, concerns: 0 },
      overdueComplaints: 0,
      outcomes: outcomeCounts([]),
    };
  }
  const ofUnits = and(eq(feedbackRecords.orgId, orgId), inArray(feedbackRecords.unitId, [...unitIds]));
  return withOrg(db, orgId, async (tx) => {
    const month = sql<string>`to_char(${feedbackRecords.receivedDate}, 'YYYY-MM')`;
    const receivedByMonth = await tx
      .select({ month, kind: feedbackRecords.kind, count: count() })
      .from(feedbackRecords)
      .where(and(ofUnits, between(feedbackRecords.receivedDate, from, to)))
      .groupBy(month, feedbackRecords.kind);

    const openByKind = await tx
      .select({ kind: feedbackRecords.kind, count: count() })
      .from(feedbackRecords)
      .where(
        and(
          ofUnits,
          eq(feedbackRecords.status, 'open'),
          inArray(feedbackRecords.kind, ['complaint', 'concern']),
          lte(feedbackRecords.receivedDate, today),
        ),
      )
      .groupBy(feedbackRecords.kind);

    // The response date in force needs each open complaint's extensions (measures.ts).
    const waiting = await tx
      .select({
        recordId: feedbackRecords.recordId,
        agreedResponseDate: complaintDetails.agreedResponseDate,
      })
      .from(feedbackRecords)
      .innerJoin(
        complaintDetails,
        and(
          eq(complaintDetails.orgId, feedbackRecords.orgId),
          eq(complaintDetails.recordId, feedbackRecords.recordId),
        ),
      )
      .where(
        and(
          ofUnits,
          eq(feedbackRecords.kind, 'complaint'),
          eq(feedbackRecords.status, 'open'),
          isNull(complaintDetails.responseSentDate),
          isNull(complaintDetails.withdrawnDate),
          lte(feedbackRecords.receivedDate, today),
        ),
      );
    const extensions =
      waiting.length === 0
        ? []
        : await tx
            .select({
              recordId: responseExtensions.recordId,
              previousResponseDate: responseExtensions.previousResponseDate,
              newResponseDate: responseExtensions.newResponseDate,
              agreedOn: responseExtensions.agreedWithComplainantOn,
            })
            .from(responseExtensions)
            .where(
              and(
                eq(responseExtensions.orgId, orgId),
                inArray(
                  responseExtensions.recordId,
                  waiting.map((row) => row.recordId),
                ),
              ),
            );
    const extensionsOf = new Map<string, typeof extensions>();
    for (const row of extensions)
      extensionsOf.set(row.recordId, [...(extensionsOf.get(row.recordId) ?? []), row]);
    const overdueComplaints = waiting.filter(
      (row) =>
        deadlineStatus(
          responseDateInForce(row.agreedResponseDate, extensionsOf.get(row.recordId) ?? []),
          null,
          today,
        ) === 'overdue',
    ).length;

    const closed = await issueOutcomesOfComplaintsClosed(
      tx,
      orgId,
      { start: closedFrom, end: closedTo },
      inArray(feedbackRecords.unitId, [...unitIds]),
    );

    const openOf = (kind: string) => openByKind.find((row) => row.kind === kind)?.count ?? 0;
    return {
      receivedByMonth,
      open: { complaints: openOf('complaint'), concerns: openOf('concern') },
      overdueComplaints,
      outcomes: outcomeCounts(closed),
    };
  });
}
