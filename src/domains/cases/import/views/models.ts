import { type FieldErrors, formErrors } from '#src/web/forms.ts';
import {
  complaintFields,
  issueParts,
  issueSlots,
  meaningOf,
  recordFields,
  requiredFields,
} from '../columns.ts';
import type { CaseImportResult, CaseImportRow, RowOutcome } from '../report.ts';
import { caseImportSummary, columnNotes } from '../report.ts';

// The view models of the import pages: what the NHS.UK macros need, built from the import's
// report. Templates hold no logic.

const columnRow = (column: string, meaning: string, required: boolean) => ({
  key: { text: column },
  value: { text: required ? `${meaning} (required)` : meaning },
});

/** The default layout, one line a column, the five issue slots shown once. */
export function layoutRows() {
  return [
    ...[...recordFields, ...complaintFields].map((field) =>
      columnRow(field, meaningOf(field), requiredFields.includes(field)),
    ),
    ...issueParts.map((part) =>
      columnRow(`issue_1_${part} … issue_${issueSlots}_${part}`, meaningOf(`issue_1_${part}`), false),
    ),
  ];
}

export function uploadPage(errors: FieldErrors = {}) {
  return {
    pageTitle: 'Import cases from another system',
    backLinkHref: '/cases',
    ...formErrors(errors, ['file', 'mapping']),
    layoutRows: layoutRows(),
    example: [
      'reference,kind,channel,unit_code,received_date,summary,status,response_sent_date,issue_1_subject,issue_1_staff_groups,issue_1_outcome,staff_groups',
      'DW-1001,Complaint,Letter,W1,03/07/2017,Discharge planning,closed,01/08/2017,Communications,Nursing,Upheld,',
      'DW-1002,Concern,Phone,W1,2017-07-04,Car parking,open,,,,,Estates staff; Admin',
    ].join('\n'),
  };
}

const outcomeTags: Record<RowOutcome, { text: string; classes: string }> = {
  'to-add': { text: 'To add', classes: 'nhsuk-tag--green' },
  added: { text: 'Added', classes: 'nhsuk-tag--green' },
  skipped: { text: 'Already imported', classes: 'nhsuk-tag--grey' },
  refused: { text: 'Refused', classes: 'nhsuk-tag--red' },
};

/** What the file came with, carried from the check to the confirmation in hidden fields. */
export interface CarriedUpload {
  fileName: string;
  fileContent: string;
  mappingText: string;
}

/** The report of a dry run (with the button to import) or of the import itself. */
export function reportPage(result: CaseImportResult, rows: readonly CaseImportRow[], upload: CarriedUpload) {
  const refused = rows.filter((row) => row.outcome === 'refused');
  const toAdd = result.dryRun ? result.added : 0;
  return {
    pageTitle: result.dryRun ? 'Check the cases to import' : 'Cases imported',
    backLinkHref: '/cases/import',
    summary: caseImportSummary(result),
    columnNotes: columnNotes(result),
    problemRows: refused.map((row) => ({
      id: `row-${row.rowNumber}`,
      rowNumber: String(row.rowNumber),
      reference: row.externalReference ?? '',
      problems: row.problems.map((problem) => problem.message),
    })),
    problemCaption: `${refused.length === 1 ? '1 row has' : `${refused.length.toLocaleString('en-GB')} rows have`} problems${result.dryRun ? ' and will not be imported' : ' and were not imported'}`,
    rows: rows.map((row) => ({
      rowNumber: String(row.rowNumber),
      reference: row.externalReference ?? '',
      tag: outcomeTags[row.outcome],
      caseReference: row.caseReference ?? '',
    })),
    everyRowSummary: `See every row (${rows.length.toLocaleString('en-GB')})`,
    canImport: result.dryRun && toAdd > 0,
    nothingToImport: result.dryRun && toAdd === 0 && result.unreadable === null,
    importButton: `Import ${toAdd === 1 ? '1 case' : `${toAdd.toLocaleString('en-GB')} cases`}`,
    upload,
  };
}
