import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { assuranceOverrides, measures, measureValues } from './schema.ts';

/** Every override of a period's report, newest first. */
export function overridesOfPeriod(tx: OrgTransaction, orgId: string, periodCode: string) {
  return tx
    .select()
    .from(assuranceOverrides)
    .where(and(eq(assuranceOverrides.orgId, orgId), eq(assuranceOverrides.periodCode, periodCode)))
    .orderBy(desc(assuranceOverrides.createdAt));
}

export async function insertOverride(tx: OrgTransaction, row: typeof assuranceOverrides.$inferInsert) {
  const [inserted] = await tx.insert(assuranceOverrides).values(row).returning();
  if (!inserted) throw new Error('The assurance override was not saved');
  return inserted;
}

export function allMeasures(tx: OrgTransaction, orgId: string) {
  return tx.select().from(measures).where(eq(measures.orgId, orgId)).orderBy(asc(measures.name));
}

export async function measureById(tx: OrgTransaction, orgId: string, measureId: string) {
  const [found] = await tx
    .select()
    .from(measures)
    .where(and(eq(measures.orgId, orgId), eq(measures.measureId, measureId)));
  return found ?? null;
}

export async function insertMeasure(tx: OrgTransaction, row: typeof measures.$inferInsert) {
  const [inserted] = await tx.insert(measures).values(row).returning();
  if (!inserted) throw new Error('The measure was not saved');
  return inserted;
}

export function enteredValues(tx: OrgTransaction, orgId: string, measureIds: readonly string[]) {
  if (measureIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(measureValues)
    .where(and(eq(measureValues.orgId, orgId), inArray(measureValues.measureId, [...measureIds])));
}

export async function upsertMeasureValue(tx: OrgTransaction, row: typeof measureValues.$inferInsert) {
  const [saved] = await tx
    .insert(measureValues)
    .values(row)
    .onConflictDoUpdate({
      target: [measureValues.orgId, measureValues.measureId, measureValues.periodCode],
      set: {
        value: row.value,
        enteredBy: row.enteredBy,
        enteredByName: row.enteredByName,
        updatedAt: new Date(),
      },
    })
    .returning();
  if (!saved) throw new Error('The value was not saved');
  return saved;
}
