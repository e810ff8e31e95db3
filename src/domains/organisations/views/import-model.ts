import type { FieldErrors } from '#src/web/forms.ts';
import { type ImportReport, type ImportRowReport, importColumns, importSummary } from '../unit-import.ts';
import { formState } from './unit-forms-model.ts';

const columnDescriptions: Record<(typeof importColumns)[number], string> = {
  code: 'the unit’s code: up to 20 letters, numbers and hyphens, unique in your organisation',
  name: 'the unit’s name',
  kind: 'division, locality, directorate, service, team, ward or site',
  parent_code: 'the code of the unit it sits under, in the file or already in Heard; blank for the top',
  active_from: 'the date it opens, like 2024-04-01 or 01/04/2024; blank keeps the date it has, or today',
  active_to: 'its last day open; blank if it stays open',
};

export function importUploadPage(errors: FieldErrors = {}) {
  return {
    pageTitle: 'Import units from a CSV file',
    backLinkHref: '/admin/units',
    ...formState(errors),
    columnRows: importColumns.map((column) => ({
      key: { text: column },
      value: { text: columnDescriptions[column] },
    })),
    example: [
      'code,name,kind,parent_code,active_from,active_to',
      'MED,Medicine,division,,2020-04-01,',
      'W9,Ward 9,ward,MED,2020-04-01,',
    ].join('\n'),
  };
}

const outcomes: Record<ImportRowReport['outcome'], { text: string; colour: string }> = {
  create: { text: 'New', colour: 'green' },
  update: { text: 'Changed', colour: 'blue' },
  unchanged: { text: 'No change', colour: 'grey' },
  error: { text: 'Problem', colour: 'red' },
};

/** The dry run's report, row by row, and the button to apply it only when nothing is wrong. */
export function importReportPage(report: ImportReport, csvText: string) {
  const problems = report.rows.filter((row) => row.outcome === 'error');
  const changes = report.created + report.updated;
  return {
    pageTitle: 'Check the units to import',
    backLinkHref: '/admin/units/import',
    hasErrors: problems.length > 0,
    errorList: problems.flatMap((row) =>
      row.messages.map((message) => ({ text: `Row ${row.rowNumber}: ${message}`, href: '#import-report' })),
    ),
    summary: importSummary(report),
    rows: report.rows.map((row) => ({
      rowNumber: String(row.rowNumber),
      code: row.code ?? '',
      outcome: outcomes[row.outcome],
      messages: row.messages,
    })),
    canApply: problems.length === 0 && changes > 0,
    nothingToChange: problems.length === 0 && changes === 0,
    applyText: `Import ${changes === 1 ? '1 change' : `${changes} changes`}`,
    csvText,
  };
}
