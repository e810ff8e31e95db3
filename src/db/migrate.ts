import { fileURLToPath } from 'node:url';
import { migrate as migrateNodePostgres } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { DatabaseHandle } from './engine.ts';

export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Applies every committed migration not yet applied; safe to call from several processes at once. */
export async function applyMigrations(handle: DatabaseHandle): Promise<void> {
  await handle.exclusively('heard:migrations', async () => {
    if (handle.kind === 'pglite') {
      // biome-ignore lint/suspicious/noExplicitAny: the two migrators want their own driver's type
      await migratePglite(handle.db as any, { migrationsFolder });
    } else {
      // biome-ignore lint/suspicious/noExplicitAny: as above
      await migrateNodePostgres(handle.db as any, { migrationsFolder });
    }
  });
}
