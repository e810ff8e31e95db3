import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type Config, loadConfig } from '#src/config.ts';
import {
  decodeCsvFile,
  describeImportRow,
  findOrganisationByOdsCode,
  importSummary,
  importUnitTree,
} from '#src/domains/organisations/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';
import { systemActor } from '#src/web/principal.ts';

export interface UnitsImportOptions {
  file: string;
  /** The organisation's ODS code. */
  org: string;
  dryRun: boolean;
}

/** Where the command writes: the row-by-row report to one stream, the summary to the other. */
export interface CommandOutput {
  report(line: string): void;
  summary(line: string): void;
}

const consoleOutput: CommandOutput = {
  report: (line) => console.error(line),
  summary: (line) => console.log(line),
};

export function unitsCommand(program: Command) {
  const units = program.command('units').description('The organisation’s units: divisions, services, wards…');
  units
    .command('import')
    .description(
      'Add and update units from a CSV file (code, name, kind, parent_code, active_from, active_to)',
    )
    .argument('<file>', 'the CSV file')
    .requiredOption('--org <ods>', 'ODS code of the organisation the units belong to')
    .option('--dry-run', 'check every row and report, changing nothing', false)
    .action(async (file: string, options: { org: string; dryRun: boolean }) => {
      process.exitCode = await importUnitsFromFile(loadConfig(), { file, ...options });
    });
}

/**
 * Checks the file row by row and imports it unless it is a dry run or any row has a
 * problem. Returns the exit code: 0 when every row was accepted, 1 when any was not.
 */
export async function importUnitsFromFile(
  config: Config,
  options: UnitsImportOptions,
  output: CommandOutput = consoleOutput,
): Promise<number> {
  const csvText = decodeCsvFile(
    await readFile(options.file).catch((error: Error) => {
      throw new Error(`Cannot read ${options.file}: ${error.message}`);
    }),
  );
  const database = await openMigratedDatabase(config);
  try {
    const organisation = await findOrganisationByOdsCode(database.db, options.org);
    if (!organisation) throw new Error(`There is no organisation with the ODS code ${options.org}`);
    const actor = systemActor('Command line: heard units import');
    const report = await importUnitTree(database.db, organisation.orgId, actor, csvText, {
      dryRun: options.dryRun,
    });
    for (const row of report.rows) output.report(describeImportRow(row, report.applied));
    output.summary(importSummary(report));
    return report.errors > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}
