import { type IsoDate, ukDate } from '#src/domains/calendar/index.ts';
import type { IssueOutcome, OverallOutcome } from './outcomes.ts';

// The ((placeholders)) a letter template may hold, and how each is filled from a complaint.
// Issue 4: the response letter is drafted from an editable template. The seed report says the
// trust no longer writes "upheld", "partially upheld" or "not upheld" in its letters, after
// complainants and Experts by Experience said those words did not help: the findings are
// explained in plain words instead, and the labels stay in the records that reports count.

export const letterPlaceholders = {
  reference: 'the complaint’s reference',
  complainant_name: 'the name of the person who complained',
  received_date: 'the date the complaint was received',
  acknowledged_date: 'the date it was acknowledged',
  issues: 'each issue with what was found about it, in plain words',
  overall_outcome: 'what was found overall, in plain words',
  signed_off_by: 'who signs the response',
  organisation_name: 'your organisation’s name',
  today: 'the date the letter is drafted',
} as const;
export type Placeholder = keyof typeof letterPlaceholders;
export type PlaceholderValues = Record<Placeholder, string>;

const placeholderPattern = /\(\(\s*([^()]*?)\s*\)\)/g;
const isPlaceholder = (name: string): name is Placeholder => Object.hasOwn(letterPlaceholders, name);

/** Every placeholder, written as a template writes it: ((reference)), ((complainant_name)), … */
export const placeholderList = Object.keys(letterPlaceholders)
  .map((name) => `((${name}))`)
  .join(', ');

/** What is wrong with a template's placeholders, in plain words; null when nothing is. */
export function placeholderProblem(body: string): string | null {
  const named = [...body.matchAll(placeholderPattern)].map((match) => match[1] ?? '');
  const unknown = [...new Set(named.filter((name) => !isPlaceholder(name)))];
  if (unknown.length === 1) {
    return `((${unknown[0]})) is not a placeholder Heard knows. Use only ${placeholderList}`;
  }
  if (unknown.length > 1) {
    const list = unknown.map((name) => `((${name}))`).join(', ');
    return `${list} are not placeholders Heard knows. Use only ${placeholderList}`;
  }
  const opened = body.split('((').length - 1;
  const closed = body.split('))').length - 1;
  if (opened !== named.length || closed !== named.length) {
    return 'Write each placeholder between two pairs of brackets, like ((reference))';
  }
  return null;
}

/** The template with each placeholder replaced by its value. */
export function filledTemplate(body: string, values: PlaceholderValues): string {
  return body.replace(placeholderPattern, (whole, name: string) =>
    isPlaceholder(name) ? values[name] : whole,
  );
}

/** One issue of a complaint as the letter explains it. */
export interface LetterIssue {
  /** The KO41a subject's name, such as Communications. */
  subject: string;
  description: string;
  outcome: IssueOutcome | null;
}

// What was found, in the words a person reads in their letter rather than the reporting labels.
const issueFindings: Record<IssueOutcome | 'undecided', string> = {
  upheld: 'We found that this fell short of the care and service you should have received, and we are sorry.',
  'not-upheld':
    'Having looked into this carefully, we found that the care and service given were what we would expect. We are sorry that it did not feel that way to you.',
  undecided: 'We are still looking into this.',
};

const overallFindings: Record<OverallOutcome, string> = {
  upheld:
    'We have found that each of the things you raised fell short of what you should have received. I would like to apologise sincerely on behalf of the organisation.',
  'partially-upheld':
    'We have found that some of the things you raised fell short of what you should have received, and I would like to apologise for those. For the others, I hope the explanations above help.',
  'not-upheld':
    'We have not found that the care or service you received fell short, but I am sorry that your experience led you to contact us, and I hope the explanations above help.',
  withdrawn: 'You have told us that you no longer want us to look into your complaint.',
  undecided: 'We have not yet finished looking into every part of your complaint.',
};

/** Each issue as a numbered paragraph: what it was about, and what was found. */
export function issuesInWords(issues: readonly LetterIssue[]): string {
  if (issues.length === 0) return '[No issues have been recorded for this complaint yet]';
  return issues
    .map(
      (issue, index) =>
        `${index + 1}. ${issue.subject}: ${issue.description.trim()}\n${issueFindings[issue.outcome ?? 'undecided']}`,
    )
    .join('\n\n');
}

/** What a letter is filled from: the complaint as its record holds it, and the day it is drafted. */
export interface LetterFacts {
  reference: string;
  complainantName: string | null;
  receivedDate: IsoDate;
  acknowledgedDate: IsoDate | null;
  issues: readonly LetterIssue[];
  overallOutcome: OverallOutcome;
  signedOffBy: string | null;
  organisationName: string;
  today: IsoDate;
}

/**
 * Each placeholder's value. What the record does not hold yet is left in square brackets for
 * whoever edits the letter to fill in, rather than silently left out.
 */
export function placeholderValues(facts: LetterFacts): PlaceholderValues {
  return {
    reference: facts.reference,
    complainant_name: facts.complainantName?.trim() || '[name]',
    received_date: ukDate(facts.receivedDate),
    acknowledged_date: facts.acknowledgedDate ? ukDate(facts.acknowledgedDate) : '[date of acknowledgement]',
    issues: issuesInWords(facts.issues),
    overall_outcome: overallFindings[facts.overallOutcome],
    signed_off_by: facts.signedOffBy?.trim() || '[name and role of the person signing]',
    organisation_name: facts.organisationName,
    today: ukDate(facts.today),
  };
}
