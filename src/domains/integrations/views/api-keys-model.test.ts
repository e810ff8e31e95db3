import { describe, expect, it } from 'vitest';
import type { ApiKeySummary } from '../queries.ts';
import {
  apiKeyCreatedModel,
  apiKeyListModel,
  describePermission,
  newApiKeyFormModel,
  revokeApiKeyModel,
} from './api-keys-model.ts';

const key = (changes: Partial<ApiKeySummary> = {}): ApiKeySummary => ({
  orgId: 'org',
  apiKeyId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  name: 'Survey vendor',
  permissions: ['units:view', 'reports:view'],
  createdBy: null,
  createdAt: new Date('2025-04-01T10:00:00Z'),
  revokedAt: null,
  lastUsedAt: null,
  ...changes,
});

describe('apiKeyListModel', () => {
  it('shows an active key never used, with a link to revoke it that names it for screen readers', () => {
    const model = apiKeyListModel([key()]);
    expect(model.rows[0]).toEqual([
      { text: 'Survey vendor' },
      { text: 'units:view, reports:view' },
      { text: '1 April 2025' },
      { text: 'Never' },
      { text: 'Active' },
      {
        text: 'Revoke',
        visuallyHiddenText: ' Survey vendor',
        href: '/admin/api-keys/0f8fad5b-d9cb-469f-a165-70867728950e/revoke',
      },
    ]);
    // The success message after a revocation is the layout's to show (web/flash.ts), not the list's.
    expect(model).not.toHaveProperty('successMessage');
  });

  it('shows when a key was last used and revoked, with nothing to do to it', () => {
    const model = apiKeyListModel([
      key({ lastUsedAt: new Date('2025-07-01T08:05:00Z'), revokedAt: new Date('2025-07-02T09:00:00Z') }),
    ]);
    expect(model.rows[0]?.slice(3)).toEqual([
      { text: '1 Jul 2025, 09:05' },
      { text: 'Revoked on 2 July 2025' },
      { text: '' },
    ]);
  });
});

describe('newApiKeyFormModel', () => {
  const permissions = ['units:view', 'units:manage', 'reports:view'];

  it('offers every permission an API key may hold, described in words, none ticked', () => {
    const model = newApiKeyFormModel(permissions, { name: '', permissions: [] });
    expect(model.hasErrors).toBe(false);
    expect(model.permissions.items[0]).toEqual({
      value: 'units:view',
      text: 'Read the organisation and its units',
      hint: { text: 'units:view' },
      checked: false,
    });
  });

  it('keeps the answers and lists the errors in the order of the form, linked to their fields', () => {
    const model = newApiKeyFormModel(
      permissions,
      { name: 'x'.repeat(101), permissions: ['reports:view'] },
      { permissions: 'Select what the API key may do', name: 'Name must be 100 characters or fewer' },
    );
    expect(model.hasErrors).toBe(true);
    expect(model.errorList).toEqual([
      { text: 'Name must be 100 characters or fewer', href: '#name' },
      { text: 'Select what the API key may do', href: '#permissions' },
    ]);
    expect(model.name).toEqual({
      value: 'x'.repeat(101),
      errorMessage: { text: 'Name must be 100 characters or fewer' },
    });
    expect(model.permissions.items.map((item) => item.checked)).toEqual([false, false, true]);
  });
});

describe('describePermission', () => {
  it('says that reading cases through the API never includes personal data', () => {
    expect(describePermission('cases:view')).toBe('Read cases and their issues, without personal data');
  });

  it('falls back to the permission’s code for one it has no words for', () => {
    expect(describePermission('surveys:import')).toBe('surveys:import');
  });
});

describe('apiKeyCreatedModel and revokeApiKeyModel', () => {
  it('shows the new key and what it may do', () => {
    const model = apiKeyCreatedModel(key(), 'heard_secret');
    expect(model.key).toBe('heard_secret');
    expect(model.permissions).toEqual(['Read the organisation and its units', 'Read reports and figures']);
    expect(model.exampleRequest).not.toContain('heard_secret');
  });

  it('asks before revoking, showing the key’s details', () => {
    const model = revokeApiKeyModel(key());
    expect(model.pageTitle).toBe('Revoke the API key Survey vendor');
    expect(model.details[3]).toEqual({ key: { text: 'Last used' }, value: { text: 'Never' } });
  });
});
