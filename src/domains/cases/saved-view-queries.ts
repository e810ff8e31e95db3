import { and, asc, eq } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { type SavedCaseViewRow, savedCaseViews } from './schema.ts';

// A member of staff's saved work queues: every query names the owner, so no one reaches another's.

const ownedBy = (orgId: string, userId: string) =>
  and(eq(savedCaseViews.orgId, orgId), eq(savedCaseViews.userId, userId));

export async function viewsOf(tx: OrgTransaction, orgId: string, userId: string) {
  return tx
    .select()
    .from(savedCaseViews)
    .where(ownedBy(orgId, userId))
    .orderBy(asc(savedCaseViews.name), asc(savedCaseViews.createdAt));
}

export async function viewNamed(tx: OrgTransaction, orgId: string, userId: string, name: string) {
  const [row] = await tx
    .select({ viewId: savedCaseViews.viewId })
    .from(savedCaseViews)
    .where(and(ownedBy(orgId, userId), eq(savedCaseViews.name, name)));
  return row ?? null;
}

export async function insertView(
  tx: OrgTransaction,
  view: typeof savedCaseViews.$inferInsert,
): Promise<SavedCaseViewRow> {
  const [row] = await tx.insert(savedCaseViews).values(view).returning();
  if (!row) throw new Error('saved view was not written');
  return row;
}

/** Deletes one of the person's own views; null when they have none with that id. */
export async function deleteOwnView(tx: OrgTransaction, orgId: string, userId: string, viewId: string) {
  const [row] = await tx
    .delete(savedCaseViews)
    .where(and(ownedBy(orgId, userId), eq(savedCaseViews.viewId, viewId)))
    .returning();
  return row ?? null;
}
