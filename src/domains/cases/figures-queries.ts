import { and, between, count, eq, gte, inArray, isNotNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import { units } from '#src/domains/organisations/schema.ts';
import type { FeedbackKind } from './kinds-and-channels.ts';
import {
  complaintDetails,
  complaintIssues,
  complaintReopenings,
  feedbackRecords,
  localResolutionMeetings,
  responseExtensions,
} from './schema.ts';

// The SQL behind a period's case figures (figures.ts). Each query reads one organisation's rows
// for one range of dates and returns counts, or the few columns a measure needs, never personal
// data. Records destroyed at the end of retention keep their rows, so they are counted too.

export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

const inOrg = (orgId: string) => eq(feedbackRecords.orgId, orgId);
const joinDetails = and(
  eq(complaintDetails.orgId, feedbackRecords.orgId),
  eq(complaintDetails.recordId, feedbackRecords.recordId),
);

/** Every unit's place in the tree, to find each record's locality. */
export function unitTreeRows(tx: OrgTransaction, orgId: string) {
  return tx
    .select({
      unitId: units.unitId,
      parentUnitId: units.parentUnitId,
      kind: units.kind,
      code: units.code,
      name: units.name,
    })
    .from(units)
    .where(eq(units.orgId, orgId));
}

/** Records received in the range, counted by kind, unit and month ('YYYY-MM'). */
export function receivedByKindUnitAndMonth(tx: OrgTransaction, orgId: string, range: DateRange) {
  const month = sql<string>`to_char(${feedbackRecords.receivedDate}, 'YYYY-MM')`;
  return tx
    .select({ kind: feedbackRecords.kind, unitId: feedbackRecords.unitId, month, count: count() })
    .from(feedbackRecords)
    .where(and(inOrg(orgId), between(feedbackRecords.receivedDate, range.start, range.end)))
    .groupBy(feedbackRecords.kind, feedbackRecords.unitId, month);
}

/** Complaints received in the range, with when each was acknowledged. */
export function acknowledgementsOfComplaintsReceived(tx: OrgTransaction, orgId: string, range: DateRange) {
  return tx
    .select({
      receivedDate: feedbackRecords.receivedDate,
      acknowledgedDate: complaintDetails.acknowledgedDate,
    })
    .from(feedbackRecords)
    .innerJoin(complaintDetails, joinDetails)
    .where(
      and(
        inOrg(orgId),
        eq(feedbackRecords.kind, 'complaint'),
        between(feedbackRecords.receivedDate, range.start, range.end),
      ),
    );
}

/**
 * Complaints whose response may have fallen due in the range: first agreed on or before its end,
 * and that date or some extension's on or after its start. The response date in force is always
 * one of those dates, so this finds every complaint it could be in the range for; the measure
 * then works out the date in force from the extensions (responseDateInForce).
 */
export function complaintsPossiblyDueIn(tx: OrgTransaction, orgId: string, range: DateRange) {
  const extendedIntoRange = sql`exists (select 1 from ${responseExtensions}
    where ${responseExtensions.orgId} = ${complaintDetails.orgId}
      and ${responseExtensions.recordId} = ${complaintDetails.recordId}
      and ${responseExtensions.newResponseDate} >= ${range.start})`;
  return tx
    .select({
      recordId: feedbackRecords.recordId,
      status: feedbackRecords.status,
      responseSentDate: complaintDetails.responseSentDate,
      agreedResponseDate: complaintDetails.agreedResponseDate,
    })
    .from(feedbackRecords)
    .innerJoin(complaintDetails, joinDetails)
    .where(
      and(
        inOrg(orgId),
        lte(complaintDetails.agreedResponseDate, range.end),
        or(gte(complaintDetails.agreedResponseDate, range.start), extendedIntoRange),
      ),
    );
}

/**
 * The extensions of the complaints complaintsPossiblyDueIn finds for the range, read by the same
 * condition rather than by a list of their ids (a report's span holds thousands).
 */
export function extensionsOfComplaintsPossiblyDueIn(tx: OrgTransaction, orgId: string, range: DateRange) {
  const laterExtension = sql`exists (select 1 from ${responseExtensions} later
    where later.org_id = ${complaintDetails.orgId}
      and later.record_id = ${complaintDetails.recordId}
      and later.new_response_date >= ${range.start})`;
  return tx
    .select({
      recordId: responseExtensions.recordId,
      previousResponseDate: responseExtensions.previousResponseDate,
      newResponseDate: responseExtensions.newResponseDate,
      agreedOn: responseExtensions.agreedWithComplainantOn,
    })
    .from(responseExtensions)
    .innerJoin(
      complaintDetails,
      and(
        eq(complaintDetails.orgId, responseExtensions.orgId),
        eq(complaintDetails.recordId, responseExtensions.recordId),
      ),
    )
    .where(
      and(
        eq(responseExtensions.orgId, orgId),
        lte(complaintDetails.agreedResponseDate, range.end),
        or(gte(complaintDetails.agreedResponseDate, range.start), laterExtension),
      ),
    );
}

const closedOrWithdrawnIn = (orgId: string, range: DateRange) =>
  and(
    inOrg(orgId),
    eq(feedbackRecords.kind, 'complaint'),
    inArray(feedbackRecords.status, ['closed', 'withdrawn']),
    between(feedbackRecords.closedDate, range.start, range.end),
  );

/**
 * Complaints closed or withdrawn in the range, with how many of each one's issues have each outcome;
 * `within` narrows them further (a team's dashboard: its units).
 */
export function issueOutcomesOfComplaintsClosed(
  tx: OrgTransaction,
  orgId: string,
  range: DateRange,
  within?: SQL,
) {
  const withOutcome = (outcome: 'upheld' | 'not-upheld') =>
    sql<number>`count(${complaintIssues.issueId}) filter (where ${complaintIssues.outcome} = ${outcome})`.mapWith(
      Number,
    );
  return tx
    .select({
      status: feedbackRecords.status,
      closedDate: feedbackRecords.closedDate,
      upheld: withOutcome('upheld'),
      notUpheld: withOutcome('not-upheld'),
      undecided:
        sql<number>`count(${complaintIssues.issueId}) filter (where ${complaintIssues.outcome} is null)`.mapWith(
          Number,
        ),
    })
    .from(feedbackRecords)
    .leftJoin(
      complaintIssues,
      and(
        eq(complaintIssues.orgId, feedbackRecords.orgId),
        eq(complaintIssues.recordId, feedbackRecords.recordId),
      ),
    )
    .where(and(closedOrWithdrawnIn(orgId, range), within))
    .groupBy(feedbackRecords.recordId, feedbackRecords.status, feedbackRecords.closedDate);
}

/**
 * Pairs of an issue and a staff group it names, on complaints closed (not withdrawn) in the
 * range, counted by staff group, the issue's outcome and the month closed: the seed report's Table 5, where an issue
 * naming two staff groups counts once under each.
 */
export function staffGroupPairsOfComplaintsClosed(tx: OrgTransaction, orgId: string, range: DateRange) {
  const pairs = tx
    .select({
      staffGroupCode: sql<string>`unnest(${complaintIssues.staffGroupCodes})`.as('staff_group_code'),
      outcome: complaintIssues.outcome,
      month: sql<string>`to_char(${feedbackRecords.closedDate}, 'YYYY-MM')`.as('closed_month'),
    })
    .from(complaintIssues)
    .innerJoin(
      feedbackRecords,
      and(
        eq(feedbackRecords.orgId, complaintIssues.orgId),
        eq(feedbackRecords.recordId, complaintIssues.recordId),
      ),
    )
    .where(
      and(
        closedOrWithdrawnIn(orgId, range),
        eq(feedbackRecords.status, 'closed'),
        isNotNull(complaintIssues.outcome),
      ),
    )
    .as('pairs');
  return tx
    .select({
      staffGroupCode: pairs.staffGroupCode,
      outcome: pairs.outcome,
      month: pairs.month,
      count: count(),
    })
    .from(pairs)
    .groupBy(pairs.staffGroupCode, pairs.outcome, pairs.month);
}

/** Reopenings dated in the range, each its date: a complaint reopened twice counts twice (the seed report, Table 3). */
export function reopeningDatesIn(tx: OrgTransaction, orgId: string, range: DateRange) {
  return tx
    .select({ date: complaintReopenings.reopenedOn })
    .from(complaintReopenings)
    .where(
      and(
        eq(complaintReopenings.orgId, orgId),
        between(complaintReopenings.reopenedOn, range.start, range.end),
      ),
    );
}

export function localResolutionMeetingDatesIn(tx: OrgTransaction, orgId: string, range: DateRange) {
  return tx
    .select({ date: localResolutionMeetings.meetingDate })
    .from(localResolutionMeetings)
    .where(
      and(
        eq(localResolutionMeetings.orgId, orgId),
        between(localResolutionMeetings.meetingDate, range.start, range.end),
      ),
    );
}

export function ombudsmanReferralDatesIn(tx: OrgTransaction, orgId: string, range: DateRange) {
  return tx
    .select({ date: sql<IsoDate>`${complaintDetails.ombudsmanReferredDate}` })
    .from(complaintDetails)
    .where(
      and(
        eq(complaintDetails.orgId, orgId),
        between(complaintDetails.ombudsmanReferredDate, range.start, range.end),
      ),
    );
}

/** Records of one kind received in the range, each with whether a complaint was escalated from it. */
export function escalationsOfReceived(
  tx: OrgTransaction,
  orgId: string,
  kind: FeedbackKind,
  range: DateRange,
) {
  return tx
    .select({
      receivedDate: feedbackRecords.receivedDate,
      escalated: sql<boolean>`${complaintDetails.recordId} is not null`,
    })
    .from(feedbackRecords)
    .leftJoin(
      complaintDetails,
      and(
        eq(complaintDetails.orgId, feedbackRecords.orgId),
        eq(complaintDetails.escalatedFromRecordId, feedbackRecords.recordId),
      ),
    )
    .where(
      and(
        inOrg(orgId),
        eq(feedbackRecords.kind, kind),
        between(feedbackRecords.receivedDate, range.start, range.end),
      ),
    );
}

/**
 * The staff groups named on concerns received in the range, counted by group and month received:
 * the seed report's Table 11, where a concern naming two staff groups counts once under each.
 */
export function staffGroupsOfConcernsReceived(tx: OrgTransaction, orgId: string, range: DateRange) {
  const named = tx
    .select({
      staffGroupCode: sql<string>`unnest(${feedbackRecords.staffGroupCodes})`.as('staff_group_code'),
      month: sql<string>`to_char(${feedbackRecords.receivedDate}, 'YYYY-MM')`.as('received_month'),
    })
    .from(feedbackRecords)
    .where(
      and(
        inOrg(orgId),
        eq(feedbackRecords.kind, 'concern'),
        between(feedbackRecords.receivedDate, range.start, range.end),
      ),
    )
    .as('named');
  return tx
    .select({ staffGroupCode: named.staffGroupCode, month: named.month, count: count() })
    .from(named)
    .groupBy(named.staffGroupCode, named.month);
}
