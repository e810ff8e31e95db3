import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseFileBatches } from './sources.ts';

// The CSV reader behind `heard import responses`: a worker thread parsing with Papa Parse.

describe('reading a response file in batches', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'heard-sources-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const rowsOf = async (content: string) => {
    const path = join(folder, `file-${Math.random().toString(36).slice(2)}.csv`);
    await writeFile(path, content);
    const rows: string[][] = [];
    let bytes = 0;
    for await (const batch of responseFileBatches(path, (read) => (bytes = read))) rows.push(...batch);
    return { rows, bytes };
  };

  it('drops a byte-order mark, reads quoted commas, quotes and line breaks, and skips blank lines', async () => {
    const content =
      '\uFEFFsubmission_id,good\r\nA-1,"Kind, ""patient"" staff"\r\n\r\nA-2,"Two\nlines"\r\nA-3,\r\n';
    const { rows, bytes } = await rowsOf(content);
    expect(rows).toEqual([
      ['submission_id', 'good'],
      ['A-1', 'Kind, "patient" staff'],
      ['A-2', 'Two\nlines'],
      ['A-3', ''],
    ]);
    expect(bytes).toBe(Buffer.byteLength(content));
  });

  it('hands over a large file in batches, every row once, in order and every character whole', async () => {
    // Three-byte characters throughout, so that some fall across the edges of the chunks read.
    const lines = Array.from({ length: 12_345 }, (_, index) => `R-${index},U${index % 7},Llyfn – ${index}`);
    const { rows } = await rowsOf(`submission_id,unit_code,good\n${lines.join('\n')}\n`);
    expect(rows).toHaveLength(12_346);
    expect(rows[1]).toEqual(['R-0', 'U0', 'Llyfn – 0']);
    expect(rows.at(-1)).toEqual(['R-12344', 'U3', 'Llyfn – 12344']);
    expect(rows.every((row, index) => index === 0 || row[2] === `Llyfn – ${index - 1}`)).toBe(true);
  });

  it('stops with the row of a quote left open', async () => {
    await expect(rowsOf('submission_id,good\nA-1,fine\nA-2,"never closed\n')).rejects.toThrow(
      /The file could not be read: row 3: .*quote/i,
    );
  });
});
