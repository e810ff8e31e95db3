import type { Command } from 'commander';
import { isEmbedded, loadConfig } from '#src/config.ts';
import { demoAdministratorEmail, demoPassword } from '#src/demo/accounts.ts';
import { demoAccountLines, loadDemo } from '#src/demo/index.ts';
import { startActionAlerts } from '#src/domains/actions/index.ts';
import { startCaseAlerts } from '#src/domains/cases/index.ts';
import { safeguardingAlertsOf, startRecoding } from '#src/domains/comments/index.ts';
import { startMessageDispatcher } from '#src/domains/messages/index.ts';
import { createServer, openMigratedDatabase } from '#src/runtime.ts';
import { removeExpiredSessions } from '#src/web/sessions.ts';

export function serveCommand(program: Command) {
  program
    .command('serve')
    .description('Apply migrations and serve Heard on PORT (default 3000)')
    .option('--first-run-demo', 'on the embedded database, load the demo trust if the database is empty')
    .action(async (options: { firstRunDemo?: boolean }) => {
      const config = loadConfig();
      const database = await openMigratedDatabase(config);
      if (options.firstRunDemo && isEmbedded(config)) {
        console.log('Loading the demo trust if this is the first start (a minute or so, once)…');
      }
      const demoLoaded =
        options.firstRunDemo && isEmbedded(config)
          ? await database.exclusively('heard:demo', () => loadDemo(database.db))
          : false;
      const app = await createServer(config, database);
      // Expired sessions are refused when read; this clears them out of the table as well.
      const clearExpiredSessions = () =>
        removeExpiredSessions(database.db).catch((error: Error) =>
          app.log.warn(error, 'clearing sessions failed'),
        );
      setInterval(clearExpiredSessions, 3_600_000).unref();
      await clearExpiredSessions();
      // Sends queued email, SMS and letters through GOV.UK Notify; nothing queued is lost if Notify is down.
      const stopMessageDispatcher = startMessageDispatcher(database.db, config, app.log);
      // Queues reminders and overdue alerts at start and every 15 minutes; each is queued once.
      const stopCaseAlerts = startCaseAlerts(database.db, config, app.log);
      // Action plan reminders, overdue alerts and weekly digests to leads, queued the same way.
      const stopActionAlerts = startActionAlerts(database.db, config, app.log);
      // Codes comments waiting after an import every minute, and re-codes those an older themes model
      // coded at start and hourly; both resume after a restart.
      const stopRecoding = startRecoding(database.db, app.log, {
        coding: { safeguardingAlerts: safeguardingAlertsOf(config) },
      });
      const stop = async () => {
        await stopRecoding();
        await stopCaseAlerts();
        await stopActionAlerts();
        await stopMessageDispatcher();
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await app.listen({ port: config.PORT, host: config.HOST });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      const where = isEmbedded(config) ? `the embedded database in ${config.HEARD_DATA_DIR}` : 'PostgreSQL';
      console.log(`\nHeard is running at http://localhost:${port} (using ${where})`);
      if (options.firstRunDemo && isEmbedded(config)) {
        if (demoLoaded) console.log('Loaded the demo trust.');
        console.log(`Demo sign-in: ${demoAdministratorEmail} / ${demoPassword}`);
        console.log(`${demoAccountLines().join('\n')}\n`);
      }
    });
}
