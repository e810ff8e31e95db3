import { type Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { CellValue } from './cells.ts';

// Reading a file of cases a row at a time, so that a file of 10,000 cases or more is never held
// in memory whole: CSV through csv-parse's stream, Excel through ExcelJS's streaming reader.

/** A file that can be read from the start as often as needed (CSV is read twice: see csvEncoding). */
export interface CaseFile {
  name: string;
  sizeBytes: number;
  open(): Readable;
}

/** One row of the sheet, numbered as a spreadsheet numbers it (the header is row 1). */
export interface SheetRow {
  rowNumber: number;
  cells: CellValue[];
}

export type FileFormat = 'csv' | 'xlsx';

/** Thrown for a file that cannot be read as a whole, with a message for the person importing it. */
export class UnreadableFile extends Error {}

const zipSignature = [0x50, 0x4b, 0x03, 0x04];
const oleSignature = [0xd0, 0xcf, 0x11, 0xe0];

async function firstBytes(file: CaseFile, count: number): Promise<Uint8Array> {
  const stream = file.open();
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    chunks.push(Buffer.from(chunk));
    length += chunk.length;
    if (length >= count) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, count);
}

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  signature.every((byte, index) => bytes[index] === byte);

/** Excel workbooks are zip files; anything else is read as CSV. Decided from the content, not the name. */
export async function fileFormat(file: CaseFile): Promise<FileFormat> {
  const start = await firstBytes(file, 4);
  if (startsWith(start, zipSignature)) return 'xlsx';
  if (startsWith(start, oleSignature)) {
    throw new UnreadableFile(
      'the file is in the old Excel 97–2003 format (.xls): save it as an Excel Workbook (.xlsx) or as CSV',
    );
  }
  return 'csv';
}

/** Counts the bytes read from the file as they pass, for a progress bar. */
function byteCounter(onBytes: (bytes: number) => void) {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      onBytes(total);
      done(null, chunk);
    },
  });
}

/** The rows of the file's first sheet, header included. */
export function sheetRows(
  file: CaseFile,
  format: FileFormat,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? workbookRows(file, onBytes) : csvRows(file, onBytes);
}

// --- CSV ---

/**
 * UTF-8 (with or without a byte-order mark), or else Windows-1252, which Excel's plain "CSV"
 * format still saves. Checked over the whole file first, since a single "é" near its end decides it.
 */
async function csvEncoding(file: CaseFile): Promise<'utf-8' | 'windows-1252'> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of file.open()) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

function textDecoder(encoding: string) {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
}

async function* csvRows(file: CaseFile, onBytes: (bytes: number) => void): AsyncGenerator<SheetRow> {
  const encoding = await csvEncoding(file);
  const source = file.open();
  // Not destroyed on an error, so that the rows parsed before a broken one are still read and
  // reported before the error is. (csv-parse hands its options on to Node's Transform, which reads
  // autoDestroy, though csv-parse's types do not list it.)
  const options = { bom: true, relax_column_count: true, skip_empty_lines: false, autoDestroy: false };
  const parser = parse(options);
  source.pipe(byteCounter(onBytes)).pipe(textDecoder(encoding)).pipe(parser);
  source.on('error', (error) => parser.destroy(error));
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      yield { rowNumber, cells: record };
    }
  } catch (error) {
    throw new UnreadableFile(
      `${csvProblem(error)}, so this row and the rest of the file cannot be read as CSV`,
    );
  } finally {
    source.destroy();
    parser.destroy();
  }
}

function csvProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted value has no closing quote';
  if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE') {
    return 'a quote mark is in the middle of a value (put the whole value in quotes and double the quote mark)';
  }
  return (error as Error).message;
}

// --- Excel ---

async function* workbookRows(file: CaseFile, onBytes: (bytes: number) => void): AsyncGenerator<SheetRow> {
  const source = file.open();
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(source.pipe(byteCounter(onBytes)), {
    sharedStrings: 'cache',
    // Needed to know which numbers are dates: a cell's number format says so.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        // ExcelJS numbers the cells of a row from 1.
        yield { rowNumber: row.number, cells: values.slice(1).map(plainCell) };
      }
      // The cases are on the first sheet; any other sheet (notes, look-up lists) is not read.
      return;
    }
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile(`the file cannot be read as an Excel workbook: ${(error as Error).message}`);
  } finally {
    source.destroy();
  }
}

/** A cell's value as text, a number, true/false or a date: the result of a formula, the text of a link. */
function plainCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const cell = value as {
      richText?: { text: string }[];
      result?: unknown;
      text?: unknown;
      error?: string;
    };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return plainCell(cell.result);
    if (cell.text !== undefined) return plainCell(cell.text);
    if (cell.error) return cell.error;
  }
  return String(value);
}
