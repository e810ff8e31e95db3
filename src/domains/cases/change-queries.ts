import { and, desc, eq, notInArray, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import type { CaseChange } from './change-words.ts';
import { feedbackRecords } from './schema.ts';

// The queries behind optimistic locking: a case's version, and the changes that raised it.

const recordKey = (orgId: string, recordId: string) =>
  and(eq(feedbackRecords.orgId, orgId), eq(feedbackRecords.recordId, recordId));

/** Raises a case's version by one; returns the new version. */
export async function raiseVersion(tx: OrgTransaction, orgId: string, recordId: string): Promise<number> {
  const [row] = await tx
    .update(feedbackRecords)
    .set({ version: sql`${feedbackRecords.version} + 1`, updatedAt: new Date() })
    .where(recordKey(orgId, recordId))
    .returning({ version: feedbackRecords.version });
  if (!row) throw new Error('the case whose version was to be raised was not found');
  return row.version;
}

/** A case's version now, or null when there is no such case in the organisation. */
export async function versionOf(tx: OrgTransaction, orgId: string, recordId: string) {
  const [row] = await tx
    .select({ version: feedbackRecords.version })
    .from(feedbackRecords)
    .where(recordKey(orgId, recordId));
  return row?.version ?? null;
}

/** Events on a case that did not change it from one version to the next: reads, and its creation. */
const notChanges = ['case.viewed', 'case.logged', 'case.imported'];

/**
 * The latest `count` changes recorded on a case, newest first. Each change raises the version by
 * one and records one event (case-changes.ts), so the changes since version v are the last
 * (current − v); reads are recorded too and are left out.
 */
export async function latestChanges(
  tx: OrgTransaction,
  orgId: string,
  recordId: string,
  count: number,
): Promise<CaseChange[]> {
  if (count <= 0) return [];
  return tx
    .select({
      actorName: auditEvents.actorName,
      action: auditEvents.action,
      occurredAt: auditEvents.occurredAt,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.orgId, orgId),
        eq(auditEvents.entityType, 'case'),
        eq(auditEvents.entityId, recordId),
        eq(auditEvents.confidentialRead, false),
        notInArray(auditEvents.action, notChanges),
      ),
    )
    .orderBy(desc(auditEvents.sequence))
    .limit(count);
}
