import type { Role } from './schema.ts';

/** What a signed-in person or an API key may do. Routes name one; roles grant a set. */
export const permissions = [
  'home:view',
  'units:view',
  'units:manage',
  'users:manage',
  'api-keys:manage',
  'audit:view',
  'reports:view',
  // Setting the assurance level of a measure in the quarterly report, with a reason, where the
  // officer judges otherwise than the rules propose, and keeping the measures register (issue 8).
  'reports:manage',
  'cases:view',
  'cases:manage',
  // Running the complaints service itself: importing historic cases, letter templates, retention
  // decisions. Investigators hold cases:manage for their assigned cases, never this.
  'cases:administer',
  // Learning and action plans (issue 7): viewing plans and their progress; updating an action,
  // which the actions domain allows only to its lead, and to service managers for their units'
  // actions (actions/access.ts); and running plans: creating, importing, assigning, assuring.
  'actions:view',
  'actions:update',
  'actions:manage',
  // Running the organisation's surveys: editing their questions (each edit a new version), entering
  // eligible counts for response rates, and the links, QR codes and kiosks of each unit.
  'surveys:manage',
  // The comments explorer (issue 6): reading comments' redacted words and their coding, within the
  // person's units; and correcting the coding (themes and sentiment), kept with who and when.
  'comments:view',
  'comments:correct',
  // Sending survey responses in batches through /api/v1 (a survey vendor's key); no role holds it.
  'surveys:submit',
] as const;
export type Permission = (typeof permissions)[number];

/** Permissions an administrator may give to an integration's API key. */
export const apiKeyPermissions = [
  'units:view',
  'units:manage',
  'reports:view',
  // Cases through /api/v1/cases: a key is organisation-wide and holds no role, so it never sees a
  // case's personal data (cases/access.ts), though it may send personal data when it logs one.
  'cases:view',
  'cases:manage',
  'surveys:submit',
  // Action plans through /api/v1/action-plans: read plans and their progress; update an action's
  // status and record evidence notes on any action of the organisation. Plans hold no personal data.
  'actions:view',
  'actions:update',
] as const satisfies readonly Permission[];

const everyoneOnStaff: Permission[] = ['home:view', 'units:view'];

/**
 * The role matrix. Executives and the board see aggregates only; auditors read the
 * audit trail and change nothing; administrators run the organisation's set-up.
 */
export const permissionsByRole: Record<Role, readonly Permission[]> = {
  administrator: [
    ...everyoneOnStaff,
    'units:manage',
    'users:manage',
    'api-keys:manage',
    'audit:view',
    'reports:view',
    // Issue 4 names administrators among those who may see a case's details; they read cases,
    // and every read is in the audit trail, but running cases stays with the complaints team.
    'cases:view',
    'actions:view',
    'actions:update',
    'actions:manage',
    'surveys:manage',
    'comments:view',
    'comments:correct',
  ],
  // Auditors read the trail, never a case's personal data.
  // The complaints and PALS team logs and runs every case in the organisation.
  // The service experience department runs the surveys as well as complaints and PALS.
  complaints_officer: [
    ...everyoneOnStaff,
    'reports:view',
    'reports:manage',
    'cases:view',
    'cases:manage',
    'cases:administer',
    'actions:view',
    'actions:update',
    'actions:manage',
    'surveys:manage',
    'comments:view',
    'comments:correct',
  ],
  // Investigators see the cases of their unit, and record on those assigned to them only: the
  // cases domain checks the assignment case by case (cases/staff-access.ts).
  investigator: [...everyoneOnStaff, 'cases:view', 'cases:manage', 'actions:view', 'actions:update'],
  // Service managers follow their units' cases, without personal data (issue 4, confidentiality).
  // Any member of staff may lead an action and update it; the actions domain checks whose it is.
  // They read and correct their units' comments (redacted words only).
  service_manager: [
    ...everyoneOnStaff,
    'reports:view',
    'cases:view',
    'actions:view',
    'actions:update',
    'comments:view',
    'comments:correct',
  ],
  involvement_lead: [...everyoneOnStaff, 'actions:view', 'actions:update'],
  executive: [...everyoneOnStaff, 'reports:view', 'actions:view', 'actions:update'],
  // Auditors see plans and their assurance, and change nothing.
  auditor: [...everyoneOnStaff, 'audit:view', 'reports:view', 'actions:view'],
};

export const roleNames: Record<Role, string> = {
  administrator: 'Administrator',
  complaints_officer: 'Complaints and PALS officer',
  investigator: 'Investigator',
  service_manager: 'Service manager',
  involvement_lead: 'Involvement lead',
  executive: 'Executive or board member',
  auditor: 'Auditor',
};

/** Roles whose grant is limited to a unit and everything below it. */
export const unitScopedRoles: readonly Role[] = ['service_manager', 'investigator'];

export function permissionsForRoles(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => permissionsByRole[role]));
}

// Sign-in lockout

export interface LockoutPolicy {
  /** Consecutive wrong passwords that lock an account (SIGN_IN_MAX_FAILURES). */
  maxFailures: number;
  /** How long the lock lasts (SIGN_IN_LOCKOUT_MINUTES). */
  lockoutMinutes: number;
}

export interface SignInCounters {
  failedSignIns: number;
  lockedUntil: Date | null;
}

export type PasswordAttemptOutcome =
  | { outcome: 'signed-in'; counters: SignInCounters }
  /** Still locked: refused whatever the password, and nothing changes. */
  | { outcome: 'refused-locked' }
  | { outcome: 'wrong-password'; counters: SignInCounters }
  /** This wrong password reached the limit and locked the account. */
  | { outcome: 'locked-now'; counters: SignInCounters };

export function isLockedAt(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/**
 * What one password attempt does to an account. NCSC password guidance: throttle or lock
 * after a small number of failed attempts rather than demand complex passwords. A lock that
 * has run out starts a fresh count, so an expired lock does not re-lock on the next slip.
 */
export function passwordAttemptOutcome(
  account: SignInCounters,
  passwordCorrect: boolean,
  policy: LockoutPolicy,
  now: Date,
): PasswordAttemptOutcome {
  if (isLockedAt(account.lockedUntil, now)) return { outcome: 'refused-locked' };
  if (passwordCorrect) return { outcome: 'signed-in', counters: { failedSignIns: 0, lockedUntil: null } };
  const earlierFailures = account.lockedUntil ? 0 : account.failedSignIns;
  const failedSignIns = earlierFailures + 1;
  if (failedSignIns < policy.maxFailures) {
    return { outcome: 'wrong-password', counters: { failedSignIns, lockedUntil: null } };
  }
  const lockedUntil = new Date(now.getTime() + policy.lockoutMinutes * 60_000);
  return { outcome: 'locked-now', counters: { failedSignIns, lockedUntil } };
}

// Passwords (NCSC "Password policy: updating your approach"): a minimum length and a deny
// list of common passwords, long passwords allowed, no composition rules, no forced expiry.

export const passwordMinimumLength = 12;
/** Far above the 256 characters we promise to allow; argon2 pre-hashes, so length costs little. */
export const passwordMaximumLength = 1024;

export interface PasswordContext {
  /** The account's email address; its local part may not appear in the password. */
  email: string;
  /** The person's name; no word of it (4 letters or more) may appear in the password. */
  displayName: string;
  /** Lower-case common passwords (reference/common-passwords.txt). */
  commonPasswords: ReadonlySet<string>;
  /** Whose password it is, for the wording: the person choosing it, or someone an administrator is setting it for. */
  whose: 'yours' | 'theirs';
}

// Common substitutions people make to dress up a common word: p@ssw0rd is still password.
const undoSubstitutions: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  '5': 's',
  $: 's',
  '7': 't',
};

/** The forms of a password compared with the deny list: as typed, and its letters without what was tacked on. */
export function denyListForms(password: string): string[] {
  const typed = password.toLowerCase();
  const withoutEnding = typed.replace(/[^\p{L}]+$/u, '');
  const plain = [...withoutEnding].map((c) => undoSubstitutions[c] ?? c).join('');
  return [...new Set([typed, withoutEnding, plain].filter((form) => form.length > 0))];
}

/**
 * Words of a name or email address a password may not include: the whole local part of the
 * address, and each word of it or of the name of 4 letters or more (shorter ones, such as
 * "Ann" or "Li", would refuse too many unrelated passwords).
 */
export function personalWords(email: string, displayName: string): string[] {
  const localPart = (email.split('@')[0] ?? '').toLowerCase();
  const words = [...localPart.split(/[^\p{L}\p{N}]+/u), ...displayName.toLowerCase().split(/[^\p{L}]+/u)];
  const wholeLocalPart = localPart.length >= 3 ? [localPart] : [];
  return [...new Set([...wholeLocalPart, ...words.filter((word) => word.length >= 4)])];
}

/** The first thing wrong with a new password, in the NHS design system's words; null if it is acceptable. */
export function passwordProblem(password: string, context: PasswordContext): string | null {
  const your = context.whose === 'yours' ? 'your' : 'their';
  if (password.length === 0) return 'Enter a password';
  if (password.length < passwordMinimumLength)
    return `Password must be ${passwordMinimumLength} characters or more`;
  if (password.length > passwordMaximumLength)
    return `Password must be ${passwordMaximumLength.toLocaleString('en-GB')} characters or fewer`;
  if (denyListForms(password).some((form) => context.commonPasswords.has(form)))
    return 'Password is too common – choose one that is harder to guess';
  const lower = password.toLowerCase();
  if (personalWords(context.email, '').some((word) => lower.includes(word)))
    return `Password must not include ${your} email address`;
  if (personalWords('', context.displayName).some((word) => lower.includes(word)))
    return `Password must not include ${your} name`;
  return null;
}

// Roles

export interface Grant {
  role: Role;
  unitId: string | null;
}

/** The grants an administrator's choice of roles and unit makes: the unit applies to unit-scoped roles only. */
export function grantsFor(chosenRoles: readonly Role[], unitId: string | null): Grant[] {
  return [...new Set(chosenRoles)].map((role) => ({
    role,
    unitId: unitScopedRoles.includes(role) ? unitId : null,
  }));
}

/** What is wrong with a choice of roles and unit, keyed by form field. */
export function roleChoiceProblems(
  chosenRoles: readonly Role[],
  unitId: string | null,
): Record<string, string> {
  if (chosenRoles.length === 0) return { roles: 'Select at least one role' };
  if (chosenRoles.some((role) => unitScopedRoles.includes(role)) && !unitId)
    return { unitId: 'Select the unit a service manager or investigator works in' };
  return {};
}

/**
 * Changes an administrator may not make to their own account, so that nobody locks
 * themselves (and perhaps everyone) out of administration by mistake.
 */
export function selfChangeProblem(
  change: { kind: 'disable' } | { kind: 'roles'; rolesAfter: readonly Role[] },
  actorId: string | null,
  userId: string,
): string | null {
  if (actorId !== userId) return null;
  if (change.kind === 'disable') return 'You cannot disable your own account. Ask another administrator.';
  if (!change.rolesAfter.includes('administrator'))
    return 'You cannot remove your own administrator role. Ask another administrator.';
  return null;
}

// OpenID Connect

/** Plain http is allowed only for an identity provider on this machine (tests, local development). */
export function isLocalIssuer(issuer: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
}

export interface IdentityClaims {
  subject: string;
  email?: string | undefined;
  /** The standard claim; NHS CIS2 and Entra ID organisational accounts do not send it. */
  emailVerified?: boolean | undefined;
  /** Entra ID's optional "email domain owner verified" claim. */
  emailDomainVerified?: boolean | undefined;
  name?: string | undefined;
}

/**
 * The email address a first sign-in through the identity provider may be matched on, or null.
 * A provider that says the address is unverified is never trusted. A provider that says nothing
 * is trusted: Heard accepts one issuer, the organisation's own workforce directory (CIS2 or a
 * single-tenant Entra ID), whose addresses its administrators assign.
 */
export function emailToMatch(claims: IdentityClaims): string | null {
  const email = claims.email?.trim();
  if (!email?.includes('@')) return null;
  if (claims.emailVerified === false || claims.emailDomainVerified === false) return null;
  return email;
}
