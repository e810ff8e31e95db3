import { eq, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { organisations } from './schema.ts';

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
