// Importing historic cases from CSV or Excel: what the command line and the staff pages use.
export { type ImportField, importFields, meaningOf, requiredFields } from './columns.ts';
export { type ColumnMapping, defaultMapping, type MappingResult, parseMapping } from './mapping.ts';
export {
  type CaseImportResult,
  type CaseImportRow,
  caseImportSpeed,
  caseImportSummary,
  columnNotes,
  describeCaseImportRow,
} from './report.ts';
export { type CaseImporter, type CaseImportOptions, caseImporter, type ImportProgress } from './service.ts';
export type { CaseFile } from './sources.ts';
