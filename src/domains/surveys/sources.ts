import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

// The rows of a response file, read as a stream: CSV through csv-parse (or, in batches for a
// large import, Papa Parse in a worker thread: csv-worker.js), Excel (.xlsx) through
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

/** Rows a batch, when the file is read by a worker thread. */
const rowsABatch = 5_000;
/** Batches the worker may read ahead of the rows taken: ten thousand rows in memory at most. */
const batchesAhead = 2;

/**
 * Every row of the file, the header first, in batches. A CSV file is read and parsed by a worker
 * thread, so that parsing the next rows overlaps checking and storing the last; an Excel file is
 * read here, as responseFileRows reads it.
 */
export async function* responseFileBatches(
  path: string,
  onBytes: (bytes: number) => void = () => {},
): AsyncGenerator<string[][]> {
  if (await isWorkbook(path)) {
    let batch: string[][] = [];
    for await (const row of responseFileRows(path, onBytes)) {
      batch.push(row);
      if (batch.length >= 1000) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
    return;
  }
  yield* csvBatches(path, onBytes);
}

type WorkerMessage = { rows: string[][]; bytes: number } | { done: true; bytes: number } | { error: string };

async function* csvBatches(path: string, onBytes: (bytes: number) => void): AsyncGenerator<string[][]> {
  const worker = new Worker(new URL('./csv-worker.js', import.meta.url), {
    workerData: { path, batchSize: rowsABatch, ahead: batchesAhead },
    // A small heap, collected often: its rows are handed over at once, so it needs little.
    resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 },
  });
  const waiting: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  const arrive = (message: WorkerMessage) => {
    waiting.push(message);
    wake?.();
    wake = null;
  };
  worker.on('message', arrive);
  worker.on('error', (error) => arrive({ error: error.message }));
  worker.on('exit', (code) => {
    if (code !== 0) arrive({ error: `The CSV reader stopped (exit code ${code})` });
  });
  try {
    for (;;) {
      if (waiting.length === 0) await new Promise<void>((resume) => (wake = resume));
      const message = waiting.shift();
      if (!message) continue;
      if ('error' in message) throw new Error(`The file could not be read: ${message.error}`);
      onBytes(message.bytes);
      if ('done' in message) return;
      worker.postMessage('more');
      yield message.rows;
    }
  } finally {
    await worker.terminate();
  }
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
