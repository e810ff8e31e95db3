import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { comments } from '#src/domains/comments/schema.ts';
import { outboxMessages } from '#src/domains/messages/schema.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { bulkComplimentsService } from './bulk-compliments.ts';
import { narrativeArrival } from './comment-arrivals.ts';
import { casesService } from './service.ts';

const actor = systemActor('Case comment tests');
const config = {
  COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25,
  SAFEGUARDING_ALERT_EMAIL: 'safeguarding@example.nhs.uk',
  NOTIFY_TEMPLATE_SAFEGUARDING_ALERT_EMAIL: '4b8c9d0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e',
  PUBLIC_URL: 'https://heard.example.nhs.uk',
};

describe('which case words are comments', () => {
  const record = (kind: Parameters<typeof narrativeArrival>[0]['kind'], narrative: string | null) => ({
    recordId: 'case-1',
    kind,
    unitId: 'unit-1',
    receivedDate: '2024-05-01',
    narrative,
  });
  it.each([
    ['a complaint’s narrative', record('complaint', 'Rude at reception'), 'case-narrative'],
    ['a concern’s narrative', record('concern', 'No call back'), 'case-narrative'],
    ['a compliment’s words', record('compliment', 'Thank you all'), 'compliment'],
    ['a comment or suggestion', record('comment', 'More parking please'), 'case-narrative'],
    ['an enquiry (a request, not feedback)', record('enquiry', 'Where do I park?'), null],
    ['an MP enquiry', record('mp-enquiry', 'On behalf of my constituent'), null],
    ['a complaint with no narrative', record('complaint', null), null],
    ['a narrative of only spaces', record('concern', '   '), null],
  ])('%s', (_case, input, source) => {
    expect(narrativeArrival(input).map((arrival) => arrival.source)).toEqual(source ? [source] : []);
  });
});

// Issue 6: every compliment and complaint or concern narrative is coded as it arrives.
describe.each(engines)('case narratives coded on arrival on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;
    let unitId: string;
    const commentsOf = (sourceIds: string[]) =>
      withOrg(database.db, orgId, (tx) =>
        tx
          .select()
          .from(comments)
          .where(and(eq(comments.orgId, orgId), inArray(comments.sourceId, sourceIds)))
          .orderBy(asc(comments.receivedOn)),
      );

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      ({ orgId } = await createOrganisation(database.db, actor, {
        name: 'Case Coding Trust',
        odsCode: 'RC2',
      }));
      ({ unitId } = await createUnit(database.db, orgId, actor, {
        code: 'W1',
        name: 'Ward 1',
        kind: 'ward',
        activeFrom: '2020-01-01',
      }));
    }, 60_000);
    afterAll(async () => database?.close());

    it('codes a complaint’s narrative with the case, and not again when a concern is escalated', async () => {
      const cases = casesService({ db: database.db, config });
      const concern = await cases.logRecord(orgId, actor, {
        kind: 'concern',
        channel: 'phone',
        unitId,
        receivedDate: '2024-05-01',
        summary: 'Medicines',
        narrative: 'My father was sent home without his medicines and nobody called Mrs Jones back',
      });
      if (concern.outcome !== 'logged') throw new Error('not logged');
      const escalated = await cases.escalateConcern(orgId, actor, concern.record.recordId, {
        channel: 'email',
        receivedDate: '2024-05-03',
      });
      const stored = await commentsOf([concern.record.recordId, escalated.record.recordId]);
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({
        source: 'case-narrative',
        sourceId: concern.record.recordId,
        unitId,
        receivedOn: '2024-05-01',
        containsPersonalData: true,
        safeguardingFlag: false,
      });
      expect(stored[0]?.redactedText).not.toContain('Jones');
    });

    it('codes each compliment logged in bulk, and nothing for a count without words', async () => {
      const bulk = bulkComplimentsService({ db: database.db, config });
      const records = await bulk.logComplimentsInBulk(orgId, actor, {
        unitId,
        receivedDate: '2024-05-31',
        channel: 'letter',
        compliments: ['Thank you to the night staff', 'The physio was wonderful'],
      });
      const counted = await bulk.logComplimentsInBulk(orgId, actor, {
        unitId,
        receivedDate: '2024-05-31',
        channel: 'letter',
        count: 3,
        description: 'Thank-you card',
      });
      const stored = await commentsOf(records.map((record) => record.recordId));
      expect(stored.map((row) => row.source)).toEqual(['compliment', 'compliment']);
      expect(stored.every((row) => row.sentiment !== null && row.modelVersion.length > 0)).toBe(true);
      expect(await commentsOf(counted.map((record) => record.recordId))).toEqual([]);
    });

    it('alerts the named safeguarding contact when a narrative may describe harm, without its words', async () => {
      const cases = casesService({ db: database.db, config });
      const logged = await cases.logRecord(orgId, actor, {
        kind: 'complaint',
        channel: 'letter',
        unitId,
        receivedDate: '2024-06-03',
        eventDate: '2024-05-20',
        summary: 'Care at home',
        narrative: 'My mother was left in soiled sheets for days and the carer slapped her',
      });
      if (logged.outcome !== 'logged') throw new Error('not logged');
      const [comment] = await commentsOf([logged.record.recordId]);
      expect(comment?.safeguardingFlag).toBe(true);
      const [alert] = await withOrg(database.db, orgId, (tx) =>
        tx
          .select()
          .from(outboxMessages)
          .where(
            and(
              eq(outboxMessages.orgId, orgId),
              eq(outboxMessages.relatedEntityId, comment?.commentId ?? ''),
            ),
          ),
      );
      expect(alert).toMatchObject({
        purpose: 'safeguarding.alert-raised',
        recipient: 'safeguarding@example.nhs.uk',
        templateId: config.NOTIFY_TEMPLATE_SAFEGUARDING_ALERT_EMAIL,
      });
      expect(JSON.stringify(alert?.personalisation)).not.toMatch(/soiled|slapped|mother/);
    });
  });
});
