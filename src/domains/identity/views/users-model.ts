import { formatUkDateTime } from '#src/web/views.ts';
import { type Grant, isLockedAt, passwordMinimumLength, roleNames, unitScopedRoles } from '../rules.ts';
import { type Role, roles } from '../schema.ts';
import type { UserSummary } from '../service.ts';

export interface UnitChoice {
  unitId: string;
  code: string;
  name: string;
}

/** Active, locked (too many wrong passwords, until the lock runs out) or disabled by an administrator. */
export function accountStatus(user: Pick<UserSummary, 'disabledAt' | 'lockedUntil'>, now: Date): string {
  if (user.disabledAt) return 'Disabled';
  if (isLockedAt(user.lockedUntil, now)) return `Locked until ${formatUkDateTime(user.lockedUntil)}`;
  return 'Active';
}

/** "Administrator, Investigator (Ward 10)": each role by name, with the unit a unit-scoped role covers. */
export function rolesDescription(grants: readonly Grant[], units: readonly UnitChoice[]): string {
  if (grants.length === 0) return 'No roles';
  const unitNames = new Map(units.map((unit) => [unit.unitId, unit.name]));
  return grants
    .map((grant) => {
      const unitName = grant.unitId ? (unitNames.get(grant.unitId) ?? 'a closed unit') : null;
      return unitName ? `${roleNames[grant.role]} (${unitName})` : roleNames[grant.role];
    })
    .join(', ');
}

const lastSignIn = (user: UserSummary) =>
  user.lastSignInAt ? formatUkDateTime(user.lastSignInAt) : 'Never signed in';

/** The table of everyone in the organisation, for the `table` macro. */
export function usersListPage(users: readonly UserSummary[], units: readonly UnitChoice[], now: Date) {
  return {
    pageTitle: 'Users',
    head: [
      { text: 'Name' },
      { text: 'Email address' },
      { text: 'Roles' },
      { text: 'Last signed in' },
      { text: 'Status' },
    ],
    rows: users.map((user) => [
      { text: user.displayName, href: `/admin/users/${user.userId}` },
      { text: user.email },
      { text: rolesDescription(user.grants, units) },
      { text: lastSignIn(user) },
      { text: accountStatus(user, now) },
    ]),
  };
}

/** One person's account: a summary list, and the buttons for what may be done to it now. */
export function userPage(user: UserSummary, units: readonly UnitChoice[], now: Date, viewerId: string) {
  const base = `/admin/users/${user.userId}`;
  const change = (href: string, text: string, visuallyHiddenText?: string) => ({
    items: [{ href, text, visuallyHiddenText }],
  });
  const signsInWith = [
    user.hasPassword ? 'a Heard password' : null,
    user.signsInWithIdentityProvider ? 'their organisation’s identity provider' : null,
  ].filter(Boolean);
  return {
    pageTitle: user.displayName,
    backLinkHref: '/admin/users',
    summaryRows: [
      { key: { text: 'Email address' }, value: { text: user.email } },
      {
        key: { text: 'Roles' },
        value: { text: rolesDescription(user.grants, units) },
        actions: change(`${base}/roles`, 'Change', 'roles'),
      },
      {
        key: { text: 'Signs in with' },
        value: { text: signsInWith.length ? signsInWith.join(' or ') : 'Nothing yet: set a password' },
        actions: change(`${base}/password`, 'Set a new password'),
      },
      { key: { text: 'Last signed in' }, value: { text: lastSignIn(user) } },
      { key: { text: 'Status' }, value: { text: accountStatus(user, now) } },
    ],
    canUnlock: !user.disabledAt && isLockedAt(user.lockedUntil, now),
    canDisable: !user.disabledAt && user.userId !== viewerId,
    canEnable: Boolean(user.disabledAt),
    actionBase: base,
  };
}

export type RoleFormValues = {
  roles: readonly string[];
  unitId?: string | undefined;
};

/** Checkbox items for every role and select items for every open unit, with the answers given kept. */
export function roleFields(values: RoleFormValues, units: readonly UnitChoice[]) {
  return {
    roleItems: roles.map((role: Role) => ({
      value: role,
      text: roleNames[role],
      checked: values.roles.includes(role),
      hint: unitScopedRoles.includes(role)
        ? { text: 'Sees only the unit chosen below and the units in it' }
        : undefined,
    })),
    unitItems: [
      { value: '', text: 'Select a unit', selected: !values.unitId },
      ...units.map((unit) => ({
        value: unit.unitId,
        text: `${unit.name} (${unit.code})`,
        selected: unit.unitId === values.unitId,
      })),
    ],
  };
}

/** The hint under every new-password field, so that the rules are known before they are broken. */
export const passwordHint = `Must be ${passwordMinimumLength} characters or more. A few unrelated words together make a good password. Do not use a common password, a name or an email address.`;

/** The unit a person's unit-scoped roles cover, to preselect when their roles are changed. */
export function currentUnitOf(grants: readonly Grant[]): string | undefined {
  return grants.find((grant) => grant.unitId)?.unitId ?? undefined;
}
