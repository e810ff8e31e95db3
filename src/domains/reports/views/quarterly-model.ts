import { ukDate } from '#src/domains/calendar/index.ts';
import { type AssuranceLevel, assuranceLevelNames, assuranceLevels } from '../assurance.ts';
import type { Chart } from '../charts.ts';
import type { QuarterlyReport } from '../quarterly.ts';
import { quarterlyOutline } from '../report-outline.ts';
import { type Cell, type ReportTable, suppressedMark } from '../tables.ts';

// The quarterly report page's view model: the report's tables and charts in the seed report's
// order, each cell formatted, each chart with its data table; the downloads; and, for those who
// may, the form to set an assurance level with a reason.

export interface TableView {
  id: string;
  title: string;
  head: { text: string; numeric: boolean }[];
  rows: { cells: { text: string; numeric: boolean }[]; total: boolean }[];
  notes: string[];
  csvHref: string;
}

export interface ChartView {
  id: string;
  title: string;
  svg: string;
  table: TableView;
}

export type Block =
  | { kind: 'table'; table: TableView }
  | { kind: 'chart'; chart: ChartView }
  | { kind: 'text'; text: string };

export interface SectionView {
  id: string;
  heading: string;
  blocks: Block[];
}

const formatted = (value: Cell) =>
  value === null ? '' : typeof value === 'number' ? value.toLocaleString('en-GB') : value;
const isNumeric = (value: Cell) =>
  typeof value === 'number' ||
  value === suppressedMark ||
  (typeof value === 'string' && /^\d+%$/.test(value));

export function tableView(table: ReportTable, csvHref: string): TableView {
  const numericColumns = table.columns.map(
    (_, index) =>
      table.rows.length > 0 && table.rows.every((row) => row[index] === '' || isNumeric(row[index] ?? null)),
  );
  return {
    id: table.id,
    title: table.title,
    head: table.columns.map((text, index) => ({ text, numeric: numericColumns[index] ?? false })),
    rows: table.rows.map((row, rowIndex) => ({
      cells: row.map((value, index) => ({ text: formatted(value), numeric: numericColumns[index] ?? false })),
      total: table.totalRows.includes(rowIndex),
    })),
    notes: table.notes,
    csvHref,
  };
}

function chartView(chart: Chart): ChartView {
  return {
    id: chart.id,
    title: chart.title,
    svg: chart.svg,
    table: tableView(
      {
        id: `${chart.id}-data`,
        title: chart.table.caption,
        columns: chart.table.columns,
        rows: chart.table.rows,
        totalRows: [],
        countColumns: [],
        notes: [],
      },
      '',
    ),
  };
}

export interface QuarterlyPageInput {
  report: QuarterlyReport;
  tables: readonly ReportTable[];
  charts: readonly Chart[];
  suppress: boolean;
  /** Where downloads and table CSVs are linked from (the page's own query string). */
  query: string;
  mayAssure: boolean;
  form?: {
    values: Record<string, unknown>;
    errors: Record<string, string>;
    errorList: { text?: string; href: string }[];
  };
}

export function quarterlyPage(input: QuarterlyPageInput) {
  const { report, suppress, query } = input;
  const tableBlocks = (id: string): Block[] =>
    input.tables
      .filter((candidate) => candidate.id === id)
      .map((found) => ({
        kind: 'table',
        table: tableView(found, `/reports/quarterly/csv?${query}&table=${found.id}`),
      }));
  const chartBlocks = (id: string): Block[] =>
    input.charts
      .filter((candidate) => candidate.id === id)
      .map((found) => ({ kind: 'chart', chart: chartView(found) }));
  const sections: SectionView[] = quarterlyOutline(report).map((section) => ({
    id: section.id,
    heading: section.heading,
    blocks: section.pending
      ? [{ kind: 'text', text: section.pending }]
      : section.blocks.flatMap((block) =>
          block.kind === 'table' ? tableBlocks(block.id) : chartBlocks(block.id),
        ),
  }));
  const own = `/reports/quarterly/download?${query}`;
  const values = input.form?.values ?? {};
  return {
    pageTitle: `Service experience report, ${report.period.label}`,
    organisationName: report.organisation.name,
    periodText: `${ukDate(report.period.start)} to ${ukDate(report.period.end)}`,
    generatedAt: report.generatedAt,
    report,
    suppress,
    sections,
    contents: sections.map((section) => ({ href: `#${section.id}`, text: section.heading })),
    downloads: [
      { href: `${own}&format=docx`, text: 'Word document (DOCX)' },
      { href: `${own}&format=xlsx`, text: 'Excel workbook with every table (XLSX)' },
      { href: `${own}&format=json`, text: 'Data (JSON)' },
      { href: `${own}&format=html`, text: 'Printable page (HTML)' },
    ],
    publishHref: suppress
      ? `/reports/quarterly?quarter=${encodeURIComponent(report.period.code)}`
      : `/reports/quarterly?quarter=${encodeURIComponent(report.period.code)}&publish=yes`,
    mayAssure: input.mayAssure,
    assurance: input.mayAssure
      ? {
          quarter: report.period.code,
          measures: [
            { value: '', text: 'Select a measure' },
            ...report.assessments.map((row) => ({
              value: row.key,
              text: `${row.locality ? `${row.locality}: complaints received` : row.name} (now ${assuranceLevelNames[row.assurance.level].toLowerCase()})`,
              selected: values.measureKey === row.key,
            })),
          ],
          levels: assuranceLevels.map((level: AssuranceLevel) => ({
            value: level,
            text: assuranceLevelNames[level],
            checked: values.level === level,
          })),
          reason: typeof values.reason === 'string' ? values.reason : '',
          errors: input.form?.errors ?? {},
        }
      : null,
    hasErrors: (input.form?.errorList.length ?? 0) > 0,
    errorList: input.form?.errorList ?? [],
  };
}
