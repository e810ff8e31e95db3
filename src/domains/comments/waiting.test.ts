import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { outboxMessages as messages } from '#src/domains/messages/schema.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { startRecoding } from './recoding.ts';
import { comments, waitingComments } from './schema.ts';
import { waitingCount } from './waiting.ts';

const actor = systemActor('Waiting comments test');
const alerts = {
  templateId: '7f3c1e52-1d1b-4f7e-9a55-0c8e2b7d4a10',
  recipient: 'safeguarding@example.nhs.uk',
  publicUrl: 'https://heard.example.nhs.uk',
};

describe.each(engines)('coding the comments an import left waiting on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      ({ orgId } = await createOrganisation(database.db, actor, { name: 'Waiting Trust', odsCode: 'RW8' }));
    }, 60_000);
    afterAll(() => database?.close());

    it("is done by heard serve's scheduler: each waiting comment coded once, alerts raised, the queue emptied", async () => {
      const texts = [
        'Kind and patient staff, thank you',
        'The wait in A&E was far too long',
        'The carer hit my mother and left bruises on her arm',
      ];
      await withOrg(database.db, orgId, (tx) =>
        tx.insert(waitingComments).values(
          texts.map((text, index) => ({
            orgId,
            source: 'survey-answer' as const,
            sourceId: `response-${index}:better`,
            receivedOn: '2021-09-10',
            question: 'What would have made it better?',
            fftScore: 4,
            text,
          })),
        ),
      );
      expect(await waitingCount(database.db, orgId)).toBe(3);
      const log = { info: () => {}, error: (details: { err: unknown }) => console.error(details.err) };
      const stop = startRecoding(database.db, log, {
        waitingIntervalMs: 50,
        coding: { safeguardingAlerts: alerts },
      });
      try {
        const deadline = Date.now() + 30_000;
        while ((await waitingCount(database.db, orgId)) > 0 && Date.now() < deadline)
          await new Promise((resume) => setTimeout(resume, 100));
      } finally {
        await stop();
      }
      expect(await waitingCount(database.db, orgId)).toBe(0);
      const coded = await withOrg(database.db, orgId, (tx) =>
        tx
          .select({
            sourceId: comments.sourceId,
            text: comments.text,
            modelVersion: comments.modelVersion,
            safeguardingFlag: comments.safeguardingFlag,
            commentId: comments.commentId,
          })
          .from(comments)
          .orderBy(comments.sourceId),
      );
      expect(coded.map((row) => row.text)).toEqual(texts);
      expect(coded.every((row) => row.modelVersion.length > 0)).toBe(true);
      expect(coded.map((row) => row.safeguardingFlag)).toEqual([false, false, true]);
      const queued = await withOrg(database.db, orgId, (tx) =>
        tx
          .select({ purpose: messages.purpose, relatedEntityId: messages.relatedEntityId })
          .from(messages)
          .where(eq(messages.orgId, orgId)),
      );
      expect(queued).toEqual([
        { purpose: 'safeguarding.alert-raised', relatedEntityId: coded[2]?.commentId },
      ]);
      const recorded = await withOrg(database.db, orgId, (tx) =>
        tx
          .select({ action: auditEvents.action })
          .from(auditEvents)
          .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, 'comment.recorded'))),
      );
      expect(recorded).toHaveLength(3);
    }, 60_000);
  });
});
