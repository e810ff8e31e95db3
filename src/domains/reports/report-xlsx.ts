import ExcelJS from 'exceljs';
import { csv } from './ko41a.ts';
import type { QuarterlyReport } from './quarterly.ts';
import type { ReportTable } from './tables.ts';

// Every table of the quarterly report in one workbook, a sheet each (issue 8: "XLSX with every
// table's data"), after a sheet that says what the workbook is; and each table on its own as CSV.

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(table: Pick<ReportTable, 'id'>, taken: Set<string>): string {
  const base = table.id.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) name = `${base.slice(0, 28)}-${n}`;
  taken.add(name.toLowerCase());
  return name;
}

export async function quarterlyReportXlsx(
  report: QuarterlyReport,
  tables: readonly ReportTable[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Heard';
  workbook.title = `Service experience report, ${report.period.label}`;
  const about = workbook.addWorksheet('About');
  about.addRows([
    ['Service experience report'],
    ['Organisation', report.organisation.name],
    ['ODS code', report.organisation.odsCode],
    ['Period', report.period.label],
    ['From', report.period.start],
    ['To', report.period.end],
    ['Generated', report.generatedAt],
    [],
    ['Sheet', 'Table'],
  ]);
  about.getRow(1).font = { bold: true, size: 14 };
  about.getColumn(1).width = 34;
  about.getColumn(2).width = 70;
  const taken = new Set(['about']);
  for (const table of tables) {
    const name = sheetName(table, taken);
    about.addRow([name, table.title]);
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([table.title]).font = { bold: true };
    sheet.addRow(table.columns).font = { bold: true };
    table.rows.forEach((row, index) => {
      const added = sheet.addRow(row.map((value) => value ?? ''));
      if (table.totalRows.includes(index)) added.font = { bold: true };
    });
    for (const note of table.notes) sheet.addRow([note]).font = { italic: true };
    table.columns.forEach((column, index) => {
      sheet.getColumn(index + 1).width = Math.min(
        60,
        Math.max(12, column.length + 2, ...table.rows.map((row) => String(row[index] ?? '').length + 2)),
      );
    });
    sheet.views = [{ state: 'frozen', ySplit: 2 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One table as CSV: its columns, then its rows. */
export function tableCsv(table: ReportTable): string {
  return csv([table.columns, ...table.rows.map((row) => row.map((value) => value ?? ''))]);
}
