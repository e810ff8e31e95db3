import { Readable } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CommandIo, usersCommand } from '#src/cli/users.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { units } from '#src/domains/organisations/schema.ts';
import { systemActor } from '#src/web/principal.ts';
import { type CommandDatabase, commandDatabase } from '#test/support/cli.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { listUsers } from './service.ts';
import { signInWithPassword } from './sign-in.ts';

describe.each(engines)('heard users add on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: CommandDatabase;
    let orgId: string;

    beforeAll(async () => {
      database = await commandDatabase(engine);
      await database.withDatabase(async (db) => {
        const organisation = await createOrganisation(db, systemActor(), {
          name: 'Northshire NHS Trust',
          odsCode: 'RN1',
        });
        orgId = organisation.orgId;
        await withOrg(db, orgId, (tx) =>
          tx
            .insert(units)
            .values({ orgId, kind: 'ward', code: 'W7', name: 'Ward 7', activeFrom: '2020-01-01' }),
        );
      });
    });
    afterAll(async () => database?.close());

    async function heardUsers(args: string[], stdin = '') {
      const output = { out: [] as string[], err: [] as string[], exitCode: 0 };
      const io: CommandIo = {
        env: { LOG_LEVEL: 'silent', ...database.env },
        stdin: Readable.from(stdin ? [stdin] : []),
        out: (line) => output.out.push(line),
        err: (line) => output.err.push(line),
        setExitCode: (code) => {
          output.exitCode = code;
        },
      };
      const program = new Command('heard').exitOverride();
      usersCommand(program, io);
      await program.parseAsync(['users', 'add', ...args], { from: 'user' });
      return output;
    }

    it('makes the first administrator with a strong generated password, printed once, that signs in', async () => {
      const result = await heardUsers([
        '--org',
        'rn1',
        '--email',
        'first.admin@northshire.nhs.uk',
        '--name',
        'Fran Admin',
        '--role',
        'administrator',
      ]);
      expect(result.err).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(result.out[0]).toBe(
        'Added Fran Admin (first.admin@northshire.nhs.uk) to Northshire NHS Trust as Administrator.',
      );
      const password = /shown only this once: (\S+)/.exec(result.out.join('\n'))?.[1] ?? '';
      expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
      const signedIn = await database.withDatabase((db) =>
        signInWithPassword(
          db,
          { email: 'first.admin@northshire.nhs.uk', password },
          { maxFailures: 5, lockoutMinutes: 15 },
        ),
      );
      expect(signedIn).toMatchObject({ ok: true, orgId });
    });

    it('reads the password from standard input, refusing a weak one in plain words with a non-zero exit', async () => {
      const args = ['--org', 'RN1', '--email', 'ivan@northshire.nhs.uk', '--name', 'Ivan Vestigator'];
      const unitScoped = [...args, '--role', 'investigator', '--unit', 'w7', '--password-stdin'];
      const weak = await heardUsers(unitScoped, 'password123\n');
      expect(weak.exitCode).toBe(1);
      expect(weak.err).toEqual(['Error: Password must be 12 characters or more']);

      const strong = await heardUsers(unitScoped, 'the lighthouse keeper sleeps\n');
      expect(strong.exitCode).toBe(0);
      expect(strong.out.join('\n')).not.toContain('lighthouse');
      const ivan = await database.withDatabase(async (db) =>
        (await listUsers(db, orgId)).find((user) => user.email === 'ivan@northshire.nhs.uk'),
      );
      expect(ivan?.grants).toEqual([{ role: 'investigator', unitId: expect.any(String) }]);
      expect(ivan?.hasPassword).toBe(true);
    });

    it.each([
      {
        problem: 'an organisation that is not there',
        args: ['--org', 'XYZ', '--email', 'a@b.nhs.uk', '--name', 'A B', '--role', 'auditor'],
        error: 'Error: There is no organisation with ODS code XYZ in this database',
      },
      {
        problem: 'a role that does not exist',
        args: ['--org', 'RN1', '--email', 'a@b.nhs.uk', '--name', 'A B', '--role', 'superuser'],
        error:
          'Error: superuser is not a role. Give at least one --role from: administrator, complaints_officer, investigator, service_manager, involvement_lead, executive, auditor',
      },
      {
        problem: 'a service manager without a unit',
        args: ['--org', 'RN1', '--email', 'a@b.nhs.uk', '--name', 'A B', '--role', 'service_manager'],
        error: 'Error: Give --unit with the code of the unit a service_manager or investigator works in',
      },
      {
        problem: 'a unit the organisation does not have',
        args: [
          '--org',
          'RN1',
          '--email',
          'a@b.nhs.uk',
          '--name',
          'A B',
          '--role',
          'investigator',
          '--unit',
          'W99',
        ],
        error: 'Error: Northshire NHS Trust has no unit with code W99',
      },
      {
        problem: 'an email that is not an email',
        args: ['--org', 'RN1', '--email', 'not-an-email', '--name', 'A B', '--role', 'auditor'],
        error: 'Error: not-an-email is not an email address in the correct format, like name@example.nhs.uk',
      },
      {
        problem: 'an email that already has an account',
        args: [
          '--org',
          'RN1',
          '--email',
          'FIRST.ADMIN@northshire.nhs.uk',
          '--name',
          'Fran',
          '--role',
          'auditor',
        ],
        error: 'Error: There is already an account with this email address',
      },
    ])('refuses $problem, saying so and exiting non-zero', async ({ args, error }) => {
      const result = await heardUsers(args);
      expect(result.err).toEqual([error]);
      expect(result.exitCode).toBe(1);
      expect(result.out).toEqual([]);
    });
  });
});
