import type { Database } from '#src/db/engine.ts';
import { asSystem, type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { findOrganisationByOdsCode, listOrganisations } from '#src/domains/organisations/index.ts';
import type { Actor } from '#src/web/principal.ts';
import { passwordMatches, spendTimeOfPasswordCheck } from './passwords.ts';
import {
  type UserRow,
  updateUser,
  userByEmail,
  userByIdForUpdate,
  userByOidcSubject,
  usersByEmailAcrossOrganisations,
} from './queries.ts';
import { emailToMatch, type IdentityClaims, type LockoutPolicy, passwordAttemptOutcome } from './rules.ts';

export type SignInResult =
  | { ok: true; orgId: string; userId: string }
  /** Wrong email or password: the two are never told apart. */
  | { ok: false; reason: 'wrong' }
  /** Too many wrong passwords: refused until the lock runs out or an administrator lifts it. */
  | { ok: false; reason: 'locked' };

export interface SignInAttempt {
  email: string;
  password: string;
  /** The caller's IP address, kept in the audit trail of a failed attempt. */
  ipAddress?: string | undefined;
  requestId?: string | undefined;
}

/** Who the audit trail names for an attempt made before anyone has proved who they are. */
const signInActor = (requestId?: string): Actor => ({
  kind: 'system',
  id: null,
  name: 'Heard sign-in',
  requestId,
});

const userActor = (user: UserRow, requestId?: string): Actor => ({
  kind: 'user',
  id: user.userId,
  name: user.displayName,
  requestId,
});

/**
 * Checks an email and password against local accounts, counting wrong passwords towards a
 * lock (rules.ts, passwordAttemptOutcome). The same email may have an account in more than
 * one organisation; each is checked.
 */
export async function signInWithPassword(
  db: Database,
  attempt: SignInAttempt,
  policy: LockoutPolicy,
  now: Date = new Date(),
): Promise<SignInResult> {
  const candidates = (await asSystem(db, (tx) => usersByEmailAcrossOrganisations(tx, attempt.email))).filter(
    (user) => !user.disabledAt && user.passwordHash,
  );
  // Spend the time of a real check, so that timing does not reveal which emails have accounts.
  if (candidates.length === 0) await spendTimeOfPasswordCheck(attempt.password);
  let locked = false;
  for (const candidate of candidates) {
    // Checked even when the account is locked, so that a locked account answers as slowly as any other.
    const correct = await passwordMatches(candidate.passwordHash, attempt.password);
    const outcome = await withOrg(db, candidate.orgId, (tx) =>
      recordPasswordAttempt(tx, candidate, correct, attempt, policy, now),
    );
    if (outcome === 'signed-in') return { ok: true, orgId: candidate.orgId, userId: candidate.userId };
    if (outcome === 'refused-locked' || outcome === 'locked-now') locked = true;
  }
  return locked ? { ok: false, reason: 'locked' } : { ok: false, reason: 'wrong' };
}

async function recordPasswordAttempt(
  tx: OrgTransaction,
  candidate: UserRow,
  passwordCorrect: boolean,
  attempt: SignInAttempt,
  policy: LockoutPolicy,
  now: Date,
) {
  const user = await userByIdForUpdate(tx, candidate.orgId, candidate.userId);
  if (!user) return 'wrong-password' as const;
  const decision = passwordAttemptOutcome(user, passwordCorrect, policy, now);
  if (decision.outcome === 'refused-locked') return decision.outcome;
  const { orgId, userId } = user;
  if (decision.outcome === 'signed-in') {
    await updateUser(tx, orgId, userId, { ...decision.counters, lastSignInAt: now });
    await recordAudit(tx, orgId, userActor(user, attempt.requestId), {
      action: 'user.signed_in',
      entityType: 'user',
      entityId: userId,
      after: { method: 'password' },
    });
    return decision.outcome;
  }
  await updateUser(tx, orgId, userId, decision.counters);
  const actor = signInActor(attempt.requestId);
  await recordAudit(tx, orgId, actor, {
    action: 'user.sign_in_failed',
    entityType: 'user',
    entityId: userId,
    before: { failedSignIns: user.failedSignIns },
    after: { failedSignIns: decision.counters.failedSignIns, ipAddress: attempt.ipAddress ?? null },
  });
  if (decision.outcome === 'locked-now') {
    await recordAudit(tx, orgId, actor, {
      action: 'user.locked',
      entityType: 'user',
      entityId: userId,
      before: { lockedUntil: user.lockedUntil },
      after: { lockedUntil: decision.counters.lockedUntil, ipAddress: attempt.ipAddress ?? null },
    });
  }
  return decision.outcome;
}

export type IdentityProviderSignInResult =
  | { ok: true; orgId: string; userId: string }
  | { ok: false; reason: 'no-account' | 'disabled'; email: string | null };

/**
 * The organisation whose staff sign in through the identity provider: the one with
 * OIDC_ORGANISATION_ODS, or the only one there is.
 */
export async function identityProviderOrganisation(db: Database, odsCode: string | undefined) {
  if (odsCode) {
    const organisation = await findOrganisationByOdsCode(db, odsCode);
    if (!organisation)
      throw new Error(`OIDC_ORGANISATION_ODS is ${odsCode}, but no organisation has that ODS code`);
    return organisation;
  }
  const organisations = await listOrganisations(db);
  const [only] = organisations;
  if (!only || organisations.length > 1)
    throw new Error(
      `Single sign-on needs OIDC_ORGANISATION_ODS to say which of the ${organisations.length} organisations its staff belong to`,
    );
  return only;
}

/**
 * Signs in the person the identity provider vouched for. Their account is found by the
 * provider's subject; on their first sign-in, by their email address, and the subject is
 * then kept. Nobody is ever given an account here: an administrator adds people first.
 */
export async function signInWithIdentityProvider(
  db: Database,
  orgId: string,
  claims: IdentityClaims,
  requestId?: string,
  now: Date = new Date(),
): Promise<IdentityProviderSignInResult> {
  const email = emailToMatch(claims);
  return withOrg(db, orgId, async (tx) => {
    const bySubject = await userByOidcSubject(tx, orgId, claims.subject);
    const byEmail = !bySubject && email ? await userByEmail(tx, orgId, email) : null;
    // An account already tied to another subject is never taken over by a matching email.
    const user = bySubject ?? (byEmail && !byEmail.oidcSubject ? byEmail : null);
    if (!user || user.disabledAt) {
      await recordAudit(tx, orgId, signInActor(requestId), {
        action: 'user.sign_in_refused',
        entityType: 'user',
        entityId: user?.userId ?? null,
        after: {
          method: 'oidc',
          reason: user ? 'disabled' : 'no account',
          subject: claims.subject,
          email: claims.email ?? null,
        },
      });
      return { ok: false, reason: user ? 'disabled' : 'no-account', email: claims.email ?? null };
    }
    const actor = userActor(user, requestId);
    if (!bySubject) {
      await updateUser(tx, orgId, user.userId, { oidcSubject: claims.subject });
      await recordAudit(tx, orgId, actor, {
        action: 'user.identity_provider_linked',
        entityType: 'user',
        entityId: user.userId,
        before: { oidcSubject: null },
        after: { oidcSubject: claims.subject, matchedOn: 'email' },
      });
    }
    await updateUser(tx, orgId, user.userId, { lastSignInAt: now });
    await recordAudit(tx, orgId, actor, {
      action: 'user.signed_in',
      entityType: 'user',
      entityId: user.userId,
      after: { method: 'oidc' },
    });
    return { ok: true, orgId, userId: user.userId };
  });
}
