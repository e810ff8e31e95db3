import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { type Config, loadConfig } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import {
  actionAlertsSummary,
  actionsService,
  describeRow,
  exportPlan,
  isExportFormat,
  type PlanSource,
  queueActionAlerts,
  readTableFile,
  type VisitType,
  visitTypes,
} from '#src/domains/actions/index.ts';
import { findOrganisationByOdsCode, listOrganisations } from '#src/domains/organisations/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';
import { systemActor } from '#src/web/principal.ts';

// `heard actions import` and `heard actions export` (issue 7): an action plan in and out as the
// review's table. The row-by-row report goes to standard error, the summary to standard output,
// and any rejected row makes the exit code 1 (and nothing is imported).

/** The --source words, as people say them, and the plan source each stands for. */
export const sourceOptions: Record<string, PlanSource> = {
  review: 'independent-review',
  cqc: 'cqc-inspection',
  visit: 'quality-visit',
  audit: 'clinical-audit',
  complaint: 'complaint',
  concern: 'concern',
  survey: 'survey',
  qi: 'quality-improvement',
};

export interface CommandOutput {
  report(line: string): void;
  summary(line: string): void;
  /** Where an export goes without --out. */
  write(bytes: Buffer): void;
}

const consoleOutput: CommandOutput = {
  report: (line) => console.error(line),
  summary: (line) => console.log(line),
  write: (bytes) => process.stdout.write(bytes),
};

export interface ImportOptions {
  file: string;
  plan: string;
  source: string;
  visitType?: string;
  org?: string;
}

export interface ExportOptions {
  plan: string;
  format: string;
  out?: string;
  org?: string;
}

export function actionsCommand(program: Command) {
  const actions = program.command('actions').description('Action plans: import and export them as tables');
  actions
    .command('import')
    .description(
      'Import an action plan from CSV or Excel laid out as: No, Recommendation, Lead, Action completed, Further action, Date, Methods of measurement, Outcome indicators, Reported to, Status',
    )
    .argument('<file>', 'the CSV or .xlsx file')
    .requiredOption('--plan <name>', 'the new plan’s name')
    .option('--source <source>', `where it comes from: ${Object.keys(sourceOptions).join(', ')}`, 'review')
    .option('--visit-type <type>', `for --source visit: ${visitTypes.join(', ')}`)
    .option('--org <ods>', 'ODS code of the organisation (needed when Heard holds more than one)')
    .action(async (file: string, options: Omit<ImportOptions, 'file'>) => {
      process.exitCode = await importActionPlan(loadConfig(), { file, ...options });
    });
  actions
    .command('export')
    .description('Export an action plan as CSV, Excel or a Word document for its committee')
    .requiredOption('--plan <name>', 'the plan’s name')
    .requiredOption('--format <format>', 'csv, xlsx or docx')
    .option('--out <file>', 'where to write it (standard output if left out)')
    .option('--org <ods>', 'ODS code of the organisation (needed when Heard holds more than one)')
    .action(async (options: ExportOptions) => {
      process.exitCode = await exportActionPlan(loadConfig(), options);
    });
  remindersCommand(actions);
}

/** `heard actions reminders`: one pass of reminders, overdue alerts and digests, for cron. */
function remindersCommand(actions: Command) {
  actions
    .command('reminders')
    .description(
      'Queue due reminders, overdue alerts and weekly digests to action leads (each is queued once)',
    )
    .action(async () => {
      const config = loadConfig();
      const database = await openMigratedDatabase(config);
      try {
        console.log(actionAlertsSummary(await queueActionAlerts(database.db, config)));
      } finally {
        await database.close();
      }
    });
}

async function organisationId(db: Database, ods: string | undefined): Promise<string> {
  if (ods) {
    const organisation = await findOrganisationByOdsCode(db, ods);
    if (!organisation) throw new Error(`There is no organisation with the ODS code ${ods}`);
    return organisation.orgId;
  }
  const all = await listOrganisations(db);
  const [only] = all;
  if (!only || all.length > 1) {
    throw new Error(
      all.length === 0
        ? 'Heard holds no organisation yet'
        : 'Heard holds several organisations: name one with --org',
    );
  }
  return only.orgId;
}

/** Checks every row and imports the plan when none is rejected. Returns the exit code. */
export async function importActionPlan(
  config: Config,
  options: ImportOptions,
  output: CommandOutput = consoleOutput,
): Promise<number> {
  const source = sourceOptions[options.source];
  if (!source) {
    output.report(`--source must be one of ${Object.keys(sourceOptions).join(', ')}`);
    return 2;
  }
  if (source === 'quality-visit' && !options.visitType) {
    output.report(`--source visit needs --visit-type: ${visitTypes.join(', ')}`);
    return 2;
  }
  if (options.visitType && !(visitTypes as readonly string[]).includes(options.visitType)) {
    output.report(`--visit-type must be one of ${visitTypes.join(', ')}`);
    return 2;
  }
  const bytes = await readFile(options.file).catch((error: Error) => {
    throw new Error(`Cannot read ${options.file}: ${error.message}`);
  });
  const database = await openMigratedDatabase(config);
  try {
    const orgId = await organisationId(database.db, options.org);
    const actions = actionsService({ db: database.db, config });
    const result = await actions.importPlan(
      orgId,
      systemActor('Command line: heard actions import'),
      { name: options.plan, source, visitType: (options.visitType as VisitType | undefined) ?? null },
      await readTableFile(bytes),
    );
    if (result.checked.tableProblem) output.report(result.checked.tableProblem);
    for (const row of result.checked.report) output.report(describeRow(row));
    if (!result.plan) {
      output.summary(
        `Nothing imported: ${result.rejected} of ${result.checked.report.length} rows rejected. Correct them and import the file again.`,
      );
      return 1;
    }
    output.summary(`Imported ${options.plan}: ${result.accepted} actions.`);
    return 0;
  } finally {
    await database.close();
  }
}

export async function exportActionPlan(
  config: Config,
  options: ExportOptions,
  output: CommandOutput = consoleOutput,
): Promise<number> {
  if (!isExportFormat(options.format)) {
    output.report('--format must be csv, xlsx or docx');
    return 2;
  }
  const database = await openMigratedDatabase(config);
  try {
    const orgId = await organisationId(database.db, options.org);
    const actions = actionsService({ db: database.db, config });
    const planId = await actions.planIdByName(orgId, options.plan);
    const exported = await exportPlan(actions, orgId, planId, options.format);
    if (options.out) {
      await writeFile(options.out, exported.content);
      output.summary(`Wrote ${options.plan} to ${options.out}.`);
    } else {
      output.write(exported.content);
    }
    return 0;
  } finally {
    await database.close();
  }
}
