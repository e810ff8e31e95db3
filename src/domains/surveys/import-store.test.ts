import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { rowsOf } from '#test/support/rows.ts';
import { installSurveyTemplates, recordResponsesInBulk } from './service.ts';

const actor = systemActor('COPY store test');

describe.each(engines)('storing a batch of responses through COPY on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;
    let unitId: string;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      ({ orgId } = await createOrganisation(database.db, actor, { name: 'Copy Trust', odsCode: 'RCP' }));
      ({ unitId } = await createUnit(database.db, orgId, actor, {
        code: 'W1',
        name: 'Ward 1',
        kind: 'ward',
        activeFrom: '2015-01-01',
      }));
      await installSurveyTemplates(database.db, orgId, actor);
    }, 60_000);
    afterAll(async () => database?.close());

    it('keeps a comment holding tabs, new lines, backslashes and \\N exactly as written, and stores it once', async () => {
      const comment = 'Tab\there,\r\nnew line, back\\slash and \\N which is not null';
      const batch = [
        {
          unitId,
          variant: 'standard' as const,
          language: 'en',
          mode: 'paper-home' as const,
          responseDate: '2021-09-10',
          submissionId: 'copy-1',
          answers: { fft: 'good', good: comment },
        },
      ];
      expect(await recordResponsesInBulk(database.db, orgId, actor, 'fft', batch)).toMatchObject({
        stored: 1,
        alreadyStored: 0,
      });
      expect(await recordResponsesInBulk(database.db, orgId, actor, 'fft', batch)).toMatchObject({
        stored: 0,
        alreadyStored: 1,
      });
      const rows = await withOrg(database.db, orgId, (tx) =>
        rowsOf<{ free_text: string | null; option_code: string | null }>(
          tx,
          sql`select free_text, option_code from survey_answers order by question_code`,
        ),
      );
      expect(rows).toEqual([
        { free_text: null, option_code: 'good' },
        { free_text: comment.trim(), option_code: null },
      ]);
    }, 60_000);
  });
});
