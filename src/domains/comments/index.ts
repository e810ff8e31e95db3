// What other parts of Heard may use from the comments domain.

export {
  type ArrivalCoding,
  type CommentArrival,
  codeArrivingComments,
  type RecordedComment,
  type SafeguardingAlerts,
  safeguardingAlertsOf,
} from './arrivals.ts';
export { acceptanceRate, applyChange, type CodingChange } from './coding.ts';
export { type CommentInput, questionKind } from './features.ts';
export {
  type CommentCoding,
  codeComment,
  isNoComment,
  loadModel,
  parseModel,
  shippedModel,
  type ThemeModel,
} from './model.ts';
export { commonFirstNames } from './personal-data-names.ts';
export {
  isValidNhsNumber,
  type PersonalDataKind,
  type Redaction,
  redactPersonalData,
} from './personal-data-rules.ts';
export {
  type RecodingProgress,
  recodeBatch,
  recodeComments,
  recodingProgress,
  startRecoding,
} from './recoding.ts';
export { type QuotableComment, recentComments } from './report-reads.ts';
export { type SafeguardingConcern, type SafeguardingFlag, safeguardingFlag } from './safeguarding-rules.ts';
export { type SampleComment, sampleComments } from './sample-comments.ts';
export { type CommentSource, commentSources, correctionKinds } from './schema.ts';
export { type CommentsService, commentsService, type TrainingExample } from './service.ts';
export { type ThemeCount, topThemes } from './theme-counts.ts';
export {
  codeWaitingBatch,
  codeWaitingComments,
  type WaitingProgress,
  waitingCommentColumns,
  waitingCommentsTable,
  waitingCount,
} from './waiting.ts';
