import type { Database } from '#src/db/engine.ts';
import { addUser } from '#src/domains/identity/index.ts';
import { createOrganisation, findOrganisationByOdsCode } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { demoAdministratorEmail, demoOdsCode, demoPassword } from './accounts.ts';

export interface DemoOptions {
  seed?: number;
}

/** Loads the demo trust; does nothing if it is already there. Returns whether it loaded anything. */
export async function loadDemo(db: Database, _options: DemoOptions = {}): Promise<boolean> {
  if (await findOrganisationByOdsCode(db, demoOdsCode)) return false;
  const actor = systemActor('Heard demo loader');
  const organisation = await createOrganisation(db, actor, {
    name: 'Demo Partnership NHS Foundation Trust',
    odsCode: demoOdsCode,
  });
  await addUser(db, organisation.orgId, actor, {
    email: demoAdministratorEmail,
    displayName: 'Demo Administrator',
    password: demoPassword,
    grants: [{ role: 'administrator' }],
  });
  return true;
}
