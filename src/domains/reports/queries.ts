import { and, asc, between, desc, eq, inArray } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import {
  assuranceOverrides,
  fftComparisonSettings,
  measures,
  measureValues,
  publishedFft,
} from './schema.ts';

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

export async function comparisonSettingsOf(tx: OrgTransaction, orgId: string) {
  const [found] = await tx.select().from(fftComparisonSettings).where(eq(fftComparisonSettings.orgId, orgId));
  return found ?? null;
}

export async function saveComparisonSettings(
  tx: OrgTransaction,
  row: { orgId: string; setting: string; peerCodes: string[] },
) {
  const [saved] = await tx
    .insert(fftComparisonSettings)
    .values(row)
    .onConflictDoUpdate({
      target: [fftComparisonSettings.orgId],
      set: { setting: row.setting, peerCodes: row.peerCodes, updatedAt: new Date() },
    })
    .returning();
  if (!saved) throw new Error('The comparison settings were not saved');
  return saved;
}

/** Published FFT rows of one setting between two months' first days, oldest first. */
export function publishedFftRows(
  tx: OrgTransaction,
  orgId: string,
  setting: string,
  from: string,
  to: string,
) {
  return tx
    .select({
      month: publishedFft.month,
      setting: publishedFft.setting,
      providerCode: publishedFft.providerCode,
      providerName: publishedFft.providerName,
      responses: publishedFft.responses,
      positive: publishedFft.positive,
    })
    .from(publishedFft)
    .where(
      and(
        eq(publishedFft.orgId, orgId),
        eq(publishedFft.setting, setting),
        between(publishedFft.month, from, to),
      ),
    )
    .orderBy(asc(publishedFft.month), asc(publishedFft.providerCode));
}

/** Which months and how many providers are held for each setting, newest first. */
export function publishedFftHoldings(tx: OrgTransaction, orgId: string) {
  return tx
    .selectDistinct({
      setting: publishedFft.setting,
      month: publishedFft.month,
      providerCode: publishedFft.providerCode,
      providerName: publishedFft.providerName,
    })
    .from(publishedFft)
    .where(eq(publishedFft.orgId, orgId))
    .orderBy(desc(publishedFft.month));
}
