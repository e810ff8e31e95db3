// Reads and parses a CSV file in a worker thread, so that a large import parses the next rows
// while the main thread checks and stores the last ones (see responseFileBatches in sources.ts).
// Plain JavaScript: a worker does not inherit tsx's loader from `heard`.
//
// Sends { rows, bytes } a batch at a time, then { done: true, bytes }, or { error }. At most
// `ahead` batches are unacknowledged: the main thread sends 'more' for each batch it takes, so a
// slow database holds the reading back and memory stays flat.
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parse } from 'csv-parse';

const { path, batchSize, ahead } = workerData;
let unacknowledged = 0;
let wake = null;
parentPort.on('message', (message) => {
  if (message !== 'more') return;
  unacknowledged -= 1;
  if (wake) {
    const resume = wake;
    wake = null;
    resume();
  }
});

let bytes = 0;
try {
  const input = createReadStream(path);
  input.on('data', (chunk) => {
    bytes += chunk.length;
  });
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  input.on('error', (error) => parser.destroy(error));
  let rows = [];
  for await (const record of parser) {
    rows.push(record);
    if (rows.length >= batchSize) {
      unacknowledged += 1;
      parentPort.postMessage({ rows, bytes });
      rows = [];
      while (unacknowledged >= ahead) await new Promise((resume) => (wake = resume));
    }
  }
  if (rows.length > 0) parentPort.postMessage({ rows, bytes });
  parentPort.postMessage({ done: true, bytes });
} catch (error) {
  parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) });
}
