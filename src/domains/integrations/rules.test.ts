import { describe, expect, it } from 'vitest';
import {
  apiKeySecretLength,
  apiKeySecretMatches,
  formatApiKey,
  hashApiKeySecret,
  lastUsedIsStale,
  openApiPath,
  parseApiKey,
} from './rules.ts';

const apiKeyId = '0f8fad5b-d9cb-469f-a165-70867728950e';
const secret = 'Ab_-0123456789abcdefghijklmnopqrstuvwxyzABC';

describe('API key format', () => {
  it('has a 43-character secret, the length of 32 random bytes in base64url', () => {
    expect(secret).toHaveLength(apiKeySecretLength);
    expect(Buffer.alloc(32).toString('base64url')).toHaveLength(apiKeySecretLength);
  });

  it('writes the key id without dashes between the prefix and the secret', () => {
    expect(formatApiKey(apiKeyId, secret)).toBe(`heard_0f8fad5bd9cb469fa16570867728950e_${secret}`);
  });

  it('reads back the key id and the secret, even when the secret itself holds underscores', () => {
    expect(parseApiKey(formatApiKey(apiKeyId, secret))).toEqual({ apiKeyId, secret });
  });

  it.each([
    ['an empty string', ''],
    ['another service’s token', 'ghp_0123456789abcdefghijklmnopqrstuvwxyz'],
    ['a key with a short secret', `heard_0f8fad5bd9cb469fa16570867728950e_${secret.slice(1)}`],
    ['a key with a long secret', `heard_0f8fad5bd9cb469fa16570867728950e_${secret}x`],
    ['a key id in capitals', `heard_0F8FAD5BD9CB469FA16570867728950E_${secret}`],
    ['a key id with dashes', `heard_${apiKeyId}_${secret}`],
    [
      'a secret with characters outside base64url',
      `heard_0f8fad5bd9cb469fa16570867728950e_${secret.slice(1)}+`,
    ],
  ])('refuses %s', (_case, key) => {
    expect(parseApiKey(key)).toBeNull();
  });
});

describe('apiKeySecretMatches', () => {
  const stored = hashApiKeySecret(secret);

  it('stores the SHA-256 of the secret, in hex', () => {
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(secret);
  });

  it.each([
    ['the right secret', secret, true],
    ['a secret one character different', `${secret.slice(0, -1)}D`, false],
    ['an empty secret', '', false],
  ])('matches %s: %s', (_case, presented, matches) => {
    expect(apiKeySecretMatches(presented, stored)).toBe(matches);
  });

  it('does not match a stored hash of the wrong length', () => {
    expect(apiKeySecretMatches(secret, 'abcd')).toBe(false);
  });
});

describe('lastUsedIsStale', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  it.each([
    ['never used', null, true],
    ['used 59 seconds ago', new Date('2025-06-01T11:59:01Z'), false],
    ['used a minute ago', new Date('2025-06-01T11:59:00Z'), true],
    ['used yesterday', new Date('2025-05-31T12:00:00Z'), true],
  ])('records the use of a key %s: %s', (_case, lastUsedAt, stale) => {
    expect(lastUsedIsStale(lastUsedAt, now)).toBe(stale);
  });
});

describe('openApiPath', () => {
  it.each([
    ['/api/v1/organisation', '/api/v1/organisation'],
    ['/api/v1/units/:unitId', '/api/v1/units/{unitId}'],
    ['/api/v1/units/:unitId/children/:child_id', '/api/v1/units/{unitId}/children/{child_id}'],
  ])('writes %s as %s', (fastifyPath, openApi) => {
    expect(openApiPath(fastifyPath)).toBe(openApi);
  });
});
