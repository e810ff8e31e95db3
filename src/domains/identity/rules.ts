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
] as const;
export type Permission = (typeof permissions)[number];

/** Permissions an administrator may give to an integration's API key. */
export const apiKeyPermissions = [
  'units:view',
  'units:manage',
  'reports:view',
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
  ],
  complaints_officer: [...everyoneOnStaff, 'reports:view'],
  investigator: [...everyoneOnStaff],
  service_manager: [...everyoneOnStaff, 'reports:view'],
  involvement_lead: [...everyoneOnStaff],
  executive: [...everyoneOnStaff, 'reports:view'],
  auditor: [...everyoneOnStaff, 'audit:view', 'reports:view'],
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
