import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import { roleGrants, users } from '#src/domains/identity/schema.ts';
import {
  type CaseAlertKind,
  caseAlerts,
  caseTasks,
  complaintDetails,
  feedbackRecords,
  responseExtensions,
} from './schema.ts';

// The SQL behind reminders and overdue alerts (alerts.ts), kept apart from the shared queries.ts.
// Nothing here reads a case's personal data: an alert names the case by its reference only.

/** The latest response date agreed by extension, if any (as queue-queries.ts works it out). */
const latestExtension = sql<string | null>`(select max(${responseExtensions.newResponseDate})::text
  from ${responseExtensions}
  where ${responseExtensions.orgId} = ${feedbackRecords.orgId} and ${responseExtensions.recordId} = ${feedbackRecords.recordId})`;

/**
 * Open complaints with a deadline still to meet, with their investigator's email when that
 * investigator can still sign in.
 */
export async function complaintsAwaitingDeadlines(tx: OrgTransaction, orgId: string) {
  return tx
    .select({
      recordId: feedbackRecords.recordId,
      reference: feedbackRecords.reference,
      acknowledgementDueDate: complaintDetails.acknowledgementDueDate,
      acknowledgedDate: complaintDetails.acknowledgedDate,
      agreedResponseDate: complaintDetails.agreedResponseDate,
      latestExtension,
      responseSentDate: complaintDetails.responseSentDate,
      withdrawnDate: complaintDetails.withdrawnDate,
      investigatorEmail: users.email,
    })
    .from(feedbackRecords)
    .innerJoin(
      complaintDetails,
      and(
        eq(complaintDetails.orgId, feedbackRecords.orgId),
        eq(complaintDetails.recordId, feedbackRecords.recordId),
      ),
    )
    .leftJoin(
      users,
      and(
        eq(users.orgId, complaintDetails.orgId),
        eq(users.userId, complaintDetails.investigatorUserId),
        isNull(users.disabledAt),
      ),
    )
    .where(
      and(
        eq(feedbackRecords.orgId, orgId),
        eq(feedbackRecords.kind, 'complaint'),
        eq(feedbackRecords.status, 'open'),
        isNull(feedbackRecords.destroyedDate),
        sql`(${complaintDetails.acknowledgedDate} is null or (${complaintDetails.responseSentDate} is null and ${complaintDetails.withdrawnDate} is null))`,
      ),
    );
}

/** Tasks not yet done, due within the next `days` calendar days, whose assignee can still sign in. */
export async function tasksDueSoon(tx: OrgTransaction, orgId: string, today: IsoDate, days: number) {
  return tx
    .select({
      recordId: caseTasks.recordId,
      reference: feedbackRecords.reference,
      dueDate: caseTasks.dueDate,
      completedDate: caseTasks.completedDate,
      assigneeEmail: users.email,
    })
    .from(caseTasks)
    .innerJoin(
      feedbackRecords,
      and(eq(feedbackRecords.orgId, caseTasks.orgId), eq(feedbackRecords.recordId, caseTasks.recordId)),
    )
    .innerJoin(
      users,
      and(
        eq(users.orgId, caseTasks.orgId),
        eq(users.userId, caseTasks.assignedUserId),
        isNull(users.disabledAt),
      ),
    )
    .where(
      and(
        eq(caseTasks.orgId, orgId),
        isNull(caseTasks.completedDate),
        isNull(feedbackRecords.destroyedDate),
        sql`${caseTasks.dueDate} > ${today}::date`,
        sql`${caseTasks.dueDate} <= ${today}::date + ${days}::integer`,
      ),
    );
}

/** The email addresses of everyone in the organisation who holds the complaints officer role and can sign in. */
export async function complaintsTeamEmails(tx: OrgTransaction, orgId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ email: users.email })
    .from(users)
    .innerJoin(roleGrants, and(eq(roleGrants.orgId, users.orgId), eq(roleGrants.userId, users.userId)))
    .where(and(eq(users.orgId, orgId), eq(roleGrants.role, 'complaints_officer'), isNull(users.disabledAt)))
    .orderBy(users.email);
  return rows.map((row) => row.email);
}

/** 'record kind due-date' for every alert already queued for these cases. */
export async function alertsQueuedFor(
  tx: OrgTransaction,
  orgId: string,
  recordIds: readonly string[],
): Promise<Set<string>> {
  if (recordIds.length === 0) return new Set();
  const rows = await tx
    .select({ recordId: caseAlerts.recordId, kind: caseAlerts.kind, dueDate: caseAlerts.dueDate })
    .from(caseAlerts)
    .where(and(eq(caseAlerts.orgId, orgId), inArray(caseAlerts.recordId, [...recordIds])));
  return new Set(rows.map((row) => alertKey(row.recordId, row.kind, row.dueDate)));
}

export const alertKey = (recordId: string, kind: CaseAlertKind, dueDate: IsoDate) =>
  `${recordId} ${kind} ${dueDate}`;

/**
 * Notes an alert as queued; false when it already was (another pass, perhaps in another process,
 * got there first: the primary key decides, so each alert is queued once).
 */
export async function noteAlertQueued(
  tx: OrgTransaction,
  alert: { orgId: string; recordId: string; kind: CaseAlertKind; dueDate: IsoDate },
): Promise<boolean> {
  const inserted = await tx
    .insert(caseAlerts)
    .values(alert)
    .onConflictDoNothing()
    .returning({ recordId: caseAlerts.recordId });
  return inserted.length > 0;
}
