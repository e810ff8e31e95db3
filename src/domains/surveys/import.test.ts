import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type CommandDatabase, commandDatabase, runHeard } from '#test/support/cli.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { rowsOf } from '#test/support/rows.ts';
import { installSurveyTemplates } from './service.ts';

const actor = systemActor('Response import tests');

describe.each(engines)('heard import responses on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: CommandDatabase;
    let folder: string;
    let orgId: string;
    const fileWith = async (name: string, content: string) => {
      const path = join(folder, name);
      await writeFile(path, content);
      return path;
    };
    const heard = (...args: string[]) => runHeard(['import', 'responses', ...args], database.env);
    const stored = () =>
      database.withDatabase((db) =>
        withOrg(db, orgId, (tx) =>
          rowsOf<{ submission_id: string; mode: string; fft_answer: string; answers: number }>(
            tx,
            sql`select r.submission_id, r.mode, r.fft_answer, (select count(*)::int from survey_answers a where a.response_id = r.response_id) as answers
                from survey_responses r order by r.submission_id`,
          ),
        ),
      );
    const comments = () =>
      database.withDatabase((db) =>
        withOrg(db, orgId, (tx) =>
          rowsOf<{ text: string; question: string; fft_score: number; coded: boolean }>(
            tx,
            sql`select text, question, fft_score, model_version is not null as coded from comments order by text`,
          ),
        ),
      );

    beforeAll(async () => {
      folder = await mkdtemp(join(tmpdir(), 'heard-responses-'));
      database = await commandDatabase(engine);
      orgId = await database.withDatabase(async (db) => {
        const organisation = await createOrganisation(db, actor, { name: 'Import Trust', odsCode: 'RIM' });
        await createUnit(db, organisation.orgId, actor, {
          code: 'W1',
          name: 'Ward 1',
          kind: 'ward',
          activeFrom: '2009-04-01',
        });
        await installSurveyTemplates(db, organisation.orgId, actor);
        return organisation.orgId;
      });
    }, 120_000);
    afterAll(async () => {
      await database?.close();
      await rm(folder, { recursive: true, force: true });
    });

    const file = [
      'Ref,Ward,Date,How returned,Q1,What was good?',
      'P-0001,W1,30/09/2021,paper-home,very-good,Kind staff',
      'P-0002,W1,2021-09-29,Paper – at discharge,dont-know,',
      'P-0003,NOWHERE,2021-09-29,paper-home,good,',
      'P-0004,W1,2021-09-29,paper-home,extremely-likely,',
    ].join('\n');
    const mapping = JSON.stringify({
      submission_id: 'Ref',
      unit_code: 'Ward',
      response_date: 'Date',
      mode: 'How returned',
      fft: 'Q1',
      good: 'What was good?',
    });

    it('checks a file in a dry run, reporting each refused row and storing nothing', async () => {
      const run = await heard(
        await fileWith('returns.csv', file),
        '--survey',
        'fft',
        '--mapping',
        await fileWith('mapping.json', mapping),
        '--dry-run',
      );
      expect(run.stderr).toContain('Row 4 (P-0003): refused – unit_code: NOWHERE is not the code of a unit');
      expect(run.stderr).toContain('Row 5 (P-0004): refused – fft: Select one of the answers shown');
      expect(run.stdout).toContain('4 rows: 2 would be imported, 0 already imported, 2 refused');
      expect(run.code).toBe(1);
      expect(await stored()).toEqual([]);
    });

    it('imports the good rows with their mode and answers, and adds nothing the second time', async () => {
      const args = [
        await fileWith('returns.csv', file),
        '--survey',
        'fft',
        '--mapping',
        await fileWith('mapping.json', mapping),
      ];
      const first = await heard(...args);
      expect(first.stdout).toContain('4 rows: 2 imported, 0 already imported, 2 refused');
      // The FFT answer is on the response; the free text is an answer and, once coded, a comment.
      expect(await stored()).toEqual([
        { submission_id: 'P-0001', mode: 'paper-home', fft_answer: 'very-good', answers: 1 },
        { submission_id: 'P-0002', mode: 'paper-discharge', fft_answer: 'dont-know', answers: 0 },
      ]);
      expect(first.stdout).toContain('1 comments coded');
      expect(await comments()).toEqual([
        { text: 'Kind staff', question: 'What was good?', fft_score: 1, coded: true },
      ]);
      const again = await heard(...args);
      expect(again.stdout).toContain('4 rows: 0 imported, 2 already imported, 2 refused');
      expect(await stored()).toHaveLength(2);
      expect(await comments()).toHaveLength(1);
      // Two runs of the command, each starting Heard and its embedded database afresh.
    }, 90_000);

    it('imports eligible counts by unit and month for response rates, refusing a row it cannot read', async () => {
      const eligible = await fileWith(
        'eligible.csv',
        'unit_code,month,eligible\nW1,2021-09,240\nW1,Sept,10\n',
      );
      const run = await runHeard(['import', 'eligible', eligible, '--survey', 'fft'], database.env);
      expect(run.stderr).toContain('Row 3: refused – month: enter the month as YYYY-MM, like 2017-09');
      expect(run.stdout).toContain('2 rows: 1 saved, 1 refused.');
      const rows = await database.withDatabase((db) =>
        withOrg(db, orgId, (tx) =>
          rowsOf<{ eligible: number }>(tx, sql`select eligible from survey_eligible_counts`),
        ),
      );
      expect(rows).toEqual([{ eligible: 240 }]);
    });
  });
});
