import type { Database } from '#src/db/engine.ts';
import { importPublishedFft, reportsService } from '#src/domains/reports/index.ts';
import type { Actor } from '#src/web/principal.ts';
import { demoOdsCode } from './accounts.ts';
import { type Random, seededRandom } from './random.ts';
import { demoSurveyMonths, type SurveyPlan } from './survey-plan.ts';

// A made-up NHS England FFT publication for mental health services, April 2016 to March 2018, in
// the publication's provider-level layout (docs/import-layouts.md), imported through the same
// importer a trust would use, so that the demo report compares the FFT with three peer trusts
// and England as the seed's Figure 3 does. The providers are fictional (ODS-like codes starting
// with Z, which no NHS trust has); the demo trust's own row is counted from its planned responses;
// there is no England row, so the national figure is worked out from every provider's counts.

const peers = [
  ['ZA1', 'Westvale Mental Health Partnership NHS Trust'],
  ['ZA2', 'Kennet Healthcare NHS Foundation Trust'],
  ['ZA3', 'Oxmoor Health NHS Foundation Trust'],
] as const;
const places = [
  'Ashby',
  'Brackenfield',
  'Calder',
  'Dunmore',
  'Eastwold',
  'Fenwick',
  'Greystoke',
  'Harrowden',
  'Ivybridge Vale',
  'Kestrel Moor',
  'Larkhill',
  'Marston',
  'Northwold',
  'Oakham Valley',
  'Pendle Forest',
  'Quarrydale',
  'Ravensworth',
  'Stourhead',
  'Thornbury Downs',
  'Upperfield',
  'Wealdshire',
  'Yarrowby',
];
/** The fictional providers: the peers, then one trust per place. */
export const demoPublishedProviders: readonly (readonly [string, string])[] = [
  ...peers,
  ...places.map(
    (place, index) =>
      [`ZB${String(index + 1).padStart(2, '0')}`, `${place} Mental Health NHS Trust`] as const,
  ),
];
export const demoPeerCodes = peers.map(([code]) => code);

const header = [
  'Period',
  'Org Code',
  'Org Name',
  'Total Responses',
  'Percentage Recommended',
  'Percentage Not Recommended',
  'Extremely likely',
  'Likely',
  'Neither likely nor unlikely',
  'Unlikely',
  'Extremely unlikely',
  "Don't know",
];
const answerOrder = ['extremely-likely', 'likely', 'neither', 'unlikely', 'extremely-unlikely', 'dont-know'];

const periodText = (month: string) =>
  new Date(`${month}-01T12:00:00Z`)
    .toLocaleString('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' })
    .replace(' ', '-');

function row(month: string, code: string, name: string, answers: number[]): string[] {
  const responses = answers.reduce((sum, value) => sum + value, 0);
  const share = (count: number) => (responses === 0 ? '0' : (count / responses).toFixed(4));
  return [
    periodText(month),
    code,
    name,
    String(responses),
    share((answers[0] ?? 0) + (answers[1] ?? 0)),
    share((answers[3] ?? 0) + (answers[4] ?? 0)),
    ...answers.map(String),
  ];
}

/** A provider's month: `responses` answers, about `recommend` of them positive. */
function answersOf(random: Random, responses: number, recommend: number): number[] {
  const positive = Math.round(responses * recommend);
  const veryPositive = Math.round(positive * (0.55 + random.next() * 0.15));
  const rest = responses - positive;
  const neither = Math.round(rest * 0.35);
  const unlikely = Math.round(rest * 0.25);
  const extremely = Math.round(rest * 0.15);
  return [
    veryPositive,
    positive - veryPositive,
    neither,
    unlikely,
    extremely,
    rest - neither - unlikely - extremely,
  ];
}

/** The publication's rows, the header first, as a file would give them. */
export function demoPublishedFftRows(seed: number, plan: SurveyPlan, trustName: string): string[][] {
  const random = seededRandom(seed * 104_729 + 3);
  const own = new Map<string, number[]>();
  for (const response of plan.responses) {
    if (response.surveyCode !== 'fft') continue;
    const month = response.responseDate.slice(0, 7);
    const counts = own.get(month) ?? [0, 0, 0, 0, 0, 0];
    const index = answerOrder.indexOf(String(response.answers.fft));
    if (index >= 0) counts[index] = (counts[index] ?? 0) + 1;
    own.set(month, counts);
  }
  const level = new Map(demoPublishedProviders.map(([code]) => [code, 0.84 + random.next() * 0.1]));
  const size = new Map(demoPublishedProviders.map(([code]) => [code, random.integer(150, 1400)]));
  const rows: string[][] = [
    ['Friends and Family Test: Mental Health, provider level'],
    ['Made-up figures for the Heard demo; the providers are fictional'],
    header,
  ];
  for (const month of demoSurveyMonths) {
    const ownCounts = own.get(month);
    if (ownCounts) rows.push(row(month, demoOdsCode, trustName, ownCounts));
    for (const [code, name] of demoPublishedProviders) {
      const recommend = Math.min(
        0.99,
        Math.max(0.7, (level.get(code) ?? 0.88) + (random.next() - 0.5) * 0.05),
      );
      const responses = Math.round((size.get(code) ?? 500) * (0.8 + random.next() * 0.4));
      rows.push(row(month, code, name, answersOf(random, responses, recommend)));
    }
  }
  return rows;
}

/** Imports the made-up publication and sets the demo trust's peers. */
export async function loadDemoPublishedFft(
  db: Database,
  orgId: string,
  actor: Actor,
  { seed, plan, trustName }: { seed: number; plan: SurveyPlan; trustName: string },
) {
  const rows = demoPublishedFftRows(seed, plan, trustName);
  async function* file() {
    yield* rows;
  }
  const result = await importPublishedFft(db, orgId, actor, file(), {
    dryRun: false,
    setting: 'mental-health',
  });
  if (result.fileProblems.length > 0 || result.counts.refused > 0) {
    throw new Error(
      `The demo's published FFT data was refused: ${result.fileProblems[0] ?? result.rows.find((entry) => entry.outcome === 'refused')?.text}`,
    );
  }
  await reportsService({ db }).setFftComparison(orgId, actor, {
    setting: 'mental-health',
    peerCodes: demoPeerCodes.join(','),
  });
}
