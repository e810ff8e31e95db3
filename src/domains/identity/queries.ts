import { and, eq, isNull, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { organisations } from '#src/domains/organisations/schema.ts';
import { roleGrants, users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;

export async function activeUserWithOrganisation(tx: OrgTransaction, orgId: string, userId: string) {
  const [row] = await tx
    .select({ user: users, organisationName: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.orgId, users.orgId))
    .where(and(eq(users.orgId, orgId), eq(users.userId, userId), isNull(users.disabledAt)));
  return row ?? null;
}

export async function grantsOf(tx: OrgTransaction, orgId: string, userId: string) {
  return tx
    .select({ role: roleGrants.role, unitId: roleGrants.unitId })
    .from(roleGrants)
    .where(and(eq(roleGrants.orgId, orgId), eq(roleGrants.userId, userId)));
}

/** Run as system: an email address can be looked up before its organisation is known. */
export async function usersByEmailAcrossOrganisations(tx: OrgTransaction, email: string) {
  return tx
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
}

export async function userByEmail(tx: OrgTransaction, orgId: string, email: string) {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(sql`lower(${users.email})`, email.trim().toLowerCase())));
  return row ?? null;
}

export async function insertUser(tx: OrgTransaction, user: typeof users.$inferInsert) {
  const [row] = await tx.insert(users).values(user).returning();
  if (!row) throw new Error('user was not inserted');
  return row;
}

export async function insertGrant(tx: OrgTransaction, grant: typeof roleGrants.$inferInsert) {
  await tx.insert(roleGrants).values(grant);
}

export async function updateUser(
  tx: OrgTransaction,
  orgId: string,
  userId: string,
  changes: Partial<UserRow>,
) {
  const [row] = await tx
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(users.orgId, orgId), eq(users.userId, userId)))
    .returning();
  return row ?? null;
}
