import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { type Config, loadConfig } from '#src/config.ts';
import { isoDateInLondon } from '#src/domains/calendar/index.ts';
import { codeWaitingComments, safeguardingAlertsOf } from '#src/domains/comments/index.ts';
import {
  describeImportRow,
  fileSize,
  importEligibleCounts,
  importResponses,
  importSummary,
  parseMapping,
  type ResponseMode,
  responseFileBatches,
  responseFileRows,
  responseModes,
} from '#src/domains/surveys/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';
import { systemActor } from '#src/web/principal.ts';
import { organisationFor } from './organisation.ts';

export interface ResponsesImportOptions {
  file: string;
  survey: string;
  mapping?: string;
  dryRun: boolean;
  org?: string;
  mode?: string;
  /**
   * Code the imported free text as comments once the responses are in (the default), or leave it
   * waiting for `heard serve` or `heard themes code`.
   */
  coding?: boolean;
}

export interface ImportOutput {
  report(line: string): void;
  summary(line: string): void;
  progressBar: boolean;
}

const consoleOutput = (): ImportOutput => ({
  report: (line) => console.error(line),
  summary: (line) => console.log(line),
  progressBar: Boolean(process.stderr.isTTY),
});

/** `heard import responses FILE` and `heard import eligible FILE`: survey responses, and the people each unit could have asked. */
export function importResponsesCommand(imports: Command) {
  imports
    .command('eligible')
    .description(
      'Import how many people each unit could have asked each month (columns unit_code, month, eligible), for response rates',
    )
    .argument('<file>', 'the CSV or .xlsx file')
    .requiredOption('--survey <code>', 'the survey, such as fft')
    .option('--dry-run', 'check every row and report, saving nothing', false)
    .option('--org <ods>', 'ODS code of the organisation (needed when Heard holds more than one)')
    .action(async (file: string, options: { survey: string; dryRun: boolean; org?: string }) => {
      const database = await openMigratedDatabase(loadConfig());
      try {
        const orgId = await organisationFor(database.db, options.org);
        const result = await importEligibleCounts(
          database.db,
          orgId,
          systemActor('Command line: heard import eligible'),
          options.survey,
          responseFileRows(file),
          { dryRun: options.dryRun },
        );
        for (const refusal of result.refused)
          console.error(`Row ${refusal.rowNumber}: refused – ${refusal.problem}`);
        console.log(
          `${result.rows} rows: ${result.saved} ${options.dryRun ? 'would be saved' : 'saved'}, ${result.refused.length} refused.`,
        );
        process.exitCode = result.refused.length > 0 ? 1 : 0;
      } finally {
        await database.close();
      }
    });
  imports
    .command('responses')
    .description(
      'Import survey responses from a CSV or Excel (.xlsx) file, one response a row; the same file twice adds nothing',
    )
    .argument('<file>', 'the CSV or .xlsx file (the layout is in the README, "Importing survey responses")')
    .requiredOption('--survey <code>', 'the survey the responses answer, such as fft')
    .option('--mapping <file>', 'a JSON file naming the column each field is read from')
    .option('--mode <mode>', `the mode for rows that give none: ${responseModes.join(', ')}`)
    .option('--dry-run', 'check every row and report, importing nothing', false)
    .option('--org <ods>', 'ODS code of the organisation (needed when Heard holds more than one)')
    .option(
      '--no-coding',
      'leave the free text waiting to be coded as comments by heard serve or heard themes code',
    )
    .action(async (file: string, options: Omit<ResponsesImportOptions, 'file'>) => {
      process.exitCode = await importResponsesFromFile(loadConfig(), { file, ...options });
    });
}

export async function importResponsesFromFile(
  config: Config,
  options: ResponsesImportOptions,
  output: ImportOutput = consoleOutput(),
): Promise<number> {
  const mapping = options.mapping ? parseMapping(await readFile(options.mapping, 'utf8')) : null;
  if (mapping && !mapping.ok) {
    output.summary(`${mapping.problem}. Nothing was imported.`);
    return 1;
  }
  if (options.mode && !(responseModes as readonly string[]).includes(options.mode)) {
    output.summary(`--mode must be one of ${responseModes.join(', ')}. Nothing was imported.`);
    return 1;
  }
  const size = await fileSize(options.file);
  const database = await openMigratedDatabase(config);
  const bar = output.progressBar
    ? new cliProgress.SingleBar(
        { format: '{bar} {percentage}% | {rows} rows', stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(size, 0, { rows: 0 });
  let bytes = 0;
  try {
    const orgId = await organisationFor(database.db, options.org);
    const result = await importResponses(
      database.db,
      orgId,
      systemActor('Command line: heard import responses'),
      {
        batches: responseFileBatches(options.file, (read) => {
          bytes = read;
        }),
      },
      {
        surveyCode: options.survey,
        // The free text waits on the comments' queue, coded below once the responses are in.
        codeComments: 'later',
        mapping: mapping?.ok ? mapping.mapping : undefined,
        dryRun: options.dryRun,
        defaultMode: options.mode as ResponseMode | undefined,
        today: isoDateInLondon(new Date()),
        onRow: (row) => output.report(describeImportRow(row)),
        onProgress: (rows) => bar?.update(bytes, { rows: rows.toLocaleString('en-GB') }),
      },
    );
    bar?.update(size);
    bar?.stop();
    output.summary(importSummary(result));
    if (!options.dryRun && options.coding !== false) {
      // The responses are stored; their free text is coded now, a batch a transaction, so that a
      // safeguarding concern in it is raised before the command ends.
      const started = performance.now();
      const coded = await codeWaitingComments(
        database.db,
        orgId,
        systemActor('Command line: heard import responses'),
        { coding: { safeguardingAlerts: safeguardingAlertsOf(config) } },
      );
      if (coded > 0)
        output.summary(
          `${coded.toLocaleString('en-GB')} comments coded in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
        );
    }
    return result.refused > 0 ? 1 : 0;
  } finally {
    bar?.stop();
    await database.close();
  }
}
