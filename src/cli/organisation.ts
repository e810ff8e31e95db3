import { findOrganisationByOdsCode, listOrganisations } from '#src/domains/organisations/index.ts';

/**
 * The organisation a command works on: the one named by its ODS code, or the only one Heard holds,
 * so that a trust running Heard for itself need never type its code.
 */
export async function organisationFor(
  db: Parameters<typeof listOrganisations>[0],
  odsCode: string | undefined,
): Promise<string> {
  if (odsCode !== undefined) {
    const organisation = await findOrganisationByOdsCode(db, odsCode);
    if (!organisation) throw new Error(`There is no organisation with the ODS code ${odsCode}`);
    return organisation.orgId;
  }
  const organisations = await listOrganisations(db);
  const [only] = organisations;
  if (organisations.length === 1 && only) return only.orgId;
  if (organisations.length === 0) throw new Error('There is no organisation in Heard to import into');
  throw new Error(`Heard holds ${organisations.length} organisations: say which with --org <ODS code>`);
}
