import { describe, expect, it } from 'vitest';
import type { UserSummary } from '../service.ts';
import { accountStatus, roleFields, rolesDescription, userPage, usersListPage } from './users-model.ts';

const now = new Date('2025-06-02T10:00:00Z');
const ward = { unitId: 'unit-ward-10', code: 'W10', name: 'Ward 10' };
const person = (overrides: Partial<UserSummary> = {}): UserSummary => ({
  userId: 'user-1',
  email: 'ruth.jones@test.nhs.uk',
  displayName: 'Ruth Jones',
  lastSignInAt: null,
  lockedUntil: null,
  disabledAt: null,
  hasPassword: true,
  signsInWithIdentityProvider: false,
  grants: [{ role: 'complaints_officer', unitId: null }],
  ...overrides,
});

describe('account status', () => {
  it.each([
    { behaviour: 'an ordinary account is active', user: person(), status: 'Active' },
    {
      behaviour: 'a lock still running shows until when (UK time)',
      user: person({ lockedUntil: new Date('2025-06-02T10:15:00Z') }),
      status: 'Locked until 2 Jun 2025, 11:15',
    },
    {
      behaviour: 'a lock that has run out is active again',
      user: person({ lockedUntil: new Date('2025-06-02T09:59:00Z') }),
      status: 'Active',
    },
    {
      behaviour: 'disabled wins over locked',
      user: person({ disabledAt: now, lockedUntil: new Date('2025-06-02T10:15:00Z') }),
      status: 'Disabled',
    },
  ])('$behaviour', ({ user, status }) => {
    expect(accountStatus(user, now)).toBe(status);
  });
});

describe('roles description', () => {
  it('names each role, with the unit a unit-scoped role covers', () => {
    expect(
      rolesDescription(
        [
          { role: 'administrator', unitId: null },
          { role: 'investigator', unitId: 'unit-ward-10' },
        ],
        [ward],
      ),
    ).toBe('Administrator, Investigator (Ward 10)');
  });

  it('says when someone has no roles, and when their unit has closed', () => {
    expect(rolesDescription([], [ward])).toBe('No roles');
    expect(rolesDescription([{ role: 'service_manager', unitId: 'gone' }], [ward])).toBe(
      'Service manager (a closed unit)',
    );
  });
});

describe('users list page', () => {
  it('makes one table row per person, their name linking to their page', () => {
    const page = usersListPage(
      [
        person({ lastSignInAt: new Date('2025-01-15T14:30:00Z') }),
        person({ userId: 'user-2', disabledAt: now }),
      ],
      [ward],
      now,
    );
    expect(page.head.map((cell) => cell.text)).toEqual([
      'Name',
      'Email address',
      'Roles',
      'Last signed in',
      'Status',
    ]);
    expect(page.rows[0]).toEqual([
      { text: 'Ruth Jones', href: '/admin/users/user-1' },
      { text: 'ruth.jones@test.nhs.uk' },
      { text: 'Complaints and PALS officer' },
      { text: '15 Jan 2025, 14:30' },
      { text: 'Active' },
    ]);
    expect(page.rows[1]?.[4]).toEqual({ text: 'Disabled' });
  });
});

describe('a user’s page', () => {
  it('offers unlock only while locked, and never lets administrators disable themselves', () => {
    const locked = person({ lockedUntil: new Date('2025-06-02T10:05:00Z') });
    expect(userPage(locked, [], now, 'someone-else')).toMatchObject({
      canUnlock: true,
      canDisable: true,
      canEnable: false,
    });
    expect(userPage(person(), [], now, 'user-1')).toMatchObject({ canUnlock: false, canDisable: false });
    expect(userPage(person({ disabledAt: now }), [], now, 'someone-else')).toMatchObject({
      canDisable: false,
      canEnable: true,
    });
  });

  it('says how the person signs in', () => {
    const both = userPage(person({ signsInWithIdentityProvider: true }), [], now, 'x');
    expect(both.summaryRows.find((row) => row.key.text === 'Signs in with')?.value.text).toBe(
      'a Heard password or their organisation’s identity provider',
    );
    const neither = userPage(person({ hasPassword: false }), [], now, 'x');
    expect(neither.summaryRows.find((row) => row.key.text === 'Signs in with')?.value.text).toBe(
      'Nothing yet: set a password',
    );
  });
});

describe('role fields', () => {
  it('keeps the roles and unit chosen, and explains which roles the unit applies to', () => {
    const fields = roleFields({ roles: ['investigator'], unitId: 'unit-ward-10' }, [ward]);
    expect(fields.roleItems.filter((item) => item.checked).map((item) => item.value)).toEqual([
      'investigator',
    ]);
    expect(fields.roleItems.filter((item) => item.hint).map((item) => item.value)).toEqual([
      'investigator',
      'service_manager',
    ]);
    expect(fields.unitItems).toEqual([
      { value: '', text: 'Select a unit', selected: false },
      { value: 'unit-ward-10', text: 'Ward 10 (W10)', selected: true },
    ]);
  });
});
