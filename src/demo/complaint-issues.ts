import type { IssueOutcome } from '#src/domains/cases/index.ts';
import type { DemoOutcome } from './complaint-timelines.ts';
import { type Random, weighted } from './random.ts';

// The issues of the demo trust's complaints: each with the staff groups it names (codes of
// reference/staff-groups.json) and its outcome, upheld or not upheld. A complaint's outcome follows
// from its issues: upheld when all are, not upheld when none is, partially upheld otherwise.

export interface DemoIssue {
  staffGroupCodes: string[];
  outcome: IssueOutcome;
}

/** Issue and staff-group pairs by staff group, split by the issue's outcome, as the seed report's Table 5. */
export type StaffGroupTable = Readonly<Record<string, { upheld: number; notUpheld: number }>>;

/** Table 5 of the seed report: complaints closed in 2017/18 Q2. */
export const quarter2StaffGroups: StaffGroupTable = {
  medical: { upheld: 2, notUpheld: 2 },
  nursing: { upheld: 26, notUpheld: 24 },
  'social-worker': { upheld: 2, notUpheld: 1 },
  psychology: { upheld: 0, notUpheld: 1 },
  pwp: { upheld: 5, notUpheld: 6 },
  estates: { upheld: 1, notUpheld: 3 },
  hca: { upheld: 1, notUpheld: 0 },
  other: { upheld: 1, notUpheld: 2 },
  none: { upheld: 0, notUpheld: 2 },
};

/**
 * 2017/18 Q1, which the report gives only in part ("Nursing ... has increased from (n=40) the
 * previous quarter"): nursing is 40 as it says; the rest is made up in the same proportions.
 */
export const quarter1StaffGroups: StaffGroupTable = {
  medical: { upheld: 2, notUpheld: 3 },
  nursing: { upheld: 19, notUpheld: 21 },
  'social-worker': { upheld: 1, notUpheld: 2 },
  psychology: { upheld: 1, notUpheld: 1 },
  pwp: { upheld: 2, notUpheld: 4 },
  estates: { upheld: 1, notUpheld: 1 },
  hca: { upheld: 1, notUpheld: 1 },
  admin: { upheld: 1, notUpheld: 2 },
  other: { upheld: 0, notUpheld: 2 },
  none: { upheld: 0, notUpheld: 3 },
};

/** Staff groups an issue often names together, such as a doctor and a nurse on a medication issue. */
const namedTogether: readonly (readonly [string, string])[] = [
  ['nursing', 'medical'],
  ['nursing', 'hca'],
  ['nursing', 'social-worker'],
  ['nursing', 'other'],
  ['nursing', 'psychology'],
  ['medical', 'psychology'],
  ['pwp', 'psychology'],
  ['pwp', 'admin'],
  ['pwp', 'other'],
];
const mayGoTogether = (a: string, b: string) =>
  namedTogether.some(([x, y]) => (x === a && y === b) || (x === b && y === a));

/**
 * Issues made from `tokens` (one staff-group code per pair), at least `fewest` of them: up to two
 * pairs in five share their issue with a group often named alongside theirs, so that many issues
 * name two staff groups, as complaints about a ward often name a nurse and a doctor together.
 */
function issuesFromPairs(random: Random, tokens: readonly string[], fewest: number): string[][] {
  const issues = random.shuffle(tokens).map((code) => [code]);
  let merges = Math.min(tokens.length - fewest, Math.round(tokens.length * 0.4));
  for (let i = 0; i < issues.length && merges > 0; i += 1) {
    const first = issues[i];
    if (first?.length !== 1) continue;
    const partner = issues.findIndex(
      (other, j) => j > i && other.length === 1 && mayGoTogether(first[0] ?? '', other[0] ?? ''),
    );
    if (partner < 0) continue;
    first.push(...(issues[partner] ?? []));
    issues.splice(partner, 1);
    merges -= 1;
  }
  return issues;
}

/** Groups that tie an issue to a kind of service: talking therapies, or the wards. */
const affinities = [['pwp'], ['estates', 'hca']];
const affinityOf = (groups: readonly string[]) =>
  affinities.findIndex((set) => groups.some((code) => set.includes(code)));

/**
 * Hands out issues of one outcome to the complaints that may take them: first one each to those
 * that need one, then the rest to whichever of two complaints drawn has fewer, keeping issues of
 * talking therapies together, and those of the wards together, so each complaint reads as one service's.
 */
function handOut(
  random: Random,
  issues: string[][],
  outcome: IssueOutcome,
  complaints: DemoIssue[][],
  eligible: readonly number[],
) {
  const queue = random.shuffle(issues);
  for (const index of eligible) {
    // The first issue of each complaint is one that ties it to no particular service.
    const plain = queue.findIndex((groups) => affinityOf(groups) < 0);
    const [groups] = queue.splice(Math.max(plain, 0), 1);
    if (!groups) throw new Error('Too few issues for the complaints that need one');
    complaints[index]?.push({ staffGroupCodes: groups, outcome });
  }
  for (const groups of queue) {
    const affinity = affinityOf(groups);
    const alike =
      affinity < 0
        ? []
        : eligible.filter((index) =>
            complaints[index]?.some((issue) => affinityOf(issue.staffGroupCodes) === affinity),
          );
    const choices = alike.length > 0 ? alike : eligible;
    const a = choices[random.integer(0, choices.length - 1)] ?? 0;
    const b = choices[random.integer(0, choices.length - 1)] ?? 0;
    const fewer = (complaints[a]?.length ?? 0) <= (complaints[b]?.length ?? 0) ? a : b;
    complaints[fewer]?.push({ staffGroupCodes: groups, outcome });
  }
}

/**
 * Issues for complaints whose outcomes are given, so that together they make exactly `table`'s
 * pairs: one list per complaint, in the order of `outcomes`.
 */
export function issuesMatchingTable(
  random: Random,
  outcomes: readonly DemoOutcome[],
  table: StaffGroupTable,
): DemoIssue[][] {
  const tokens = (side: 'upheld' | 'notUpheld') =>
    Object.entries(table).flatMap(([code, counts]) => Array<string>(counts[side]).fill(code));
  const takesUpheld = outcomes.flatMap((outcome, index) => (outcome === 'not-upheld' ? [] : [index]));
  const takesNotUpheld = outcomes.flatMap((outcome, index) => (outcome === 'upheld' ? [] : [index]));
  const complaints: DemoIssue[][] = outcomes.map(() => []);
  handOut(
    random,
    issuesFromPairs(random, tokens('upheld'), takesUpheld.length),
    'upheld',
    complaints,
    takesUpheld,
  );
  handOut(
    random,
    issuesFromPairs(random, tokens('notUpheld'), takesNotUpheld.length),
    'not-upheld',
    complaints,
    takesNotUpheld,
  );
  return complaints.map((issues) => random.shuffle(issues));
}

/** How often each staff group is named, from the seed report's Table 5. */
const groupWeights: readonly [string, number][] = [
  ['nursing', 45],
  ['medical', 8],
  ['pwp', 9],
  ['social-worker', 4],
  ['psychology', 3],
  ['estates', 4],
  ['hca', 3],
  ['admin', 3],
  ['other', 4],
  ['none', 3],
];

/** Issues drawn at random for a complaint with the given outcome. */
export function randomIssues(random: Random, outcome: DemoOutcome): DemoIssue[] {
  const count = outcome === 'partially-upheld' ? random.integer(2, 4) : random.integer(1, 3);
  return Array.from({ length: count }, (_, index) => {
    const first = weighted(random, groupWeights);
    const second = weighted(random, groupWeights);
    const groups = random.next() < 0.3 && mayGoTogether(first, second) ? [first, second] : [first];
    const issueOutcome: IssueOutcome =
      outcome === 'upheld' || (outcome === 'partially-upheld' && index === 0)
        ? 'upheld'
        : outcome === 'not-upheld' || index === 1 || random.next() < 0.5
          ? 'not-upheld'
          : 'upheld';
    return { staffGroupCodes: groups, outcome: issueOutcome };
  });
}
