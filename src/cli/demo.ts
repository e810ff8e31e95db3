import type { Command } from 'commander';
import { loadConfig } from '#src/config.ts';
import { demoAdministratorEmail, demoPassword } from '#src/demo/accounts.ts';
import { loadDemo } from '#src/demo/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';

export function demoCommand(program: Command) {
  program
    .command('demo')
    .description('Load the demo trust into the configured database (does nothing if it is there already)')
    .option('--seed <number>', 'seed for the generator, so the same seed gives the same trust', '1')
    .action(async (options: { seed: string }) => {
      const database = await openMigratedDatabase(loadConfig());
      try {
        const loaded = await loadDemo(database.db, { seed: Number(options.seed) });
        console.log(loaded ? 'Loaded the demo trust.' : 'The demo trust is already loaded.');
        console.log(`Demo sign-in: ${demoAdministratorEmail} / ${demoPassword}`);
      } finally {
        await database.close();
      }
    });
}
