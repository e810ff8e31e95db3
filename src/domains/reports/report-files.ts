import { createTemplateEnvironment } from '#src/web/views.ts';
import type { QuarterlyReport } from './quarterly.ts';
import { reportCharts } from './report-charts.ts';
import { quarterlyReportDocx } from './report-docx.ts';
import { quarterlyReportXlsx, tableCsv } from './report-xlsx.ts';
import { tablesFor } from './tables.ts';
import { quarterlyPage } from './views/quarterly-model.ts';

// The quarterly report in each format it is delivered in, for the page's downloads and for
// `heard report quarterly --format …`: the same tables and charts every time.

export const reportFormats = ['json', 'html', 'docx', 'xlsx'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export interface ReportFile {
  contentType: string;
  extension: string;
  body: Buffer | string;
}

export function reportFileName(report: QuarterlyReport, extension: string, suffix = ''): string {
  return `service-experience-report-${report.organisation.odsCode}-${report.period.code.replace('/', '-')}${suffix}.${extension}`;
}

let environment: ReturnType<typeof createTemplateEnvironment> | undefined;

/** The report as one self-contained HTML document, styled for print, with no script. */
export function quarterlyReportHtml(report: QuarterlyReport, { suppress }: { suppress: boolean }): string {
  environment ??= createTemplateEnvironment();
  const model = quarterlyPage({
    report,
    tables: tablesFor(report, { suppress }),
    charts: reportCharts(report, { suppress }),
    suppress,
    query: '',
    mayAssure: false,
  });
  // No CSV links in a document that stands alone.
  for (const section of model.sections)
    for (const block of section.blocks) if (block.kind === 'table') block.table.csvHref = '';
  return environment.render('reports/views/quarterly-document.njk', model);
}

export async function quarterlyReportFile(
  report: QuarterlyReport,
  format: ReportFormat,
  { suppress = false }: { suppress?: boolean } = {},
): Promise<ReportFile> {
  switch (format) {
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        extension: 'json',
        body: `${JSON.stringify(report, null, 2)}\n`,
      };
    case 'html':
      return {
        contentType: 'text/html; charset=utf-8',
        extension: 'html',
        body: quarterlyReportHtml(report, { suppress }),
      };
    case 'docx':
      return {
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        extension: 'docx',
        body: await quarterlyReportDocx(
          report,
          tablesFor(report, { suppress }),
          reportCharts(report, { suppress }),
        ),
      };
    case 'xlsx':
      return {
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        extension: 'xlsx',
        body: await quarterlyReportXlsx(report, tablesFor(report, { suppress })),
      };
  }
}

/** One table of the report as CSV, or null if it has no such table. */
export function quarterlyTableCsv(
  report: QuarterlyReport,
  tableId: string,
  { suppress }: { suppress: boolean },
): string | null {
  const table = tablesFor(report, { suppress }).find((candidate) => candidate.id === tableId);
  return table ? tableCsv(table) : null;
}
