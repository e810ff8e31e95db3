import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { type Config, loadConfig } from '#src/config.ts';
import {
  type CaseFile,
  caseImporter,
  caseImportSpeed,
  caseImportSummary,
  columnNotes,
  describeCaseImportRow,
  parseMapping,
} from '#src/domains/cases/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';
import { systemActor } from '#src/web/principal.ts';
import { fftPublishedImportCommand } from './fft-published.ts';
import { importResponsesCommand } from './import-responses.ts';
import { organisationFor } from './organisation.ts';

export interface CasesImportOptions {
  file: string;
  mapping?: string;
  dryRun: boolean;
  /** The organisation's ODS code; may be left out when Heard holds only one organisation. */
  org?: string;
}

/** Where the command writes: the row-by-row report to one stream, the summary to the other. */
export interface CommandOutput {
  report(line: string): void;
  summary(line: string): void;
  /** Whether to draw a progress bar: only for a person watching a terminal, never in CI or a pipe. */
  progressBar: boolean;
}

const consoleOutput = (): CommandOutput => ({
  report: (line) => console.error(line),
  summary: (line) => console.log(line),
  progressBar: Boolean(process.stderr.isTTY),
});

export function importCommand(program: Command) {
  const imports = program.command('import').description('Bring records from another system into Heard');
  imports
    .command('cases')
    .description(
      'Import historic cases from a CSV or Excel (.xlsx) file, one case a row, reporting row by row; exits with 1 if any row is refused',
    )
    .argument('<file>', 'the CSV or .xlsx file (the layout is in the README, "Importing historic cases")')
    .option('--mapping <file>', 'a JSON file naming the column each field is read from')
    .option('--dry-run', 'check every row and report, importing nothing', false)
    .option('--org <ods>', 'ODS code of the organisation (needed when Heard holds more than one)')
    .action(async (file: string, options: { mapping?: string; dryRun: boolean; org?: string }) => {
      process.exitCode = await importCasesFromFile(loadConfig(), { file, ...options });
    });
  importResponsesCommand(imports);
  fftPublishedImportCommand(imports);
}

async function caseFileAt(path: string): Promise<CaseFile> {
  const { size } = await stat(path).catch((error: Error) => {
    throw new Error(`Cannot read ${path}: ${error.message}`);
  });
  return { name: path, sizeBytes: size, open: () => createReadStream(path) };
}

async function mappingAt(path: string | undefined) {
  if (path === undefined) return { ok: true as const, mapping: undefined };
  const text = await readFile(path, 'utf8').catch((error: Error) => {
    throw new Error(`Cannot read the mapping file ${path}: ${error.message}`);
  });
  return parseMapping(text);
}

/**
 * Checks the file row by row and, unless it is a dry run, imports each row that has no problem.
 * Returns the exit code: 0 when no row was refused, 1 when any was (or the file cannot be read).
 */
export async function importCasesFromFile(
  config: Config,
  options: CasesImportOptions,
  output: CommandOutput = consoleOutput(),
): Promise<number> {
  const file = await caseFileAt(options.file);
  const mapping = await mappingAt(options.mapping);
  if (!mapping.ok) {
    for (const problem of mapping.problems) output.report(problem);
    output.summary('The mapping file cannot be used, so nothing was imported.');
    return 1;
  }
  const database = await openMigratedDatabase(config);
  const bars = output.progressBar
    ? new cliProgress.MultiBar(
        { format: '{bar} {percentage}% | {rows} rows', stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const bar = bars?.create(file.sizeBytes, 0, { rows: 0 });
  try {
    const orgId = await organisationFor(database.db, options.org);
    const importer = caseImporter({ db: database.db, config });
    const result = await importer.importCases(orgId, systemActor('Command line: heard import cases'), file, {
      mapping: mapping.mapping,
      dryRun: options.dryRun,
      onRow: (row) => {
        const line = describeCaseImportRow(row);
        // Written above the bar, so that the bar stays at the bottom of the terminal.
        if (bars) bars.log(`${line}\n`);
        else output.report(line);
      },
      onProgress: ({ rowsRead, bytesRead }) =>
        bar?.update(bytesRead, { rows: rowsRead.toLocaleString('en-GB') }),
    });
    bar?.update(file.sizeBytes);
    bars?.stop();
    for (const note of columnNotes(result)) output.summary(note);
    output.summary(caseImportSummary(result));
    if (result.rows > 0) output.summary(caseImportSpeed(result));
    return result.refused > 0 || result.unreadable !== null ? 1 : 0;
  } finally {
    bars?.stop();
    await database.close();
  }
}
