import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import type { Actor } from '#src/web/principal.ts';
import {
  type FftSetting,
  headerProblems,
  type PublishedDefaults,
  type PublishedHeader,
  type PublishedRow,
  publishedHeader,
  readPublishedRow,
} from './fft-published.ts';
import { publishedFft } from './schema.ts';

// `heard import fft-published FILE`: NHS England's published FFT data into published_fft, for the
// report's comparison with peer trusts and the national figure. Every row is read and reported;
// nothing is stored while any row is refused; a row already held with the same figures is
// unchanged, one with different figures (NHS England revises) is updated, so importing the same
// file twice changes nothing. One audit event per import, naming the months and counts.

export type PublishedRowOutcome = 'added' | 'updated' | 'unchanged' | 'skipped' | 'refused';

export interface PublishedRowReport {
  rowNumber: number;
  outcome: PublishedRowOutcome;
  text: string;
}

export interface PublishedImportResult {
  dryRun: boolean;
  /** Problems with the file as a whole (no header, a column missing). */
  fileProblems: string[];
  rows: PublishedRowReport[];
  counts: Record<PublishedRowOutcome, number>;
  months: string[];
}

export function describePublishedRow(row: PublishedRowReport): string {
  return `Row ${row.rowNumber}: ${row.outcome} – ${row.text}`;
}

export function publishedImportSummary(result: PublishedImportResult): string {
  if (result.fileProblems.length > 0) return 'The file cannot be used, so nothing was imported.';
  const { counts } = result;
  const would = result.dryRun ? 'would be ' : '';
  const refusedNote =
    counts.refused > 0
      ? ` Nothing was ${result.dryRun ? 'checked for storing' : 'imported'} because ${counts.refused} ${counts.refused === 1 ? 'row was' : 'rows were'} refused.`
      : '';
  return `${result.rows.length} rows read: ${counts.added} ${would}added, ${counts.updated} ${would}updated, ${counts.unchanged} unchanged, ${counts.skipped} skipped, ${counts.refused} refused.${refusedNote}`;
}

const sameFigures = (held: typeof publishedFft.$inferSelect, row: PublishedRow) =>
  held.providerName === row.providerName &&
  held.responses === row.responses &&
  held.positive === row.positive &&
  held.negative === row.negative &&
  [held.answer1, held.answer2, held.answer3, held.answer4, held.answer5, held.answer6].join() ===
    (row.answers ?? [null, null, null, null, null, null]).join();

const keyOf = (row: { setting: string; month: string; providerCode: string }) =>
  `${row.setting}|${row.month}|${row.providerCode}`;

export async function importPublishedFft(
  db: Database,
  orgId: string,
  actor: Actor,
  rows: AsyncIterable<string[]>,
  { dryRun, month, setting }: { dryRun: boolean; month?: string; setting?: FftSetting },
): Promise<PublishedImportResult> {
  const defaults: PublishedDefaults = { month, setting };
  const result: PublishedImportResult = {
    dryRun,
    fileProblems: [],
    rows: [],
    counts: { added: 0, updated: 0, unchanged: 0, skipped: 0, refused: 0 },
    months: [],
  };
  let header: PublishedHeader | null = null;
  let rowNumber = 0;
  const read: { rowNumber: number; row: PublishedRow }[] = [];
  const seen = new Map<string, number>();
  const report = (entry: PublishedRowReport) => {
    result.rows.push(entry);
    result.counts[entry.outcome] += 1;
  };
  for await (const cells of rows) {
    rowNumber += 1;
    if (!header) {
      // Published workbooks have title rows above the header: the header is the first row naming
      // an organisation code and the total responses.
      header = publishedHeader(cells);
      if (header) {
        result.fileProblems = headerProblems(header, defaults);
        if (result.fileProblems.length > 0) return result;
      }
      continue;
    }
    const reading = readPublishedRow(cells, header, defaults);
    if (reading.kind === 'skipped') {
      if (reading.reason !== 'an empty row') report({ rowNumber, outcome: 'skipped', text: reading.reason });
      continue;
    }
    if (reading.kind === 'refused') {
      report({ rowNumber, outcome: 'refused', text: reading.problem });
      continue;
    }
    const key = keyOf(reading.row);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report({
        rowNumber,
        outcome: 'refused',
        text: `${reading.row.providerCode} for ${reading.row.month.slice(0, 7)} is already on row ${earlier}`,
      });
      continue;
    }
    seen.set(key, rowNumber);
    read.push({ rowNumber, row: reading.row });
  }
  if (!header) {
    result.fileProblems = [
      'No row names the columns: the file needs a header with at least Org Code and Total Responses',
    ];
    return result;
  }
  result.months = [...new Set(read.map(({ row }) => row.month.slice(0, 7)))].sort();
  const store = async (tx: OrgTransaction) => {
    const held = new Map<string, typeof publishedFft.$inferSelect>();
    for (const [settingHeld, months] of groupMonths(read.map(({ row }) => row))) {
      const found = await tx
        .select()
        .from(publishedFft)
        .where(
          and(
            eq(publishedFft.orgId, orgId),
            eq(publishedFft.setting, settingHeld),
            inArray(publishedFft.month, months),
          ),
        );
      for (const row of found) held.set(keyOf(row), row);
    }
    const reports: PublishedRowReport[] = [];
    const writes: (typeof publishedFft.$inferInsert)[] = [];
    for (const { rowNumber: number, row } of read) {
      const before = held.get(keyOf(row));
      const outcome: PublishedRowOutcome = !before
        ? 'added'
        : sameFigures(before, row)
          ? 'unchanged'
          : 'updated';
      reports.push({
        rowNumber: number,
        outcome,
        text: `${row.providerCode} ${row.providerName}, ${row.month.slice(0, 7)}: ${row.responses} responses, ${row.positive} positive`,
      });
      if (outcome !== 'unchanged') {
        writes.push({
          orgId,
          month: row.month,
          setting: row.setting,
          providerCode: row.providerCode,
          providerName: row.providerName,
          responses: row.responses,
          positive: row.positive,
          negative: row.negative,
          answer1: row.answers?.[0] ?? null,
          answer2: row.answers?.[1] ?? null,
          answer3: row.answers?.[2] ?? null,
          answer4: row.answers?.[3] ?? null,
          answer5: row.answers?.[4] ?? null,
          answer6: row.answers?.[5] ?? null,
        });
      }
    }
    return { reports, writes };
  };
  await withOrg(db, orgId, async (tx) => {
    const { reports, writes } = await store(tx);
    for (const entry of reports) report(entry);
    if (dryRun || result.counts.refused > 0 || writes.length === 0) return;
    for (let start = 0; start < writes.length; start += 500) {
      const batch = writes.slice(start, start + 500);
      await tx
        .insert(publishedFft)
        .values(batch)
        .onConflictDoUpdate({
          target: [publishedFft.orgId, publishedFft.setting, publishedFft.month, publishedFft.providerCode],
          set: {
            updatedAt: sql`now()`,
            ...Object.fromEntries(
              (
                [
                  'providerName',
                  'responses',
                  'positive',
                  'negative',
                  'answer1',
                  'answer2',
                  'answer3',
                  'answer4',
                  'answer5',
                  'answer6',
                ] as const
              ).map((field) => [field, sqlExcluded(field)]),
            ),
          },
        });
    }
    await recordAudit(tx, orgId, actor, {
      action: 'fft-published.imported',
      entityType: 'published-fft',
      entityId: null,
      after: {
        months: result.months,
        added: result.counts.added,
        updated: result.counts.updated,
        unchanged: result.counts.unchanged,
      },
    });
  });
  result.rows.sort((a, b) => a.rowNumber - b.rowNumber);
  return result;
}

function groupMonths(rows: readonly PublishedRow[]): Map<string, string[]> {
  const bySetting = new Map<string, Set<string>>();
  for (const row of rows) {
    const months = bySetting.get(row.setting) ?? new Set<string>();
    months.add(row.month);
    bySetting.set(row.setting, months);
  }
  return new Map([...bySetting].map(([setting, months]) => [setting, [...months]]));
}

const columnNames = {
  providerName: 'provider_name',
  responses: 'responses',
  positive: 'positive',
  negative: 'negative',
  answer1: 'answer_1',
  answer2: 'answer_2',
  answer3: 'answer_3',
  answer4: 'answer_4',
  answer5: 'answer_5',
  answer6: 'answer_6',
} as const;

function sqlExcluded(field: keyof typeof columnNames) {
  return sql.raw(`excluded.${columnNames[field]}`);
}
