import type { Database } from '#src/db/engine.ts';
import { addUser } from '#src/domains/identity/index.ts';
import {
  createOrganisation,
  createUnit,
  findOrganisationByOdsCode,
} from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { demoAccounts, demoOdsCode, demoPassword } from './accounts.ts';
import { demoTrustStructure } from './structure.ts';

export { type DemoAccount, demoAccountLines, demoAccounts } from './accounts.ts';
export { type DemoUnit, demoTrustStructure } from './structure.ts';

export interface DemoOptions {
  /** The same seed always builds the same trust. */
  seed?: number;
  /** Multiplies the teams, wards and sites: 1 is about 80 units, 5 about 300 teams and wards (DESIGN.md §5). */
  scale?: number;
}

export const demoTrustName = 'Demo Partnership NHS Foundation Trust';

/**
 * Loads the demo trust (its structure and one account per role) through the same services an
 * administrator uses, so everything is in its audit trail. Does nothing if it is already there;
 * returns whether it loaded anything.
 */
export async function loadDemo(db: Database, { seed = 1, scale = 1 }: DemoOptions = {}): Promise<boolean> {
  if (await findOrganisationByOdsCode(db, demoOdsCode)) return false;
  const structure = demoTrustStructure({ seed, scale });
  const actor = systemActor('Heard demo loader');
  const { orgId } = await createOrganisation(db, actor, { name: demoTrustName, odsCode: demoOdsCode });
  const unitIds = new Map<string, string>();
  for (const unit of structure) {
    const created = await createUnit(db, orgId, actor, unit);
    unitIds.set(unit.code, created.unitId);
  }
  for (const account of demoAccounts) {
    await addUser(db, orgId, actor, {
      email: account.email,
      displayName: account.displayName,
      password: demoPassword,
      grants: [{ role: account.role, unitId: account.unitCode ? unitIds.get(account.unitCode) : null }],
    });
  }
  return true;
}
