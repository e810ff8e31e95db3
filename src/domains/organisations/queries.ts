import { and, eq, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { organisations, units } from './schema.ts';

export async function insertOrganisation(
  tx: OrgTransaction,
  organisation: typeof organisations.$inferInsert,
) {
  const [row] = await tx.insert(organisations).values(organisation).returning();
  if (!row) throw new Error('organisation was not inserted');
  return row;
}

/** Run as system: an organisation is found by its ODS code before anyone is bound to it. */
export async function organisationByOdsCode(tx: OrgTransaction, odsCode: string) {
  const [row] = await tx
    .select()
    .from(organisations)
    .where(eq(sql`upper(${organisations.odsCode})`, odsCode.trim().toUpperCase()));
  return row ?? null;
}

export async function allOrganisations(tx: OrgTransaction) {
  return tx.select().from(organisations).orderBy(organisations.name);
}

export type UnitRow = typeof units.$inferSelect;
export type UnitChanges = Partial<
  Pick<UnitRow, 'code' | 'name' | 'kind' | 'parentUnitId' | 'activeFrom' | 'activeTo'>
>;

export async function unitsOfOrganisation(tx: OrgTransaction, orgId: string): Promise<UnitRow[]> {
  return tx.select().from(units).where(eq(units.orgId, orgId)).orderBy(units.name);
}

export async function unitById(tx: OrgTransaction, orgId: string, unitId: string) {
  const [row] = await tx
    .select()
    .from(units)
    .where(and(eq(units.orgId, orgId), eq(units.unitId, unitId)));
  return row ?? null;
}

export async function unitByCode(tx: OrgTransaction, orgId: string, code: string) {
  const [row] = await tx
    .select()
    .from(units)
    .where(and(eq(units.orgId, orgId), eq(sql`upper(${units.code})`, code.trim().toUpperCase())));
  return row ?? null;
}

export async function insertUnit(tx: OrgTransaction, unit: typeof units.$inferInsert): Promise<UnitRow> {
  const [row] = await tx.insert(units).values(unit).returning();
  if (!row) throw new Error('unit was not inserted');
  return row;
}

export async function updateUnitRow(
  tx: OrgTransaction,
  orgId: string,
  unitId: string,
  changes: UnitChanges,
): Promise<UnitRow> {
  const [row] = await tx
    .update(units)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(units.orgId, orgId), eq(units.unitId, unitId)))
    .returning();
  if (!row) throw new Error('unit was not updated');
  return row;
}
