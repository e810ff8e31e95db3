import type { Database } from '#src/db/engine.ts';
import { asSystem, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { passwordMatches, spendTimeOfPasswordCheck } from './passwords.ts';
import { updateUser, usersByEmailAcrossOrganisations } from './queries.ts';

export type SignInResult = { ok: true; orgId: string; userId: string } | { ok: false; reason: 'wrong' };

/** Checks an email and password against local accounts. */
export async function signInWithPassword(
  db: Database,
  email: string,
  password: string,
): Promise<SignInResult> {
  const candidates = await asSystem(db, (tx) => usersByEmailAcrossOrganisations(tx, email));
  for (const user of candidates) {
    if (user.disabledAt || !user.passwordHash) continue;
    if (await passwordMatches(user.passwordHash, password)) {
      await withOrg(db, user.orgId, async (tx) => {
        await updateUser(tx, user.orgId, user.userId, {
          failedSignIns: 0,
          lockedUntil: null,
          lastSignInAt: new Date(),
        });
        await recordAudit(
          tx,
          user.orgId,
          { kind: 'user', id: user.userId, name: user.displayName },
          {
            action: 'user.signed_in',
            entityType: 'user',
            entityId: user.userId,
            after: { method: 'password' },
          },
        );
      });
      return { ok: true, orgId: user.orgId, userId: user.userId };
    }
  }
  if (candidates.length === 0) await spendTimeOfPasswordCheck(password);
  return { ok: false, reason: 'wrong' };
}
