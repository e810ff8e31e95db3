import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { type Config, loadConfig } from '#src/config.ts';
import {
  ko41aCsv,
  quarterlyReportFile,
  type ReportFormat,
  reportFormats,
  reportsService,
} from '#src/domains/reports/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';
import { fftPeersReportCommand } from './fft-published.ts';

// `heard report`: the quarterly service experience report and the KO41a return, from the same
// services as the pages, written to a file or to standard output.

export interface QuarterlyOptions {
  org?: string;
  quarter: string;
  format: ReportFormat;
  out?: string;
  publish?: boolean;
  /** Read the records as they stood on this day (YYYY-MM-DD); today by default. */
  asOf?: string;
}

export interface Ko41aOptions {
  org?: string;
  year?: string;
  period?: string;
  out?: string;
}

async function written(body: Buffer | string, out: string | undefined): Promise<void> {
  if (out) {
    await writeFile(out, body);
    console.error(`Written to ${out}`);
  } else {
    process.stdout.write(body);
  }
}

export async function quarterlyReportCommand(config: Config, options: QuarterlyOptions): Promise<void> {
  if (!options.out && (options.format === 'docx' || options.format === 'xlsx')) {
    throw new Error(`Give --out FILE for a ${options.format} file`);
  }
  const database = await openMigratedDatabase(config);
  try {
    const reports = reportsService({ db: database.db });
    const organisation = await reports.organisationFor(options.org);
    const report = await reports.quarterlyReport(
      organisation.orgId,
      options.quarter,
      options.asOf ? { asOf: options.asOf } : {},
    );
    const file = await quarterlyReportFile(report, options.format, { suppress: options.publish ?? false });
    await written(file.body, options.out);
  } finally {
    await database.close();
  }
}

export async function ko41aCommand(config: Config, options: Ko41aOptions): Promise<void> {
  const period = options.period ?? options.year;
  if (!period)
    throw new Error(
      'Give the year with --year 2023/24 (or a quarter before 2022/23 with --period 2021/22-Q4)',
    );
  const database = await openMigratedDatabase(config);
  try {
    const reports = reportsService({ db: database.db });
    const organisation = await reports.organisationFor(options.org);
    const figures = await reports.ko41a(organisation.orgId, period);
    await written(ko41aCsv(figures, organisation), options.out);
    const failed = figures.validations.filter((validation) => !validation.passed);
    for (const validation of failed) console.error(`Failed: ${validation.rule} (${validation.detail})`);
    if (failed.length > 0) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

export function reportCommand(program: Command) {
  const report = program
    .command('report')
    .description('Reports from records: the quarterly report and the KO41a return');
  report
    .command('quarterly')
    .description(
      'The quarterly service experience report, as JSON (docs/report-json.md), HTML, Word or Excel',
    )
    .option('--org <ods>', 'ODS code of the organisation (may be left out when there is one)')
    .requiredOption('--quarter <quarter>', 'the quarter, such as 2017/18-Q2')
    .addOption(new Option('--format <format>', 'what to write').choices([...reportFormats]).default('json'))
    .option('--out <file>', 'write to this file rather than standard output')
    .option('--publish', 'suppress counts from 1 to 4, for publication', false)
    .option('--as-of <date>', 'read the records as they stood on this day (YYYY-MM-DD)')
    .action(async (options: QuarterlyOptions) => {
      await quarterlyReportCommand(loadConfig(), options);
    });
  report
    .command('ko41a')
    .description('The KO41a return of written complaints as CSV, checked against its validations')
    .option('--org <ods>', 'ODS code of the organisation (may be left out when there is one)')
    .option('--year <year>', 'the financial year, such as 2023/24 (annual since 2022/23)')
    .option('--period <period>', 'any year or quarter, such as 2021/22-Q4 (quarterly before 2022/23)')
    .option('--out <file>', 'write to this file rather than standard output')
    .action(async (options: Ko41aOptions) => {
      await ko41aCommand(loadConfig(), options);
    });
  fftPeersReportCommand(report);
}
