import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  closingProblem,
  isCalendarDate,
  openingProblem,
  parentProblem,
  type UnitNode,
  ukDate,
  unitCodeProblem,
  unitNameProblem,
} from './rules.ts';
import { type UnitKind, unitKinds } from './schema.ts';

// Checking a unit-tree CSV against the organisation's units, with no I/O: the service reads
// the units, asks for a plan here and applies it only when no row has a problem.

export interface ImportRowReport {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  rowNumber: number;
  code?: string;
  outcome: 'create' | 'update' | 'unchanged' | 'error';
  messages: string[];
}

export interface ImportReport {
  rows: ImportRowReport[];
  created: number;
  updated: number;
  errors: number;
  applied: boolean;
}

/** A unit as the file says it should be once imported; parentCode null means at the top. */
export interface PlannedUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  activeFrom: string;
  activeTo: string | null;
}

export interface UnitImportPlan {
  report: ImportReport;
  /** New units, each after its parent. */
  creates: PlannedUnit[];
  updates: { unitId: string; unit: PlannedUnit }[];
}

export const importColumns = ['code', 'name', 'kind', 'parent_code', 'active_from', 'active_to'] as const;
type ImportColumn = (typeof importColumns)[number];
const requiredColumns: readonly ImportColumn[] = ['code', 'name', 'kind'];

const columnList = 'code, name, kind, parent_code, active_from and active_to';

/** Checks every row of `csvText` against `existing` units and says what importing it would do. */
export function planUnitImport(
  csvText: string,
  existing: readonly UnitNode[],
  today: string,
): UnitImportPlan {
  const table = readTable(csvText);
  if ('problem' in table) return failedPlan(table.problem);
  const rows = table.rows.map(checkRowValues);
  markRepeatedCodes(rows);
  const state = finalState(rows, existing, today);
  for (const row of rows) if (row.values) checkRowInTree(row, row.values, state, today);
  return planFrom(rows, state);
}

/** One line of the report for a person reading it: "Row 7: parent_code WARD9 is not in …". */
export function describeImportRow(row: ImportRowReport, applied: boolean): string {
  if (row.outcome === 'error') return `Row ${row.rowNumber}: ${row.messages.join('; ')}`;
  const done = { create: 'created', update: 'updated', unchanged: 'unchanged' }[row.outcome];
  const planned = { create: 'will be created', update: 'will be updated', unchanged: 'unchanged' }[
    row.outcome
  ];
  return `Row ${row.rowNumber}: ${row.code} ${applied ? done : planned}`;
}

export function importSummary(report: ImportReport): string {
  const unchanged = report.rows.filter((row) => row.outcome === 'unchanged').length;
  if (report.errors > 0) {
    const rows = report.errors === 1 ? '1 row has a problem' : `${report.errors} rows have problems`;
    return `${rows}, so nothing was imported.`;
  }
  const counts = `${report.created} to create, ${report.updated} to update, ${unchanged} unchanged`;
  if (!report.applied) return `Checked: ${counts}. Nothing has been changed yet.`;
  return `Imported: ${report.created} created, ${report.updated} updated, ${unchanged} unchanged.`;
}

// --- reading the file ---

interface RawRow {
  rowNumber: number;
  cells: Partial<Record<ImportColumn, string>>;
  extraValues: boolean;
}

function readTable(csvText: string): { rows: RawRow[] } | { problem: ImportRowReport } {
  let records: string[][];
  try {
    records = parse(csvText, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const records = typeof error.records === 'number' ? error.records : 0;
    return { problem: problemRow(records + 1, [`the file cannot be read as CSV: ${csvProblem(error)}`]) };
  }
  const [header, ...body] = records;
  if (!header || header.every((cell) => cell.trim() === '')) {
    return {
      problem: problemRow(1, [`the file is empty: its first row should name the columns ${columnList}`]),
    };
  }
  const columns = readHeader(header);
  if ('messages' in columns) return { problem: problemRow(1, columns.messages) };
  const rows = body
    .map((cells, index) => toRawRow(cells, columns.columns, index + 2))
    .filter((row) => Object.values(row.cells).some((value) => value.trim() !== '') || row.extraValues);
  if (rows.length === 0) return { problem: problemRow(1, ['the file has no units below its header row']) };
  return { rows };
}

function csvProblem(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted value has no closing quote';
  if (error.code === 'INVALID_OPENING_QUOTE' || error.code === 'CSV_INVALID_CLOSING_QUOTE') {
    return 'a quote mark is in the middle of a value; put the whole value in quotes and double the quote mark';
  }
  return error.message;
}

function readHeader(header: string[]): { columns: (ImportColumn | null)[] } | { messages: string[] } {
  const names = header.map((cell) => cell.trim().toLowerCase());
  const messages: string[] = [];
  for (const name of names) {
    if (name !== '' && !importColumns.includes(name as ImportColumn)) {
      messages.push(`the header row has a column "${name}" that Heard does not know: use ${columnList}`);
    }
  }
  for (const column of importColumns) {
    const count = names.filter((name) => name === column).length;
    if (count > 1) messages.push(`the header row has the column ${column} more than once`);
    if (count === 0 && requiredColumns.includes(column))
      messages.push(`the header row has no ${column} column`);
  }
  if (messages.length > 0) return { messages };
  return { columns: names.map((name) => (name === '' ? null : (name as ImportColumn))) };
}

function toRawRow(cells: string[], columns: (ImportColumn | null)[], rowNumber: number): RawRow {
  const row: RawRow = { rowNumber, cells: {}, extraValues: false };
  cells.forEach((value, index) => {
    const column = columns[index];
    if (column) row.cells[column] = value;
    else if (value.trim() !== '') row.extraValues = true;
  });
  return row;
}

// --- checking each row's own values ---

/** A date as written in the file: ISO, or the DD/MM/YYYY that spreadsheets in England save. */
export function importDate(value: string): string | null {
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  const iso = uk ? `${uk[3]}-${uk[2]?.padStart(2, '0')}-${uk[1]?.padStart(2, '0')}` : value;
  return isCalendarDate(iso) ? iso : null;
}

const requiredCell = (column: ImportColumn, problemOf: (value: string) => string | null) =>
  z
    .string()
    .default('')
    .transform((value) => value.trim())
    .superRefine((value, ctx) => {
      const problem = value === '' ? `${column} is blank` : problemOf(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

const dateCell = (column: ImportColumn) =>
  z
    .string()
    .default('')
    .transform((value, ctx) => {
      const written = value.trim();
      if (written === '') return null;
      const date = importDate(written);
      if (date === null) {
        ctx.addIssue({
          code: 'custom',
          message: `${column} "${written}" is not a real date: write it as YYYY-MM-DD, like 2024-04-01`,
        });
        return z.NEVER;
      }
      return date;
    });

const rowSchema = z.object({
  code: requiredCell('code', unitCodeProblem),
  name: requiredCell('name', unitNameProblem),
  kind: requiredCell('kind', (kind) =>
    unitKinds.includes(kind.toLowerCase() as UnitKind)
      ? null
      : `kind "${kind}" is not one of: ${unitKinds.join(', ')}`,
  ).transform((kind) => kind.toLowerCase() as UnitKind),
  parent_code: z
    .string()
    .default('')
    .transform((value) => value.trim() || null),
  active_from: dateCell('active_from'),
  active_to: dateCell('active_to'),
});
type RowValues = z.infer<typeof rowSchema>;

interface CheckedRow {
  rowNumber: number;
  code?: string;
  /** Present when the row's own values are all valid. */
  values?: RowValues;
  messages: string[];
}

function checkRowValues(raw: RawRow): CheckedRow {
  const parsed = rowSchema.safeParse(raw.cells);
  const code = raw.cells.code?.trim() || undefined;
  const messages = raw.extraValues ? ['the row has more values than the header row has columns'] : [];
  if (!parsed.success)
    return { rowNumber: raw.rowNumber, code, messages: [...messages, ...issueMessages(parsed.error)] };
  return { rowNumber: raw.rowNumber, code, values: messages.length ? undefined : parsed.data, messages };
}

const issueMessages = (error: z.ZodError) => error.issues.map((issue) => issue.message);

const keyOf = (code: string) => code.toUpperCase();

function markRepeatedCodes(rows: CheckedRow[]) {
  const firstRow = new Map<string, number>();
  for (const row of rows) {
    if (!row.code) continue;
    const first = firstRow.get(keyOf(row.code));
    if (first === undefined) firstRow.set(keyOf(row.code), row.rowNumber);
    else {
      row.messages.push(`code ${row.code} is also on row ${first}`);
      row.values = undefined;
    }
  }
}

// --- checking the rows against each other and the organisation ---

/** The organisation's units as they would be after the import. */
interface FinalState {
  byKey: Map<string, UnitNode>;
  byId: Map<string, UnitNode>;
  existingByKey: Map<string, UnitNode>;
  /** Codes given on some row of the file, valid or not. */
  fileKeys: Set<string>;
  /** Codes whose row in the file has a problem of its own: nothing more is checked against them. */
  brokenKeys: Set<string>;
}

const newUnitId = (key: string) => `new:${key}`;

function finalState(rows: CheckedRow[], existing: readonly UnitNode[], today: string): FinalState {
  const existingByKey = new Map(existing.map((unit) => [keyOf(unit.code), unit]));
  const byKey = new Map(existingByKey);
  const fileKeys = new Set(rows.flatMap((row) => (row.code ? [keyOf(row.code)] : [])));
  const brokenKeys = new Set(rows.flatMap((row) => (row.code && !row.values ? [keyOf(row.code)] : [])));
  const idOfKey = (key: string) => existingByKey.get(key)?.unitId ?? newUnitId(key);
  for (const row of rows) {
    if (!row.values) continue;
    const key = keyOf(row.values.code);
    const before = existingByKey.get(key);
    const parentKey = row.values.parent_code ? keyOf(row.values.parent_code) : null;
    byKey.set(key, {
      unitId: idOfKey(key),
      parentUnitId: parentKey === null ? null : idOfKey(parentKey),
      code: row.values.code,
      name: row.values.name,
      kind: row.values.kind,
      activeFrom: row.values.active_from ?? before?.activeFrom ?? today,
      activeTo: row.values.active_to,
    });
  }
  const byId = new Map([...byKey.values()].map((unit) => [unit.unitId, unit]));
  return { byKey, byId, existingByKey, fileKeys, brokenKeys };
}

function checkRowInTree(row: CheckedRow, values: RowValues, state: FinalState, today: string) {
  const unit = state.byKey.get(keyOf(values.code));
  if (!unit) return;
  const problems: (string | null)[] = [];
  if (unit.activeTo !== null && unit.activeTo < unit.activeFrom) {
    problems.push(`active_to ${ukDate(unit.activeTo)} is before active_from ${ukDate(unit.activeFrom)}`);
  }
  if (values.parent_code) problems.push(...parentProblems(unit, values.parent_code, state, today));
  const childrenOutsideFile = [...state.existingByKey.values()].filter(
    (child) => child.parentUnitId === unit.unitId && !state.fileKeys.has(keyOf(child.code)),
  );
  problems.push(closingProblem(unit, childrenOutsideFile, unit.activeTo));
  problems.push(openingProblem(unit, childrenOutsideFile, unit.activeFrom));
  row.messages.push(...problems.filter((problem): problem is string => problem !== null));
}

function parentProblems(unit: UnitNode, parentCode: string, state: FinalState, today: string) {
  const parentKey = keyOf(parentCode);
  if (parentKey === keyOf(unit.code)) return [`parent_code ${parentCode} is the unit's own code`];
  if (!state.fileKeys.has(parentKey) && !state.existingByKey.has(parentKey)) {
    return [`parent_code ${parentCode} is not in the file or the organisation`];
  }
  if (state.brokenKeys.has(parentKey)) return [];
  if (isBelow(state, parentKey, unit.unitId)) {
    return [`parent_code ${parentCode} is below ${unit.code}, so ${unit.code} cannot be put under it`];
  }
  return [parentProblem(unit, state.byKey.get(parentKey) ?? null, today)];
}

/** Whether the unit with `key` sits anywhere below `ancestorId` once the import is done. */
function isBelow(state: FinalState, key: string, ancestorId: string): boolean {
  const seen = new Set<string>();
  for (let unit = state.byKey.get(key); unit && !seen.has(unit.unitId); ) {
    if (unit.unitId === ancestorId) return true;
    seen.add(unit.unitId);
    unit = unit.parentUnitId === null ? undefined : state.byId.get(unit.parentUnitId);
  }
  return false;
}

// --- the plan ---

function planFrom(rows: CheckedRow[], state: FinalState): UnitImportPlan {
  const reportRows: ImportRowReport[] = [];
  const creates: PlannedUnit[] = [];
  const updates: UnitImportPlan['updates'] = [];
  for (const row of rows) {
    const unit =
      row.values && row.messages.length === 0 ? state.byKey.get(keyOf(row.values.code)) : undefined;
    if (!unit) {
      reportRows.push({ rowNumber: row.rowNumber, code: row.code, outcome: 'error', messages: row.messages });
      continue;
    }
    const planned = plannedUnit(unit, state);
    const before = state.existingByKey.get(keyOf(unit.code));
    const outcome = !before ? 'create' : sameUnit(before, unit) ? 'unchanged' : 'update';
    if (outcome === 'create') creates.push(planned);
    if (outcome === 'update') updates.push({ unitId: unit.unitId, unit: planned });
    reportRows.push({ rowNumber: row.rowNumber, code: unit.code, outcome, messages: [] });
  }
  const errors = reportRows.filter((row) => row.outcome === 'error').length;
  return {
    report: {
      rows: reportRows,
      created: errors ? 0 : creates.length,
      updated: errors ? 0 : updates.length,
      errors,
      applied: false,
    },
    creates: errors ? [] : parentsFirst(creates),
    updates: errors ? [] : updates,
  };
}

function plannedUnit(unit: UnitNode, state: FinalState): PlannedUnit {
  const parent = unit.parentUnitId === null ? undefined : state.byId.get(unit.parentUnitId);
  return {
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parentCode: parent?.code ?? null,
    activeFrom: unit.activeFrom,
    activeTo: unit.activeTo,
  };
}

const sameUnit = (a: UnitNode, b: UnitNode) =>
  a.code === b.code &&
  a.name === b.name &&
  a.kind === b.kind &&
  a.parentUnitId === b.parentUnitId &&
  a.activeFrom === b.activeFrom &&
  a.activeTo === b.activeTo;

function parentsFirst(creates: PlannedUnit[]): PlannedUnit[] {
  const byKey = new Map(creates.map((unit) => [keyOf(unit.code), unit]));
  const ordered: PlannedUnit[] = [];
  const placed = new Set<string>();
  const place = (unit: PlannedUnit) => {
    const key = keyOf(unit.code);
    if (placed.has(key)) return;
    placed.add(key);
    const parent = unit.parentCode ? byKey.get(keyOf(unit.parentCode)) : undefined;
    if (parent) place(parent);
    ordered.push(unit);
  };
  creates.forEach(place);
  return ordered;
}

function problemRow(rowNumber: number, messages: string[]): ImportRowReport {
  return { rowNumber, outcome: 'error', messages };
}

function failedPlan(problem: ImportRowReport): UnitImportPlan {
  return {
    report: { rows: [problem], created: 0, updated: 0, errors: 1, applied: false },
    creates: [],
    updates: [],
  };
}

/**
 * The text of an uploaded file: UTF-8 (with or without a byte-order mark), or else the
 * Windows-1252 that Excel's plain "CSV" format still saves, so that names such as "Fée" survive.
 */
export function decodeCsvFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
