import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

// The rows of a response file, read as a stream: CSV through csv-parse, Excel (.xlsx) through
// ExcelJS's streaming reader, told apart by their first bytes. Each row comes as text cells.

const zipSignature = [0x50, 0x4b, 0x03, 0x04];

async function isWorkbook(path: string): Promise<boolean> {
  const stream = createReadStream(path, { start: 0, end: 3 });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  const start = Buffer.concat(chunks);
  return zipSignature.every((byte, index) => start[index] === byte);
}

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

export async function fileSize(path: string): Promise<number> {
  return (await stat(path)).size;
}

/** Every row of the file's first sheet, the header first, as text. */
export async function* responseFileRows(
  path: string,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<string[]> {
  if (await isWorkbook(path)) {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(
      createReadStream(path).pipe(byteCounter(onBytes)),
      {
        sharedStrings: 'cache',
        // Needed to know which numbers are dates: a cell's number format says so.
        styles: 'cache',
        hyperlinks: 'ignore',
        worksheets: 'emit',
        entries: 'ignore',
      },
    );
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        yield values.map(cellText);
      }
      return;
    }
    return;
  }
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true });
  createReadStream(path).pipe(byteCounter(onBytes)).pipe(parser);
  for await (const record of parser as AsyncIterable<string[]>) yield record;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (cell.text !== undefined) return cellText(cell.text);
  }
  return String(value);
}
