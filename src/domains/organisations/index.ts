export { descendantIds, isActiveOn, type UnitTreeNode, unitCodeProblem, unitNameProblem } from './rules.ts';
export { type UnitKind, unitKinds } from './schema.ts';
export {
  createOrganisation,
  createUnit,
  findOrganisationByOdsCode,
  getUnit,
  type ImportReport,
  type ImportRowReport,
  importUnitTree,
  listOrganisations,
  listUnits,
  moveUnit,
  type NewOrganisation,
  type NewUnit,
  retireUnit,
  type UnitDetailsChanges,
  type UnitRow,
  unitIdsVisibleTo,
  unitTree,
  updateUnit,
} from './service.ts';
export { decodeCsvFile, describeImportRow, importSummary } from './unit-import.ts';
