import type { Database } from '#src/db/engine.ts';
import { addUser } from '#src/domains/identity/index.ts';
import {
  createOrganisation,
  createUnit,
  findOrganisationByOdsCode,
} from '#src/domains/organisations/index.ts';
import { installSurveyTemplates } from '#src/domains/surveys/index.ts';
import { type Actor, systemActor } from '#src/web/principal.ts';
import { demoAccounts, demoOdsCode, demoPassword } from './accounts.ts';
import { loadDemoActions } from './actions.ts';
import { demoCasePlan } from './case-plan.ts';
import { loadDemoCases } from './cases.ts';
import { loadDemoLearning } from './learning.ts';
import { loadDemoPublishedFft } from './published-fft.ts';
import { demoTrustStructure } from './structure.ts';
import { demoSurveyPlan } from './survey-plan.ts';
import { loadDemoSurveys } from './surveys.ts';

export { type DemoAccount, demoAccountLines, demoAccounts } from './accounts.ts';
export { type DemoUnit, demoTrustStructure } from './structure.ts';

export interface DemoOptions {
  /** The same seed always builds the same trust. */
  seed?: number;
  /** Multiplies the teams, wards and sites: 1 is about 80 units, 5 about 300 teams and wards (DESIGN.md §5). */
  scale?: number;
  /**
   * Whether to load two years of case records (April 2016 to March 2018) as well as the structure
   * and accounts; true unless a test needs only the trust's shape.
   */
  caseRecords?: boolean;
  /** Whether to load two years of survey responses; as caseRecords unless given. The surveys themselves are always there. */
  surveyResponses?: boolean;
}

export const demoTrustName = 'Demo Partnership NHS Foundation Trust';

/**
 * Loads the demo trust (its structure, one account per role, its surveys, and two years of case
 * records and survey responses)
 * through the same services staff use, so everything is in its audit trail; records that nothing
 * happens to once logged are written a month at a time (bulk-records.ts). Does nothing if it is
 * already there; returns whether it loaded anything.
 */
export async function loadDemo(
  db: Database,
  { seed = 1, scale = 1, caseRecords = true, surveyResponses = caseRecords }: DemoOptions = {},
): Promise<boolean> {
  if (await findOrganisationByOdsCode(db, demoOdsCode)) return false;
  const structure = demoTrustStructure({ seed, scale });
  const actor = systemActor('Heard demo loader');
  const { orgId } = await createOrganisation(db, actor, { name: demoTrustName, odsCode: demoOdsCode });
  const unitIds = new Map<string, string>();
  for (const unit of structure) {
    const created = await createUnit(db, orgId, actor, unit);
    unitIds.set(unit.code, created.unitId);
  }
  const staff = new Map<string, Actor>();
  for (const account of demoAccounts) {
    const user = await addUser(db, orgId, actor, {
      email: account.email,
      displayName: account.displayName,
      password: demoPassword,
      grants: [{ role: account.role, unitId: account.unitCode ? unitIds.get(account.unitCode) : null }],
    });
    staff.set(account.role, { kind: 'user', id: user.userId, name: user.displayName });
  }
  await installSurveyTemplates(db, orgId, actor);
  if (surveyResponses) {
    const plan = demoSurveyPlan({ seed, units: structure });
    await loadDemoSurveys(db, orgId, actor, unitIds, plan);
    await loadDemoPublishedFft(db, orgId, actor, { seed, plan, trustName: demoTrustName });
  }
  if (caseRecords) {
    await loadDemoCases(
      {
        db,
        orgId,
        unitIds,
        officer: staff.get('complaints_officer') ?? actor,
        investigatorUserId: staff.get('investigator')?.id ?? null,
      },
      demoCasePlan({ seed, units: structure }),
    );
    // Evidence files are not loaded, so the upload limit does not matter here.
    await loadDemoActions(db, orgId, staff.get('complaints_officer') ?? actor, {
      ATTACHMENT_MAX_MEGABYTES: 10,
    });
    const officerId = staff.get('complaints_officer')?.id;
    if (officerId) await loadDemoLearning(db, orgId, officerId);
  }
  return true;
}
