import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import type { RecordedComment } from './arrivals.ts';
import { commentsService } from './service.ts';
import { topThemes } from './theme-counts.ts';

// The quarterly report's top themes (issue 8): each theme of the period's comments with how many
// were positive (sentiment 1–2) and negative (4–5), a comment counted under each of its themes,
// only the period's comments and, when asked, only the units named.

const system = systemActor('Theme count tests');

function expected(recorded: readonly RecordedComment[]) {
  const counts = new Map<string, { theme: string; comments: number; positive: number; negative: number }>();
  for (const comment of recorded) {
    for (const theme of comment.themes) {
      const entry = counts.get(theme) ?? { theme, comments: 0, positive: 0, negative: 0 };
      entry.comments += 1;
      if (comment.sentiment !== null && comment.sentiment <= 2) entry.positive += 1;
      if (comment.sentiment !== null && comment.sentiment >= 4) entry.negative += 1;
      counts.set(theme, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.comments - a.comments || (a.theme < b.theme ? -1 : 1));
}

describe.each(engines)('top themes on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;
    const unitIds: string[] = [];
    let inQuarter: RecordedComment[] = [];
    let onWard1: RecordedComment[] = [];

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      orgId = (await createOrganisation(database.db, system, { name: 'Theme Count Trust', odsCode: 'TC1' }))
        .orgId;
      for (const code of ['W1', 'W2']) {
        unitIds.push(
          (
            await createUnit(database.db, orgId, system, {
              kind: 'ward',
              code,
              name: `Ward ${code}`,
              activeFrom: '2017-01-01',
            })
          ).unitId,
        );
      }
      const service = commentsService({ db: database.db });
      const texts = [
        'The staff were kind and caring and listened to me',
        'I waited six hours and nobody told me why',
        'The food was cold and the ward was dirty',
        'Excellent care, the nurses were wonderful and kind',
        'Appointments kept being cancelled and nobody rang back',
        'The doctor explained everything clearly and I felt listened to',
      ];
      const recorded = await service.recordComments(
        orgId,
        system,
        texts.map((text, index) => ({
          source: 'care-opinion' as const,
          sourceId: `tc-${index}`,
          unitId: unitIds[index % 2] ?? null,
          receivedOn: index === 5 ? '2017-10-02' : '2017-08-15',
          text,
        })),
      );
      inQuarter = recorded.slice(0, 5);
      onWard1 = inQuarter.filter((_, index) => index % 2 === 0);
    }, 120_000);
    afterAll(async () => database?.close());

    it('counts each theme of the period’s comments, positive and negative, most frequent first', async () => {
      const top = await topThemes(database.db, orgId, { from: '2017-07-01', to: '2017-09-30', limit: 50 });
      expect(top).toEqual(expected(inQuarter));
      expect(top.length).toBeGreaterThan(0);
    });

    it('keeps to the units named, and to the limit', async () => {
      const ward1 = await topThemes(database.db, orgId, {
        from: '2017-07-01',
        to: '2017-09-30',
        unitIds: [unitIds[0] ?? ''],
        limit: 50,
      });
      expect(ward1).toEqual(expected(onWard1));
      expect(
        await topThemes(database.db, orgId, { from: '2017-07-01', to: '2017-09-30', limit: 1 }),
      ).toHaveLength(1);
      expect(
        await topThemes(database.db, orgId, { from: '2017-07-01', to: '2017-09-30', unitIds: [] }),
      ).toEqual([]);
    });
  });
});
