import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commonPasswords, commonPasswordsFile, parseCommonPasswords } from './common-passwords.ts';
import {
  apiKeyPermissions,
  denyListForms,
  emailToMatch,
  grantsFor,
  isLocalIssuer,
  type LockoutPolicy,
  type PasswordContext,
  type Permission,
  passwordAttemptOutcome,
  passwordProblem,
  permissionsByRole,
  roleChoiceProblems,
  type SignInCounters,
  selfChangeProblem,
} from './rules.ts';
import { roles } from './schema.ts';

const policy: LockoutPolicy = { maxFailures: 5, lockoutMinutes: 15 };
const now = new Date('2025-03-10T09:00:00Z');
const minutesFromNow = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const account = (failedSignIns: number, lockedUntil: Date | null = null): SignInCounters => ({
  failedSignIns,
  lockedUntil,
});

describe('sign-in lockout (NCSC: lock after a small number of wrong passwords)', () => {
  it.each([
    {
      behaviour: 'a right password signs in and clears earlier failures',
      before: account(3),
      correct: true,
      expected: { outcome: 'signed-in', counters: account(0) },
    },
    {
      behaviour: 'a first wrong password counts one failure',
      before: account(0),
      correct: false,
      expected: { outcome: 'wrong-password', counters: account(1) },
    },
    {
      behaviour: 'the fourth wrong password of five allowed does not lock',
      before: account(3),
      correct: false,
      expected: { outcome: 'wrong-password', counters: account(4) },
    },
    {
      behaviour: 'the fifth wrong password locks for fifteen minutes',
      before: account(4),
      correct: false,
      expected: { outcome: 'locked-now', counters: account(5, minutesFromNow(15)) },
    },
    {
      behaviour: 'a locked account is refused even with the right password, and nothing changes',
      before: account(5, minutesFromNow(10)),
      correct: true,
      expected: { outcome: 'refused-locked' },
    },
    {
      behaviour: 'a wrong password while locked does not lengthen the lock',
      before: account(5, minutesFromNow(1)),
      correct: false,
      expected: { outcome: 'refused-locked' },
    },
    {
      behaviour: 'the lock has run out at exactly its end, and the right password signs in',
      before: account(5, now),
      correct: true,
      expected: { outcome: 'signed-in', counters: account(0) },
    },
    {
      behaviour: 'a wrong password after the lock ran out starts a fresh count rather than re-locking',
      before: account(5, minutesFromNow(-1)),
      correct: false,
      expected: { outcome: 'wrong-password', counters: account(1) },
    },
  ])('$behaviour', ({ before, correct, expected }) => {
    expect(passwordAttemptOutcome(before, correct, policy, now)).toEqual(expected);
  });

  it('locks on the first wrong password when the trust allows only one', () => {
    expect(passwordAttemptOutcome(account(0), false, { maxFailures: 1, lockoutMinutes: 60 }, now)).toEqual({
      outcome: 'locked-now',
      counters: account(1, minutesFromNow(60)),
    });
  });
});

describe('password rules (NCSC password guidance: length and a deny list, no composition rules)', () => {
  const context: PasswordContext = {
    email: 'jane.smith@example.nhs.uk',
    displayName: 'Jane Smith',
    commonPasswords: new Set(['password', 'nhs12345678', 'qwertyuiopas', 'letmein', 'summer']),
    whose: 'yours',
  };

  it.each([
    { password: '', problem: 'Enter a password' },
    { password: 'elevenchars', problem: 'Password must be 12 characters or more' },
    { password: 'a'.repeat(1025), problem: 'Password must be 1,024 characters or fewer' },
    { password: 'nhs12345678!', problem: null },
    { password: 'QWERTYUIOPAS', problem: 'Password is too common – choose one that is harder to guess' },
    { password: 'Password2024!', problem: 'Password is too common – choose one that is harder to guess' },
    { password: 'P@ssw0rd12345', problem: 'Password is too common – choose one that is harder to guess' },
    { password: 'l3tm31n!!!!!!', problem: 'Password is too common – choose one that is harder to guess' },
    { password: 'Summer2025!!', problem: 'Password is too common – choose one that is harder to guess' },
    { password: 'jane.smith-2025', problem: 'Password must not include your email address' },
    { password: 'ilovesmithsfood', problem: 'Password must not include your email address' },
    { password: 'JaneIsGreat2025', problem: 'Password must not include your email address' },
    { password: 'twelve chars', problem: null },
    { password: 'allowercaseletters', problem: null },
    { password: 'a'.repeat(256), problem: null },
    { password: 'a'.repeat(1024), problem: null },
    { password: 'correct horse battery', problem: null },
    { password: 'my summer holiday in wales', problem: null },
  ])('"$password" → $problem', ({ password, problem }) => {
    expect(passwordProblem(password, context)).toBe(problem);
  });

  it('refuses a password containing the person’s name even when the email address does not show it', () => {
    const other = {
      ...context,
      email: 'js42@example.nhs.uk',
      displayName: 'Priya Patel',
      whose: 'theirs' as const,
    };
    expect(passwordProblem('patelpatelpatel', other)).toBe('Password must not include their name');
    expect(passwordProblem('my dog is called js42 now', other)).toBe(
      'Password must not include their email address',
    );
  });

  it('ignores name words of fewer than 4 letters, which would refuse too many unrelated passwords', () => {
    const ann = { ...context, email: 'a.li@example.nhs.uk', displayName: 'Ann Li' };
    expect(passwordProblem('annual leave in the lake district', ann)).toBeNull();
  });

  it.each([
    { password: 'Password123', forms: ['password123', 'password'] },
    { password: 'P@ssw0rd!', forms: ['p@ssw0rd!', 'p@ssw0rd', 'password'] },
    { password: 'nhs12345678', forms: ['nhs12345678', 'nhs'] },
  ])('compares $password with the deny list as $forms', ({ password, forms }) => {
    expect(denyListForms(password)).toEqual(forms);
  });
});

describe('the shipped deny list (reference/common-passwords.txt)', () => {
  const list = commonPasswords();

  it('holds a few hundred common passwords, including keyboard walks and NHS-flavoured ones', () => {
    expect(list.size).toBeGreaterThan(300);
    for (const password of ['password1', 'qwertyuiop', '1qaz2wsx3edc', 'nhs12345678', 'welcome123']) {
      expect(list.has(password)).toBe(true);
    }
  });

  it('is read without comments or blank lines, in lower case', () => {
    const text = readFileSync(commonPasswordsFile, 'utf8');
    expect(text.startsWith('#')).toBe(true);
    expect(
      [...list].every((password) => password === password.toLowerCase() && !password.startsWith('#')),
    ).toBe(true);
    expect(parseCommonPasswords('# a comment\n\n  Hunter2  \r\nletmein\n')).toEqual(
      new Set(['hunter2', 'letmein']),
    );
  });

  it('refuses the NHS-flavoured "nhs12345678" pattern whatever digits follow', () => {
    const context = {
      email: 'a@b.nhs.uk',
      displayName: 'A B',
      commonPasswords: list,
      whose: 'yours' as const,
    };
    expect(passwordProblem('NHS1234567890', context)).toBe(
      'Password is too common – choose one that is harder to guess',
    );
    expect(passwordProblem('Welcome2Heard', context)).toBeNull();
  });
});

describe('roles', () => {
  const unit = '0b6f4f0e-6a55-4f2a-9d1e-8d7c1e0c9a11';

  it('gives the unit only to the unit-scoped roles (service manager, investigator)', () => {
    expect(grantsFor(['administrator', 'investigator', 'investigator'], unit)).toEqual([
      { role: 'administrator', unitId: null },
      { role: 'investigator', unitId: unit },
    ]);
  });

  it.each([
    { roles: [], unitId: null, problems: { roles: 'Select at least one role' } },
    {
      roles: ['service_manager'],
      unitId: null,
      problems: { unitId: 'Select the unit a service manager or investigator works in' },
    },
    { roles: ['service_manager'], unitId: unit, problems: {} },
    { roles: ['executive', 'auditor'], unitId: null, problems: {} },
  ] as const)('roles $roles with unit $unitId → $problems', ({ roles, unitId, problems }) => {
    expect(roleChoiceProblems(roles, unitId)).toEqual(problems);
  });

  it.each([
    {
      change: { kind: 'disable' },
      actor: 'me',
      user: 'me',
      problem: 'You cannot disable your own account. Ask another administrator.',
    },
    { change: { kind: 'disable' }, actor: 'me', user: 'them', problem: null },
    {
      change: { kind: 'roles', rolesAfter: ['executive'] },
      actor: 'me',
      user: 'me',
      problem: 'You cannot remove your own administrator role. Ask another administrator.',
    },
    {
      change: { kind: 'roles', rolesAfter: ['administrator', 'executive'] },
      actor: 'me',
      user: 'me',
      problem: null,
    },
    { change: { kind: 'roles', rolesAfter: ['executive'] }, actor: 'me', user: 'them', problem: null },
  ] as const)(
    'an administrator changing $user: $change.kind → $problem',
    ({ change, actor, user, problem }) => {
      expect(selfChangeProblem(change, actor, user)).toBe(problem);
    },
  );
});

describe('OpenID Connect', () => {
  it.each([
    { issuer: 'http://127.0.0.1:4000', local: true },
    { issuer: 'http://localhost:8080/realms/test', local: true },
    { issuer: 'https://login.microsoftonline.com/tenant/v2.0', local: false },
    { issuer: 'http://localhost.evil.example', local: false },
    {
      issuer:
        'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare',
      local: false,
    },
  ])('an issuer at $issuer is on this machine: $local', ({ issuer, local }) => {
    expect(isLocalIssuer(new URL(issuer))).toBe(local);
  });

  it.each([
    {
      behaviour: 'a verified email is used',
      claims: { email: 'a@nhs.net', emailVerified: true },
      email: 'a@nhs.net',
    },
    {
      behaviour: 'an email the provider says is unverified is never used',
      claims: { email: 'a@nhs.net', emailVerified: false },
      email: null,
    },
    {
      behaviour: 'an email from a provider that does not say (CIS2, Entra ID) is used',
      claims: { email: ' a@nhs.net ' },
      email: 'a@nhs.net',
    },
    {
      behaviour: 'Entra ID saying the email domain owner is not verified stops its use',
      claims: { email: 'a@nhs.net', emailDomainVerified: false },
      email: null,
    },
    { behaviour: 'no email, no match', claims: {}, email: null },
    { behaviour: 'something that is not an email is not used', claims: { email: 'jsmith' }, email: null },
  ])('$behaviour', ({ claims, email }) => {
    expect(emailToMatch({ subject: 'sub-1', ...claims })).toBe(email);
  });
});

describe('who may read and run cases (issue 4, confidentiality)', () => {
  const holders = (permission: Permission) =>
    roles.filter((role) => permissionsByRole[role].includes(permission)).sort();

  it('lets the complaints team, investigators, service managers and administrators read cases', () => {
    expect(holders('cases:view')).toEqual([
      'administrator',
      'complaints_officer',
      'investigator',
      'service_manager',
    ]);
  });

  it('lets only the complaints team and investigators change them: administrators read, never run, cases', () => {
    expect(holders('cases:manage')).toEqual(['complaints_officer', 'investigator']);
  });
});

describe('what an API key may hold', () => {
  it('is reading and changing units, reading reports, reading and running cases, sending survey responses, and reading and updating actions: nothing that administers Heard', () => {
    expect([...apiKeyPermissions].sort()).toEqual([
      'actions:update',
      'actions:view',
      'cases:manage',
      'cases:view',
      'reports:view',
      'surveys:submit',
      'units:manage',
      'units:view',
    ]);
  });
});
