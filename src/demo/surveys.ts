import type { Database } from '#src/db/engine.ts';
import { recordResponsesInBulk, setEligibleCounts } from '#src/domains/surveys/index.ts';
import type { Actor } from '#src/web/principal.ts';
import type { SurveyPlan } from './survey-plan.ts';

/**
 * Loads the planned survey responses through the surveys service, a survey and calendar year at a
 * time (one transaction and one audit event each, as a vendor's batch would arrive), and the
 * eligible counts behind response rates. Submission ids are fixed, so loading twice adds nothing.
 */
export async function loadDemoSurveys(
  db: Database,
  orgId: string,
  actor: Actor,
  unitIds: ReadonlyMap<string, string>,
  plan: SurveyPlan,
) {
  const unitId = (code: string) => {
    const id = unitIds.get(code);
    if (!id) throw new Error(`The demo plan names unit ${code}, which the demo structure does not have`);
    return id;
  };
  const batches = new Map<string, SurveyPlan['responses']>();
  for (const response of plan.responses) {
    const key = `${response.surveyCode}|${response.responseDate.slice(0, 4)}`;
    const batch = batches.get(key);
    if (batch) batch.push(response);
    else batches.set(key, [response]);
  }
  for (const [key, responses] of batches) {
    const surveyCode = key.split('|')[0] ?? '';
    const result = await recordResponsesInBulk(
      db,
      orgId,
      actor,
      surveyCode,
      responses.map(({ surveyCode: _survey, unitCode, ...response }) => ({
        ...response,
        unitId: unitId(unitCode),
        language: 'en',
        // The demo's two years are before April 2020: every FFT answers the pre-2020 wording (version 1).
        version: 1,
      })),
    );
    if (result.refused.length > 0) {
      throw new Error(`The demo's ${key} responses were refused: ${JSON.stringify(result.refused[0])}`);
    }
  }
  await setEligibleCounts(
    db,
    orgId,
    actor,
    'fft',
    plan.eligible.map((entry) => ({
      unitId: unitId(entry.unitCode),
      month: entry.month,
      eligible: entry.eligible,
    })),
  );
}
