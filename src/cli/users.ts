import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '#src/config.ts';
import {
  generatedPasswordFor,
  type Role,
  registerUserFromCommandLine,
  roleNames,
  roles,
  unitScopedRoles,
} from '#src/domains/identity/index.ts';
import { openMigratedDatabase } from '#src/runtime.ts';
import { DomainError } from '#src/web/errors.ts';
import { systemActor } from '#src/web/principal.ts';

/** Where the command reads and writes, so that a test can give it its own. */
export interface CommandIo {
  env: NodeJS.ProcessEnv;
  stdin: AsyncIterable<string | Buffer> & { isTTY?: boolean };
  out(line: string): void;
  err(line: string): void;
  setExitCode(code: number): void;
}

const processIo: CommandIo = {
  env: process.env,
  stdin: process.stdin,
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

interface AddOptions {
  org: string;
  email: string;
  name: string;
  role: string[];
  unit?: string;
  passwordStdin?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/** `heard users add`: how the first administrator is made on a PostgreSQL deployment. */
export function usersCommand(program: Command, io: CommandIo = processIo) {
  const users = program.command('users').description('Manage the staff accounts of an organisation');
  users
    .command('add')
    .description('Add a member of staff; prints a generated password once unless --password-stdin is given')
    .requiredOption('--org <ODS>', 'the ODS code of their organisation, such as RX1')
    .requiredOption('--email <email>', 'their work email address')
    .requiredOption('--name <name>', 'their full name')
    .option('--role <role>', `a role to give them; repeat for more (${roles.join(', ')})`, collect, [])
    .option('--unit <unit code>', `the unit a ${unitScopedRoles.join(' or ')} works in`)
    .option('--password-stdin', 'read their password from standard input instead of generating one')
    .action(async (options: AddOptions) => {
      const problems = await addUser(options, io);
      if (problems.length === 0) return;
      for (const problem of problems) io.err(`Error: ${problem}`);
      io.setExitCode(1);
    });
}

/** Adds the person and reports what was done; returns the problems, in plain words, if it could not. */
async function addUser(options: AddOptions, io: CommandIo): Promise<string[]> {
  const unknownRoles = options.role.filter((role) => !isRole(role));
  if (options.role.length === 0 || unknownRoles.length > 0) {
    const given = unknownRoles.length > 0 ? `${unknownRoles.join(', ')} is not a role. ` : '';
    return [`${given}Give at least one --role from: ${roles.join(', ')}`];
  }
  const email = options.email.trim();
  if (!z.email().safeParse(email).success)
    return [`${email} is not an email address in the correct format, like name@example.nhs.uk`];
  const account = { email, displayName: options.name.trim() };
  const password = options.passwordStdin ? await passwordFrom(io) : generatedPasswordFor(account);
  if (!password) return ['No password was given on standard input'];

  const database = await openMigratedDatabase(loadConfig(io.env));
  try {
    const { organisation } = await registerUserFromCommandLine(database.db, systemActor('heard users add'), {
      odsCode: options.org,
      ...account,
      roles: options.role.filter(isRole),
      unitCode: options.unit,
      password,
    });
    const roleList = options.role.filter(isRole).map((role) => roleNames[role]);
    io.out(`Added ${account.displayName} (${email}) to ${organisation.name} as ${roleList.join(', ')}.`);
    if (!options.passwordStdin) {
      io.out(`Their password, shown only this once: ${password}`);
      io.out('Give it to them in a way nobody else can see. They can change it at /account/password.');
    }
    return [];
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const { unitId, ...others } = error.fieldErrors;
    const unit = unitId
      ? [`Give --unit with the code of the unit a ${unitScopedRoles.join(' or ')} works in`]
      : [];
    const messages = [...Object.values(others), ...unit];
    return messages.length > 0 ? messages : [error.message];
  } finally {
    await database.close();
  }
}

/** The whole of standard input, less the newline that `echo` or a here-string adds. */
async function passwordFrom(io: CommandIo): Promise<string> {
  if (io.stdin.isTTY) io.err('Type the password, then press Enter and Ctrl+D:');
  let text = '';
  for await (const chunk of io.stdin) text += chunk.toString();
  return text.replace(/\r?\n$/, '');
}
