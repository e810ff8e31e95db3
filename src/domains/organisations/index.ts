export { type UnitKind, unitKinds } from './schema.ts';
export {
  createOrganisation,
  findOrganisationByOdsCode,
  listOrganisations,
  type NewOrganisation,
} from './service.ts';
