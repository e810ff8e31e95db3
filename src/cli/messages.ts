import { type Command, InvalidArgumentError } from 'commander';
import { loadConfig } from '#src/config.ts';
import { caseAlertsSummary, queueCaseAlerts } from '#src/domains/cases/index.ts';
import {
  type DispatchCounts,
  dispatchDueMessages,
  type MessageStatus,
  messageStatusCounts,
  messageStatuses,
  notifyGatewayFor,
} from '#src/domains/messages/index.ts';
import { listOrganisations } from '#src/domains/organisations/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';

const count = (value: number) => value.toLocaleString('en-GB');

/** What one pass of the dispatcher did, in a line (and why Notify was unavailable, if it was). */
export function dispatchSummary(counts: DispatchCounts): string[] {
  if (counts.claimed === 0) return ['No messages were due.'];
  const parts = [`${count(counts.sent)} sent`];
  if (counts.retrying + counts.untried > 0)
    parts.push(`${count(counts.retrying + counts.untried)} to try again later`);
  if (counts.failed > 0) parts.push(`${count(counts.failed)} failed`);
  const lines = [`${count(counts.claimed)} due: ${parts.join(', ')}.`];
  if (counts.notifyUnavailable) lines.push(`GOV.UK Notify was unavailable: ${counts.notifyUnavailable}`);
  return lines;
}

/** One organisation's messages by status, in the order a message moves through them. */
export function statusLine(
  organisation: { odsCode: string; name: string },
  counts: Partial<Record<MessageStatus, number>>,
): string {
  const parts = messageStatuses
    .filter((status) => counts[status])
    .map((status) => `${count(counts[status] ?? 0)} ${status}`);
  return `${organisation.odsCode} ${organisation.name}: ${parts.length > 0 ? parts.join(', ') : 'no messages'}`;
}

function batchSize(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 3000) {
    throw new InvalidArgumentError('Give a whole number from 1 to 3000.');
  }
  return parsed;
}

export function messagesCommand(program: Command) {
  const messages = program
    .command('messages')
    .description('The emails, text messages and letters Heard sends through GOV.UK Notify');

  messages
    .command('send-due')
    .description('Send the messages that are due, once (heard serve does this every 10 seconds)')
    .option('--batch-size <number>', 'the most messages to send in this pass', batchSize, 100)
    .action(async (options: { batchSize: number }) => {
      const config = loadConfig();
      const notify = notifyGatewayFor(config);
      if (!notify) {
        console.error('NOTIFY_API_KEY is not set, so nothing can be sent: messages wait in the outbox.');
        process.exitCode = 1;
        return;
      }
      const database = await openMigratedDatabase(config);
      try {
        const counts = await dispatchDueMessages(database.db, notify, { batchSize: options.batchSize });
        console.log(dispatchSummary(counts).join('\n'));
      } finally {
        await database.close();
      }
    });

  messages
    .command('alerts')
    .description(
      'Queue the reminders and overdue alerts due today, once each (heard serve does this every 15 minutes); for cron',
    )
    .action(async () => {
      const config = loadConfig();
      const database = await openMigratedDatabase(config);
      try {
        console.log(caseAlertsSummary(await queueCaseAlerts(database.db, config)));
      } finally {
        await database.close();
      }
    });

  messages
    .command('status')
    .description('How many messages each organisation has in each status')
    .action(async () => {
      const database = await openMigratedDatabase(loadConfig());
      try {
        const organisations = await listOrganisations(database.db);
        if (organisations.length === 0) console.log('There are no organisations.');
        for (const organisation of organisations) {
          console.log(statusLine(organisation, await messageStatusCounts(database.db, organisation.orgId)));
        }
      } finally {
        await database.close();
      }
    });
}
