export { maySeePersonalData, personalDataFields } from './access.ts';
export {
  type CaseAlertCounts,
  type CaseAlertsConfig,
  caseAlertsSummary,
  queueCaseAlerts,
  startCaseAlerts,
} from './alerts.ts';
// Checking a file's type from its bytes, its name and its download header: the actions domain keeps
// evidence files under the same rules as case attachments.
export {
  type AttachmentType,
  allowedKindsInWords,
  attachmentTypeOf,
  downloadDisposition,
  safeFileName,
} from './attachment-types.ts';
export type { CaseFilters, ComplaintDeadlines } from './case-reads.ts';
export {
  type EscalationSource,
  type EscalationTarget,
  escalationProblem,
  isEscalated,
} from './concerns.ts';
export {
  acknowledgedOnTime,
  acknowledgementDueDate,
  acknowledgementWorkingDays,
  agreedResponseDate,
  type DeadlineStatus,
  deadlineStatus,
  defaultResponseTargetWorkingDays,
  type Extension,
  type ExtensionProblems,
  extensionProblems,
  latestAgreedResponseDate,
  type ResponseTimeliness,
  relevantPeriodEnd,
  responseTimeliness,
  statutoryResponseDate,
  statutoryResponseMonths,
} from './deadlines.ts';
export {
  coveredByComplaintsRegulations,
  oralComplaintResolvedNextWorkingDay,
  regulationsStart,
  type TimeLimitCheck,
  type TimeLimitDecision,
  timeLimitAllowsInvestigation,
  timeLimitCheck,
  timeLimitMonths,
  timeLimitProblem,
  timeLimitWaived,
} from './eligibility.ts';
export {
  type CaseFigures,
  type ComplaintFigures,
  type ConcernStaffGroupCount,
  caseFigures,
  caseFiguresOfPeriods,
  type LocalityCount,
  type LocalityCounts,
  otherContactKinds,
  type ReceivedFigures,
  type StaffGroupCount,
} from './figures.ts';
export {
  type CaseFile,
  type CaseImportResult,
  type CaseImportRow,
  caseImporter,
  caseImportSpeed,
  caseImportSummary,
  columnNotes,
  describeCaseImportRow,
  parseMapping,
} from './import/index.ts';
export type { NewIssue, NewRecord, TimeLimitDecisionInput } from './inputs.ts';
export {
  type Channel,
  channelNames,
  channels,
  type FeedbackKind,
  feedbackKindNames,
  feedbackKinds,
  isOral,
  oralChannels,
} from './kinds-and-channels.ts';
export { clinicalTreatmentSubject } from './ko41a-codes.ts';
export { type CaseLearningPoint, caseLearningPointsBetween } from './learning-reads.ts';
export {
  type AgreedExtension,
  acknowledgedWithinThreeWorkingDays,
  closedWithinAgreedTimescale,
  escalationRate,
  type Measure,
  measure,
  responseDateInForce,
  wholePercent,
} from './measures.ts';
export {
  closingProblem,
  type IssueOutcome,
  issueOutcomeNames,
  issueOutcomes,
  type OverallOutcome,
  overallOutcome,
  overallOutcomeNames,
  type Reopening,
  reopened,
  reopeningProblem,
} from './outcomes.ts';
export {
  BrokenReferenceList,
  offeredItems,
  type ReferenceItem,
  type ReferenceList,
  type ReferenceLists,
  readReferenceLists,
  referenceLists,
  type StaffGroup,
} from './reference-lists.ts';
export { recordReference, referencePrefixes } from './references.ts';
export { recordIdsReceived } from './report-reads.ts';
export { isDueForRetentionReview, retentionReviewDate, retentionYears } from './retention.ts';
export {
  type ComplaintForReturn,
  complaintsForReturn,
  type OmbudsmanCase,
  ombudsmanActivity,
} from './return-figures.ts';
export {
  type ContactDetails,
  type OmbudsmanOutcome,
  type OmbudsmanStatus,
  ombudsmanOutcomes,
  ombudsmanStatuses,
  type RecordStatus,
  recordStatuses,
} from './schema.ts';
export { type CasesDependencies, type CasesService, casesService, type LogRecordResult } from './service.ts';
export { type UnitCaseFigures, unitCaseFigures } from './unit-figures.ts';
