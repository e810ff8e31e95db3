import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import { units } from '#src/domains/organisations/schema.ts';
import {
  caseAttachments,
  caseNotes,
  caseTasks,
  complaintDetails,
  feedbackRecords,
  localResolutionMeetings,
  type RetentionReviewRow,
  responseLetters,
  retentionReviews,
} from './schema.ts';

// The SQL behind retention reviews (retention-service.ts), kept apart from the shared queries.ts.
// The list reads no personal data; destroying a case file empties every column that holds some.

/** A later review already agreed: a decision to retain whose review-again date is after `today`. */
const retainedBeyond = (today: IsoDate) => sql`exists (
  select 1 from ${retentionReviews}
  where ${retentionReviews.orgId} = ${feedbackRecords.orgId}
    and ${retentionReviews.recordId} = ${feedbackRecords.recordId}
    and ${retentionReviews.decision} = 'retain'
    and ${retentionReviews.reviewAgainDate} > ${today}::date)`;

/**
 * Closed case files whose 10 years from closure have passed by `today` (the same date arithmetic
 * as retention.ts: 29 February closes on 28 February), not under litigation, not destroyed, and
 * not kept for a later review. The oldest closure first.
 */
export async function casesPastRetention(tx: OrgTransaction, orgId: string, today: IsoDate) {
  return tx
    .select({
      recordId: feedbackRecords.recordId,
      reference: feedbackRecords.reference,
      kind: feedbackRecords.kind,
      summary: feedbackRecords.summary,
      unitName: units.name,
      closedDate: feedbackRecords.closedDate,
      litigationOngoing: sql<boolean>`coalesce(${complaintDetails.litigationOngoing}, false)`,
    })
    .from(feedbackRecords)
    .innerJoin(units, and(eq(units.orgId, feedbackRecords.orgId), eq(units.unitId, feedbackRecords.unitId)))
    .leftJoin(
      complaintDetails,
      and(
        eq(complaintDetails.orgId, feedbackRecords.orgId),
        eq(complaintDetails.recordId, feedbackRecords.recordId),
      ),
    )
    .where(
      and(
        eq(feedbackRecords.orgId, orgId),
        ne(feedbackRecords.status, 'open'),
        isNull(feedbackRecords.destroyedDate),
        sql`${feedbackRecords.closedDate} + interval '10 years' <= ${today}::date`,
        sql`not coalesce(${complaintDetails.litigationOngoing}, false)`,
        sql`not ${retainedBeyond(today)}`,
      ),
    )
    .orderBy(asc(feedbackRecords.closedDate), asc(feedbackRecords.reference));
}

export async function unitName(tx: OrgTransaction, orgId: string, unitId: string): Promise<string | null> {
  const [row] = await tx
    .select({ name: units.name })
    .from(units)
    .where(and(eq(units.orgId, orgId), eq(units.unitId, unitId)));
  return row?.name ?? null;
}

/** The case's latest decision to retain whose review-again date is after `today`, if any. */
export async function retainedUntil(
  tx: OrgTransaction,
  orgId: string,
  recordId: string,
  today: IsoDate,
): Promise<IsoDate | null> {
  const [row] = await tx
    .select({ reviewAgainDate: retentionReviews.reviewAgainDate })
    .from(retentionReviews)
    .where(
      and(
        eq(retentionReviews.orgId, orgId),
        eq(retentionReviews.recordId, recordId),
        eq(retentionReviews.decision, 'retain'),
        sql`${retentionReviews.reviewAgainDate} > ${today}::date`,
      ),
    )
    .orderBy(desc(retentionReviews.reviewAgainDate))
    .limit(1);
  return row?.reviewAgainDate ?? null;
}

export async function insertRetentionReview(
  tx: OrgTransaction,
  review: typeof retentionReviews.$inferInsert,
): Promise<RetentionReviewRow> {
  const [row] = await tx.insert(retentionReviews).values(review).returning();
  if (!row) throw new Error('retention review was not written');
  return row;
}

/** How many rows of each kind lost their words when a case file was destroyed. */
export interface DestroyedParts {
  notes: number;
  meetings: number;
  attachments: number;
  tasks: number;
  responseLetters: number;
}

/**
 * Empties every column of a case that holds personal data (those marked CONFIDENTIAL in
 * schema.ts, and tasks' words, which may name people) and marks the file destroyed. The rows
 * stay, with their kinds, dates, units, issues and outcomes, so that every count still counts.
 * Text columns that may not be null are emptied rather than nulled.
 */
export async function destroyCaseFile(
  tx: OrgTransaction,
  orgId: string,
  recordId: string,
  destroyedDate: IsoDate,
): Promise<DestroyedParts> {
  await tx
    .update(feedbackRecords)
    .set({
      narrative: null,
      desiredOutcome: null,
      personName: null,
      contactDetails: {},
      onBehalfOfName: null,
      resolution: null,
      destroyedDate,
      updatedAt: new Date(),
    })
    .where(and(eq(feedbackRecords.orgId, orgId), eq(feedbackRecords.recordId, recordId)));
  const notes = await tx
    .update(caseNotes)
    .set({ text: '' })
    .where(and(eq(caseNotes.orgId, orgId), eq(caseNotes.recordId, recordId)))
    .returning({ id: caseNotes.noteId });
  const meetings = await tx
    .update(localResolutionMeetings)
    .set({ attendees: '', notes: null })
    .where(and(eq(localResolutionMeetings.orgId, orgId), eq(localResolutionMeetings.recordId, recordId)))
    .returning({ id: localResolutionMeetings.meetingId });
  // The size, type and checksum stay: they say what was kept, not what it said.
  const attachments = await tx
    .update(caseAttachments)
    .set({ content: null, fileName: '' })
    .where(and(eq(caseAttachments.orgId, orgId), eq(caseAttachments.recordId, recordId)))
    .returning({ id: caseAttachments.attachmentId });
  const tasks = await tx
    .update(caseTasks)
    .set({ description: '', updatedAt: new Date() })
    .where(and(eq(caseTasks.orgId, orgId), eq(caseTasks.recordId, recordId)))
    .returning({ id: caseTasks.taskId });
  const letters = await tx
    .update(responseLetters)
    .set({ body: '', updatedAt: new Date() })
    .where(and(eq(responseLetters.orgId, orgId), eq(responseLetters.recordId, recordId)))
    .returning({ id: responseLetters.recordId });
  return {
    notes: notes.length,
    meetings: meetings.length,
    attachments: attachments.length,
    tasks: tasks.length,
    responseLetters: letters.length,
  };
}
