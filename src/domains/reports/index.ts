export {
  type Assurance,
  type AssuranceLevel,
  assuranceLevelNames,
  assuranceLevels,
  assuranceRules,
  proposeAssurance,
} from './assurance.ts';
export { barChartSvg, type Chart, type ChartTable, xmrChartSvg } from './charts.ts';
export { type FftSetting, fftSettingNames, fftSettings } from './fft-published.ts';
export {
  describePublishedRow,
  importPublishedFft,
  type PublishedImportResult,
  publishedImportSummary,
} from './fft-published-import.ts';
export { type Ko41aReturn, ko41aCsv, ko41aReturn } from './ko41a.ts';
export type { QuarterlyReport } from './quarterly.ts';
export { quarterlyReportFile, type ReportFormat, reportFormats } from './report-files.ts';
export { type ReportsService, reportsService } from './service.ts';
export {
  assuranceIcon,
  type Direction,
  direction,
  type ImprovementDirection,
  variationIcon,
  type XmrChart,
  xmrChart,
} from './spc.ts';
