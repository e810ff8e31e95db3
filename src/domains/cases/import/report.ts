// What an import of cases says, row by row and in sum (the mission: every import reports row by
// row). The same words serve the command line and the page.

export type RowOutcome = 'added' | 'to-add' | 'skipped' | 'refused';

export interface RowProblemReport {
  /** The column's heading in the file; null for a problem with the file or the row as a whole. */
  column: string | null;
  message: string;
}

export interface CaseImportRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  rowNumber: number;
  /** The case's reference in the system it comes from, when the row gives one. */
  externalReference: string | null;
  outcome: RowOutcome;
  /** Heard's reference: the case added, or the one imported before. */
  caseReference: string | null;
  problems: RowProblemReport[];
}

export interface CaseImportResult {
  dryRun: boolean;
  /** Rows of cases read (the header and blank rows are not counted). */
  rows: number;
  added: number;
  skipped: number;
  refused: number;
  /** Why the file (or the rest of it) could not be read; null when it was read to the end. */
  unreadable: string | null;
  /** Headings in the file that nothing was read from. */
  ignoredColumns: string[];
  /** Headings the mapping names that the file does not have: those fields were left empty. */
  missingColumns: string[];
  seconds: number;
}

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** One line of the report: "Row 7: DW-1007 refused: “Date received” is blank: …". */
export function describeCaseImportRow(row: CaseImportRow): string {
  const what = row.externalReference ? `${row.externalReference} ` : '';
  const start = `Row ${row.rowNumber}: ${what}`;
  switch (row.outcome) {
    case 'added':
      return `${start}added as ${row.caseReference}`;
    case 'to-add':
      return `${start}will be added`;
    case 'skipped':
      return `${start}skipped: already imported as ${row.caseReference}`;
    case 'refused':
      if (row.externalReference === null && row.problems.every((problem) => problem.column === null)) {
        return `Row ${row.rowNumber}: ${row.problems.map((problem) => problem.message).join('; ')}`;
      }
      return `${start}refused: ${row.problems.map((problem) => problem.message).join('; ')}`;
  }
}

/** The summary: how many were added, skipped as already imported, and refused. */
export function caseImportSummary(result: CaseImportResult): string {
  if (result.unreadable !== null && result.rows === 0)
    return `The file cannot be imported: ${result.unreadable}.`;
  const added = result.dryRun
    ? `${result.added.toLocaleString('en-GB')} to add`
    : `${result.added.toLocaleString('en-GB')} added`;
  const parts = `${added}, ${result.skipped.toLocaleString('en-GB')} skipped as already imported, ${result.refused.toLocaleString('en-GB')} refused`;
  const sum = result.dryRun
    ? `Checked ${count(result.rows, 'row')}: ${parts}. Nothing has been imported yet.`
    : `Imported ${count(result.rows, 'row')}: ${parts}.`;
  if (result.unreadable === null) return sum;
  return `${sum} Then the file could not be read further, at ${result.unreadable}.`;
}

/** "10,000 rows in 41.2 seconds: 243 rows a second", for people planning a large import. */
export function caseImportSpeed(result: CaseImportResult): string {
  const perSecond = result.seconds > 0 ? Math.round(result.rows / result.seconds) : result.rows;
  return `${count(result.rows, 'row')} in ${result.seconds.toFixed(1)} seconds: ${count(perSecond, 'row')} a second.`;
}

/**
 * Columns of the file nothing was read from, and columns the mapping names that the file lacks,
 * so that a mistyped heading does not go unnoticed.
 */
export function columnNotes(result: CaseImportResult): string[] {
  const quoted = (headings: readonly string[]) => headings.map((heading) => `“${heading}”`).join(', ');
  const notes: string[] = [];
  if (result.ignoredColumns.length > 0) {
    notes.push(
      `Columns not read: ${quoted(result.ignoredColumns)}. Name them in a mapping file if Heard should read them.`,
    );
  }
  if (result.missingColumns.length > 0) {
    notes.push(
      `Columns the mapping names but the file does not have, so left empty: ${quoted(result.missingColumns)}.`,
    );
  }
  return notes;
}
