import type { Command } from 'commander';
import { loadConfig } from '#src/config.ts';
import { openMigratedDatabase } from '#src/runtime.ts';

export function migrateCommand(program: Command) {
  program
    .command('migrate')
    .description('Apply any database migrations not yet applied, then exit')
    .action(async () => {
      const database = await openMigratedDatabase(loadConfig());
      await database.close();
      console.log('The database schema is up to date.');
    });
}
