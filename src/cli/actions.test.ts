import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTableFile } from '#src/domains/actions/index.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type CommandDatabase, commandDatabase, runHeard } from '#test/support/cli.ts';
import { docxParagraphs } from '#test/support/docx.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';

const reviewCsv = new URL('../../docs/action-plans/independent-review-2014.csv', import.meta.url);

// Issue 7: `heard actions import FILE --plan NAME [--source …]` and `heard actions export --plan NAME
// --format csv|xlsx|docx [--out FILE]`, run as an operator runs them, in a process of their own.
describe.each(engines)('heard actions import and export on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: CommandDatabase;
    let folder: string;

    beforeAll(async () => {
      database = await commandDatabase(engine);
      await database.withDatabase((db) =>
        createOrganisation(db, systemActor(), { name: 'Test NHS Trust', odsCode: 'RT1' }),
      );
      folder = await mkdtemp(join(tmpdir(), 'heard-actions-cli-'));
    }, 60_000);
    afterAll(async () => {
      await database?.close();
      await rm(folder, { recursive: true, force: true });
    });

    it('imports the review’s table and exports the same rows as CSV, Excel and Word', async () => {
      const imported = await runHeard(
        ['actions', 'import', reviewCsv.pathname, '--plan', 'HASCAS review', '--source', 'review'],
        database.env,
      );
      expect(imported.stderr.trim().split('\n')).toHaveLength(18);
      expect(imported.stderr).toContain('Row 19 (No 18): accepted');
      expect(imported).toMatchObject({ code: 0, stdout: 'Imported HASCAS review: 18 actions.\n' });

      const csvOut = join(folder, 'plan.csv');
      const csv = await runHeard(
        ['actions', 'export', '--plan', 'HASCAS review', '--format', 'csv', '--out', csvOut],
        database.env,
      );
      expect(csv.code).toBe(0);
      const original = await readTableFile(readFileSync(reviewCsv));
      expect(await readTableFile(await readFile(csvOut))).toEqual(original);

      const xlsxOut = join(folder, 'plan.xlsx');
      await runHeard(
        ['actions', 'export', '--plan', 'HASCAS review', '--format', 'xlsx', '--out', xlsxOut],
        database.env,
      );
      expect(await readTableFile(await readFile(xlsxOut))).toEqual(original);

      const docxOut = join(folder, 'plan.docx');
      await runHeard(
        ['actions', 'export', '--plan', 'HASCAS review', '--format', 'docx', '--out', docxOut],
        database.env,
      );
      const paragraphs = (await docxParagraphs(await readFile(docxOut))).join('\n');
      expect(paragraphs).toContain('HASCAS review');
      expect(paragraphs).toContain('Source: Independent review or investigation');
      expect(paragraphs).toContain('Care Pathway for Psychosis');
    }, 120_000);

    it('reports each rejected row on standard error, imports nothing and exits with 1', async () => {
      const file = join(folder, 'broken.csv');
      await writeFile(
        file,
        'No,Recommendation,Date,Status\n1,Train staff,Mar-14,\n2,Audit notes,whenever,\n',
      );
      const run = await runHeard(
        ['actions', 'import', file, '--plan', 'Broken', '--source', 'audit'],
        database.env,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('Row 2 (No 1): accepted');
      expect(run.stderr).toContain('Row 3 (No 2): rejected: Date “whenever” is not a date');
      expect(run.stdout).toContain('Nothing imported: 1 of 2 rows rejected');
      const exported = await runHeard(
        ['actions', 'export', '--plan', 'Broken', '--format', 'csv'],
        database.env,
      );
      expect(exported.code).toBe(1);
      expect(exported.stderr).toContain('There is no action plan called Broken');
    }, 120_000);
  });
});
