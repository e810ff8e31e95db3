import { and, asc, eq } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { auditMeasurements, clinicalAudits } from './schema.ts';

export async function auditByName(tx: OrgTransaction, orgId: string, name: string) {
  const [row] = await tx
    .select()
    .from(clinicalAudits)
    .where(and(eq(clinicalAudits.orgId, orgId), eq(clinicalAudits.name, name)));
  return row ?? null;
}

export async function auditById(tx: OrgTransaction, orgId: string, auditId: string) {
  const [row] = await tx
    .select()
    .from(clinicalAudits)
    .where(and(eq(clinicalAudits.orgId, orgId), eq(clinicalAudits.auditId, auditId)));
  return row ?? null;
}

export async function insertAudit(tx: OrgTransaction, audit: typeof clinicalAudits.$inferInsert) {
  const [row] = await tx.insert(clinicalAudits).values(audit).returning();
  if (!row) throw new Error('audit was not written');
  return row;
}

export async function allAudits(tx: OrgTransaction, orgId: string) {
  return tx
    .select()
    .from(clinicalAudits)
    .where(eq(clinicalAudits.orgId, orgId))
    .orderBy(asc(clinicalAudits.name));
}

/** One measurement a date: measuring again on the same day corrects it. */
export async function upsertMeasurement(
  tx: OrgTransaction,
  measurement: typeof auditMeasurements.$inferInsert,
) {
  const [row] = await tx
    .insert(auditMeasurements)
    .values(measurement)
    .onConflictDoUpdate({
      target: [auditMeasurements.orgId, auditMeasurements.auditId, auditMeasurements.measuredOn],
      set: { compliancePercent: measurement.compliancePercent },
    })
    .returning();
  if (!row) throw new Error('measurement was not written');
  return row;
}

export async function measurementsOf(tx: OrgTransaction, orgId: string, auditId: string) {
  return tx
    .select()
    .from(auditMeasurements)
    .where(and(eq(auditMeasurements.orgId, orgId), eq(auditMeasurements.auditId, auditId)))
    .orderBy(asc(auditMeasurements.measuredOn));
}
