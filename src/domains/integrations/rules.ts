import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * An API key is `heard_<key id, 32 hex digits>_<secret, 43 base64url characters>`: the id finds
 * the key without scanning, the prefix lets secret scanners (and people) recognise a leaked key,
 * and only a hash of the secret is stored.
 */
const apiKeyPattern = /^heard_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

/** 32 random bytes, base64url-encoded without padding. */
export const apiKeySecretLength = 43;

export function formatApiKey(apiKeyId: string, secret: string): string {
  return `heard_${apiKeyId.replaceAll('-', '').toLowerCase()}_${secret}`;
}

/** The key id (as a UUID) and secret in a presented key, or null if it is not shaped like a Heard key. */
export function parseApiKey(key: string): { apiKeyId: string; secret: string } | null {
  const match = apiKeyPattern.exec(key.trim());
  if (!match?.[1] || !match[2]) return null;
  const hex = match[1];
  const apiKeyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { apiKeyId, secret: match[2] };
}

/** SHA-256 is enough for a secret of 256 random bits: there is nothing to guess, so no slow hash is needed. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Compares in constant time, so the time taken says nothing about how much of the secret was right. */
export function apiKeySecretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKeySecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** "Last used" is for people, to a minute: recording every call would write on every request. */
export const lastUsedPrecisionMs = 60_000;

export function lastUsedIsStale(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= lastUsedPrecisionMs;
}

/** Fastify's `/units/:unitId` as OpenAPI's `/units/{unitId}`. */
export function openApiPath(fastifyPath: string): string {
  return fastifyPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
