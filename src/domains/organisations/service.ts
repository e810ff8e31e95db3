import { randomUUID } from 'node:crypto';
import type { Database } from '#src/db/engine.ts';
import { asSystem, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { Conflict } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import { allOrganisations, insertOrganisation, organisationByOdsCode } from './queries.ts';

export interface NewOrganisation {
  name: string;
  odsCode: string;
  kind?: 'trust' | 'icb';
}

/** Creates a tenant. The organisation's first audit event records its own creation. */
export async function createOrganisation(db: Database, actor: Actor, organisation: NewOrganisation) {
  const orgId = randomUUID();
  return withOrg(db, orgId, async (tx) => {
    const row = await insertOrganisation(tx, {
      orgId,
      ...organisation,
      odsCode: organisation.odsCode.toUpperCase(),
    });
    await recordAudit(tx, orgId, actor, {
      action: 'organisation.created',
      entityType: 'organisation',
      entityId: orgId,
      after: row,
    });
    return row;
  }).catch((error: { code?: string; cause?: { code?: string } }) => {
    if (error.code === '23505' || error.cause?.code === '23505') {
      throw new Conflict(`An organisation with ODS code ${organisation.odsCode} already exists`);
    }
    throw error;
  });
}

export function findOrganisationByOdsCode(db: Database, odsCode: string) {
  return asSystem(db, (tx) => organisationByOdsCode(tx, odsCode));
}

export function listOrganisations(db: Database) {
  return asSystem(db, (tx) => allOrganisations(tx));
}
