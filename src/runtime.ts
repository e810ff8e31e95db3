import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import { type Config, isEmbedded } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/engine.ts';
import { applyMigrations } from './db/migrate.ts';

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(config: Config): Promise<DatabaseHandle> {
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.HEARD_DATA_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
  });
  await applyMigrations(database);
  return database;
}

/**
 * The session secret: from SESSION_SECRET, or on the embedded database one made at
 * first start and kept beside the data, so sessions survive a restart.
 */
export function sessionSecretFor(config: Config): string {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  if (!isEmbedded(config)) throw new Error('SESSION_SECRET must be set when DATABASE_URL is set');
  mkdirSync(config.HEARD_DATA_DIR, { recursive: true });
  const file = join(config.HEARD_DATA_DIR, 'session-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

export async function createServer(config: Config, database: DatabaseHandle) {
  return buildApp({ config, database, sessionSecret: sessionSecretFor(config), version: packageVersion() });
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
