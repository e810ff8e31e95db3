import { and, count, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import type { FeedbackKind } from './kinds-and-channels.ts';
import { recordColumns } from './queries.ts';
import { complaintDetails, feedbackRecords, type RecordStatus, responseExtensions } from './schema.ts';

// The work queue's query: filters, full-text search and paging done by the database, so that a
// queue of 10,000 cases reads only the 50 it shows.

/** Whose personal words a search may look in (cases/access.ts decides; case-reads.ts asks it). */
export type PersonalSearch = 'every-case' | { assignedTo: string } | 'none';

export interface QueueQuery {
  kind?: FeedbackKind;
  status?: RecordStatus;
  /** Only records in these units; undefined for every unit. */
  unitIds?: readonly string[];
  investigatorUserId?: string;
  /** Cases assigned to this member of staff as investigator, or logged by them. */
  mineOf?: string;
  /** Open complaints whose acknowledgement or response is still due, or overdue, on `today`. */
  deadline?: { which: 'acknowledgement' | 'response'; status: 'due' | 'overdue' };
  today: IsoDate;
  /** Words as someone types them in a search box (PostgreSQL's websearch syntax). */
  search?: { words: string; personal: PersonalSearch };
  limit: number;
  offset: number;
}

const joinDetails = and(
  eq(complaintDetails.orgId, feedbackRecords.orgId),
  eq(complaintDetails.recordId, feedbackRecords.recordId),
);

/** The latest response date agreed by extension, if any. */
const latestExtension = sql`(select max(${responseExtensions.newResponseDate}) from ${responseExtensions}
  where ${responseExtensions.orgId} = ${feedbackRecords.orgId} and ${responseExtensions.recordId} = ${feedbackRecords.recordId})`;
/** The response date in force: the first agreed, moved by any extension (deadlines.ts). */
const responseDueDate = sql`greatest(${complaintDetails.agreedResponseDate}, ${latestExtension})`;

function deadlineCondition(deadline: NonNullable<QueueQuery['deadline']>, today: IsoDate): SQL[] {
  const comparison = (due: SQL | typeof complaintDetails.acknowledgementDueDate) =>
    deadline.status === 'due' ? sql`${due} >= ${today}::date` : sql`${due} < ${today}::date`;
  const open = [eq(feedbackRecords.kind, 'complaint'), eq(feedbackRecords.status, 'open')];
  if (deadline.which === 'acknowledgement') {
    return [
      ...open,
      sql`${complaintDetails.acknowledgedDate} is null`,
      comparison(complaintDetails.acknowledgementDueDate),
    ];
  }
  // A withdrawn complaint needs no response (case-reads.ts).
  return [
    ...open,
    sql`${complaintDetails.responseSentDate} is null`,
    sql`${complaintDetails.withdrawnDate} is null`,
    comparison(responseDueDate),
  ];
}

const tsQuery = (words: string) => sql`websearch_to_tsquery('english', ${words})`;

/** Whether this row's personal words may be searched by the person searching. */
function personalAllowed(personal: PersonalSearch): SQL {
  if (personal === 'every-case') return sql`true`;
  if (personal === 'none') return sql`false`;
  return sql`coalesce(${complaintDetails.investigatorUserId} = ${personal.assignedTo}, false)`;
}

function searchParts(search: NonNullable<QueueQuery['search']>) {
  const query = tsQuery(search.words);
  const allowed = personalAllowed(search.personal);
  return {
    condition: sql`(${feedbackRecords.searchText} @@ ${query} or (${allowed} and ${feedbackRecords.searchPersonalText} @@ ${query}))`,
    rank: sql`ts_rank(${feedbackRecords.searchText}, ${query}) + case when ${allowed} then ts_rank(${feedbackRecords.searchPersonalText}, ${query}) else 0 end`,
  };
}

function conditionsOf(orgId: string, query: QueueQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(feedbackRecords.orgId, orgId)];
  if (query.kind) conditions.push(eq(feedbackRecords.kind, query.kind));
  if (query.status) conditions.push(eq(feedbackRecords.status, query.status));
  if (query.unitIds) conditions.push(inArray(feedbackRecords.unitId, [...query.unitIds]));
  if (query.investigatorUserId) {
    conditions.push(eq(complaintDetails.investigatorUserId, query.investigatorUserId));
  }
  if (query.mineOf) {
    conditions.push(
      or(eq(complaintDetails.investigatorUserId, query.mineOf), eq(feedbackRecords.createdBy, query.mineOf)),
    );
  }
  if (query.deadline) conditions.push(...deadlineCondition(query.deadline, query.today));
  if (query.search) conditions.push(searchParts(query.search).condition);
  return and(...conditions);
}

function orderOf(query: QueueQuery): SQL[] {
  const newestFirst = [sql`${feedbackRecords.receivedDate} desc`, sql`${feedbackRecords.reference} desc`];
  if (query.search) return [sql`${searchParts(query.search).rank} desc`, ...newestFirst];
  // The most pressing deadline first.
  if (query.deadline?.which === 'acknowledgement') {
    return [sql`${complaintDetails.acknowledgementDueDate} asc`, ...newestFirst];
  }
  if (query.deadline?.which === 'response') return [sql`${responseDueDate} asc`, ...newestFirst];
  return newestFirst;
}

/** One page of the queue: records (without their search columns), complaint details and extension. */
export async function queuePage(tx: OrgTransaction, orgId: string, query: QueueQuery) {
  if (query.unitIds?.length === 0) return [];
  return tx
    .select({
      record: recordColumns,
      details: complaintDetails,
      latestExtension: sql<string | null>`${latestExtension}::text`,
    })
    .from(feedbackRecords)
    .leftJoin(complaintDetails, joinDetails)
    .where(conditionsOf(orgId, query))
    .orderBy(...orderOf(query))
    .limit(query.limit)
    .offset(query.offset);
}

/** How many cases the queue holds in all, across its pages. */
export async function queueCount(tx: OrgTransaction, orgId: string, query: QueueQuery): Promise<number> {
  if (query.unitIds?.length === 0) return 0;
  const [row] = await tx
    .select({ total: count() })
    .from(feedbackRecords)
    .leftJoin(complaintDetails, joinDetails)
    .where(conditionsOf(orgId, query));
  return row?.total ?? 0;
}
