import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod } from '#src/domains/calendar/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { Invalid } from '#src/web/errors.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { fftSubmissionCsv } from './exports.ts';
import { fftResults, questionResults } from './results.ts';
import {
  editSurvey,
  installSurveyTemplates,
  listFreeTextAnswers,
  type NewResponse,
  publishedSurvey,
  recordResponse,
  setEligibleCount,
  surveyVersions,
} from './service.ts';

const actor = systemActor('Survey tests');
let submissions = 0;
const nextNumber = () => {
  submissions += 1;
  return submissions;
};
const submissionId = () => `test-submission-${nextNumber()}`;

describe.each(engines)('surveys service on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;
    const unitIds: Record<string, string> = {};
    const respond = (unit: string, answers: NewResponse['answers'], extra: Partial<NewResponse> = {}) =>
      recordResponse(database.db, orgId, actor, {
        surveyCode: 'fft',
        unitId: unitIds[unit] ?? '',
        variant: 'standard',
        language: 'en',
        mode: 'online',
        responseDate: '2021-06-10',
        submissionId: submissionId(),
        answers,
        ...extra,
      });

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      ({ orgId } = await createOrganisation(database.db, actor, { name: 'Survey Trust', odsCode: 'RS1' }));
      for (const [code, kind, parentCode] of [
        ['NTH', 'locality', undefined],
        ['WARD-A', 'ward', 'NTH'],
        ['WARD-B', 'ward', 'NTH'],
        ['TEAM-C', 'team', 'NTH'],
      ] as const) {
        const unit = await createUnit(database.db, orgId, actor, {
          code,
          name: code,
          kind,
          parentCode,
          activeFrom: '2015-01-01',
        });
        unitIds[code] = unit.unitId;
      }
      await installSurveyTemplates(database.db, orgId, actor);
    }, 60_000);
    afterAll(async () => database?.close());

    it('installs the built-in surveys once, the FFT with its pre-2020 and 2020 versions', async () => {
      expect(await installSurveyTemplates(database.db, orgId, actor)).toEqual([]);
      const fft = await publishedSurvey(database.db, orgId, 'fft');
      expect(fft.version).toBe(2);
      expect(fft.definition.questions[0]?.kind).toBe('fft-2020');
      const { versions } = await surveyVersions(database.db, orgId, 'fft');
      expect(versions.map((version) => version.definition.questions[0]?.kind)).toEqual([
        'fft-pre-2020',
        'fft-2020',
      ]);
    });

    it('stores a submission sent twice once, answering the second time with the first response', async () => {
      const id = submissionId();
      const first = await respond('WARD-A', { fft: 'good' }, { submissionId: id });
      const again = await respond('WARD-A', { fft: 'very-poor' }, { submissionId: id });
      expect(first.duplicate).toBe(false);
      expect(again).toEqual({ responseId: first.responseId, duplicate: true });
    });

    it('refuses a response without its FFT answer, naming the question', async () => {
      const refused = await respond('WARD-A', { good: 'Nice' }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(Invalid);
      expect((refused as Invalid).fieldErrors).toEqual({ fft: 'Select an answer' });
    });

    it('lists free-text answers with their unit, date, question and FFT answer for the comments domain', async () => {
      await respond(
        'WARD-B',
        { fft: 'very-good', good: 'The nurses listened', better: 'Quieter nights' },
        { responseDate: '2021-07-01' },
      );
      const answers = await listFreeTextAnswers(database.db, orgId, {
        since: '2021-07-01',
        until: '2021-07-31',
      });
      expect(answers.map((answer) => answer.fftRating)).toEqual(['positive', 'positive']);
      expect(
        answers.map(({ questionText, text, fftAnswer, unitId, responseDate }) => ({
          questionText,
          text,
          fftAnswer,
          unitId,
          responseDate,
        })),
      ).toEqual([
        {
          questionText: 'What would have made it better?',
          text: 'Quieter nights',
          fftAnswer: 'very-good',
          unitId: unitIds['WARD-B'],
          responseDate: '2021-07-01',
        },
        {
          questionText: 'What was good?',
          text: 'The nurses listened',
          fftAnswer: 'very-good',
          unitId: unitIds['WARD-B'],
          responseDate: '2021-07-01',
        },
      ]);
    });

    it('makes a new version when a published survey is edited; earlier responses keep theirs', async () => {
      const before = await publishedSurvey(database.db, orgId, 'how-did-we-do');
      const questions = before.definition.questions.map((question) =>
        question.code === 'involved'
          ? { ...question, text: 'Were you as involved as you wanted in planning your care?', target: 95 }
          : question,
      );
      const earlier = await recordResponse(database.db, orgId, actor, {
        surveyCode: 'how-did-we-do',
        unitId: unitIds['TEAM-C'] ?? '',
        variant: 'standard',
        language: 'en',
        mode: 'paper-home',
        responseDate: '2021-08-01',
        submissionId: submissionId(),
        answers: { involved: 'yes' },
      });
      expect(earlier.duplicate).toBe(false);
      const { version } = await editSurvey(database.db, orgId, actor, 'how-did-we-do', {
        ...before.definition,
        questions,
      });
      expect(version).toBe(before.version + 1);
      const { versions } = await surveyVersions(database.db, orgId, 'how-did-we-do');
      expect(versions.map((row) => [row.version, row.published])).toEqual([
        [1, true],
        [2, true],
      ]);
      expect(versions[0]?.definition.questions[0]?.text).toBe(before.definition.questions[0]?.text);
      const results = await questionResults(database.db, orgId, 'how-did-we-do', parsePeriod('2021-08'));
      expect(results.questions[0]).toMatchObject({
        text: 'Were you as involved as you wanted in planning your care?',
        total: { responses: 1, positive: 1, percentPositive: 100, target: 95, targetMet: true },
      });
    });

    it('scores a month per unit and in total from counts, and suppresses small units in the NHS England file', async () => {
      // September 2021: ward A 10 responses (7 positive, 1 negative, 2 Don't know); ward B 3; team C 6.
      const answersOf = (spec: Record<string, number>) =>
        Object.entries(spec).flatMap(([answer, n]) => Array(n).fill(answer) as string[]);
      for (const answer of answersOf({ 'very-good': 4, good: 3, poor: 1, 'dont-know': 2 })) {
        await respond('WARD-A', { fft: answer }, { responseDate: '2021-09-05', mode: 'sms' });
      }
      for (const answer of answersOf({ good: 2, 'very-poor': 1 }))
        await respond('WARD-B', { fft: answer }, { responseDate: '2021-09-06' });
      for (const answer of answersOf({ 'very-good': 5, neither: 1 }))
        await respond('TEAM-C', { fft: answer }, { responseDate: '2021-09-30' });
      await setEligibleCount(database.db, orgId, actor, {
        surveyCode: 'fft',
        unitId: unitIds['WARD-A'] ?? '',
        month: '2021-09',
        eligible: 200,
      });

      const results = await fftResults(database.db, orgId, 'fft', parsePeriod('2021-09'));
      const [scale] = results.scales;
      if (!scale) throw new Error('No FFT figures');
      // Trust: 19 responses, 14 positive (74%), 2 negative (11%).
      expect(scale.trust.score).toMatchObject({
        responses: 19,
        positive: 14,
        negative: 2,
        percentPositive: 74,
        percentNegative: 11,
      });
      const wardA = scale.units.find((row) => row.key === unitIds['WARD-A']);
      expect(wardA?.score).toMatchObject({ responses: 10, percentPositive: 70, percentNegative: 10 });
      expect(wardA?.modes.sms).toBe(10);
      expect(wardA?.rate).toMatchObject({ percent: 5, target: 3, targetMet: true });
      expect(scale.localities[0]?.row.score).toMatchObject({ responses: 19, percentPositive: 74 });

      const codes = new Map(Object.entries(unitIds).map(([code, id]) => [id, code]));
      const csv = fftSubmissionCsv(scale, codes, { odsCode: 'RS1', name: 'Survey Trust' }).split('\r\n');
      expect(csv[0]).toContain(
        "Total responses,Total eligible,Very good,Good,Neither good nor poor,Poor,Very poor,Don't know,% positive,% negative",
      );
      // Ward B has 3 responses: suppressed; team C (6, the next smallest) is suppressed with it.
      expect(csv.find((line) => line.includes('WARD-B'))).toBe(
        'RS1,WARD-B,WARD-B,FFT 2020,*,,*,*,*,*,*,*,*,*,*,*,*,*,*,*,*,*',
      );
      expect(csv.find((line) => line.includes(',TEAM-C,'))).toContain('FFT 2020,*,');
      expect(csv.find((line) => line.includes('WARD-A'))).toBe(
        'RS1,WARD-A,WARD-A,FFT 2020,10,200,4,3,0,1,0,2,70,10,10,0,0,0,0,0,0,0',
      );
      expect(csv.find((line) => line.includes('total'))).toContain('Survey Trust total,FFT 2020,19,200,');
    });
  });
});
