import type { Command } from 'commander';
import { loadConfig } from '#src/config.ts';
import { type ChainBreak, verifyAuditChain } from '#src/domains/audit/index.ts';
import { findOrganisationByOdsCode, listOrganisations } from '#src/domains/organisations/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';

interface OrganisationNamed {
  odsCode: string;
  name: string;
}

const count = (value: number) => value.toLocaleString('en-GB');

/** One line for the organisation, then one for each break. */
export function verificationReport(
  organisation: OrganisationNamed,
  result: { eventsChecked: number; breaks: readonly ChainBreak[] },
): string[] {
  const who = `${organisation.odsCode} ${organisation.name}`;
  const checked = `${count(result.eventsChecked)} ${result.eventsChecked === 1 ? 'event' : 'events'} checked`;
  if (result.breaks.length === 0) return [`${who}: intact, ${checked}`];
  const places = `${count(result.breaks.length)} ${result.breaks.length === 1 ? 'place' : 'places'}`;
  return [`${who}: BROKEN in ${places}, ${checked}`, ...result.breaks.map((item) => `  - ${item.problem}`)];
}

export function auditCommand(program: Command) {
  const audit = program.command('audit').description('Work with the append-only audit trail');
  audit
    .command('verify')
    .description(
      'Check that no event in the audit trail has been changed or removed since it was written; exits with 1 if any has',
    )
    .option(
      '--org <ODS code>',
      'check only the organisation with this ODS code (default: every organisation)',
    )
    .action(async (options: { org?: string }) => {
      const database = await openMigratedDatabase(loadConfig());
      try {
        const organisations = options.org
          ? [await findOrganisationByOdsCode(database.db, options.org)]
          : await listOrganisations(database.db);
        const [first] = organisations;
        if (options.org && !first)
          throw new Error(`There is no organisation with the ODS code ${options.org}.`);
        if (organisations.length === 0)
          console.log('There are no organisations, so there is nothing to check.');
        let broken = 0;
        for (const organisation of organisations) {
          if (!organisation) continue;
          const result = await verifyAuditChain(database.db, organisation.orgId);
          if (result.breaks.length > 0) broken += 1;
          console.log(verificationReport(organisation, result).join('\n'));
        }
        // Let the database close before exiting, rather than calling process.exit.
        if (broken > 0) {
          console.error(
            `The audit trail of ${broken === 1 ? 'one organisation' : `${count(broken)} organisations`} has been changed. Tell your information governance lead.`,
          );
          process.exitCode = 1;
        }
      } finally {
        await database.close();
      }
    });
}
