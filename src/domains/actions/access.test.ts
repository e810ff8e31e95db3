import { describe, expect, it } from 'vitest';
import { type Permission, permissionsByRole, type Role } from '#src/domains/identity/index.ts';
import { mayManagePlans, mayUpdateAction } from './access.ts';

// Issue 7, access: leads update their own actions; service managers their units'; complaints
// officers and administrators run every plan; auditors and everyone else only read.
const viewer = (role: Role, id = 'me') => ({
  id,
  roles: [role],
  permissions: new Set<Permission>(permissionsByRole[role]),
});
const ward = 'ward-1';
const wardsUnderLocality = new Set(['locality-1', ward]);

describe('who may update an action', () => {
  it.each([
    ['complaints_officer', { leadUserId: 'someone', unitId: null }, 'all', true, 'runs every plan'],
    ['administrator', { leadUserId: 'someone', unitId: null }, 'all', true, 'runs every plan'],
    ['investigator', { leadUserId: 'me', unitId: null }, 'all', true, 'leads it'],
    ['investigator', { leadUserId: 'someone', unitId: ward }, wardsUnderLocality, false, 'leads another'],
    ['executive', { leadUserId: 'me', unitId: null }, 'all', true, 'any member of staff may lead one'],
    [
      'service_manager',
      { leadUserId: 'someone', unitId: ward },
      wardsUnderLocality,
      true,
      'a ward under their locality',
    ],
    [
      'service_manager',
      { leadUserId: 'someone', unitId: 'ward-2' },
      wardsUnderLocality,
      false,
      'another unit',
    ],
    [
      'service_manager',
      { leadUserId: 'someone', unitId: null },
      wardsUnderLocality,
      false,
      'an organisation-wide action',
    ],
    ['service_manager', { leadUserId: 'someone', unitId: null }, 'all', true, 'an organisation-wide manager'],
    ['auditor', { leadUserId: 'me', unitId: null }, 'all', false, 'auditors change nothing, even if named'],
  ] as const)('a %s on %o (units %o): %s (%s)', (role, action, units, expected, _why) => {
    expect(mayUpdateAction(viewer(role), action, units)).toBe(expected);
  });
});

describe('an integration’s API key', () => {
  const key = (permissions: Permission[]) => ({
    kind: 'api_key' as const,
    id: 'key-1',
    roles: [],
    permissions: new Set(permissions),
  });
  const action = { leadUserId: 'someone', unitId: ward };
  it.each([
    [['actions:view', 'actions:update'], true, 'organisation-wide, as a key for cases is'],
    [['actions:view'], false, 'reading only'],
    [['cases:manage'], false, 'no actions permission at all'],
  ] as const)('holding %o: %s (%s)', (permissions, expected, _why) => {
    expect(mayUpdateAction(key([...permissions]), action, 'all')).toBe(expected);
  });
});

describe('who runs action plans', () => {
  it.each([
    ['complaints_officer', true],
    ['administrator', true],
    ['service_manager', false],
    ['investigator', false],
    ['executive', false],
    ['auditor', false],
    ['involvement_lead', false],
  ] as const)('%s: %s', (role, expected) => {
    expect(mayManagePlans(viewer(role))).toBe(expected);
  });
});
