export { mayManagePlans, mayUpdateAction } from './access.ts';
export {
  type ActionAlertCounts,
  type ActionAlertsConfig,
  actionAlertsSummary,
  queueActionAlerts,
  startActionAlerts,
} from './alerts.ts';
export { auditsService } from './audits.ts';
export { type LearningService, learningService } from './learning.ts';
export { exportFormats, exportPlan, isExportFormat } from './plan-export.ts';
export { checkPlanTable, cqcColumns, describeRow, type RowReport, tableColumns } from './plan-table.ts';
export { type ReportActionFigures, type ReportLearningTheme, reportActionFigures } from './report-figures.ts';
export {
  isOverdue,
  type PlanProgress,
  planProgress,
  reminderDate,
  shownStatus,
  todayInEngland,
} from './rules.ts';
export {
  type ActionsDependencies,
  type ActionsService,
  actionsService,
  type ImportResult,
  type NewPlan,
} from './service.ts';
export { type NewStatement, type StatementsService, statementsService } from './statements.ts';
export { readTableFile, type TableFormat } from './table-files.ts';
export { type UnitActionFigures, unitActionFigures } from './unit-figures.ts';
export {
  type AssuranceLevel,
  assuranceLevels,
  type PlanSource,
  planSources,
  type VisitType,
  visitTypes,
} from './words.ts';
