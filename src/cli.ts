import { Command } from 'commander';
import { actionsCommand } from './cli/actions.ts';
import { apiKeysCommand } from './cli/api-keys.ts';
import { auditCommand } from './cli/audit.ts';
import { demoCommand } from './cli/demo.ts';
import { importCommand } from './cli/import.ts';
import { messagesCommand } from './cli/messages.ts';
import { migrateCommand } from './cli/migrate.ts';
import { reportCommand } from './cli/report.ts';
import { serveCommand } from './cli/serve.ts';
import { themesCommand } from './cli/themes.ts';
import { unitsCommand } from './cli/units.ts';
import { usersCommand } from './cli/users.ts';
import { ConfigError } from './config.ts';
import { packageVersion } from './runtime.ts';

const program = new Command('heard')
  .description('Heard: hear, manage, understand, act on and report what people tell an NHS trust')
  .version(packageVersion());
serveCommand(program);
migrateCommand(program);
demoCommand(program);
unitsCommand(program);
importCommand(program);
usersCommand(program);
auditCommand(program);
apiKeysCommand(program);
messagesCommand(program);
actionsCommand(program);
themesCommand(program);
reportCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(
    error instanceof ConfigError ? error.message : error instanceof Error ? `Error: ${error.message}` : error,
  );
  process.exit(1);
});
