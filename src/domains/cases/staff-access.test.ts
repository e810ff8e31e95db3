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
    ['an assigned investigator, an issue’s KO41a service area', ['investigator'], me, 'issue-ko41a', true],
    ['an assigned investigator, the patient’s age and complainant', ['investigator'], me, 'ko41a', false],
    ['a complaints officer, the patient’s age and complainant', ['complaints_officer'], null, 'ko41a', true],
    ['an assigned investigator, closing', ['investigator'], me, 'close', false],
    ['an assigned investigator, reassigning', ['investigator'], me, 'assign', false],
    ['an investigator not assigned, a note', ['investigator'], 'someone-else', 'note', false],
    ['an investigator, an unassigned case', ['investigator'], null, 'add-issue', false],
    ['a service manager', ['service_manager'], me, 'note', false],
    ['an administrator', ['administrator'], null, 'acknowledge', false],
    ['a complaints officer, a local resolution meeting', ['complaints_officer'], null, 'meeting', true],
    ['a complaints officer, an Ombudsman referral', ['complaints_officer'], me, 'ombudsman-referral', true],
    ['a complaints officer, escalating a concern', ['complaints_officer'], null, 'escalate', true],
    ['an assigned investigator, a learning point', ['investigator'], me, 'learning-point', true],
    ['an assigned investigator, a task', ['investigator'], me, 'task', true],
    ['an assigned investigator, a meeting', ['investigator'], me, 'meeting', false],
    ['an assigned investigator, an Ombudsman referral', ['investigator'], me, 'ombudsman-referral', false],
    ['an assigned investigator, the Ombudsman’s outcome', ['investigator'], me, 'ombudsman-outcome', false],
    ['an assigned investigator, escalating', ['investigator'], me, 'escalate', false],
    ['an investigator not assigned, a task', ['investigator'], 'someone-else', 'task', false],
    [
      'an investigator, a learning point on an unassigned case',
      ['investigator'],
      null,
      'learning-point',
      false,
    ],
    ['a service manager, a learning point', ['service_manager'], me, 'learning-point', false],
    ['an administrator, a task', ['administrator'], null, 'task', false],
    ['an assigned investigator, an attachment', ['investigator'], me, 'attachment', true],
    ['an assigned investigator, the response letter', ['investigator'], me, 'response-letter', true],
    ['an assigned investigator, deleting an attachment', ['investigator'], me, 'delete-attachment', false],
    ['a complaints officer, deleting an attachment', ['complaints_officer'], null, 'delete-attachment', true],
    ['an investigator not assigned, an attachment', ['investigator'], 'someone-else', 'attachment', false],
    ['a service manager, an attachment', ['service_manager'], me, 'attachment', false],
  ])('%s', (_case, roles, investigatorUserId, action, allowed) => {
    expect(mayTakeCaseAction(person(roles), investigatorUserId, action)).toBe(allowed);
  });
});
