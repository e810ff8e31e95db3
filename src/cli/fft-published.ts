import { type Command, Option } from 'commander';
import { type Config, loadConfig } from '#src/config.ts';
import {
  describePublishedRow,
  type FftSetting,
  fftSettings,
  importPublishedFft,
  publishedImportSummary,
  reportsService,
} from '#src/domains/reports/index.ts';
import { responseFileRows } from '#src/domains/surveys/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';
import { Invalid } from '#src/web/errors.ts';
import { systemActor } from '#src/web/principal.ts';
import { organisationFor } from './organisation.ts';

// `heard import fft-published FILE`: NHS England's published FFT data, for the quarterly report's
// comparison with peer trusts and England; `heard report fft-peers`: whom to compare with.

export interface FftPublishedOptions {
  file: string;
  dryRun: boolean;
  org?: string;
  month?: string;
  setting?: FftSetting;
}

export interface CommandLines {
  report(line: string): void;
  summary(line: string): void;
}

const consoleLines = (): CommandLines => ({
  report: (line) => console.error(line),
  summary: (line) => console.log(line),
});

/** Imports the file, reporting row by row; returns the exit code (1 when the file or any row was refused). */
export async function importFftPublishedFromFile(
  config: Config,
  options: FftPublishedOptions,
  output: CommandLines = consoleLines(),
): Promise<number> {
  if (options.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) {
    output.summary('Give --month as YYYY-MM, like 2017-07.');
    return 1;
  }
  const database = await openMigratedDatabase(config);
  try {
    const orgId = await organisationFor(database.db, options.org);
    const result = await importPublishedFft(
      database.db,
      orgId,
      systemActor('Command line: heard import fft-published'),
      responseFileRows(options.file),
      { dryRun: options.dryRun, month: options.month, setting: options.setting },
    );
    for (const problem of result.fileProblems) output.report(problem);
    for (const row of result.rows) output.report(describePublishedRow(row));
    output.summary(publishedImportSummary(result));
    return result.fileProblems.length > 0 || result.counts.refused > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
}

export interface FftPeersOptions {
  org?: string;
  setting?: string;
  peers?: string;
}

/** Shows, or with --setting and --peers sets, whom the report compares the FFT with. */
export async function fftPeersCommand(
  config: Config,
  options: FftPeersOptions,
  output: CommandLines = consoleLines(),
): Promise<number> {
  const database = await openMigratedDatabase(config);
  try {
    const reports = reportsService({ db: database.db });
    const organisation = await reports.organisationFor(options.org);
    if (options.setting !== undefined || options.peers !== undefined) {
      const current = await reports.fftComparisonSettings(organisation.orgId);
      try {
        await reports.setFftComparison(
          organisation.orgId,
          systemActor('Command line: heard report fft-peers'),
          {
            setting: options.setting ?? current.setting ?? undefined,
            peerCodes: options.peers ?? current.peerCodes.join(','),
          },
        );
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        for (const problem of Object.values(error.fieldErrors)) output.report(problem);
        output.summary('Check the comparison: nothing was changed.');
        return 1;
      }
    }
    const settings = await reports.fftComparisonSettings(organisation.orgId);
    if (!settings.setting) {
      output.summary('No comparison is set: give --setting and --peers.');
      return 0;
    }
    const months = settings.months.get(settings.setting) ?? [];
    output.summary(
      `Compared in ${settings.setting} with: ${settings.peerCodes.map((code) => `${code} (${settings.providers.get(code) ?? 'not in the imported data'})`).join(', ') || 'no peer trusts'}, and England.`,
    );
    output.summary(
      months.length === 0
        ? 'No published data is imported for this setting yet (heard import fft-published FILE).'
        : months.length === 1
          ? `Published data held for ${months[0]}.`
          : `Published data held for ${months.length} months, ${months[0]} to ${months.at(-1)}.`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

export function fftPublishedImportCommand(imports: Command) {
  imports
    .command('fft-published')
    .description(
      'Import NHS England’s published Friends and Family Test data (a provider-level CSV or .xlsx) for comparison with peer trusts and England; reports row by row, imports nothing if any row is refused',
    )
    .argument('<file>', 'the CSV or .xlsx file (layout in docs/import-layouts.md)')
    .option('--dry-run', 'check every row and report, importing nothing', false)
    .addOption(
      new Option('--setting <setting>', 'the care setting, when the file has no Setting column').choices([
        ...fftSettings,
      ]),
    )
    .option('--month <month>', 'the month, YYYY-MM, when the file has no Period column')
    .option('--org <ods>', 'ODS code of the organisation (needed when Heard holds more than one)')
    .action(async (file: string, options: Omit<FftPublishedOptions, 'file'>) => {
      process.exitCode = await importFftPublishedFromFile(loadConfig(), { file, ...options });
    });
}

export function fftPeersReportCommand(report: Command) {
  report
    .command('fft-peers')
    .description(
      'Show, or set, the care setting and the peer trusts the quarterly report compares the FFT with (England is always shown)',
    )
    .addOption(new Option('--setting <setting>', 'the care setting to compare in').choices([...fftSettings]))
    .option('--peers <codes>', 'the peer trusts’ ODS codes, separated by commas, such as RX2,RX3')
    .option('--org <ods>', 'ODS code of the organisation (may be left out when there is one)')
    .action(async (options: FftPeersOptions) => {
      process.exitCode = await fftPeersCommand(loadConfig(), options);
    });
}
