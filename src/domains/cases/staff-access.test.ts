import { describe, expect, it } from 'vitest';
import type { Role } from '#src/domains/identity/index.ts';
import { type CaseAction, mayTakeCaseAction } from './staff-access.ts';

const me = 'user-1';
const person = (roles: Role[]) => ({ id: me, roles });

describe('who may change a case', () => {
  it.each<[string, Role[], string | null, CaseAction, boolean]>([
    ['a complaints officer, any case', ['complaints_officer'], null, 'close', true],
    ['an assigned investigator, an issue outcome', ['investigator'], me, 'issue-outcome', true],
    ['an assigned investigator, a note', ['investigator'], me, 'note', true],
    ['an assigned investigator, closing', ['investigator'], me, 'close', false],
    ['an assigned investigator, reassigning', ['investigator'], me, 'assign', false],
    ['an investigator not assigned, a note', ['investigator'], 'someone-else', 'note', false],
    ['an investigator, an unassigned case', ['investigator'], null, 'add-issue', false],
    ['a service manager', ['service_manager'], me, 'note', false],
    ['an administrator', ['administrator'], null, 'acknowledge', false],
  ])('%s', (_case, roles, investigatorUserId, action, allowed) => {
    expect(mayTakeCaseAction(person(roles), investigatorUserId, action)).toBe(allowed);
  });
});
