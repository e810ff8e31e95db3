import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import { casesService } from '#src/domains/cases/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type CommandDatabase, commandDatabase, runHeard } from '#test/support/cli.ts';
import { docxParagraphs } from '#test/support/docx.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';

/** One trust with a locality, a ward and five complaints in 2023/24: two in Q1, three in Q2. */
async function prepare(db: Database) {
  const actor = systemActor('test');
  const { orgId } = await createOrganisation(db, actor, { name: 'Report NHS Trust', odsCode: 'RPT1' });
  await createUnit(db, orgId, actor, {
    code: 'NORTH',
    name: 'Northshire',
    kind: 'locality',
    activeFrom: '2009-01-01',
  });
  const ward = await createUnit(db, orgId, actor, {
    code: 'WARD',
    name: 'Oak ward',
    kind: 'ward',
    parentCode: 'NORTH',
    activeFrom: '2009-01-01',
  });
  const cases = casesService({
    db,
    config: loadConfig({ NODE_ENV: 'test', HEARD_DATA_DIR: 'memory://' }),
    clock: () => new Date('2024-03-31T12:00:00Z'),
  });
  for (const receivedDate of ['2023-05-02', '2023-06-12', '2023-07-03', '2023-08-01', '2023-09-29']) {
    await cases.logRecord(orgId, actor, {
      kind: 'complaint',
      channel: 'letter',
      unitId: ward.unitId,
      receivedDate,
      eventDate: receivedDate,
      summary: 'Waiting times',
    });
  }
}

describe.each(engines)('heard report on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let target: CommandDatabase;
    const folder = mkdtempSync(join(tmpdir(), 'heard-report-'));
    beforeAll(async () => {
      target = await commandDatabase(engine);
      await target.withDatabase(prepare);
    }, 120_000);
    afterAll(async () => {
      await target?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('writes the quarterly report as JSON to standard output, naming no organisation when there is one', {
      timeout: 120_000,
    }, async () => {
      const run = await runHeard(
        ['report', 'quarterly', '--quarter', '2023/24-Q2', '--as-of', '2024-03-31'],
        target.env,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.organisation).toEqual({ name: 'Report NHS Trust', odsCode: 'RPT1' });
      expect(report.complaints.received).toMatchObject({
        total: 3,
        previous: 2,
        byLocality: { Northshire: 3 },
      });
      // The sections from surveys, comments and actions are there: empty where nothing is recorded.
      expect(report.fft).toBeNull();
      expect(report.themes).toEqual({ top: [] });
      expect(report.actions).toEqual({ learningThemes: [], overdue: 0, completed: 0, youSaidWeDid: [] });
      expect(report.pending).toEqual(expect.arrayContaining(['fft', 'qualitySurvey', 'childrenSurvey']));
      expect(report.pending).not.toContain('actions');
    });

    it('writes the Word document to a file, and refuses to write one to the terminal', {
      timeout: 120_000,
    }, async () => {
      const out = join(folder, 'report.docx');
      const run = await runHeard(
        ['report', 'quarterly', '--org', 'rpt1', '--quarter', '2023/24-Q2', '--format', 'docx', '--out', out],
        target.env,
      );
      expect(run.code).toBe(0);
      expect(await docxParagraphs(readFileSync(out))).toContain(
        'Table 1: Number of complaints received this quarter',
      );
      const refused = await runHeard(
        ['report', 'quarterly', '--quarter', '2023/24-Q2', '--format', 'docx'],
        target.env,
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Give --out FILE for a docx file');
    });

    it('writes the KO41a return for a year as CSV', { timeout: 120_000 }, async () => {
      const run = await runHeard(['report', 'ko41a', '--year', '2023/24'], target.env);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('summary,new,New,5');
      expect(run.stdout).toContain('validation,passed,Age of patient parts sum to new complaints');
      const unknown = await runHeard(['report', 'ko41a', '--year', '2023/24', '--org', 'NOPE'], target.env);
      expect(unknown.stderr).toContain('There is no organisation with the ODS code NOPE');
      expect(unknown.code).toBe(1);
    });
  });
});
