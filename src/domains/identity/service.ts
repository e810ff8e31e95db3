import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { Conflict } from '#src/web/errors.ts';
import type { Actor, Principal } from '#src/web/principal.ts';
import { hashPassword } from './passwords.ts';
import { activeUserWithOrganisation, grantsOf, insertGrant, insertUser, userByEmail } from './queries.ts';
import { permissionsForRoles, unitScopedRoles } from './rules.ts';
import type { Role } from './schema.ts';

/** The signed-in person behind a session, with what their roles allow; null if the account is gone or disabled. */
export async function principalForUser(
  db: Database,
  orgId: string,
  userId: string,
): Promise<Principal | null> {
  return withOrg(db, orgId, async (tx) => {
    const found = await activeUserWithOrganisation(tx, orgId, userId);
    if (!found) return null;
    const grants = await grantsOf(tx, orgId, userId);
    const roles = [...new Set(grants.map((grant) => grant.role))];
    const organisationWide = grants.some((grant) => !unitScopedRoles.includes(grant.role) || !grant.unitId);
    return {
      kind: 'user',
      orgId,
      id: userId,
      name: found.user.displayName,
      email: found.user.email,
      organisationName: found.organisationName,
      roles,
      permissions: permissionsForRoles(roles),
      unitScope: organisationWide ? 'all' : grants.flatMap((grant) => (grant.unitId ? [grant.unitId] : [])),
    };
  });
}

export interface NewUser {
  email: string;
  displayName: string;
  password?: string;
  grants: { role: Role; unitId?: string | null }[];
}

/** Adds a member of staff with their roles, recorded in the audit trail. */
export async function addUser(db: Database, orgId: string, actor: Actor, newUser: NewUser) {
  const passwordHash = newUser.password ? await hashPassword(newUser.password) : null;
  return withOrg(db, orgId, async (tx) => {
    if (await userByEmail(tx, orgId, newUser.email)) {
      throw new Conflict(`There is already an account for ${newUser.email}`);
    }
    const user = await insertUser(tx, {
      orgId,
      email: newUser.email.trim(),
      displayName: newUser.displayName.trim(),
      passwordHash,
    });
    for (const grant of newUser.grants) {
      await insertGrant(tx, { orgId, userId: user.userId, role: grant.role, unitId: grant.unitId ?? null });
    }
    await recordAudit(tx, orgId, actor, {
      action: 'user.added',
      entityType: 'user',
      entityId: user.userId,
      after: { email: user.email, displayName: user.displayName, grants: newUser.grants },
    });
    return user;
  });
}
