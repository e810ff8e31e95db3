import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type CommandDatabase, commandDatabase, runHeard } from '#test/support/cli.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { feedbackRecords } from '../schema.ts';

const actor = systemActor('CLI import tests');

describe.each(engines)('heard import cases on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: CommandDatabase;
    let folder: string;
    let orgId: string;
    const fileWith = async (name: string, content: string) => {
      const path = join(folder, name);
      await writeFile(path, content);
      return path;
    };
    const heard = (...args: string[]) => runHeard(['import', 'cases', ...args], database.env);
    const recordCount = () =>
      database.withDatabase((db) =>
        withOrg(db, orgId, async (tx) => {
          const [row] = await tx
            .select({ n: count() })
            .from(feedbackRecords)
            .where(eq(feedbackRecords.orgId, orgId));
          return row?.n ?? 0;
        }),
      );

    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'heard-import-cli-'));
      database = await commandDatabase(engine);
      orgId = await database.withDatabase(async (db) => {
        const organisation = await createOrganisation(db, actor, { name: 'CLI Trust', odsCode: 'RCI' });
        await createUnit(db, organisation.orgId, actor, {
          code: 'W1',
          name: 'Ward 1',
          kind: 'ward',
          activeFrom: '2009-04-01',
        });
        return organisation.orgId;
      });
    });
    afterAll(async () => {
      await database?.close();
      await rm(folder, { recursive: true, force: true });
    });

    const good = [
      'reference,kind,channel,unit_code,received_date,summary',
      'CLI-1,concern,phone,W1,2017-07-03,Car parking',
      'CLI-2,compliment,letter,W1,04/07/2017,Kind staff',
    ];

    it('checks a file on a dry run, reporting each row and importing nothing, with no progress bar when not in a terminal', async () => {
      const run = await heard(await fileWith('good.csv', good.join('\n')), '--dry-run', '--org', 'rci');
      expect(run.code).toBe(0);
      expect(run.stderr.trim().split('\n')).toEqual([
        'Row 2: CLI-1 will be added',
        'Row 3: CLI-2 will be added',
      ]);
      expect(run.stdout).toContain(
        'Checked 2 rows: 2 to add, 0 skipped as already imported, 0 refused. Nothing has been imported yet.',
      );
      expect(run.stdout).toMatch(/^2 rows in \d+\.\d seconds: [\d,]+ rows? a second\.$/m);
      expect(await recordCount()).toBe(0);
    });

    it('imports the good rows, reports the refused one, and exits with 1', async () => {
      const file = await fileWith(
        'mixed.csv',
        [...good, 'CLI-3,concern,phone,W9,2017-07-05,Unknown ward'].join('\n'),
      );
      // With one organisation in Heard, --org may be left out.
      const run = await heard(file);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        'Row 2: CLI-1 added as P-2017-00001',
        'Row 3: CLI-2 added as T-2017-00001',
        'Row 4: CLI-3 refused: column “unit_code”: “W9” is not the code of a unit in Heard: see Units',
      ]);
      expect(run.stdout).toContain('Imported 3 rows: 2 added, 0 skipped as already imported, 1 refused.');
      expect(await recordCount()).toBe(2);
    });

    it('adds nothing on a second import of the same file, and exits with 0 when nothing is refused', async () => {
      const run = await heard(await fileWith('good.csv', good.join('\n')));
      expect(run.code).toBe(0);
      expect(run.stderr.trim().split('\n')).toEqual([
        'Row 2: CLI-1 skipped: already imported as P-2017-00001',
        'Row 3: CLI-2 skipped: already imported as T-2017-00001',
      ]);
      expect(await recordCount()).toBe(2);
    });

    it('reads the columns a mapping file names, and refuses a mapping it cannot use', async () => {
      const file = await fileWith(
        'export.csv',
        ['Ref,Type,How,Ward,Received,What', 'MAP-1,PALS,Telephone,W1,05/07/2017,Noise at night'].join('\n'),
      );
      const mapping = await fileWith(
        'mapping.json',
        JSON.stringify({
          columns: {
            reference: 'Ref',
            kind: 'Type',
            channel: 'How',
            unit_code: 'Ward',
            received_date: 'Received',
            summary: 'What',
          },
          values: { kind: { PALS: 'concern' }, channel: { Telephone: 'phone' } },
        }),
      );
      const run = await heard(file, '--mapping', mapping);
      expect(run.stderr.trim()).toBe('Row 2: MAP-1 added as P-2017-00002');
      expect(run.code).toBe(0);

      const broken = await heard(
        file,
        '--mapping',
        await fileWith('broken.json', '{"columns": {"ref": "Ref"}}'),
      );
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain(
        'in the mapping file, columns → ref: “ref” is not a field Heard imports',
      );
      expect(broken.stdout).toContain('The mapping file cannot be used, so nothing was imported.');
    });

    it('says which organisation it does not know', async () => {
      const run = await heard(await fileWith('good.csv', good.join('\n')), '--org', 'NOPE');
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('There is no organisation with the ODS code NOPE');
    });
  });
});
