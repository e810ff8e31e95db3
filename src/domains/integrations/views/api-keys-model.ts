import { errorSummaryList, type FieldErrors } from '#src/web/forms.ts';
import { formatUkDate, formatUkDateTime } from '#src/web/views.ts';
import type { ApiKeySummary } from '../queries.ts';

/** What each permission lets an integration do, in words; a permission not listed shows its code. */
const permissionDescriptions: Record<string, string> = {
  'units:view': 'Read the organisation and its units',
  'units:manage': 'Add and change units',
  'reports:view': 'Read reports and figures',
  'cases:view': 'Read cases and their issues, without personal data',
  'cases:manage': 'Log cases and record acknowledgements, issues, outcomes and closures',
  'surveys:submit': 'Send survey responses in batches (a survey vendor)',
  'actions:view': 'Read action plans, their actions and progress',
  'actions:update': 'Change an action’s status and record evidence notes on any action',
};

export const describePermission = (permission: string) => permissionDescriptions[permission] ?? permission;

/** The list of keys, newest first, with a link to revoke each one still working. */
export function apiKeyListModel(keys: readonly ApiKeySummary[]) {
  return {
    pageTitle: 'API keys',
    head: [
      { text: 'Name' },
      { text: 'Permissions' },
      { text: 'Created' },
      { text: 'Last used' },
      { text: 'Status' },
      { html: '<span class="nhsuk-u-visually-hidden">Action</span>' },
    ],
    rows: keys.map((key) => [
      { text: key.name },
      { text: key.permissions.join(', ') },
      { text: formatUkDate(key.createdAt) },
      { text: key.lastUsedAt ? formatUkDateTime(key.lastUsedAt) : 'Never' },
      { text: key.revokedAt ? `Revoked on ${formatUkDate(key.revokedAt)}` : 'Active' },
      key.revokedAt
        ? { text: '' }
        : {
            text: 'Revoke',
            visuallyHiddenText: ` ${key.name}`,
            href: `/admin/api-keys/${key.apiKeyId}/revoke`,
          },
    ]),
  };
}

export interface NewApiKeyValues {
  name: string;
  permissions: string[];
}

/** The form for a new key: the answers given so far, and what is wrong with them. */
export function newApiKeyFormModel(
  permissions: readonly string[],
  values: NewApiKeyValues,
  errors: FieldErrors = {},
) {
  const errorList = errorSummaryList(errors, ['name', 'permissions']);
  return {
    pageTitle: 'Make an API key',
    backLinkHref: '/admin/api-keys',
    hasErrors: errorList.length > 0,
    errorList,
    name: { value: values.name, errorMessage: errors.name ? { text: errors.name } : undefined },
    permissions: {
      items: permissions.map((permission) => ({
        value: permission,
        text: describePermission(permission),
        hint: { text: permission },
        checked: values.permissions.includes(permission),
      })),
      errorMessage: errors.permissions ? { text: errors.permissions } : undefined,
    },
  };
}

/** The only time the key is shown. */
export function apiKeyCreatedModel(apiKey: ApiKeySummary, key: string) {
  return {
    pageTitle: 'Your new API key',
    name: apiKey.name,
    key,
    permissions: apiKey.permissions.map(describePermission),
    exampleRequest: 'curl -H "Authorization: Bearer <the key>" <Heard address>/api/v1/organisation',
  };
}

export function revokeApiKeyModel(apiKey: ApiKeySummary) {
  return {
    pageTitle: `Revoke the API key ${apiKey.name}`,
    backLinkHref: '/admin/api-keys',
    apiKeyId: apiKey.apiKeyId,
    name: apiKey.name,
    details: [
      { key: { text: 'Name' }, value: { text: apiKey.name } },
      { key: { text: 'Permissions' }, value: { text: apiKey.permissions.join(', ') } },
      { key: { text: 'Created' }, value: { text: formatUkDate(apiKey.createdAt) } },
      {
        key: { text: 'Last used' },
        value: { text: apiKey.lastUsedAt ? formatUkDateTime(apiKey.lastUsedAt) : 'Never' },
      },
    ],
  };
}
