import { ukDate } from '#src/domains/calendar/index.ts';
import type { PlanProgress } from './rules.ts';
import type { ActionPlanRow } from './schema.ts';
import type { ActionsService } from './service.ts';
import { type TableFormat, writeCsv, writeDocx, writeXlsx } from './table-files.ts';
import { assuranceLevelNames, planSourceNames, statusNames, visitTypeNames } from './words.ts';

// A plan exported as the table it came in (CSV, Excel) or as a Word document for the committee it
// reports to, with its figures and assurance above the table. The pages and `heard actions export` share it.

export const exportFormats = ['csv', 'xlsx', 'docx'] as const;
export const isExportFormat = (format: string): format is TableFormat =>
  (exportFormats as readonly string[]).includes(format);

const contentTypes: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A file name from the plan's name: letters, digits and hyphens only. */
export function exportFileName(planName: string, format: TableFormat): string {
  const stem =
    planName
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase() || 'action-plan';
  return `${stem}.${format}`;
}

/** The plan's figures in words, for the committee: source, progress and assurance. */
export function committeeSummary(plan: ActionPlanRow, progress: PlanProgress, today: string): string[] {
  const source = plan.visitType
    ? `${planSourceNames[plan.source]}: ${visitTypeNames[plan.visitType]}`
    : planSourceNames[plan.source];
  const counts = (['completed', 'in-progress', 'overdue', 'not-started'] as const)
    .map((status) => `${statusNames[status].toLowerCase()} ${progress.counts[status]}`)
    .join(', ');
  return [
    `Source: ${source}${plan.sourceDescription ? ` (${plan.sourceDescription})` : ''}`,
    ...(plan.reportedTo ? [`Reported to: ${plan.reportedTo}`] : []),
    `Progress at ${ukDate(today)}: ${progress.counts.total} actions: ${counts}`,
    `Assurance: ${plan.assuranceLevel ? `${assuranceLevelNames[plan.assuranceLevel]}. ${plan.assuranceReason ?? ''}` : 'not yet assessed'}`,
  ];
}

export async function exportPlan(
  actions: ActionsService,
  orgId: string,
  planId: string,
  format: TableFormat,
) {
  const { plan, cells, progress } = await actions.planTable(orgId, planId);
  const content =
    format === 'csv'
      ? writeCsv(cells)
      : format === 'xlsx'
        ? await writeXlsx(plan.name, cells)
        : await writeDocx({
            title: plan.name,
            summary: committeeSummary(plan, progress, actions.today()),
            cells,
          });
  return { fileName: exportFileName(plan.name, format), contentType: contentTypes[format], content };
}
