// The lists of learning and action, each with the words users see (issue 7). Kept apart from
// schema.ts so that rules, views and the import can use them without the tables.

/** Where an action plan comes from. */
export const planSources = [
  'complaint',
  'concern',
  'survey',
  'independent-review',
  'cqc-inspection',
  'quality-visit',
  'clinical-audit',
  'quality-improvement',
] as const;
export type PlanSource = (typeof planSources)[number];
export const planSourceNames: Record<PlanSource, string> = {
  complaint: 'Complaint',
  concern: 'Concern',
  survey: 'Survey',
  'independent-review': 'Independent review or investigation',
  'cqc-inspection': 'CQC inspection',
  'quality-visit': 'Quality visit',
  'clinical-audit': 'Clinical audit',
  'quality-improvement': 'Quality improvement project',
};

/** The kinds of quality visit the seed documents describe (the CQC case studies). */
export const visitTypes = ['announced', 'unannounced', '15-steps', 'mock-inspection', 'peer-review'] as const;
export type VisitType = (typeof visitTypes)[number];
export const visitTypeNames: Record<VisitType, string> = {
  announced: 'Announced visit',
  unannounced: 'Unannounced visit',
  '15-steps': '15 Steps Challenge',
  'mock-inspection': 'Mock inspection',
  'peer-review': 'Peer review',
};

/** What is stored; "overdue" is worked out from the due date (rules.ts). */
export const actionStatuses = ['not-started', 'in-progress', 'completed'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
/** What users see: the stored status, or overdue. */
export const shownStatuses = ['not-started', 'in-progress', 'overdue', 'completed'] as const;
export type ShownStatus = (typeof shownStatuses)[number];
export const statusNames: Record<ShownStatus, string> = {
  'not-started': 'Not started',
  'in-progress': 'In progress',
  overdue: 'Overdue',
  completed: 'Completed',
};

/** The CQC's five key questions. */
export const keyQuestions = ['safe', 'effective', 'caring', 'responsive', 'well-led'] as const;
export type KeyQuestion = (typeof keyQuestions)[number];
export const keyQuestionNames: Record<KeyQuestion, string> = {
  safe: 'Safe',
  effective: 'Effective',
  caring: 'Caring',
  responsive: 'Responsive',
  'well-led': 'Well-led',
};

/** A CQC report's requirements: a must-do is a breach of regulation; a should-do, an improvement. */
export const cqcRequirements = ['must-do', 'should-do'] as const;
export type CqcRequirement = (typeof cqcRequirements)[number];
export const cqcRequirementNames: Record<CqcRequirement, string> = {
  'must-do': 'Must do',
  'should-do': 'Should do',
};

/** How sure the board can be that something was done and works (DESIGN.md §2). */
export const assuranceLevels = ['full', 'significant', 'limited', 'negative'] as const;
export type AssuranceLevel = (typeof assuranceLevels)[number];
export const assuranceLevelNames: Record<AssuranceLevel, string> = {
  full: 'Full assurance',
  significant: 'Significant assurance',
  limited: 'Limited assurance',
  negative: 'Negative assurance',
};

/** Where a learning point that is not on a case comes from. */
export const learningSources = ['survey', 'quality-visit', 'clinical-audit', 'incident', 'other'] as const;
export type LearningSource = (typeof learningSources)[number];
export const learningSourceNames: Record<LearningSource, string> = {
  survey: 'Survey result',
  'quality-visit': 'Quality visit',
  'clinical-audit': 'Clinical audit',
  incident: 'Incident',
  other: 'Other',
};

export const findingKinds = ['good-practice', 'improvement'] as const;
export type FindingKind = (typeof findingKinds)[number];
export const findingKindNames: Record<FindingKind, string> = {
  'good-practice': 'Good practice',
  improvement: 'Area for improvement',
};
