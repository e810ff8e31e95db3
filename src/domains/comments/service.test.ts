import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { findMessage } from '#src/domains/messages/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { Invalid } from '#src/web/errors.ts';
import { type Actor, systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { type CommentsService, commentsService } from './service.ts';

const system = systemActor('Comment tests');
const staff: Actor = { kind: 'user', id: 'user-1', name: 'Pat Reviewer' };
const alerts = {
  templateId: '4b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e',
  recipient: 'safeguarding@example.nhs.uk',
  publicUrl: 'https://heard.example.nhs.uk/',
};

describe.each(engines)('comments service on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let service: CommentsService;
    let orgId: string;
    let unitId: string;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      service = commentsService({ db: database.db, safeguardingAlerts: alerts });
      orgId = (await createOrganisation(database.db, system, { name: 'Comment Test Trust', odsCode: 'CT1' }))
        .orgId;
      unitId = (
        await createUnit(database.db, orgId, system, {
          kind: 'ward',
          code: 'W1',
          name: 'Ward 1',
          activeFrom: '2024-01-01',
        })
      ).unitId;
    });
    afterAll(() => database?.close());

    const actions = (entityId: string) =>
      withOrg(database.db, orgId, (tx) =>
        tx
          .select({ action: auditEvents.action, after: auditEvents.after })
          .from(auditEvents)
          .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.entityId, entityId))),
      );

    it('codes a comment on arrival, keeps a redacted copy and records it once however often it arrives', async () => {
      const arrival = {
        source: 'survey-answer' as const,
        sourceId: 'answer-1',
        unitId,
        receivedOn: '2024-05-01',
        question: 'How could we improve?',
        fftScore: 4,
        text: 'Nurse Sarah was kind but I waited six hours, call me on 07700 900123',
      };
      const [first] = await service.recordComments(orgId, system, [arrival]);
      const [again] = await service.recordComments(orgId, system, [arrival]);
      expect(first).toMatchObject({
        isNew: true,
        containsPersonalData: true,
        safeguardingFlag: false,
        alertMessageId: null,
      });
      expect(first?.themes).toContain('Timeliness of care');
      expect(again).toMatchObject({ isNew: false, commentId: first?.commentId });

      const { comment } = await service.getComment(orgId, first?.commentId ?? '');
      expect(comment.redactedText).toBe('Nurse [name] was kind but I waited six hours, call me on [phone]');
      expect(comment.personalDataKinds).toEqual(['name', 'phone']);
      expect(comment.modelVersion).toMatch(/^themes-1\./);
      expect(Object.keys(comment.themeScores)).toHaveLength(31);
      const trail = await actions(first?.commentId ?? '');
      expect(trail.map((event) => event.action)).toEqual(['comment.recorded']);
      expect(JSON.stringify(trail)).not.toContain('07700');
    });

    it('raises a safeguarding alert through the outbox, without the comment’s words', async () => {
      const [flagged, calm] = await service.recordComments(orgId, system, [
        {
          source: 'care-opinion',
          sourceId: 'co-1',
          receivedOn: '2024-05-02',
          text: 'I feel suicidal and nobody calls back',
        },
        {
          source: 'care-opinion',
          sourceId: 'co-2',
          receivedOn: '2024-05-02',
          text: 'I felt safe and well looked after',
        },
      ]);
      expect(flagged?.safeguardingFlag).toBe(true);
      expect(calm).toMatchObject({ safeguardingFlag: false, alertMessageId: null });
      const message = await findMessage(database.db, orgId, flagged?.alertMessageId ?? '');
      expect(message).toMatchObject({
        purpose: 'safeguarding.alert-raised',
        recipient: 'safeguarding@example.nhs.uk',
        relatedEntityType: 'comment',
        relatedEntityId: flagged?.commentId,
      });
      expect(message.personalisation).toEqual({
        concerns: 'suicide',
        source: 'care-opinion',
        received_on: '2024-05-02',
        link: `https://heard.example.nhs.uk/comments/${flagged?.commentId}`,
      });
    });

    it('keeps staff corrections with who and when, and counts them against the model', async () => {
      const [recorded] = await service.recordComments(orgId, system, [
        {
          source: 'compliment',
          sourceId: 'c-1',
          receivedOn: '2024-05-03',
          text: 'The staff were lovely and kind',
        },
      ]);
      const commentId = recorded?.commentId ?? '';
      const before = await service.agreement(orgId);
      await service.correctComment(orgId, staff, commentId, {
        kind: 'add-theme',
        theme: 'Food & drink provision & facilities',
      });
      await service.correctComment(orgId, staff, commentId, { kind: 'change-sentiment', sentiment: 5 });
      await expect(
        service.correctComment(orgId, staff, commentId, { kind: 'add-theme', theme: 'Not a theme' }),
      ).rejects.toBeInstanceOf(Invalid);

      const { comment, corrections } = await service.getComment(orgId, commentId);
      expect(comment.themes).toContain('Food & drink provision & facilities');
      expect(comment.modelThemes).not.toContain('Food & drink provision & facilities');
      expect(comment.sentiment).toBe(5);
      expect(corrections.map((c) => [c.kind, c.correctedByName, c.correctedById])).toEqual([
        ['add-theme', 'Pat Reviewer', 'user-1'],
        ['change-sentiment', 'Pat Reviewer', 'user-1'],
      ]);
      expect(corrections[1]).toMatchObject({ sentimentBefore: comment.modelSentiment, sentimentAfter: 5 });
      expect((await actions(commentId)).map((event) => event.action)).toEqual([
        'comment.recorded',
        'comment.coding-corrected',
        'comment.coding-corrected',
      ]);
      const after = await service.agreement(orgId);
      expect(after).toMatchObject({ coded: before.coded, corrected: before.corrected + 1 });
      expect(after.acceptanceRate).toBeCloseTo((after.coded - after.corrected) / after.coded);
    });
  });
});
