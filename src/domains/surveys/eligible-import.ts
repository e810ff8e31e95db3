import type { Database } from '#src/db/engine.ts';
import { listUnits } from '#src/domains/organisations/index.ts';
import type { Actor } from '#src/web/principal.ts';
import { setEligibleCounts } from './service.ts';

// Importing the number of people each unit could have asked each month (from the patient
// administration system's discharges or contacts): the response rate's denominator. Columns
// unit_code, month (YYYY-MM) and eligible; a month given again replaces the number.

export interface EligibleImportResult {
  rows: number;
  saved: number;
  refused: { rowNumber: number; problem: string }[];
}

export async function importEligibleCounts(
  db: Database,
  orgId: string,
  actor: Actor,
  surveyCode: string,
  rows: AsyncIterable<string[]>,
  { dryRun }: { dryRun: boolean },
): Promise<EligibleImportResult> {
  const units = new Map((await listUnits(db, orgId)).map((unit) => [unit.code.toUpperCase(), unit.unitId]));
  const result: EligibleImportResult = { rows: 0, saved: 0, refused: [] };
  const entries: { unitId: string; month: string; eligible: number }[] = [];
  let header: string[] | null = null;
  let rowNumber = 0;
  for await (const cells of rows) {
    rowNumber += 1;
    if (!header) {
      header = cells.map((cell) => cell.trim().toLowerCase());
      continue;
    }
    const cell = (name: string) => (cells[header?.indexOf(name) ?? -1] ?? '').trim();
    if (cells.every((value) => value.trim() === '')) continue;
    result.rows += 1;
    const unitId = units.get(cell('unit_code').toUpperCase());
    const month = cell('month');
    const eligible = cell('eligible');
    const problem = !unitId
      ? `unit_code: ${cell('unit_code') || 'nothing'} is not the code of a unit`
      : !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)
        ? 'month: enter the month as YYYY-MM, like 2017-09'
        : !/^\d{1,7}$/.test(eligible)
          ? 'eligible: enter the number of people as a whole number, like 120'
          : null;
    if (problem || !unitId) {
      result.refused.push({ rowNumber, problem: problem ?? 'This row cannot be used' });
      continue;
    }
    entries.push({ unitId, month, eligible: Number(eligible) });
  }
  if (!dryRun && entries.length > 0) await setEligibleCounts(db, orgId, actor, surveyCode, entries);
  result.saved = entries.length;
  return result;
}
