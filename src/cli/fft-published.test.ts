import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type CommandDatabase, commandDatabase, runHeard } from '#test/support/cli.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';

// `heard import fft-published FILE` and `heard report fft-peers`, run as an operator would.

const fixture = 'src/domains/reports/fixtures/fft-published-mental-health-2017-07.csv';

describe.each(engines)('heard import fft-published on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let target: CommandDatabase;
    beforeAll(async () => {
      target = await commandDatabase(engine);
      await target.withDatabase((db) =>
        createOrganisation(db, systemActor('test'), { name: 'Midshire Health NHS Trust', odsCode: 'RM1' }),
      );
    }, 120_000);
    afterAll(async () => target?.close());

    it('needs the setting of a file without a Setting column, then imports it row by row, once', {
      timeout: 300_000,
    }, async () => {
      const unsure = await runHeard(['import', 'fft-published', fixture], target.env);
      expect(unsure.code).toBe(1);
      expect(unsure.stderr).toContain('give the setting with --setting');
      expect(unsure.stdout).toContain('nothing was imported');

      const first = await runHeard(
        ['import', 'fft-published', fixture, '--setting', 'mental-health'],
        target.env,
      );
      expect(first.code).toBe(0);
      expect(first.stderr).toContain(
        'Row 6: added – ZT1 Westshire Mental Health NHS Trust, 2017-07: 200 responses, 180 positive',
      );
      expect(first.stderr).toContain('Row 9: skipped – ZT4 Hillside Care NHS Trust: figures not published');
      expect(first.stdout).toContain('6 rows read: 4 added, 0 updated, 0 unchanged, 2 skipped, 0 refused.');

      const again = await runHeard(
        ['import', 'fft-published', fixture, '--setting', 'mental-health'],
        target.env,
      );
      expect(again.stdout).toContain('0 added, 0 updated, 4 unchanged');

      const peers = await runHeard(
        ['report', 'fft-peers', '--setting', 'mental-health', '--peers', 'zt1,ZT2,ZT7'],
        target.env,
      );
      expect(peers.code).toBe(0);
      expect(peers.stdout).toContain(
        'Compared in mental-health with: ZT1 (Westshire Mental Health NHS Trust), ZT2 (Eastshire Partnership NHS Foundation Trust), ZT7 (not in the imported data), and England.',
      );
      expect(peers.stdout).toContain('Published data held for 2017-07.');
      const wrong = await runHeard(['report', 'fft-peers', '--peers', 'not a code!'], target.env);
      expect(wrong.code).not.toBe(0);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('Enter each peer trust’s ODS code');
      expect(wrong.stdout).toContain('nothing was changed');
    });
  });
});
