import { and, asc, eq, gte, isNull, or, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { organisations, units } from '#src/domains/organisations/schema.ts';
import { roleGrants, users, webSessions } from './schema.ts';

export type UserRow = typeof users.$inferSelect;

/**
 * An active user with their organisation's name and each of their role grants, in one query
 * because it runs on every signed-in request: one row per grant, or one row with null grant.
 */
export async function activeUserWithGrants(tx: OrgTransaction, orgId: string, userId: string) {
  return tx
    .select({
      displayName: users.displayName,
      email: users.email,
      organisationName: organisations.name,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.orgId, users.orgId))
    .leftJoin(roleGrants, and(eq(roleGrants.orgId, users.orgId), eq(roleGrants.userId, users.userId)))
    .where(and(eq(users.orgId, orgId), eq(users.userId, userId), isNull(users.disabledAt)));
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

export async function userById(tx: OrgTransaction, orgId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.userId, userId)));
  return row ?? null;
}

/** The account's row, locked until the transaction ends, so that two sign-ins cannot both miscount. */
export async function userByIdForUpdate(tx: OrgTransaction, orgId: string, userId: string) {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.userId, userId)))
    .for('update');
  return row ?? null;
}

export async function userByOidcSubject(tx: OrgTransaction, orgId: string, subject: string) {
  const [row] = await tx
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.oidcSubject, subject)));
  return row ?? null;
}

export async function usersInOrder(tx: OrgTransaction, orgId: string) {
  return tx
    .select()
    .from(users)
    .where(eq(users.orgId, orgId))
    .orderBy(asc(sql`lower(${users.displayName})`), asc(users.email));
}

export async function grantsInOrganisation(tx: OrgTransaction, orgId: string) {
  return tx
    .select({ userId: roleGrants.userId, role: roleGrants.role, unitId: roleGrants.unitId })
    .from(roleGrants)
    .where(eq(roleGrants.orgId, orgId));
}

export async function deleteGrantsOf(tx: OrgTransaction, orgId: string, userId: string) {
  await tx.delete(roleGrants).where(and(eq(roleGrants.orgId, orgId), eq(roleGrants.userId, userId)));
}

/** Units open on `today` (ISO date), for choosing where a service manager or investigator works. */
export async function unitsOpenOn(tx: OrgTransaction, orgId: string, today: string) {
  return tx
    .select({ unitId: units.unitId, code: units.code, name: units.name, kind: units.kind })
    .from(units)
    .where(and(eq(units.orgId, orgId), or(isNull(units.activeTo), gte(units.activeTo, today))))
    .orderBy(asc(units.name));
}

export async function unitByCode(tx: OrgTransaction, orgId: string, code: string) {
  const [row] = await tx
    .select({ unitId: units.unitId, code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.orgId, orgId), eq(sql`upper(${units.code})`, code.trim().toUpperCase())));
  return row ?? null;
}

export async function unitById(tx: OrgTransaction, orgId: string, unitId: string) {
  const [row] = await tx
    .select({ unitId: units.unitId, code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.orgId, orgId), eq(units.unitId, unitId)));
  return row ?? null;
}

/** Signs a person out everywhere (but the session given), after a password change or when disabled. */
export async function deleteSessionsOf(
  tx: OrgTransaction,
  orgId: string,
  userId: string,
  keepIdHash?: string,
) {
  await tx
    .delete(webSessions)
    .where(
      and(
        sql`${webSessions.data}->>'orgId' = ${orgId}`,
        sql`${webSessions.data}->>'userId' = ${userId}`,
        keepIdHash ? sql`${webSessions.sessionIdHash} <> ${keepIdHash}` : undefined,
      ),
    );
}
