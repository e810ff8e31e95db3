import { and, desc, eq, isNull } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { organisations } from '#src/domains/organisations/schema.ts';
import { apiKeys } from './schema.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** What may be shown of a key: everything but the hash of its secret. */
const apiKeySummary = {
  orgId: apiKeys.orgId,
  apiKeyId: apiKeys.apiKeyId,
  name: apiKeys.name,
  permissions: apiKeys.permissions,
  createdBy: apiKeys.createdBy,
  createdAt: apiKeys.createdAt,
  revokedAt: apiKeys.revokedAt,
  lastUsedAt: apiKeys.lastUsedAt,
};
export type ApiKeySummary = Omit<ApiKeyRow, 'secretHash'>;

export async function insertApiKey(tx: OrgTransaction, key: typeof apiKeys.$inferInsert) {
  const [row] = await tx.insert(apiKeys).values(key).returning(apiKeySummary);
  if (!row) throw new Error('API key was not inserted');
  return row;
}

/** Run as system: a key is presented before anyone knows whose organisation it belongs to. */
export async function apiKeyWithOrganisation(tx: OrgTransaction, apiKeyId: string) {
  const [row] = await tx
    .select({ key: apiKeys, organisationName: organisations.name })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.orgId, apiKeys.orgId))
    .where(eq(apiKeys.apiKeyId, apiKeyId));
  return row ?? null;
}

export async function apiKeysOf(tx: OrgTransaction, orgId: string) {
  return tx
    .select(apiKeySummary)
    .from(apiKeys)
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(desc(apiKeys.createdAt));
}

export async function apiKeyById(tx: OrgTransaction, orgId: string, apiKeyId: string) {
  const [row] = await tx
    .select(apiKeySummary)
    .from(apiKeys)
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.apiKeyId, apiKeyId)));
  return row ?? null;
}

/** Revokes a key that is not yet revoked; returns it, or null if there was nothing to revoke. */
export async function markRevoked(tx: OrgTransaction, orgId: string, apiKeyId: string, revokedAt: Date) {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.apiKeyId, apiKeyId), isNull(apiKeys.revokedAt)))
    .returning(apiKeySummary);
  return row ?? null;
}

export async function setLastUsed(tx: OrgTransaction, orgId: string, apiKeyId: string, lastUsedAt: Date) {
  await tx
    .update(apiKeys)
    .set({ lastUsedAt })
    .where(and(eq(apiKeys.orgId, orgId), eq(apiKeys.apiKeyId, apiKeyId)));
}

export async function organisationById(tx: OrgTransaction, orgId: string) {
  const [row] = await tx
    .select({ name: organisations.name, odsCode: organisations.odsCode })
    .from(organisations)
    .where(eq(organisations.orgId, orgId));
  return row ?? null;
}
