import { and, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import type { PagePosition } from './api-paging.ts';
import type { FeedbackKind } from './kinds-and-channels.ts';
import { complaintDetails, complaintIssues, feedbackRecords, type RecordStatus } from './schema.ts';

// The queries behind /api/v1/cases that the case pages do not need.

export interface CasePageFilters {
  kind?: FeedbackKind;
  status?: RecordStatus;
  /** Only records in these units; undefined for every unit. */
  unitIds?: readonly string[];
  receivedFrom?: IsoDate;
  receivedTo?: IsoDate;
  /** Start after this case, in the list's order; from the newest when not given. */
  after?: PagePosition;
  limit: number;
}

/** The fields of a record in the list: none of its personal data is even read. */
const listedRecord = {
  recordId: feedbackRecords.recordId,
  reference: feedbackRecords.reference,
  kind: feedbackRecords.kind,
  channel: feedbackRecords.channel,
  unitId: feedbackRecords.unitId,
  receivedDate: feedbackRecords.receivedDate,
  eventDate: feedbackRecords.eventDate,
  noticeDate: feedbackRecords.noticeDate,
  summary: feedbackRecords.summary,
  status: feedbackRecords.status,
  closedDate: feedbackRecords.closedDate,
};

const listedDetails = {
  acknowledgementDueDate: complaintDetails.acknowledgementDueDate,
  acknowledgedDate: complaintDetails.acknowledgedDate,
  agreedResponseDate: complaintDetails.agreedResponseDate,
  responseSentDate: complaintDetails.responseSentDate,
  withdrawnDate: complaintDetails.withdrawnDate,
  investigatorUserId: complaintDetails.investigatorUserId,
};

/** Up to `limit` records, newest received first (then by reference, so the order is total). */
export async function casesPage(tx: OrgTransaction, orgId: string, filters: CasePageFilters) {
  const conditions: SQL[] = [eq(feedbackRecords.orgId, orgId)];
  if (filters.kind) conditions.push(eq(feedbackRecords.kind, filters.kind));
  if (filters.status) conditions.push(eq(feedbackRecords.status, filters.status));
  if (filters.unitIds) {
    if (filters.unitIds.length === 0) return [];
    conditions.push(inArray(feedbackRecords.unitId, [...filters.unitIds]));
  }
  if (filters.receivedFrom) conditions.push(gte(feedbackRecords.receivedDate, filters.receivedFrom));
  if (filters.receivedTo) conditions.push(lte(feedbackRecords.receivedDate, filters.receivedTo));
  if (filters.after) {
    conditions.push(
      sql`(${feedbackRecords.receivedDate}, ${feedbackRecords.reference}) < (${filters.after.receivedDate}::date, ${filters.after.reference})`,
    );
  }
  return tx
    .select({ record: listedRecord, details: listedDetails })
    .from(feedbackRecords)
    .leftJoin(
      complaintDetails,
      and(
        eq(complaintDetails.orgId, feedbackRecords.orgId),
        eq(complaintDetails.recordId, feedbackRecords.recordId),
      ),
    )
    .where(and(...conditions))
    .orderBy(desc(feedbackRecords.receivedDate), desc(feedbackRecords.reference))
    .limit(filters.limit);
}

export type ListedCaseRow = Awaited<ReturnType<typeof casesPage>>[number];

/** What deciding who may act on a case needs: its unit and its investigator. */
export async function caseAccessFacts(tx: OrgTransaction, orgId: string, recordId: string) {
  const [row] = await tx
    .select({
      unitId: feedbackRecords.unitId,
      investigatorUserId: complaintDetails.investigatorUserId,
    })
    .from(feedbackRecords)
    .leftJoin(
      complaintDetails,
      and(
        eq(complaintDetails.orgId, feedbackRecords.orgId),
        eq(complaintDetails.recordId, feedbackRecords.recordId),
      ),
    )
    .where(and(eq(feedbackRecords.orgId, orgId), eq(feedbackRecords.recordId, recordId)));
  return row ?? null;
}

/** Whether `issueId` is an issue of the case `recordId`. */
export async function isIssueOfCase(tx: OrgTransaction, orgId: string, recordId: string, issueId: string) {
  const rows = await tx
    .select({ issueId: complaintIssues.issueId })
    .from(complaintIssues)
    .where(
      and(
        eq(complaintIssues.orgId, orgId),
        eq(complaintIssues.recordId, recordId),
        eq(complaintIssues.issueId, issueId),
      ),
    );
  return rows.length > 0;
}
