import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { type Browser, startTestApp, type TestApp } from '#test/support/app.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { htmlProblemsIn, visibleText } from '#test/support/html.ts';
import { commentsService } from './service.ts';

const system = systemActor('Explorer tests');
const summaryCount = (html: string) =>
  Number(/data-qa="result-summary">([\d,]+) comments?</.exec(html)?.[1]?.replace(',', '') ?? Number.NaN);

describe.each(engines)('comments explorer on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let heard: TestApp;
    let officer: Browser;
    let wardA: string;
    let wardB: string;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      heard = await startTestApp(engine);
      const { db } = heard.database;
      wardA = (
        await createUnit(db, heard.orgId, system, {
          code: 'WA',
          name: 'Ward A',
          kind: 'ward',
          activeFrom: '2020-01-01',
        })
      ).unitId;
      wardB = (
        await createUnit(db, heard.orgId, system, {
          code: 'WB',
          name: 'Ward B',
          kind: 'ward',
          activeFrom: '2020-01-01',
        })
      ).unitId;
      const recorded = await commentsService({ db }).recordComments(heard.orgId, system, [
        {
          source: 'survey-answer',
          sourceId: 'wait',
          unitId: wardA,
          receivedOn: '2024-05-02',
          question: 'What would have made it better?',
          fftScore: 4,
          text: 'I waited six hours in the corridor and nobody told me why, ask Sarah Jones',
        },
        {
          source: 'survey-answer',
          sourceId: 'kind',
          unitId: wardA,
          receivedOn: '2024-06-03',
          question: 'What was good?',
          fftScore: 1,
          text: 'The nurses were kind and caring throughout my stay',
        },
        {
          source: 'compliment',
          sourceId: 'card',
          unitId: wardB,
          receivedOn: '2024-06-04',
          text: 'Thank you to the physiotherapists for getting me walking again',
        },
      ]);
      for (const comment of recorded) ids[comment.sourceId] = comment.commentId;
      officer = await heard.signInAs('complaints_officer');
    });
    afterAll(async () => heard?.close());

    it('is for staff with comments:view: not for someone signed out, nor an auditor', async () => {
      const signedOut = await heard.app.inject({ url: '/comments' });
      expect(signedOut.statusCode).toBe(303);
      const auditor = await heard.signInAs('auditor');
      expect((await auditor.get('/comments')).statusCode).toBe(403);
      expect((await auditor.get(`/comments/${ids.kind}`)).statusCode).toBe(403);
    });

    it('lists comments with their redacted words, themes counted per month, and valid HTML', async () => {
      const page = await officer.get('/comments');
      expect(page.statusCode).toBe(200);
      expect(summaryCount(page.body)).toBe(3);
      const text = visibleText(page.body);
      expect(text).toContain('ask [name]');
      expect(text).not.toContain('Jones');
      expect(text).toContain('Timeliness of care');
      expect(page.body).toContain('2024-06');
      expect(await htmlProblemsIn(page.body)).toEqual([]);
    });

    it('filters by unit, source, date, theme, sentiment and question', async () => {
      const count = async (query: string) => summaryCount((await officer.get(`/comments?${query}`)).body);
      expect(await count(`unit=${wardB}`)).toBe(1);
      expect(await count('source=compliment')).toBe(1);
      expect(await count('from=2024-06-01&to=2024-06-30')).toBe(2);
      expect(await count(`theme=${encodeURIComponent('Timeliness of care')}`)).toBe(1);
      expect(await count(`question=${encodeURIComponent('What was good?')}`)).toBe(1);
      const waitSentiment = (
        await commentsService({ db: heard.database.db }).getComment(heard.orgId, ids.wait ?? '')
      ).comment.sentiment;
      expect(await count(`sentiment=${waitSentiment}`)).toBeGreaterThanOrEqual(1);
      const bad = await officer.get('/comments?from=June');
      expect(bad.body).toContain('<title>Error: Comments');
      expect(visibleText(bad.body)).toContain('Date from must be a date such as 2024-06-30');
    });

    it('searches the words and highlights what it found, never matching a redacted name', async () => {
      const page = await officer.get('/comments?q=corridor');
      expect(summaryCount(page.body)).toBe(1);
      expect(page.body).toContain('<mark>corridor</mark>');
      expect(summaryCount((await officer.get('/comments?q=Jones')).body)).toBe(0);
    });

    it('shows a service manager only their units’ comments', async () => {
      const manager = await heard.signInAs('service_manager', { unitId: wardB });
      expect(summaryCount((await manager.get('/comments')).body)).toBe(1);
      expect((await manager.get(`/comments/${ids.wait}`)).statusCode).toBe(404);
    });

    it('opens a comment with its coding and probabilities, and a correction is kept with who and when, audited and counted', async () => {
      const page = await officer.get(`/comments/${ids.kind}`);
      expect(page.statusCode).toBe(200);
      expect(visibleText(page.body)).toContain('What the model said');
      expect(page.body).toMatch(/\d+\.\d%/);
      expect(await htmlProblemsIn(page.body)).toEqual([]);

      const added = await officer.post(`/comments/${ids.kind}/corrections`, {
        kind: 'add-theme',
        theme: 'Food & drink provision & facilities',
      });
      expect(added.statusCode).toBe(303);
      const after = await officer.get(`/comments/${ids.kind}`);
      const text = visibleText(after.body);
      expect(text).toContain('The coding was corrected');
      expect(text).toContain('Added theme: Food & drink provision & facilities');
      expect(text).toMatch(/Test complaints_officer \d+/);

      const refused = await officer.post(`/comments/${ids.kind}/corrections`, { kind: 'change-sentiment' });
      expect(refused.statusCode).toBe(400);
      expect(visibleText(refused.body)).toContain('Select a sentiment');

      const trail = await withOrg(heard.database.db, heard.orgId, (tx) =>
        tx
          .select()
          .from(auditEvents)
          .where(
            and(eq(auditEvents.entityId, ids.kind ?? ''), eq(auditEvents.action, 'comment.coding-corrected')),
          ),
      );
      expect(trail).toHaveLength(1);
      const list = await officer.get('/comments');
      expect(visibleText(list.body)).toContain('(1 corrected)');
    });
  });
});
