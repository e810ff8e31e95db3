import { and, asc, desc, eq } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { qualityVisits, visitFindings } from './schema.ts';

export async function insertVisit(tx: OrgTransaction, visit: typeof qualityVisits.$inferInsert) {
  const [row] = await tx.insert(qualityVisits).values(visit).returning();
  if (!row) throw new Error('visit was not written');
  return row;
}

export async function insertFindings(tx: OrgTransaction, findings: (typeof visitFindings.$inferInsert)[]) {
  if (findings.length > 0) await tx.insert(visitFindings).values(findings);
}

export async function visitById(tx: OrgTransaction, orgId: string, visitId: string) {
  const [row] = await tx
    .select()
    .from(qualityVisits)
    .where(and(eq(qualityVisits.orgId, orgId), eq(qualityVisits.visitId, visitId)));
  return row ?? null;
}

export async function findingsOf(tx: OrgTransaction, orgId: string, visitId: string) {
  return tx
    .select()
    .from(visitFindings)
    .where(and(eq(visitFindings.orgId, orgId), eq(visitFindings.visitId, visitId)))
    .orderBy(asc(visitFindings.position));
}

export async function allVisits(tx: OrgTransaction, orgId: string) {
  return tx
    .select()
    .from(qualityVisits)
    .where(eq(qualityVisits.orgId, orgId))
    .orderBy(desc(qualityVisits.visitDate));
}

export async function setVisitPlan(tx: OrgTransaction, orgId: string, visitId: string, planId: string) {
  await tx
    .update(qualityVisits)
    .set({ planId })
    .where(and(eq(qualityVisits.orgId, orgId), eq(qualityVisits.visitId, visitId)));
}

export async function updateVisitRow(
  tx: OrgTransaction,
  orgId: string,
  visitId: string,
  changes: Partial<typeof qualityVisits.$inferInsert>,
) {
  const [row] = await tx
    .update(qualityVisits)
    .set(changes)
    .where(and(eq(qualityVisits.orgId, orgId), eq(qualityVisits.visitId, visitId)))
    .returning();
  if (!row) throw new Error('visit was not changed');
  return row;
}

export async function removeFindings(tx: OrgTransaction, orgId: string, visitId: string) {
  await tx
    .delete(visitFindings)
    .where(and(eq(visitFindings.orgId, orgId), eq(visitFindings.visitId, visitId)));
}
