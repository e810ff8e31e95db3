import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentsService, sampleComments } from '#src/domains/comments/index.ts';
import { createOrganisation } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type CommandDatabase, commandDatabase, runHeard } from '#test/support/cli.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { describeProblem } from './themes.ts';

describe('what heard themes predict says about a line it cannot read', () => {
  it.each([
    ['{"id": 1, "text": "fine"', 'not valid JSON'],
    ['{"id": 1}', 'text: text must be a string'],
    ['{"text": "no id"}', 'id: Invalid input'],
    ['{"id": "a", "text": "ok", "fft_score": 9}', 'fft_score: Too big: expected number to be <=6'],
  ])('%s', (line, problem) => {
    expect(describeProblem(line)).toEqual({ problem });
  });
});

describe('heard themes predict', () => {
  it('codes 10,000 comments from standard input in order, reporting bad lines by number and carrying on', async () => {
    const comments = sampleComments(10_000);
    const lines = comments.map((comment) => JSON.stringify(comment));
    lines.splice(2, 0, 'not json at all');
    lines.splice(5000, 0, '{"id": "no-text"}');
    const run = await runHeard(['themes', 'predict'], {}, `${lines.join('\n')}\n`);

    expect(run.stderr).toContain('line 3: not valid JSON');
    expect(run.stderr).toContain('line 5001: text: text must be a string');
    expect(run.code).toBe(1);
    const results = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(results.map((result) => result.id)).toEqual(comments.map((comment) => comment.id));
    for (const result of results) {
      expect(result.labels.length).toBeGreaterThan(0);
      expect([1, 2, 3, 4, 5]).toContain(result.sentiment);
      expect(Object.keys(result.scores)).toHaveLength(31);
    }
  }, 90_000);

  it('codes a comment about waiting as timeliness, and a placeholder as no comment', async () => {
    const input = [
      {
        id: 'wait',
        text: 'I waited over six hours for the ambulance to arrive',
        question: 'How could we improve?',
        fft_score: 4,
      },
      { id: 'none', text: 'Did not answer' },
    ];
    const run = await runHeard(
      ['themes', 'predict'],
      {},
      input.map((line) => JSON.stringify(line)).join('\n'),
    );
    expect(run.code).toBe(0);
    const [wait, none] = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(wait.labels).toContain('Timeliness of care');
    expect(wait.sentiment).toBeGreaterThanOrEqual(4);
    expect(none).toEqual({ id: 'none', labels: [], sentiment: null, scores: {} });
  }, 60_000);
});

describe.each(engines)('heard themes corrections on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let target: CommandDatabase;
    beforeAll(async () => {
      target = await commandDatabase(engine);
    });
    afterAll(() => target?.close());

    it('writes the comments staff corrected, with the corrected coding, as training lines', async () => {
      await target.withDatabase(async (db) => {
        const actor = systemActor('CLI test');
        const { orgId } = await createOrganisation(db, actor, { name: 'Corrections Trust', odsCode: 'CR1' });
        const service = commentsService({ db });
        const [kept, corrected] = await service.recordComments(orgId, actor, [
          { source: 'survey-answer', sourceId: 'a-1', receivedOn: '2024-06-01', text: 'Lovely staff' },
          {
            source: 'survey-answer',
            sourceId: 'a-2',
            receivedOn: '2024-06-01',
            text: 'The tea was cold',
            fftScore: 3,
          },
        ]);
        expect(kept).toBeDefined();
        await service.correctComment(orgId, actor, corrected?.commentId ?? '', {
          kind: 'add-theme',
          theme: 'Sensory experience',
        });
      });
      const run = await runHeard(['themes', 'corrections', '--org', 'CR1'], target.env);
      expect(run.stderr).toContain('1 corrected comments written.');
      const lines = run.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0] ?? '')).toMatchObject({
        text: 'The tea was cold',
        fft_score: 3,
        labels: expect.arrayContaining(['Sensory experience']),
      });
    }, 120_000);
  });
});
