import { type Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '#src/config.ts';
import { apiKeyPermissions } from '#src/domains/identity/index.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '#src/domains/integrations/index.ts';
import { findOrganisationByOdsCode } from '#src/domains/organisations/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';
import { systemActor } from '#src/web/principal.ts';

/** Who the audit trail says made or revoked a key from the command line. */
const commandLineActor = () => systemActor(`heard api-keys command (${process.env.USER ?? 'unknown user'})`);

function permission(value: string, previous: string[] = []): string[] {
  if (!(apiKeyPermissions as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`An API key may hold only: ${apiKeyPermissions.join(', ')}.`);
  }
  return [...previous, value];
}

/** Opens the database, finds the organisation by ODS code, runs `work`, and closes the database. */
async function withOrganisation(
  odsCode: string,
  work: (db: Awaited<ReturnType<typeof openMigratedDatabase>>['db'], orgId: string) => Promise<void>,
) {
  const database = await openMigratedDatabase(loadConfig());
  try {
    const organisation = await findOrganisationByOdsCode(database.db, odsCode);
    if (!organisation) throw new Error(`There is no organisation with the ODS code ${odsCode}.`);
    await work(database.db, organisation.orgId);
  } finally {
    await database.close();
  }
}

export function apiKeysCommand(program: Command) {
  const apiKeys = program
    .command('api-keys')
    .description('Make, list and revoke the keys integrations use for the API');

  apiKeys
    .command('create')
    .description('Make an API key and print it; it is shown this once and never again')
    .requiredOption('--org <ODS code>', 'the organisation the key belongs to')
    .requiredOption('--name <name>', 'which system will use it, for example "Survey vendor"')
    .requiredOption(
      '--permission <permission>',
      `what it may do, given once for each (${apiKeyPermissions.join(', ')})`,
      permission,
    )
    .action(async (options: { org: string; name: string; permission: string[] }) => {
      await withOrganisation(options.org, async (db, orgId) => {
        const created = await createApiKey(db, orgId, commandLineActor(), {
          name: options.name,
          permissions: options.permission,
        });
        console.log(`Made the API key ${created.apiKey.name} (${created.apiKey.apiKeyId}).`);
        console.log('Copy it now: Heard keeps only a fingerprint of it and cannot show it again.');
        console.log(created.key);
      });
    });

  apiKeys
    .command('list')
    .description('List an organisation’s API keys, newest first')
    .requiredOption('--org <ODS code>', 'the organisation')
    .action(async (options: { org: string }) => {
      await withOrganisation(options.org, async (db, orgId) => {
        const keys = await listApiKeys(db, orgId);
        if (keys.length === 0) console.log('There are no API keys.');
        for (const key of keys) {
          const status = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
          const used = key.lastUsedAt ? `last used ${key.lastUsedAt.toISOString()}` : 'never used';
          console.log(`${key.apiKeyId}  ${key.name}  [${key.permissions.join(', ')}]  ${status}, ${used}`);
        }
      });
    });

  apiKeys
    .command('revoke')
    .description('Stop an API key working, at once')
    .requiredOption('--org <ODS code>', 'the organisation the key belongs to')
    .argument('<api key id>', 'the id shown by `heard api-keys list`')
    .action(async (apiKeyId: string, options: { org: string }) => {
      await withOrganisation(options.org, async (db, orgId) => {
        const revoked = await revokeApiKey(db, orgId, commandLineActor(), apiKeyId);
        console.log(`Revoked the API key ${revoked.name}.`);
      });
    });
}
