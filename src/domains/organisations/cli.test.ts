import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importUnitsFromFile } from '#src/cli/units.ts';
import { type Config, loadConfig } from '#src/config.ts';
import { openMigratedDatabase } from '#src/runtime.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine, type TestEngine } from '#test/support/environment.ts';
import { createOrganisation, listUnits } from './service.ts';

/** A configuration pointing at a database of its own: a folder for PGlite, a fresh database on PostgreSQL. */
async function commandEnvironment(engine: TestEngine, folder: string) {
  if (engine === 'pglite') {
    return {
      config: loadConfig({ NODE_ENV: 'test', HEARD_DATA_DIR: join(folder, 'data') }),
      close: async () => {},
    };
  }
  const database: TestDatabase = await createTestDatabase('postgres');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url ?? '',
    SESSION_SECRET: 'a-test-session-secret-of-enough-length',
  });
  return { config, close: () => database.close() };
}

describe.each(engines)('heard units import on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let folder: string;
    let config: Config;
    let closeEnvironment: () => Promise<void>;
    let orgId: string;
    const lines = { report: [] as string[], summary: [] as string[] };
    const output = {
      report: (line: string) => lines.report.push(line),
      summary: (line: string) => lines.summary.push(line),
    };
    const run = async (csv: string, dryRun: boolean, org = 'rcli') => {
      lines.report = [];
      lines.summary = [];
      const file = join(folder, 'units.csv');
      await writeFile(file, csv);
      return importUnitsFromFile(config, { file, org, dryRun }, output);
    };
    const unitCodes = async () => {
      const database = await openMigratedDatabase(config);
      try {
        return (await listUnits(database.db, orgId)).map((unit) => unit.code).sort();
      } finally {
        await database.close();
      }
    };

    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'heard-units-cli-'));
      const environment = await commandEnvironment(engine, folder);
      config = environment.config;
      closeEnvironment = environment.close;
      const database = await openMigratedDatabase(config);
      try {
        orgId = (await createOrganisation(database.db, systemActor(), { name: 'CLI Trust', odsCode: 'RCLI' }))
          .orgId;
      } finally {
        await database.close();
      }
    });
    afterAll(async () => {
      await closeEnvironment?.();
      await rm(folder, { recursive: true, force: true });
    });

    const file = ['code,name,kind,parent_code', 'MED,Medicine,division,', 'W1,Ward 1,ward,MED'].join('\n');

    it('reports rejected rows and exits non-zero, importing nothing', async () => {
      const exitCode = await run(`${file}\nW2,Ward 2,ward,WARD9`, false);
      expect(exitCode).toBe(1);
      expect(lines.report).toEqual([
        'Row 2: MED will be created',
        'Row 3: W1 will be created',
        'Row 4: parent_code WARD9 is not in the file or the organisation',
      ]);
      expect(lines.summary).toEqual(['1 row has a problem, so nothing was imported.']);
      expect(await unitCodes()).toEqual([]);
    });

    it('checks without changing anything on a dry run', async () => {
      expect(await run(file, true)).toBe(0);
      expect(lines.summary).toEqual([
        'Checked: 2 to create, 0 to update, 0 unchanged. Nothing has been changed yet.',
      ]);
      expect(await unitCodes()).toEqual([]);
    });

    it('imports the file for the organisation named by its ODS code, in any case', async () => {
      expect(await run(file, false)).toBe(0);
      expect(lines.report).toEqual(['Row 2: MED created', 'Row 3: W1 created']);
      expect(lines.summary).toEqual(['Imported: 2 created, 0 updated, 0 unchanged.']);
      expect(await unitCodes()).toEqual(['MED', 'W1']);
    });

    it('refuses an organisation that does not exist', async () => {
      await expect(run(file, false, 'NOPE')).rejects.toThrow(
        'There is no organisation with the ODS code NOPE',
      );
    });
  });
});
