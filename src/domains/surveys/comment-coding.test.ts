import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import type { ThemeModel } from '#src/domains/comments/index.ts';
import { comments } from '#src/domains/comments/schema.ts';
import { findMessage } from '#src/domains/messages/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { surveyResponses } from './schema.ts';
import {
  installSurveyTemplates,
  type NewResponse,
  recordResponse,
  recordResponsesInBulk,
} from './service.ts';

const actor = systemActor('Survey comment tests');
const alerts = {
  templateId: '4b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e',
  recipient: 'safeguarding@example.nhs.uk',
  publicUrl: 'https://heard.example.nhs.uk',
};

// Issue 6: every free-text survey answer is coded as it arrives, in the transaction that stores it.
describe.each(engines)('survey answers coded on arrival on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;
    let unitId: string;
    const response = (submissionId: string, answers: NewResponse['answers']): NewResponse => ({
      surveyCode: 'fft',
      unitId,
      variant: 'standard',
      language: 'en',
      mode: 'online',
      responseDate: '2024-06-10',
      submissionId,
      answers,
    });
    const commentsFrom = (responseId: string) =>
      withOrg(database.db, orgId, (tx) =>
        tx
          .select()
          .from(comments)
          .where(and(eq(comments.orgId, orgId), like(comments.sourceId, `${responseId}:%`)))
          .orderBy(asc(comments.sourceId)),
      );

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      ({ orgId } = await createOrganisation(database.db, actor, { name: 'Coding Trust', odsCode: 'RC1' }));
      ({ unitId } = await createUnit(database.db, orgId, actor, {
        code: 'W1',
        name: 'Ward 1',
        kind: 'ward',
        activeFrom: '2020-01-01',
      }));
      await installSurveyTemplates(database.db, orgId, actor);
    }, 60_000);
    afterAll(async () => database?.close());

    it('stores each free-text answer as a coded comment with its question, FFT answer and redacted words', async () => {
      const { responseId } = await recordResponse(
        database.db,
        orgId,
        actor,
        response('coded-1', {
          fft: 'poor',
          good: 'Nurse Sarah was kind',
          better: 'I waited six hours to be seen, ring me on 07700 900123',
        }),
      );
      const stored = await commentsFrom(responseId);
      expect(
        stored.map(({ source, sourceId, question, fftScore, unitId: unit, receivedOn }) => ({
          source,
          sourceId,
          question,
          fftScore,
          unit,
          receivedOn,
        })),
      ).toEqual([
        {
          source: 'survey-answer',
          sourceId: `${responseId}:better`,
          question: 'What would have made it better?',
          fftScore: 4,
          unit: unitId,
          receivedOn: '2024-06-10',
        },
        {
          source: 'survey-answer',
          sourceId: `${responseId}:good`,
          question: 'What was good?',
          fftScore: 4,
          unit: unitId,
          receivedOn: '2024-06-10',
        },
      ]);
      expect(stored[0]?.themes).toContain('Timeliness of care');
      expect(stored[0]?.redactedText).toBe('I waited six hours to be seen, ring me on [phone]');
      expect(stored[1]?.redactedText).toBe('Nurse [name] was kind');
    });

    it('stores a resubmitted answer once, and nothing for a response without free text', async () => {
      const first = await recordResponse(
        database.db,
        orgId,
        actor,
        response('coded-2', { fft: 'good', good: 'Kind staff' }),
      );
      const again = await recordResponse(
        database.db,
        orgId,
        actor,
        response('coded-2', { fft: 'good', good: 'Kind staff' }),
      );
      expect(again).toEqual({ responseId: first.responseId, duplicate: true });
      expect(await commentsFrom(first.responseId)).toHaveLength(1);
      const silent = await recordResponse(database.db, orgId, actor, response('coded-3', { fft: 'good' }));
      expect(await commentsFrom(silent.responseId)).toEqual([]);
    });

    it('queues an alert to the safeguarding contact, without the words, with the response', async () => {
      const { responseId } = await recordResponse(
        database.db,
        orgId,
        actor,
        response('coded-4', { fft: 'poor', better: 'The carer hit my mother and left bruises on her arm' }),
        { safeguardingAlerts: alerts },
      );
      const [comment] = await commentsFrom(responseId);
      expect(comment?.safeguardingFlag).toBe(true);
      const [event] = await withOrg(database.db, orgId, (tx) =>
        tx
          .select({ entityId: auditEvents.entityId })
          .from(auditEvents)
          .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, 'message.queued'))),
      );
      const message = await findMessage(database.db, orgId, event?.entityId ?? '');
      expect(message).toMatchObject({
        purpose: 'safeguarding.alert-raised',
        recipient: 'safeguarding@example.nhs.uk',
        relatedEntityId: comment?.commentId,
      });
      expect(JSON.stringify(message.personalisation)).not.toMatch(/hit|bruises|mother/);
    });

    it('stores neither the response nor its comments when coding fails: one transaction', async () => {
      const broken = { labels: [] } as unknown as ThemeModel;
      await expect(
        recordResponse(database.db, orgId, actor, response('coded-5', { fft: 'good', good: 'Lovely food' }), {
          model: broken,
        }),
      ).rejects.toThrow();
      const stored = await withOrg(database.db, orgId, (tx) =>
        tx
          .select()
          .from(surveyResponses)
          .where(and(eq(surveyResponses.orgId, orgId), eq(surveyResponses.submissionId, 'coded-5'))),
      );
      expect(stored).toEqual([]);
    });

    it('codes a bulk import in one pass, with one audit event for the batch, and adds nothing when it is imported again', async () => {
      const batch = Array.from({ length: 300 }, (_, index) => ({
        ...response(`bulk-${index}`, {
          fft: index % 2 ? 'very-good' : 'very-poor',
          good: index % 3 ? `The staff on the ward were kind, visit ${index}` : '',
        }),
      }));
      const before = await countComments();
      const result = await recordResponsesInBulk(database.db, orgId, actor, 'fft', batch);
      expect(result.stored).toBe(300);
      expect((await countComments()) - before).toBe(200);
      const events = await withOrg(database.db, orgId, (tx) =>
        tx
          .select({ after: auditEvents.after })
          .from(auditEvents)
          .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, 'comments.recorded-in-bulk'))),
      );
      expect(events).toHaveLength(1);
      expect(events[0]?.after).toMatchObject({ recorded: 200, bySource: { 'survey-answer': 200 } });
      await recordResponsesInBulk(database.db, orgId, actor, 'fft', batch);
      expect((await countComments()) - before).toBe(200);
    });

    const countComments = async () =>
      (await withOrg(database.db, orgId, (tx) => tx.select({ id: comments.commentId }).from(comments)))
        .length;
  });
});
