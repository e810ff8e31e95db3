import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '#src/domains/calendar/index.ts';
import { findOrganisationByOdsCode } from '#src/domains/organisations/index.ts';
import { fftResults, type QuestionResults, questionResults } from '#src/domains/surveys/index.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { demoOdsCode } from './accounts.ts';
import { loadDemo } from './index.ts';

// Issue 5's acceptance test: the demo trust's survey responses for 2017/18 reproduce the survey
// figures of ../shared/seeds/service-experience-report-2017-q2.txt, section 2.5, when the surveys
// domain computes them from the records. Gloucestershire is the demo's Northshire, Herefordshire
// its Southshire.

describe.each(engines)('the demo trust’s surveys against the seed report on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      await loadDemo(database.db, { caseRecords: false, surveyResponses: true });
      orgId = (await findOrganisationByOdsCode(database.db, demoOdsCode))?.orgId ?? '';
    }, 300_000);
    afterAll(async () => database?.close());

    const fft = async (period: string) => {
      const results = await fftResults(database.db, orgId, 'fft', parsePeriod(period));
      expect(results.scales.map((scale) => scale.scale)).toEqual(['fft-pre-2020']);
      return results.scales[0];
    };

    it('had 466 FFT responses in Q2 at 88%: July 135 at 91%, August 116 at 86%, September 215 at 88% (Table 13)', async () => {
      const quarter = await fft('2017/18-Q2');
      expect(quarter?.trust.score).toMatchObject({ responses: 466, percentPositive: 88 });
      expect(
        quarter?.months.map((month) => [month.label, month.score.responses, month.score.percentPositive]),
      ).toEqual([
        ['July 2017', 135, 91],
        ['August 2017', 116, 86],
        ['September 2017', 215, 88],
      ]);
    });

    it('had 531 FFT responses at 90% the quarter before (Table 13)', async () => {
      expect((await fft('2017/18-Q1'))?.trust.score).toMatchObject({ responses: 531, percentPositive: 90 });
    });

    it('counts FFT responses by mode, with no SMS before Q3 2017/18', async () => {
      const quarter = await fft('2017/18-Q2');
      const modes: Record<string, number> = quarter?.trust.modes ?? {};
      expect(Object.values(modes).reduce((sum, count) => sum + count, 0)).toBe(466);
      expect(quarter?.trust.modes.sms).toBe(0);
      expect((await fft('2017/18-Q3'))?.trust.modes.sms).toBeGreaterThan(0);
    });

    const byCounty = (results: QuestionResults, code: string) =>
      Object.fromEntries(
        (results.questions.find((question) => question.question.code === code)?.byLocality ?? []).map(
          (entry) => [entry.name, [entry.score.responses, entry.score.positive]],
        ),
      );

    it('reproduces the quality questions by county in Q2, against their targets (Table 14)', async () => {
      const results = await questionResults(database.db, orgId, 'how-did-we-do', parsePeriod('2017/18-Q2'));
      expect(byCounty(results, 'involved')).toEqual({ Northshire: [28, 22], Southshire: [50, 47] });
      expect(byCounty(results, 'crisis-contact')).toEqual({ Northshire: [27, 20], Southshire: [50, 46] });
      expect(byCounty(results, 'activities')).toEqual({ Northshire: [26, 20], Southshire: [47, 43] });
      expect(byCounty(results, 'physical-health')).toEqual({ Northshire: [24, 21], Southshire: [39, 35] });
      // The trust-wide % against each target: the report prints 88%, 86%, 89% and 89%. Its 89% for
      // activities does not follow from its own counts (63 of 73 is 86%); Heard computes 86%.
      expect(
        results.questions.map((question) => [
          question.question.code,
          question.total.percentPositive,
          question.total.target,
          question.total.targetMet,
        ]),
      ).toEqual([
        ['involved', 88, 92, false],
        ['crisis-contact', 86, 74, true],
        ['activities', 86, 69, true],
        ['physical-health', 89, 76, true],
      ]);
    });

    it('reproduces the children’s adapted FFT and "felt listened to" by questionnaire (Tables 15 and 16)', async () => {
      const results = await questionResults(database.db, orgId, 'children', parsePeriod('2017/18-Q2'));
      const question = (code: string) => results.questions.find((entry) => entry.question.code === code);
      expect(
        question('fft')?.byVariant.map((entry) => [
          entry.name,
          entry.score.responses,
          entry.score.positive,
          entry.score.percentPositive,
        ]),
      ).toEqual([
        ['Children aged 9 to 11', 15, 12, 80],
        ['Young people aged 12 to 18', 65, 61, 94],
        ['Parent or carer', 78, 77, 99],
      ]);
      expect(question('fft')?.total).toMatchObject({ responses: 158, positive: 150, percentPositive: 95 });
      expect(question('listened')?.byVariant.map((entry) => entry.score.percentPositive)).toEqual([
        100, 94, 90,
      ]);
      const before = await questionResults(database.db, orgId, 'children', parsePeriod('2017/18-Q1'));
      expect(before.questions[0]?.total).toMatchObject({ responses: 77, percentPositive: 94 });
    });
  });
});
