import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { codeWaitingComments, waitingCount } from '#src/domains/comments/index.ts';
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
      // The FFT answer is kept once, on the response.
      expect(rows).toEqual([{ free_text: comment.trim(), option_code: null }]);
      const [response] = await withOrg(database.db, orgId, (tx) =>
        rowsOf<{ fft_question: string; fft_answer: string }>(
          tx,
          sql`select fft_question, fft_answer from survey_responses where submission_id = 'copy-1'`,
        ),
      );
      expect(response).toEqual({ fft_question: 'fft', fft_answer: 'good' });
    }, 60_000);

    it('leaves the free text of a large import waiting to be coded, once, and the coding job codes it exactly', async () => {
      const comment = 'Kind nurse\tbut\na long wait \\N';
      const batch = ['later-1', 'later-2', 'later-3'].map((submissionId, index) => ({
        unitId,
        variant: 'standard' as const,
        language: 'en',
        mode: 'paper-home' as const,
        responseDate: '2021-09-10',
        submissionId,
        answers: index === 2 ? { fft: 'poor' } : { fft: 'poor', better: `${comment} ${index}` },
      }));
      const later = { codeComments: 'later' as const };
      expect(await recordResponsesInBulk(database.db, orgId, actor, 'fft', batch, later)).toMatchObject({
        stored: 3,
      });
      expect(await recordResponsesInBulk(database.db, orgId, actor, 'fft', batch, later)).toMatchObject({
        stored: 0,
        alreadyStored: 3,
      });
      const coded = async () =>
        withOrg(database.db, orgId, (tx) =>
          rowsOf<{ text: string; fft_score: number; model_version: string }>(
            tx,
            sql`select text, fft_score, model_version from comments where source_id like '%:better' order by text`,
          ),
        );
      expect(await waitingCount(database.db, orgId)).toBe(2);
      expect(await coded()).toEqual([]);
      expect(await codeWaitingComments(database.db, orgId, actor, { batchSize: 1 })).toBe(2);
      expect(await waitingCount(database.db, orgId)).toBe(0);
      const comments = await coded();
      expect(comments.map((row) => row.text)).toEqual([`${comment} 0`, `${comment} 1`]);
      expect(comments.every((row) => row.fft_score === 4 && row.model_version)).toBe(true);
      expect(await codeWaitingComments(database.db, orgId, actor)).toBe(0);
    }, 60_000);

    it('queues free text exactly as coding it on arrival stores it: wording by variant, unit, date and FFT score', async () => {
      const batch = (prefix: string) =>
        (['standard', 'easy-read'] as const).flatMap((variant, index) => [
          {
            unitId,
            variant,
            language: 'en',
            mode: 'sms' as const,
            responseDate: `2021-10-0${index + 1}`,
            submissionId: `${prefix}-${variant}`,
            answers: { fft: index === 0 ? 'very-good' : 'dont-know', good: `Said on ${variant}` },
          },
        ]);
      await recordResponsesInBulk(database.db, orgId, actor, 'fft', batch('on-arrival'), {
        codeComments: 'now',
      });
      await recordResponsesInBulk(database.db, orgId, actor, 'fft', batch('from-queue'), {
        codeComments: 'later',
      });
      await codeWaitingComments(database.db, orgId, actor);
      const stored = (prefix: string) =>
        withOrg(database.db, orgId, (tx) =>
          rowsOf<Record<string, unknown>>(
            tx,
            sql`select c.question, c.unit_id, c.received_on::text as received_on, c.fft_score, c.text,
                  c.source_id = r.response_id::text || ':good' as names_its_answer
                from comments c join survey_responses r on c.source_id like r.response_id::text || ':%'
                where r.submission_id like ${`${prefix}-%`} order by c.text`,
          ),
        );
      const now = await stored('on-arrival');
      expect(now).toHaveLength(2);
      expect(now.map((row) => [row.received_on, row.fft_score, row.names_its_answer])).toEqual([
        ['2021-10-02', 6, true],
        ['2021-10-01', 1, true],
      ]);
      expect(await stored('from-queue')).toEqual(now);
    }, 60_000);
  });
});
