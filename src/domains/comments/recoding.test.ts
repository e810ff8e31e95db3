import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { type Actor, systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { shippedModel } from './model.ts';
import { recodeBatch, recodeComments, recodingProgress } from './recoding.ts';
import { sampleComments } from './sample-comments.ts';
import { comments } from './schema.ts';
import { commentsService } from './service.ts';

const system = systemActor('Re-coding tests');
const staff: Actor = { kind: 'user', id: 'user-1', name: 'Pat Reviewer' };
// The shipped weights under another version: what a deployment holds after an upgrade ships a retrained model.
const olderModel = () => ({ ...shippedModel(), version: 'themes-0.older' });

describe.each(engines)('re-coding after a model change on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      ({ orgId } = await createOrganisation(database.db, system, { name: 'Recode Trust', odsCode: 'RR1' }));
      const older = commentsService({ db: database.db, model: olderModel() });
      await older.recordComments(
        orgId,
        system,
        sampleComments(120).map((sample, index) => ({
          source: 'survey-answer' as const,
          sourceId: `answer-${index}`,
          receivedOn: '2024-06-01',
          question: sample.question ?? null,
          fftScore: sample.fft_score ?? null,
          text: sample.text,
        })),
      );
    }, 60_000);
    afterAll(() => database?.close());

    it('re-codes a batch at a time, each committed, so a stopped run resumes where it stopped and a rerun does nothing', async () => {
      const model = shippedModel();
      expect(await recodingProgress(database.db, orgId, model)).toMatchObject({ total: 120, done: 0 });

      // A staff correction made under the older model stays in force after re-coding.
      const service = commentsService({ db: database.db });
      const [corrected] = await withOrg(database.db, orgId, (tx) =>
        tx.select().from(comments).where(eq(comments.sourceId, 'answer-0')),
      );
      await service.correctComment(orgId, staff, corrected?.commentId ?? '', {
        kind: 'change-sentiment',
        sentiment: corrected?.sentiment === 1 ? 5 : 1,
      });
      const staffSentiment = corrected?.sentiment === 1 ? 5 : 1;

      // The first batch, then the run "dies".
      expect(await recodeBatch(database.db, orgId, system, { model, batchSize: 50 })).toBe(50);
      expect(await recodingProgress(database.db, orgId, model)).toMatchObject({ total: 120, done: 50 });

      const seen: number[] = [];
      const final = await recodeComments(database.db, orgId, system, {
        model,
        batchSize: 50,
        onProgress: (progress) => seen.push(progress.done),
      });
      expect(seen).toEqual([50, 100, 120]);
      expect(final).toEqual({ orgId, modelVersion: model.version, total: 120, done: 120 });
      expect(await recodeBatch(database.db, orgId, system, { model })).toBe(0);

      const { comment } = await service.getComment(orgId, corrected?.commentId ?? '');
      expect(comment.modelVersion).toBe(model.version);
      expect(comment.sentiment).toBe(staffSentiment);

      const events = await withOrg(database.db, orgId, (tx) =>
        tx
          .select({ after: auditEvents.after })
          .from(auditEvents)
          .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, 'comments.recoded'))),
      );
      expect(events.map((event) => (event.after as { recoded: number }).recoded)).toEqual([50, 50, 20]);
      expect(events[0]?.after).toMatchObject({ fromVersions: ['themes-0.older'] });
    }, 60_000);
  });
});
