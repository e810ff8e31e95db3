// Reads and parses a CSV file in a worker thread, so that a large import parses the next rows
// while the main thread checks and stores the last ones (see responseFileBatches in sources.ts).
// Plain JavaScript: a worker does not inherit tsx's loader from `heard`.
//
// Parsed by Papa Parse, whose streaming parser reads a million rows in about half a second here
// (csv-parse, used for the smaller files elsewhere, took ten times as long and was the import's
// largest single cost). A byte-order mark is dropped and blank lines skipped.
//
// Sends { rows, bytes } a batch at a time, then { done: true, bytes }, or { error }. At most
// `ahead` batches are unacknowledged: the main thread sends 'more' for each batch it takes, so a
// slow database holds the reading back and memory stays flat.
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Papa from 'papaparse';

const { path, batchSize, ahead } = workerData;
let failed = false;
const fail = (message) => {
  if (failed) return;
  failed = true;
  parentPort.postMessage({ error: message });
};
// Read as UTF-8 text, so that a character split between two chunks of the file is decoded whole.
const input = createReadStream(path, { encoding: 'utf8' });
input.on('error', (error) => fail(error.message));

// The reading stops while `ahead` batches wait for the main thread (Papa Parse's own pause would
// stop the parsing but not the reading, and the file would pile up in its queue).
let unacknowledged = 0;
parentPort.on('message', (message) => {
  if (message !== 'more') return;
  unacknowledged -= 1;
  if (unacknowledged < ahead && input.isPaused()) input.resume();
});

let rowsRead = 0;
let rows = [];

Papa.parse(input, {
  skipEmptyLines: true,
  chunk(results, parser) {
    if (failed) return parser.abort();
    const problem = results.errors.find((error) => error.type === 'Quotes');
    if (problem) {
      fail(`row ${rowsRead + (problem.row ?? 0) + 1}: ${problem.message}`);
      return parser.abort();
    }
    for (const record of results.data) {
      if (rowsRead === 0 && record[0]?.charCodeAt(0) === 0xfeff) record[0] = record[0].slice(1);
      rowsRead += 1;
      rows.push(record);
      if (rows.length >= batchSize) {
        unacknowledged += 1;
        parentPort.postMessage({ rows, bytes: input.bytesRead });
        rows = [];
      }
    }
    if (unacknowledged >= ahead) input.pause();
  },
  complete() {
    if (failed) return;
    if (rows.length > 0) parentPort.postMessage({ rows, bytes: input.bytesRead });
    parentPort.postMessage({ done: true, bytes: input.bytesRead });
  },
  error(error) {
    fail(error.message);
  },
});
