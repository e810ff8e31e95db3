import { describe, expect, it } from 'vitest';
import type { CaseImportResult, CaseImportRow } from '../report.ts';
import { layoutRows, reportPage } from './models.ts';

const result = (changes: Partial<CaseImportResult> = {}): CaseImportResult => ({
  dryRun: true,
  rows: 2,
  added: 1,
  skipped: 0,
  refused: 1,
  unreadable: null,
  ignoredColumns: [],
  missingColumns: [],
  seconds: 0.1,
  ...changes,
});
const rows: CaseImportRow[] = [
  { rowNumber: 2, externalReference: 'A-1', outcome: 'to-add', caseReference: null, problems: [] },
  {
    rowNumber: 3,
    externalReference: 'A-2',
    outcome: 'refused',
    caseReference: null,
    problems: [{ column: 'summary', message: 'column “summary” is blank: enter a short summary' }],
  },
];
const upload = { fileName: 'cases.csv', fileContent: 'YQ==', mappingText: '' };

describe('the import pages', () => {
  it('lists each column of the default layout once, the five issue slots together', () => {
    const keys = layoutRows().map((row) => row.key.text);
    expect(keys).toContain('received_date');
    expect(keys).toContain('issue_1_outcome … issue_5_outcome');
    expect(keys).toContain('staff_groups');
    expect(layoutRows().find((row) => row.key.text === 'staff_groups')?.value.text).toMatch(/^concerns: /);
    expect(keys.filter((key) => key.startsWith('issue_'))).toHaveLength(6);
    expect(keys).toContain('issue_1_service_area … issue_5_service_area');
    expect(keys).toContain('patient_age_band');
    expect(layoutRows().find((row) => row.key.text === 'reference')?.value.text).toMatch(/\(required\)$/);
  });

  it('offers to import after a dry run with something to add, listing the problems by row', () => {
    const page = reportPage(result(), rows, upload);
    expect(page.canImport).toBe(true);
    expect(page.importButton).toBe('Import 1 case');
    expect(page.problemCaption).toBe('1 row has problems and will not be imported');
    expect(page.problemRows).toEqual([
      {
        id: 'row-3',
        rowNumber: '3',
        reference: 'A-2',
        problems: ['column “summary” is blank: enter a short summary'],
      },
    ]);
  });

  it('offers nothing more once imported, or when there is nothing to add', () => {
    expect(reportPage(result({ dryRun: false }), rows, upload).canImport).toBe(false);
    const nothing = reportPage(result({ added: 0 }), rows.slice(1), upload);
    expect(nothing.canImport).toBe(false);
    expect(nothing.nothingToImport).toBe(true);
  });
});
