import { parse } from 'csv-parse/sync';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { Invalid } from '#src/web/errors.ts';

// An action plan's table in and out of files: CSV and Excel both ways, and a Word document for
// the committee the plan reports to. A plan is a few hundred rows at most, so files are read whole.

export type TableFormat = 'csv' | 'xlsx' | 'docx';

const zipSignature = [0x50, 0x4b, 0x03, 0x04];
const isZip = (bytes: Buffer) => zipSignature.every((byte, index) => bytes[index] === byte);

/** The cells of a CSV or Excel file (its first sheet), decided from the content, not the name. */
export async function readTableFile(bytes: Buffer): Promise<string[][]> {
  if (bytes.length === 0)
    throw new Invalid('The selected file is empty', { file: 'The selected file is empty' });
  return isZip(bytes) ? readWorkbook(bytes) : readCsv(bytes);
}

function readCsv(bytes: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Excel's plain "CSV" still saves Windows-1252.
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    const message = `The file cannot be read as CSV: ${(error as Error).message}`;
    throw new Invalid(message, { file: message });
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

async function readWorkbook(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    const message = `The file cannot be read as an Excel workbook: ${(error as Error).message}`;
    throw new Invalid(message, { file: message });
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows[rowNumber - 1] = values.map((value) => cellText(value as ExcelJS.CellValue));
  });
  return Array.from(rows, (row) => row ?? []);
}

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** RFC 4180 CSV with a byte-order mark, so that Excel opens it as UTF-8. */
export function writeCsv(cells: readonly (readonly string[])[]): Buffer {
  return Buffer.from(`\ufeff${cells.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** The table on one sheet, every cell as text so that "Mar-14" stays as the plan wrote it. */
export async function writeXlsx(title: string, cells: readonly (readonly string[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Heard';
  const sheet = workbook.addWorksheet(title.slice(0, 31).replace(/[[\]*?/\\:]/g, ' ') || 'Action plan');
  for (const row of cells) sheet.addRow([...row]);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.columns.forEach((column, index) => {
    column.width = index === 0 ? 6 : 28;
    column.alignment = { wrapText: true, vertical: 'top' };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface CommitteeReport {
  title: string;
  /** Lines under the title: the source, who it reports to, the progress and assurance in words. */
  summary: readonly string[];
  cells: readonly (readonly string[])[];
}

/** The plan as a Word document for its committee: a heading, its figures, and the table, landscape. */
export async function writeDocx(report: CommitteeReport): Promise<Buffer> {
  const [header = [], ...rows] = report.cells;
  const tableRow = (cells: readonly string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map(
        (text) =>
          new TableCell({
            children: text
              .split(/\r?\n/)
              .map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: 16 })] })),
          }),
      ),
    });
  const document = new Document({
    creator: 'Heard',
    title: report.title,
    styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE } } },
        children: [
          new Paragraph({
            text: report.title,
            heading: HeadingLevel.HEADING_1,
            alignment: AlignmentType.LEFT,
          }),
          ...report.summary.map((line) => new Paragraph({ text: line })),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [tableRow(header, true), ...rows.map((row) => tableRow(row, false))],
          }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(document));
}
