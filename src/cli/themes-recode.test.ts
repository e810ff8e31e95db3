import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentsService, sampleComments, shippedModel } from '#src/domains/comments/index.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type CommandDatabase, commandDatabase, runHeard } from '#test/support/cli.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';

describe.each(engines)('heard themes recode on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let target: CommandDatabase;
    beforeAll(async () => {
      target = await commandDatabase(engine);
    });
    afterAll(() => target?.close());

    it('re-codes what an older model coded, then finds nothing left to do', async () => {
      await target.withDatabase(async (db) => {
        const actor = systemActor('CLI test');
        const { orgId } = await createOrganisation(db, actor, { name: 'Recode Trust', odsCode: 'RC9' });
        const older = commentsService({ db, model: { ...shippedModel(), version: 'themes-0.older' } });
        await older.recordComments(
          orgId,
          actor,
          sampleComments(30).map((sample) => ({
            source: 'survey-answer' as const,
            sourceId: sample.id,
            receivedOn: '2024-06-01',
            text: sample.text,
          })),
        );
      });
      const version = shippedModel().version;
      const first = await runHeard(['themes', 'recode', '--org', 'RC9', '--batch', '10'], target.env);
      expect(first.stdout).toContain(`RC9: 30 re-coded, 30 of 30 comments coded by ${version}`);
      const again = await runHeard(['themes', 'recode'], target.env);
      expect(again.stdout).toContain(`RC9: 0 re-coded, 30 of 30 comments coded by ${version}`);
      const unknown = await runHeard(['themes', 'recode', '--org', 'NOPE'], target.env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('There is no organisation with the ODS code NOPE');
    }, 120_000);
  });
});
