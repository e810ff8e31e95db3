import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAuditTrail } from '#src/domains/audit/index.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { type Actor, systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { parseApiKey } from './rules.ts';
import { apiKeys } from './schema.ts';
import { createApiKey, listApiKeys, principalForApiKey, revokeApiKey } from './service.ts';

const administrator: Actor = {
  kind: 'user',
  id: '5d1f4b0e-7c33-4f1a-9a51-0d6f7b0a1c22',
  name: 'Alex Administrator',
};

describe.each(engines)('API keys on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;
    let otherOrgId: string;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      orgId = (
        await createOrganisation(database.db, systemActor(), { name: 'Key Test Trust', odsCode: 'KEY1' })
      ).orgId;
      otherOrgId = (
        await createOrganisation(database.db, systemActor(), { name: 'Other Trust', odsCode: 'KEY2' })
      ).orgId;
    });
    afterAll(async () => database?.close());

    const newKey = (name: string, permissions: string[] = ['units:view']) =>
      createApiKey(database.db, orgId, administrator, { name, permissions });

    it('shows the key once, in the heard_<id>_<secret> form, and stores only a hash of its secret', async () => {
      const { apiKey, key } = await newKey('Survey vendor');
      const parsed = parseApiKey(key);
      expect(parsed?.apiKeyId).toBe(apiKey.apiKeyId);
      expect(apiKey).not.toHaveProperty('secretHash');
      const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.apiKeyId, apiKey.apiKeyId));
      expect(row?.secretHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(parsed?.secret);
    });

    it('records making and revoking a key in the audit trail, without the key', async () => {
      const { apiKey, key } = await newKey('BI tool', ['units:view', 'reports:view']);
      await revokeApiKey(database.db, orgId, administrator, apiKey.apiKeyId);
      const events = await searchAuditTrail(database.db, orgId, {
        entityType: 'api_key',
        entityId: apiKey.apiKeyId,
        limit: 10,
        offset: 0,
      });
      expect(events.map((event) => event.action)).toEqual(['api_key.revoked', 'api_key.created']);
      expect(events[1]).toMatchObject({
        actorName: 'Alex Administrator',
        after: { name: 'BI tool', permissions: ['units:view', 'reports:view'] },
      });
      expect(JSON.stringify(events)).not.toContain(parseApiKey(key)?.secret);
    });

    it('turns a key into a principal of its organisation holding only the key’s permissions', async () => {
      const { apiKey, key } = await newKey('Care Opinion import', ['units:view', 'reports:view']);
      const principal = await principalForApiKey(database.db, key);
      expect(principal).toMatchObject({
        kind: 'api_key',
        orgId,
        id: apiKey.apiKeyId,
        name: 'API key: Care Opinion import',
        organisationName: 'Key Test Trust',
        roles: [],
        unitScope: 'all',
      });
      expect([...(principal?.permissions ?? [])].sort()).toEqual(['reports:view', 'units:view']);
    });

    it('knows no principal for a wrong, malformed or revoked key', async () => {
      const { apiKey, key } = await newKey('Soon revoked');
      const parsed = parseApiKey(key);
      const wrongSecret = `heard_${apiKey.apiKeyId.replaceAll('-', '')}_${'A'.repeat(43)}`;
      const unknownId = `heard_${'0'.repeat(32)}_${parsed?.secret}`;
      expect(await principalForApiKey(database.db, wrongSecret)).toBeNull();
      expect(await principalForApiKey(database.db, unknownId)).toBeNull();
      expect(await principalForApiKey(database.db, 'not a key')).toBeNull();
      await revokeApiKey(database.db, orgId, administrator, apiKey.apiKeyId);
      expect(await principalForApiKey(database.db, key)).toBeNull();
    });

    it('notes when a key was last used, at most once a minute', async () => {
      const { apiKey, key } = await newKey('Used often');
      const lastUsed = async () =>
        (await listApiKeys(database.db, orgId)).find((listed) => listed.apiKeyId === apiKey.apiKeyId)
          ?.lastUsedAt;
      expect(await lastUsed()).toBeNull();
      const first = new Date('2030-01-01T09:00:00Z');
      await principalForApiKey(database.db, key, first);
      expect(await lastUsed()).toEqual(first);
      await principalForApiKey(database.db, key, new Date('2030-01-01T09:00:59Z'));
      expect(await lastUsed()).toEqual(first);
      const minuteLater = new Date('2030-01-01T09:01:00Z');
      await principalForApiKey(database.db, key, minuteLater);
      expect(await lastUsed()).toEqual(minuteLater);
    });

    it('refuses a name left blank, no permissions, and permissions an API key may not hold', async () => {
      await expect(newKey('   ')).rejects.toThrow('Enter a name for the API key');
      await expect(newKey('No permissions', [])).rejects.toThrow('Choose what the API key may do');
      await expect(newKey('Too powerful', ['units:view', 'users:manage'])).rejects.toThrow(
        'Choose what the API key may do',
      );
    });

    it('will not revoke a key twice, nor one from another organisation', async () => {
      const { apiKey } = await newKey('Twice');
      await revokeApiKey(database.db, orgId, administrator, apiKey.apiKeyId);
      await expect(revokeApiKey(database.db, orgId, administrator, apiKey.apiKeyId)).rejects.toThrow(
        'has already been revoked',
      );
      const { apiKey: ours } = await newKey('Ours');
      await expect(revokeApiKey(database.db, otherOrgId, administrator, ours.apiKeyId)).rejects.toThrow(
        'no API key with that id',
      );
      await expect(revokeApiKey(database.db, orgId, administrator, 'not-a-uuid')).rejects.toThrow(
        'no API key with that id',
      );
    });

    it('lists an organisation’s keys newest first, and none of another organisation’s', async () => {
      await createApiKey(database.db, otherOrgId, administrator, {
        name: 'Theirs',
        permissions: ['units:view'],
      });
      const names = (await listApiKeys(database.db, orgId)).map((key) => key.name);
      expect(names[0]).toBe('Ours');
      expect(names).not.toContain('Theirs');
    });
  });
});
