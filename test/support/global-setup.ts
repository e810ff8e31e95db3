import { existsSync } from 'node:fs';
import pg from 'pg';
import { chromiumPath, postgresUrl } from './environment.ts';

/**
 * Looks once for the PostgreSQL server and Chromium that some tests need. Without them
 * those tests are skipped and say so; with CI=true a missing one fails the run instead.
 */
export default async function globalSetup() {
  const missing: string[] = [];
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    process.env.HEARD_TEST_POSTGRES = 'yes';
  } catch (error) {
    process.env.HEARD_TEST_POSTGRES = 'no';
    missing.push(`PostgreSQL at ${postgresUrl} (${(error as Error).message})`);
  }
  process.env.HEARD_TEST_CHROMIUM = existsSync(chromiumPath) ? 'yes' : 'no';
  if (!existsSync(chromiumPath)) missing.push(`Chromium at ${chromiumPath}`);
  if (missing.length === 0) return;
  const list = missing.map((m) => `  - ${m}`).join('\n');
  if (process.env.CI === 'true')
    throw new Error(`CI=true and these are missing, so tests that need them would be skipped:\n${list}`);
  console.warn(`\nSKIPPING the tests that need:\n${list}\nInstall them (see README) to run every test.\n`);
}
