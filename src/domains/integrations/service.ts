import { randomBytes } from 'node:crypto';
import type { Database } from '#src/db/engine.ts';
import { asSystem, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { apiKeyPermissions, type Permission } from '#src/domains/identity/index.ts';
import { Conflict, Invalid, NotFound } from '#src/web/errors.ts';
import type { Actor, Principal } from '#src/web/principal.ts';
import {
  type ApiKeySummary,
  apiKeyById,
  apiKeysOf,
  apiKeyWithOrganisation,
  insertApiKey,
  markRevoked,
  organisationById,
  setLastUsed,
} from './queries.ts';
import {
  apiKeySecretMatches,
  formatApiKey,
  hashApiKeySecret,
  lastUsedIsStale,
  parseApiKey,
} from './rules.ts';

export type { ApiKeySummary };
export type ApiKeyPermission = (typeof apiKeyPermissions)[number];

const isApiKeyPermission = (value: string): value is ApiKeyPermission =>
  (apiKeyPermissions as readonly string[]).includes(value);

/**
 * The integration behind a presented API key, or null if the key is malformed, unknown,
 * wrong or revoked (the caller answers 401 to all of these alike).
 */
export async function principalForApiKey(
  db: Database,
  key: string,
  now = new Date(),
): Promise<Principal | null> {
  const presented = parseApiKey(key);
  if (!presented) return null;
  const found = await asSystem(db, (tx) => apiKeyWithOrganisation(tx, presented.apiKeyId));
  if (!found || found.key.revokedAt || !apiKeySecretMatches(presented.secret, found.key.secretHash)) {
    return null;
  }
  const { orgId, apiKeyId, name, permissions, lastUsedAt } = found.key;
  if (lastUsedIsStale(lastUsedAt, now)) {
    await withOrg(db, orgId, (tx) => setLastUsed(tx, orgId, apiKeyId, now));
  }
  return {
    kind: 'api_key',
    orgId,
    id: apiKeyId,
    name: `API key: ${name}`,
    organisationName: found.organisationName,
    roles: [],
    // Only what an API key may ever hold, whatever the row says.
    permissions: new Set<Permission>(permissions.filter(isApiKeyPermission)),
    unitScope: 'all',
  };
}

export interface NewApiKey {
  name: string;
  permissions: readonly string[];
}

/** Makes a key. The key itself is returned this once and never stored: only a hash of its secret is. */
export async function createApiKey(
  db: Database,
  orgId: string,
  actor: Actor,
  newKey: NewApiKey,
): Promise<{ apiKey: ApiKeySummary; key: string }> {
  const name = newKey.name.trim();
  const permissions = [...new Set(newKey.permissions)];
  if (!name) throw new Invalid('Enter a name for the API key', { name: 'Enter a name for the API key' });
  const refused = permissions.filter((permission) => !isApiKeyPermission(permission));
  if (permissions.length === 0 || refused.length > 0) {
    throw new Invalid('Choose what the API key may do', { permissions: 'Select what the API key may do' });
  }
  const secret = randomBytes(32).toString('base64url');
  return withOrg(db, orgId, async (tx) => {
    const apiKey = await insertApiKey(tx, {
      orgId,
      name,
      secretHash: hashApiKeySecret(secret),
      permissions,
      createdBy: actor.kind === 'user' ? actor.id : null,
    });
    await recordAudit(tx, orgId, actor, {
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: apiKey.apiKeyId,
      after: { name: apiKey.name, permissions: apiKey.permissions },
    });
    return { apiKey, key: formatApiKey(apiKey.apiKeyId, secret) };
  });
}

export async function listApiKeys(db: Database, orgId: string): Promise<ApiKeySummary[]> {
  return withOrg(db, orgId, (tx) => apiKeysOf(tx, orgId));
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findApiKey(db: Database, orgId: string, apiKeyId: string): Promise<ApiKeySummary> {
  const found = uuidPattern.test(apiKeyId)
    ? await withOrg(db, orgId, (tx) => apiKeyById(tx, orgId, apiKeyId))
    : null;
  if (!found) throw new NotFound('There is no API key with that id in your organisation.');
  return found;
}

/** Stops a key working at once. A revoked key stays listed, so that the audit trail still names it. */
export async function revokeApiKey(
  db: Database,
  orgId: string,
  actor: Actor,
  apiKeyId: string,
  now = new Date(),
): Promise<ApiKeySummary> {
  const existing = await findApiKey(db, orgId, apiKeyId);
  return withOrg(db, orgId, async (tx) => {
    const revoked = await markRevoked(tx, orgId, apiKeyId, now);
    if (!revoked) throw new Conflict(`The API key “${existing.name}” has already been revoked`);
    await recordAudit(tx, orgId, actor, {
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: apiKeyId,
      before: { name: existing.name, revokedAt: null },
      after: { name: revoked.name, revokedAt: revoked.revokedAt },
    });
    return revoked;
  });
}

/** The caller's own organisation, as the API describes it. */
export async function organisationSummary(db: Database, orgId: string) {
  const organisation = await withOrg(db, orgId, (tx) => organisationById(tx, orgId));
  if (!organisation) throw new NotFound();
  return organisation;
}
