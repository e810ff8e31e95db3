// What other domains may use from the surveys domain.
export { checkAnswers, questionsFor, questionText, type SubmittedAnswers } from './answers.ts';
export {
  type FftScale,
  modeNames,
  type ResponseMode,
  responseModes,
  type SurveyDefinition,
  type SurveyQuestion,
  type SurveyVariant,
  surveyVariants,
  variantNames,
} from './definition.ts';
export { type EligibleImportResult, importEligibleCounts } from './eligible-import.ts';
export { eligibleTotalsByMonth } from './eligible-totals.ts';
export { fftSubmissionCsv } from './exports.ts';
export {
  type ColumnMapping,
  describeImportRow,
  type ImportRowReport,
  importResponses,
  importSummary,
  parseMapping,
  type ResponseImportResult,
} from './import.ts';
export { optionSets, optionsOf, surveyTemplates } from './reference.ts';
export {
  type FftResults,
  type FftRow,
  type FftScaleResults,
  fftResults,
  type QuestionResults,
  questionResults,
} from './results.ts';
export { fftScore, percentOf, questionScore, responseRate, suppressSmallNumbers } from './rules.ts';
export {
  type BulkResult,
  editSurvey,
  type FreeTextAnswer,
  installSurveyTemplates,
  isSubmissionId,
  listFreeTextAnswers,
  listSurveys,
  type NewResponse,
  newSubmissionId,
  publishedSurvey,
  type RecordedResponse,
  recordResponse,
  recordResponsesInBulk,
  setEligibleCount,
  setEligibleCounts,
  surveyVersions,
} from './service.ts';
export { fileSize, responseFileBatches, responseFileRows } from './sources.ts';
export { fftMonthsOfUnits, type UnitFftMonth } from './unit-results.ts';
