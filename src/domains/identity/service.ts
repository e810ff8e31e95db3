import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { findOrganisationByOdsCode } from '#src/domains/organisations/index.ts';
import { Conflict, Invalid, NotFound } from '#src/web/errors.ts';
import type { Actor, Principal } from '#src/web/principal.ts';
import { commonPasswords } from './common-passwords.ts';
import { generatePassword, hashPassword, passwordMatches } from './passwords.ts';
import {
  activeUserWithGrants,
  deleteGrantsOf,
  deleteSessionsOf,
  grantsInOrganisation,
  grantsOf,
  insertGrant,
  insertUser,
  type UserRow,
  unitByCode,
  unitById,
  unitsOpenOn,
  updateUser,
  userByEmail,
  userById,
  userByIdForUpdate,
  usersInOrder,
} from './queries.ts';
import {
  type Grant,
  grantsFor,
  type PasswordContext,
  passwordProblem,
  permissionsForRoles,
  roleChoiceProblems,
  selfChangeProblem,
  unitScopedRoles,
} from './rules.ts';
import type { Role } from './schema.ts';

/** The signed-in person behind a session, with what their roles allow; null if the account is gone or disabled. */
export async function principalForUser(
  db: Database,
  orgId: string,
  userId: string,
): Promise<Principal | null> {
  return withOrg(db, orgId, async (tx) => {
    const rows = await activeUserWithGrants(tx, orgId, userId);
    const [user] = rows;
    if (!user) return null;
    const grants = rows.flatMap(({ role, unitId }) => (role ? [{ role, unitId }] : []));
    const roles = [...new Set(grants.map((grant) => grant.role))];
    const organisationWide = grants.some((grant) => !unitScopedRoles.includes(grant.role) || !grant.unitId);
    return {
      kind: 'user',
      orgId,
      id: userId,
      name: user.displayName,
      email: user.email,
      organisationName: user.organisationName,
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

/** What the administration pages and the CLI may see of an account: never its password hash. */
export interface UserSummary {
  userId: string;
  email: string;
  displayName: string;
  lastSignInAt: Date | null;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  hasPassword: boolean;
  signsInWithIdentityProvider: boolean;
  grants: Grant[];
}

function summaryOf(user: UserRow, grants: readonly Grant[]): UserSummary {
  return {
    userId: user.userId,
    email: user.email,
    displayName: user.displayName,
    lastSignInAt: user.lastSignInAt,
    lockedUntil: user.lockedUntil,
    disabledAt: user.disabledAt,
    hasPassword: user.passwordHash !== null,
    signsInWithIdentityProvider: user.oidcSubject !== null,
    grants: grants.map(({ role, unitId }) => ({ role, unitId })),
  };
}

/** What the audit trail keeps of an account before and after a change: never a password or its hash. */
function auditViewOf(user: UserRow) {
  return {
    email: user.email,
    displayName: user.displayName,
    disabledAt: user.disabledAt,
    lockedUntil: user.lockedUntil,
    failedSignIns: user.failedSignIns,
  };
}

/** Throws Invalid, on the `password` field, if a new password breaks the rules. */
export function assertPasswordAcceptable(
  password: string,
  account: { email: string; displayName: string },
  whose: PasswordContext['whose'],
): void {
  const problem = passwordProblem(password, { ...account, commonPasswords: commonPasswords(), whose });
  if (problem) throw new Invalid(problem, { password: problem });
}

export async function listUsers(db: Database, orgId: string): Promise<UserSummary[]> {
  return withOrg(db, orgId, async (tx) => {
    const grants = await grantsInOrganisation(tx, orgId);
    return (await usersInOrder(tx, orgId)).map((user) =>
      summaryOf(
        user,
        grants.filter((grant) => grant.userId === user.userId),
      ),
    );
  });
}

export async function userSummary(db: Database, orgId: string, userId: string): Promise<UserSummary> {
  return withOrg(db, orgId, async (tx) => {
    const user = await userById(tx, orgId, userId);
    if (!user) throw new NotFound();
    return summaryOf(user, await grantsOf(tx, orgId, userId));
  });
}

/** Units a service manager or investigator can be given, open on `today` (ISO date). */
export async function unitsToChoose(db: Database, orgId: string, today: string) {
  return withOrg(db, orgId, (tx) => unitsOpenOn(tx, orgId, today));
}

export interface UserDetails {
  email: string;
  displayName: string;
  roles: Role[];
  /** The unit a service manager's or investigator's roles cover. */
  unitId: string | null;
  /** An initial password; without one the person signs in through the identity provider until one is set. */
  password?: string | undefined;
}

/** What the rules say is wrong with a new user's roles, unit and initial password, keyed by form field. */
export function newUserProblems(details: UserDetails): Record<string, string> {
  const problems = { ...roleChoiceProblems(details.roles, details.unitId) };
  if (details.password) {
    const problem = passwordProblem(details.password, {
      email: details.email,
      displayName: details.displayName,
      commonPasswords: commonPasswords(),
      whose: 'theirs',
    });
    if (problem) problems.password = problem;
  }
  return problems;
}

/**
 * Adds a member of staff whom an administrator has entered, on the web or at the command line:
 * the email must be free, unit-scoped roles need a unit of this organisation, and any initial
 * password must meet the rules. Every problem is reported at once, keyed by form field.
 */
export async function registerUser(db: Database, orgId: string, actor: Actor, details: UserDetails) {
  const problems = newUserProblems(details);
  await withOrg(db, orgId, async (tx) => {
    if (await userByEmail(tx, orgId, details.email))
      problems.email = 'There is already an account with this email address';
    if (details.unitId && !problems.unitId && !(await unitById(tx, orgId, details.unitId)))
      problems.unitId = 'Select a unit from the list';
  });
  const first = Object.values(problems)[0];
  if (first) throw new Invalid(first, problems);
  return addUser(db, orgId, actor, {
    email: details.email,
    displayName: details.displayName,
    password: details.password,
    grants: grantsFor(details.roles, details.unitId),
  });
}

/** Replaces a person's roles; an administrator may not take away their own administrator role. */
export async function changeRoles(
  db: Database,
  orgId: string,
  actor: Actor,
  userId: string,
  choice: { roles: Role[]; unitId: string | null },
) {
  const problems = roleChoiceProblems(choice.roles, choice.unitId);
  const selfProblem = selfChangeProblem({ kind: 'roles', rolesAfter: choice.roles }, actor.id, userId);
  if (selfProblem) problems.roles = selfProblem;
  const first = Object.values(problems)[0];
  if (first) throw new Invalid(first, problems);
  await withOrg(db, orgId, async (tx) => {
    const user = await userByIdForUpdate(tx, orgId, userId);
    if (!user) throw new NotFound();
    if (choice.unitId && !(await unitById(tx, orgId, choice.unitId)))
      throw new Invalid('Select a unit from the list', { unitId: 'Select a unit from the list' });
    const before = await grantsOf(tx, orgId, userId);
    const after = grantsFor(choice.roles, choice.unitId);
    await deleteGrantsOf(tx, orgId, userId);
    for (const grant of after) await insertGrant(tx, { orgId, userId, ...grant });
    await recordAudit(tx, orgId, actor, {
      action: 'user.roles_changed',
      entityType: 'user',
      entityId: userId,
      before: { grants: before },
      after: { grants: after },
    });
  });
}

/** Applies one change to an account in a transaction, recording it with the account before and after. */
async function changeAccount(
  db: Database,
  orgId: string,
  actor: Actor,
  userId: string,
  action: string,
  changes: (user: UserRow) => Promise<Partial<UserRow>> | Partial<UserRow>,
) {
  await withOrg(db, orgId, async (tx) => {
    const user = await userByIdForUpdate(tx, orgId, userId);
    if (!user) throw new NotFound();
    const updated = await updateUser(tx, orgId, userId, await changes(user));
    if (!updated) throw new NotFound();
    await recordAudit(tx, orgId, actor, {
      action,
      entityType: 'user',
      entityId: userId,
      before: auditViewOf(user),
      after: auditViewOf(updated),
    });
  });
}

export async function disableUser(db: Database, orgId: string, actor: Actor, userId: string) {
  const problem = selfChangeProblem({ kind: 'disable' }, actor.id, userId);
  if (problem) throw new Conflict(problem);
  await changeAccount(db, orgId, actor, userId, 'user.disabled', () => ({ disabledAt: new Date() }));
  await endSessions(db, orgId, userId);
}

/** Ends a person's sessions, all of them or all but the one they are using. */
async function endSessions(db: Database, orgId: string, userId: string, keepSessionIdHash?: string) {
  await withOrg(db, orgId, (tx) => deleteSessionsOf(tx, orgId, userId, keepSessionIdHash));
}

export async function enableUser(db: Database, orgId: string, actor: Actor, userId: string) {
  await changeAccount(db, orgId, actor, userId, 'user.enabled', () => ({ disabledAt: null }));
}

/** Lifts a sign-in lock before it runs out, and clears the count of wrong passwords. */
export async function unlockUser(db: Database, orgId: string, actor: Actor, userId: string) {
  await changeAccount(db, orgId, actor, userId, 'user.unlocked', () => ({
    failedSignIns: 0,
    lockedUntil: null,
  }));
}

/** An administrator sets a new password for someone; it also lifts any sign-in lock. */
export async function setPassword(
  db: Database,
  orgId: string,
  actor: Actor,
  userId: string,
  password: string,
) {
  await changeAccount(db, orgId, actor, userId, 'user.password_set', async (user) => {
    assertPasswordAcceptable(password, user, 'theirs');
    return { passwordHash: await hashPassword(password), failedSignIns: 0, lockedUntil: null };
  });
  // Whoever knew the old password is signed out too.
  await endSessions(db, orgId, userId);
}

/** Anyone signed in changes their own password, proving they know the current one. */
export async function changeOwnPassword(
  db: Database,
  orgId: string,
  actor: Actor,
  userId: string,
  passwords: { currentPassword: string; newPassword: string },
  /** The session making the change, which stays signed in; every other one of theirs ends. */
  currentSessionIdHash?: string,
) {
  await changeAccount(db, orgId, actor, userId, 'user.password_changed', async (user) => {
    if (!user.passwordHash) {
      const message = 'You do not have a Heard password to change. You sign in through your organisation.';
      throw new Invalid(message, { currentPassword: message });
    }
    if (!(await passwordMatches(user.passwordHash, passwords.currentPassword))) {
      const message = 'The current password is not correct';
      throw new Invalid(message, { currentPassword: message });
    }
    assertPasswordAcceptable(passwords.newPassword, user, 'yours');
    return { passwordHash: await hashPassword(passwords.newPassword) };
  });
  await endSessions(db, orgId, userId, currentSessionIdHash);
}

/** A random password that also meets the rules for this person (it may not, by chance, contain their name). */
export function generatedPasswordFor(account: { email: string; displayName: string }): string {
  for (;;) {
    const password = generatePassword();
    const context = { ...account, commonPasswords: commonPasswords(), whose: 'theirs' as const };
    if (!passwordProblem(password, context)) return password;
  }
}

export interface UserFromCommandLine {
  odsCode: string;
  email: string;
  displayName: string;
  roles: Role[];
  unitCode?: string | undefined;
  password: string;
}

/**
 * `heard users add`: finds the organisation by ODS code and the unit by its code, then adds
 * the person as an administrator would. This is how the first administrator is made.
 */
export async function registerUserFromCommandLine(db: Database, actor: Actor, input: UserFromCommandLine) {
  const organisation = await findOrganisationByOdsCode(db, input.odsCode);
  if (!organisation) {
    const message = `There is no organisation with ODS code ${input.odsCode} in this database`;
    throw new Invalid(message, { org: message });
  }
  let unitId: string | null = null;
  if (input.unitCode) {
    const unitCode = input.unitCode;
    const unit = await withOrg(db, organisation.orgId, (tx) => unitByCode(tx, organisation.orgId, unitCode));
    if (!unit) {
      const message = `${organisation.name} has no unit with code ${unitCode}`;
      throw new Invalid(message, { unit: message });
    }
    unitId = unit.unitId;
  }
  const user = await registerUser(db, organisation.orgId, actor, {
    email: input.email,
    displayName: input.displayName,
    roles: input.roles,
    unitId,
    password: input.password,
  });
  return { user, organisation };
}
