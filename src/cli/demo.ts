import { type Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '#src/config.ts';
import { demoAccountLines, loadDemo } from '#src/demo/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';

export function demoCommand(program: Command) {
  program
    .command('demo')
    .description('Load the demo trust into the configured database (does nothing if it is there already)')
    .option(
      '--seed <number>',
      'seed for the generator, so the same seed gives the same trust',
      wholeNumber,
      1,
    )
    .option(
      '--scale <number>',
      'multiplies the teams and wards: 1 is about 80 units, 5 about 300',
      scaleNumber,
      1,
    )
    .action(async (options: { seed: number; scale: number }) => {
      const database = await openMigratedDatabase(loadConfig());
      try {
        const loaded = await database.exclusively('heard:demo', () => loadDemo(database.db, options));
        console.log(loaded ? 'Loaded the demo trust.' : 'The demo trust is already loaded.');
        console.log(demoAccountLines().join('\n'));
      } finally {
        await database.close();
      }
    });
}

function wholeNumber(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number))
    throw new InvalidArgumentError('The seed must be a whole number, like 1 or 42.');
  return number;
}

function scaleNumber(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0 || number > 50) {
    throw new InvalidArgumentError('The scale must be a number above 0 and at most 50, like 1 or 5.');
  }
  return number;
}
