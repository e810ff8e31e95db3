import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import {
  codeWaitingComments,
  recodeComments,
  safeguardingAlertsOf,
  shippedModel,
} from '#src/domains/comments/index.ts';
import { findOrganisationByOdsCode, listOrganisations } from '#src/domains/organisations/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';
import { systemActor } from '#src/web/principal.ts';

/**
 * `heard themes recode [--org ODS]`: re-codes the comments another model version coded, a batch per
 * transaction with a progress bar. Killed, it resumes where it stopped when run again; run when all
 * is done, it does nothing. `heard serve` does the same every hour by itself.
 */
export function themesRecodeCommand(themes: Command) {
  themes
    .command('recode')
    .description(
      'Re-code comments coded by an older model with the one in use, with progress; safe to stop and rerun',
    )
    .option('--org <ods>', 'ODS code of one organisation (default: every organisation)')
    .option('--batch <size>', 'comments per transaction', '500')
    .action(async (options: { org?: string; batch: string }) => {
      const database = await openMigratedDatabase(loadConfig());
      try {
        const summary = await recodeOrganisations(database.db, options.org, Number(options.batch) || 500, {
          progressBar: Boolean(process.stderr.isTTY),
        });
        for (const line of summary) console.log(line);
      } finally {
        await database.close();
      }
    });
}

/**
 * `heard themes code [--org ODS]`: codes the comments waiting after an import run with --no-coding
 * (or stopped before it finished coding), a batch per transaction. `heard serve` does the same every
 * minute by itself.
 */
export function themesCodeCommand(themes: Command) {
  themes
    .command('code')
    .description('Code the imported comments still waiting to be coded; safe to stop and rerun')
    .option('--org <ods>', 'ODS code of one organisation (default: every organisation)')
    .action(async (options: { org?: string }) => {
      const config = loadConfig();
      const database = await openMigratedDatabase(config);
      try {
        const organisations = options.org
          ? [await findOrganisationByOdsCode(database.db, options.org)]
          : await listOrganisations(database.db);
        for (const organisation of organisations) {
          if (!organisation) throw new Error(`There is no organisation with the ODS code ${options.org}`);
          const coded = await codeWaitingComments(
            database.db,
            organisation.orgId,
            systemActor('Command line: heard themes code'),
            { coding: { safeguardingAlerts: safeguardingAlertsOf(config) } },
          );
          console.log(`${organisation.odsCode}: ${coded} comments coded`);
        }
      } finally {
        await database.close();
      }
    });
}

/** Re-codes each organisation (or the one named); returns one summary line per organisation. */
export async function recodeOrganisations(
  db: Database,
  odsCode: string | undefined,
  batchSize: number,
  output: { progressBar: boolean },
): Promise<string[]> {
  const model = shippedModel();
  const organisations = odsCode
    ? [await findOrganisationByOdsCode(db, odsCode)]
    : await listOrganisations(db);
  const lines: string[] = [];
  for (const organisation of organisations) {
    if (!organisation) throw new Error(`There is no organisation with the ODS code ${odsCode}`);
    const bar = output.progressBar
      ? new cliProgress.SingleBar(
          {
            format: `${organisation.odsCode} {bar} {percentage}% | {value}/{total} comments`,
            stream: process.stderr,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
    let started = false;
    let first: number | null = null;
    const final = await recodeComments(
      db,
      organisation.orgId,
      systemActor('Command line: heard themes recode'),
      {
        model,
        batchSize,
        onProgress: (progress) => {
          first ??= progress.done;
          if (!started) bar?.start(progress.total, progress.done);
          else bar?.update(progress.done);
          started = true;
        },
      },
    );
    bar?.stop();
    lines.push(
      `${organisation.odsCode}: ${final.done - (first ?? final.done)} re-coded, ${final.done} of ${final.total} comments coded by ${final.modelVersion}`,
    );
  }
  return lines;
}
