import { and, desc, eq } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { assuranceOverrides } from './schema.ts';

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
