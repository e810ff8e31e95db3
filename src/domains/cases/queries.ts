import { and, asc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { users } from '#src/domains/identity/schema.ts';
import { units } from '#src/domains/organisations/schema.ts';
import type { FeedbackKind } from './kinds-and-channels.ts';
import {
  type CaseNoteRow,
  type ComplaintDetailsRow,
  type ComplaintIssueRow,
  caseNotes,
  complaintDetails,
  complaintIssues,
  complaintReopenings,
  type FeedbackRecordRow,
  feedbackRecords,
  type LearningPointRow,
  type LocalResolutionMeetingRow,
  learningPoints,
  localResolutionMeetings,
  type RecordStatus,
  type ResponseExtensionRow,
  recordReferenceCounters,
  responseExtensions,
} from './schema.ts';

/** Every column of a record but the search columns, which hold (personal) words and stay in the database. */
const {
  searchText: _searchText,
  searchPersonalText: _searchPersonalText,
  ...columns
} = getTableColumns(feedbackRecords);
export const recordColumns = columns;

function one<T>(rows: T[], what: string): T {
  const [row] = rows;
  if (!row) throw new Error(`${what} was not written`);
  return row;
}

/** The next number for a prefix and year, taken under the counter row's lock. */
export async function nextReferenceNumber(
  tx: OrgTransaction,
  orgId: string,
  prefix: string,
  year: number,
): Promise<number> {
  const rows = await tx
    .insert(recordReferenceCounters)
    .values({ orgId, prefix, year, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [recordReferenceCounters.orgId, recordReferenceCounters.prefix, recordReferenceCounters.year],
      set: { lastNumber: sql`${recordReferenceCounters.lastNumber} + 1` },
    })
    .returning({ lastNumber: recordReferenceCounters.lastNumber });
  return one(rows, 'reference counter').lastNumber;
}

export async function unitExists(tx: OrgTransaction, orgId: string, unitId: string): Promise<boolean> {
  const rows = await tx
    .select({ unitId: units.unitId })
    .from(units)
    .where(and(eq(units.orgId, orgId), eq(units.unitId, unitId)));
  return rows.length > 0;
}

export async function activeUserName(tx: OrgTransaction, orgId: string, userId: string) {
  const [row] = await tx
    .select({ name: users.displayName })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.userId, userId), sql`${users.disabledAt} is null`));
  return row?.name ?? null;
}

export async function insertRecord(tx: OrgTransaction, record: typeof feedbackRecords.$inferInsert) {
  return one(await tx.insert(feedbackRecords).values(record).returning(recordColumns), 'feedback record');
}

export async function insertComplaintDetails(
  tx: OrgTransaction,
  details: typeof complaintDetails.$inferInsert,
) {
  return one(await tx.insert(complaintDetails).values(details).returning(), 'complaint details');
}

const recordKey = (orgId: string, recordId: string) =>
  and(eq(feedbackRecords.orgId, orgId), eq(feedbackRecords.recordId, recordId));
const detailsKey = (orgId: string, recordId: string) =>
  and(eq(complaintDetails.orgId, orgId), eq(complaintDetails.recordId, recordId));

/** A record and, for a complaint, its details; locked for update, since every caller is about to change it. */
export async function recordForUpdate(
  tx: OrgTransaction,
  orgId: string,
  recordId: string,
): Promise<{ record: FeedbackRecordRow; details: ComplaintDetailsRow | null } | null> {
  const [record] = await tx
    .select(recordColumns)
    .from(feedbackRecords)
    .where(recordKey(orgId, recordId))
    .for('update');
  if (!record) return null;
  const [details] = await tx.select().from(complaintDetails).where(detailsKey(orgId, recordId)).for('update');
  return { record, details: details ?? null };
}

export async function updateRecordRow(
  tx: OrgTransaction,
  orgId: string,
  recordId: string,
  changes: Partial<
    Pick<
      FeedbackRecordRow,
      | 'status'
      | 'closedDate'
      | 'summary'
      | 'unitId'
      | 'channel'
      | 'receivedDate'
      | 'eventDate'
      | 'noticeDate'
      | 'personName'
      | 'contactDetails'
      | 'narrative'
      | 'desiredOutcome'
      | 'resolution'
      | 'staffGroupCodes'
    >
  >,
): Promise<FeedbackRecordRow> {
  return one(
    await tx
      .update(feedbackRecords)
      .set({ ...changes, updatedAt: new Date() })
      .where(recordKey(orgId, recordId))
      .returning(recordColumns),
    'feedback record',
  );
}

export type DetailsChanges = Partial<Omit<ComplaintDetailsRow, 'orgId' | 'recordId' | 'updatedAt'>>;

export async function updateDetailsRow(
  tx: OrgTransaction,
  orgId: string,
  recordId: string,
  changes: DetailsChanges,
): Promise<ComplaintDetailsRow> {
  return one(
    await tx
      .update(complaintDetails)
      .set({ ...changes, updatedAt: new Date() })
      .where(detailsKey(orgId, recordId))
      .returning(),
    'complaint details',
  );
}

export async function insertReopening(
  tx: OrgTransaction,
  reopening: typeof complaintReopenings.$inferInsert,
) {
  return one(await tx.insert(complaintReopenings).values(reopening).returning(), 'reopening');
}

/** The complaint a concern was escalated to, if any. */
export async function complaintEscalatedFrom(tx: OrgTransaction, orgId: string, concernId: string) {
  const [row] = await tx
    .select({ recordId: complaintDetails.recordId })
    .from(complaintDetails)
    .where(and(eq(complaintDetails.orgId, orgId), eq(complaintDetails.escalatedFromRecordId, concernId)));
  return row?.recordId ?? null;
}

export async function insertExtension(tx: OrgTransaction, extension: typeof responseExtensions.$inferInsert) {
  return one(await tx.insert(responseExtensions).values(extension).returning(), 'extension');
}

export async function extensionsOf(tx: OrgTransaction, orgId: string, recordId: string) {
  return tx
    .select()
    .from(responseExtensions)
    .where(and(eq(responseExtensions.orgId, orgId), eq(responseExtensions.recordId, recordId)))
    .orderBy(asc(responseExtensions.agreedWithComplainantOn), asc(responseExtensions.createdAt));
}

export async function insertIssue(tx: OrgTransaction, issue: typeof complaintIssues.$inferInsert) {
  return one(await tx.insert(complaintIssues).values(issue).returning(), 'issue');
}

export async function issuesOf(tx: OrgTransaction, orgId: string, recordId: string) {
  return tx
    .select()
    .from(complaintIssues)
    .where(and(eq(complaintIssues.orgId, orgId), eq(complaintIssues.recordId, recordId)))
    .orderBy(asc(complaintIssues.createdAt), asc(complaintIssues.issueId));
}

export async function issueForUpdate(tx: OrgTransaction, orgId: string, issueId: string) {
  const [row] = await tx
    .select()
    .from(complaintIssues)
    .where(and(eq(complaintIssues.orgId, orgId), eq(complaintIssues.issueId, issueId)))
    .for('update');
  return row ?? null;
}

export async function updateIssueOutcome(
  tx: OrgTransaction,
  orgId: string,
  issueId: string,
  outcome: ComplaintIssueRow['outcome'],
) {
  return one(
    await tx
      .update(complaintIssues)
      .set({ outcome, updatedAt: new Date() })
      .where(and(eq(complaintIssues.orgId, orgId), eq(complaintIssues.issueId, issueId)))
      .returning(),
    'issue',
  );
}

/** An issue's KO41a service area and clinical-treatment sub-category. */
export async function updateIssueRow(
  tx: OrgTransaction,
  orgId: string,
  issueId: string,
  changes: Pick<ComplaintIssueRow, 'serviceAreaCode' | 'clinicalTreatmentCode'>,
) {
  return one(
    await tx
      .update(complaintIssues)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(complaintIssues.orgId, orgId), eq(complaintIssues.issueId, issueId)))
      .returning(),
    'issue',
  );
}

export async function insertMeeting(
  tx: OrgTransaction,
  meeting: typeof localResolutionMeetings.$inferInsert,
): Promise<LocalResolutionMeetingRow> {
  return one(await tx.insert(localResolutionMeetings).values(meeting).returning(), 'meeting');
}

export async function meetingsOf(tx: OrgTransaction, orgId: string, recordId: string) {
  return tx
    .select()
    .from(localResolutionMeetings)
    .where(and(eq(localResolutionMeetings.orgId, orgId), eq(localResolutionMeetings.recordId, recordId)))
    .orderBy(asc(localResolutionMeetings.meetingDate));
}

export async function insertNote(
  tx: OrgTransaction,
  note: typeof caseNotes.$inferInsert,
): Promise<CaseNoteRow> {
  return one(await tx.insert(caseNotes).values(note).returning(), 'note');
}

export async function notesOf(tx: OrgTransaction, orgId: string, recordId: string) {
  return tx
    .select()
    .from(caseNotes)
    .where(and(eq(caseNotes.orgId, orgId), eq(caseNotes.recordId, recordId)))
    .orderBy(asc(caseNotes.createdAt));
}

export async function insertLearningPoint(
  tx: OrgTransaction,
  point: typeof learningPoints.$inferInsert,
): Promise<LearningPointRow> {
  return one(await tx.insert(learningPoints).values(point).returning(), 'learning point');
}

export async function learningPointsOf(tx: OrgTransaction, orgId: string, recordId: string) {
  return tx
    .select()
    .from(learningPoints)
    .where(and(eq(learningPoints.orgId, orgId), eq(learningPoints.recordId, recordId)))
    .orderBy(asc(learningPoints.createdAt));
}

export interface CaseFilters {
  recordIds?: readonly string[];
  kind?: FeedbackKind;
  status?: RecordStatus;
  /** Only records in these units; undefined for every unit. */
  unitIds?: readonly string[];
  investigatorUserId?: string;
}

/** Records with their complaint details (when a complaint), newest first, narrowed by `filters`. */
export async function recordsMatching(tx: OrgTransaction, orgId: string, filters: CaseFilters) {
  const conditions: (SQL | undefined)[] = [eq(feedbackRecords.orgId, orgId)];
  if (filters.recordIds) conditions.push(inArray(feedbackRecords.recordId, [...filters.recordIds]));
  if (filters.kind) conditions.push(eq(feedbackRecords.kind, filters.kind));
  if (filters.status) conditions.push(eq(feedbackRecords.status, filters.status));
  if (filters.unitIds) {
    if (filters.unitIds.length === 0) return [];
    conditions.push(inArray(feedbackRecords.unitId, [...filters.unitIds]));
  }
  if (filters.investigatorUserId) {
    conditions.push(eq(complaintDetails.investigatorUserId, filters.investigatorUserId));
  }
  return tx
    .select({ record: recordColumns, details: complaintDetails })
    .from(feedbackRecords)
    .leftJoin(
      complaintDetails,
      and(
        eq(complaintDetails.orgId, feedbackRecords.orgId),
        eq(complaintDetails.recordId, feedbackRecords.recordId),
      ),
    )
    .where(and(...conditions))
    .orderBy(sql`${feedbackRecords.receivedDate} desc`, sql`${feedbackRecords.reference} desc`);
}

/** The latest response date agreed for each of `recordIds` by extension. */
export async function latestExtensionDates(tx: OrgTransaction, orgId: string, recordIds: readonly string[]) {
  if (recordIds.length === 0) return new Map<string, string>();
  const rows = await tx
    .select({
      recordId: responseExtensions.recordId,
      latest: sql<string>`max(${responseExtensions.newResponseDate})::text`,
    })
    .from(responseExtensions)
    .where(and(eq(responseExtensions.orgId, orgId), inArray(responseExtensions.recordId, [...recordIds])))
    .groupBy(responseExtensions.recordId);
  return new Map(rows.map((row) => [row.recordId, row.latest]));
}

export type { ResponseExtensionRow };
