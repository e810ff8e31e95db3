import { describe, expect, it } from 'vitest';
import type { Role } from '#src/domains/identity/index.ts';
import { mayActOnCaseThroughApi } from './api-access.ts';
import { caseActions } from './staff-access.ts';

const investigatorId = 'investigator-1';
const person = (roles: Role[], id = investigatorId) => ({ kind: 'user' as const, id, roles });

describe('who may act on a case through the API', () => {
  it.each(caseActions)('an API key holding cases:manage may %s on any case', (action) => {
    expect(mayActOnCaseThroughApi({ kind: 'api_key', id: 'key-1', roles: [] }, null, action)).toBe(true);
  });

  it('a signed-in member of staff is held to the case pages’ rules', () => {
    expect(mayActOnCaseThroughApi(person(['complaints_officer']), null, 'close')).toBe(true);
    expect(mayActOnCaseThroughApi(person(['investigator']), investigatorId, 'add-issue')).toBe(true);
    expect(mayActOnCaseThroughApi(person(['investigator']), investigatorId, 'acknowledge')).toBe(false);
    expect(mayActOnCaseThroughApi(person(['investigator']), 'someone-else', 'add-issue')).toBe(false);
    expect(mayActOnCaseThroughApi(person(['administrator']), null, 'add-issue')).toBe(false);
  });
});
