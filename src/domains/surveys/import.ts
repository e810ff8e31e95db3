import { z } from 'zod';
import type { Database } from '#src/db/engine.ts';
import { isIsoDate } from '#src/domains/calendar/index.ts';
import type { ArrivalCoding } from '#src/domains/comments/index.ts';
import { listUnits } from '#src/domains/organisations/index.ts';
import type { Actor } from '#src/web/principal.ts';
import {
  modeNames,
  type ResponseMode,
  responseModes,
  type SurveyVariant,
  surveyVariants,
  variantNames,
} from './definition.ts';
import { type NewResponse, recordResponsesInBulk } from './service.ts';

// Importing survey responses from a file (paper returns keyed in, a survey vendor's export): one
// response a row, read as a stream and stored in batches, so that a million rows never sit in
// memory. Each row's submission id makes the import idempotent: the same file twice adds nothing.

/** The columns every file has; the others are named by question code (fft, good, better…). */
export const fixedColumns = [
  'submission_id',
  'unit_code',
  'response_date',
  'mode',
  'variant',
  'language',
  'version',
] as const;
type FixedColumn = (typeof fixedColumns)[number];

/** Which column of the file each field is read from, when the file's headers differ from ours. */
export const mappingSchema = z.record(z.string().min(1), z.string().min(1));
export type ColumnMapping = z.infer<typeof mappingSchema>;

export function parseMapping(
  text: string,
): { ok: true; mapping: ColumnMapping } | { ok: false; problem: string } {
  try {
    const parsed = mappingSchema.safeParse(JSON.parse(text));
    return parsed.success
      ? { ok: true, mapping: parsed.data }
      : {
          ok: false,
          problem: 'The mapping must be a JSON object of field names to column headers, like {"fft": "Q1"}',
        };
  } catch (error) {
    return { ok: false, problem: `The mapping is not JSON: ${(error as Error).message}` };
  }
}

export interface ImportRowReport {
  rowNumber: number;
  submissionId: string;
  outcome: 'refused' | 'already-imported';
  problems: string[];
}

export interface ResponseImportResult {
  rows: number;
  imported: number;
  alreadyImported: number;
  refused: number;
  dryRun: boolean;
  seconds: number;
}

const modeByName = new Map<string, ResponseMode>(
  responseModes.flatMap((mode) => [
    [mode, mode],
    [modeNames[mode].toLowerCase(), mode],
  ]),
);
const variantByName = new Map<string, SurveyVariant>(
  surveyVariants.flatMap((variant) => [
    [variant, variant],
    [variantNames[variant].toLowerCase(), variant],
  ]),
);

/** Batches stored at once. */
const storesAtOnce = 2;

// A file holds few distinct dates (a million responses span a few hundred days), so each is read once.
const datesRead = new Map<string, string | null>();
function isoDateOf(text: string): string | null {
  let date = datesRead.get(text);
  if (date === undefined) {
    date = readIsoDate(text);
    if (datesRead.size < 100_000) datesRead.set(text, date);
  }
  return date;
}

/** A date as the file gives it: 2017-09-30 or 30/09/2017. */
function readIsoDate(text: string): string | null {
  if (isIsoDate(text)) return text;
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!uk) return null;
  const date = `${uk[3]}-${uk[2]?.padStart(2, '0')}-${uk[1]?.padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
}

export interface ImportOptions {
  surveyCode: string;
  mapping?: ColumnMapping;
  dryRun: boolean;
  /** The mode for rows that give none (a file of paper returns). */
  defaultMode?: ResponseMode;
  /** Rows stored in one transaction. */
  batchSize?: number;
  /** The day the import runs, YYYY-MM-DD: a response cannot be from later. */
  today: string;
  onRow?(report: ImportRowReport): void;
  onProgress?(rowsRead: number): void;
  /**
   * 'now' codes the free text as comments inside each batch's transaction (an upload from the
   * browser); 'later' leaves it waiting for the coding job (comments/waiting.ts), so that a large
   * import is not held up by coding: `heard import responses` runs the job when the import ends.
   */
  codeComments?: 'now' | 'later';
  /** How free-text answers coded now are coded (the safeguarding contact to alert). */
  coding?: ArrivalCoding;
}

/**
 * Reads rows (the header first) and stores the responses they hold. Rows with problems are
 * reported and not stored; the rest are stored a batch at a time, each batch one transaction with
 * one audit event.
 */
export async function importResponses(
  db: Database,
  orgId: string,
  actor: Actor,
  rows: AsyncIterable<string[]> | { batches: AsyncIterable<string[][]> },
  options: ImportOptions,
): Promise<ResponseImportResult> {
  const started = performance.now();
  const units = new Map((await listUnits(db, orgId)).map((unit) => [unit.code.toUpperCase(), unit.unitId]));
  const batchSize = options.batchSize ?? 5_000;
  let header: string[] | null = null;
  let columns: Record<FixedColumn, number> | null = null;
  let answerColumns: [number, string][] = [];
  const result: ResponseImportResult = {
    rows: 0,
    imported: 0,
    alreadyImported: 0,
    refused: 0,
    dryRun: options.dryRun,
    seconds: 0,
  };
  type Entry = { rowNumber: number; response: Omit<NewResponse, 'surveyCode'> };
  let batch: Entry[] = [];

  const store = async (entries: Entry[]) => {
    const stored = await recordResponsesInBulk(
      db,
      orgId,
      actor,
      options.surveyCode,
      entries.map((entry) => entry.response),
      { dryRun: options.dryRun, codeComments: options.codeComments ?? 'now', coding: options.coding },
    );
    result.imported += stored.stored;
    result.alreadyImported += stored.alreadyStored;
    result.refused += stored.refused.length;
    for (const refusal of stored.refused) {
      const entry = entries[refusal.index];
      options.onRow?.({
        rowNumber: entry?.rowNumber ?? 0,
        submissionId: refusal.submissionId,
        outcome: 'refused',
        problems: Object.entries(refusal.problems).map(([field, problem]) => `${field}: ${problem}`),
      });
    }
  };
  // Batches are stored while the next is read and checked, two at a time on PostgreSQL (each on
  // its own connection; PGlite takes them in turn): the file and the database work at once. The
  // submission id's unique index settles a response that two batches both hold.
  const storing = new Set<Promise<void>>();
  const flush = async () => {
    while (storing.size >= storesAtOnce) await Promise.race(storing);
    if (batch.length === 0) return;
    const stored = store(batch);
    batch = [];
    storing.add(stored);
    stored.then(
      () => storing.delete(stored),
      () => {}, // kept in the set: the next race or the final wait rethrows it
    );
  };

  let rowNumber = 0;
  // Rows come one at a time or, from a worker thread reading the file, a batch at a time.
  const batches = 'batches' in rows ? rows.batches : singly(rows);
  for await (const cellsOfBatch of batches)
    for (const cells of cellsOfBatch) {
      rowNumber += 1;
      if (!header || !columns) {
        header = cells.map((cell) => cell.trim());
        const headerIndex = new Map(header.map((name, index) => [name.toLowerCase(), index]));
        const column = (field: string) =>
          headerIndex.get((options.mapping?.[field] ?? field).toLowerCase()) ?? -1;
        columns = Object.fromEntries(fixedColumns.map((field) => [field, column(field)])) as Record<
          FixedColumn,
          number
        >;
        answerColumns = header
          .map((name, index): [number, string] => [index, fieldOfColumn(name, options.mapping)])
          .filter(([, field]) => !(fixedColumns as readonly string[]).includes(field));
        continue;
      }
      if (isBlankRow(cells)) continue;
      result.rows += 1;
      const problems: string[] = [];
      const submissionId = cellAt(cells, columns.submission_id);
      if (!submissionId)
        problems.push('submission_id: enter the response’s id from the system it comes from');
      const unitCode = cellAt(cells, columns.unit_code);
      const unitId = units.get(unitCode.toUpperCase());
      if (!unitId) problems.push(`unit_code: ${unitCode || 'nothing'} is not the code of a unit`);
      const responseDate = isoDateOf(cellAt(cells, columns.response_date));
      if (!responseDate) problems.push('response_date: enter the date as 2017-09-30 or 30/09/2017');
      else if (responseDate > options.today) problems.push('response_date: the date is in the future');
      const modeText = cellAt(cells, columns.mode).toLowerCase();
      const mode = modeText ? modeByName.get(modeText) : options.defaultMode;
      if (!mode) problems.push(`mode: give one of ${responseModes.join(', ')}`);
      const variantText = cellAt(cells, columns.variant).toLowerCase();
      const variant = variantText ? variantByName.get(variantText) : undefined;
      if (variantText && !variant) problems.push(`variant: give one of ${surveyVariants.join(', ')}`);
      const versionText = cellAt(cells, columns.version);
      const version = versionText ? Number(versionText) : undefined;
      if (versionText && !Number.isInteger(version))
        problems.push('version: give the version number, like 1');
      if (problems.length > 0 || !unitId || !responseDate || !mode) {
        result.refused += 1;
        options.onRow?.({ rowNumber, submissionId, outcome: 'refused', problems });
        continue;
      }
      const answers: Record<string, string> = {};
      for (const [index, field] of answerColumns) {
        const value = cells[index];
        if (value) answers[field] = value;
      }
      batch.push({
        rowNumber,
        response: {
          unitId,
          variant: variant ?? 'standard',
          language: cellAt(cells, columns.language) || 'en',
          mode,
          responseDate,
          submissionId,
          answers,
          version,
        },
      });
      if (batch.length >= batchSize) {
        await flush();
        options.onProgress?.(result.rows);
      }
    }
  await flush();
  await Promise.all(storing);
  options.onProgress?.(result.rows);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

async function* singly(rows: AsyncIterable<string[]>): AsyncGenerator<string[][]> {
  for await (const row of rows) yield [row];
}

/** A cell's trimmed text; blank for a column the file does not have (index -1). */
const cellAt = (cells: readonly string[], index: number) => (index >= 0 ? (cells[index] ?? '').trim() : '');

function isBlankRow(cells: string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false;
  return true;
}

/** The field a column holds: the one the mapping points at it, or the column's own name. */
function fieldOfColumn(columnName: string, mapping: ColumnMapping | undefined): string {
  const mapped = Object.entries(mapping ?? {}).find(
    ([, name]) => name.toLowerCase() === columnName.toLowerCase(),
  );
  return mapped ? mapped[0] : columnName.toLowerCase();
}

export function importSummary(result: ResponseImportResult): string {
  const verb = result.dryRun ? 'would be imported' : 'imported';
  return `${result.rows.toLocaleString('en-GB')} rows: ${result.imported.toLocaleString('en-GB')} ${verb}, ${result.alreadyImported.toLocaleString('en-GB')} already imported, ${result.refused.toLocaleString('en-GB')} refused (${Math.round(result.rows / Math.max(result.seconds, 0.001)).toLocaleString('en-GB')} rows a second).`;
}

export const describeImportRow = (report: ImportRowReport) =>
  `Row ${report.rowNumber}${report.submissionId ? ` (${report.submissionId})` : ''}: ${report.outcome === 'refused' ? 'refused' : 'already imported'} – ${report.problems.join('; ')}`;
