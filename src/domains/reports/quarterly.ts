import type { Period } from '#src/domains/calendar/index.ts';
import { periodContains } from '#src/domains/calendar/index.ts';
import {
  type CaseFigures,
  type ComplaintForReturn,
  type LocalityCounts,
  type Measure,
  type OmbudsmanCase,
  type OmbudsmanOutcome,
  type OmbudsmanStatus,
  ombudsmanOutcomes,
  ombudsmanStatuses,
  type ReferenceList,
  wholePercent,
} from '#src/domains/cases/index.ts';
import {
  type Assurance,
  type AssuranceOverride,
  type AssuranceRules,
  assurance,
  proposeAssurance,
} from './assurance.ts';
import { type ContactRates, contactRates } from './contact-rates.ts';
import { anyRecords } from './dashboard.ts';
import type { FftComparison } from './fft-comparison.ts';
import {
  countInterpretation,
  escalationInterpretation,
  inWords,
  localityInterpretation,
  percentInterpretation,
  totalInterpretation,
} from './interpretation.ts';
import {
  type AssuranceIcon,
  assuranceIcon,
  type Direction,
  direction,
  type VariationIcon,
  variationIcon,
  type XmrChart,
  xmrChart,
} from './spc.ts';
import {
  type ActionsSection,
  type ChildrenSurveyRow,
  childrenSurveySection,
  type FftSection,
  fftSection,
  type QualitySurveyRow,
  qualitySurveySection,
  type SurveyFigures,
  type ThemesSection,
} from './survey-sections.ts';

// The quarterly service experience report as data: the stable JSON contract described in
// docs/report-json.md, built from the figures the domains compute. A pure function; the
// service gathers its inputs. Sections whose domains are not built yet (FFT and the other
// surveys, themes, actions) are present and null, and named in `pending`.

export const reportContract = { name: 'heard/quarterly-report', version: 1 } as const;

export interface PeriodSummary {
  code: string;
  label: string;
  start: string;
  end: string;
}

export interface Counted {
  count: number;
  of: number;
  /** Whole percent, halves up, from the counts; null when `of` is 0. */
  percent: number | null;
}

export interface ReceivedSection {
  total: number;
  previous: number;
  byLocality: Record<string, number>;
  previousByLocality: Record<string, number>;
}

export interface OutcomeCounts {
  upheld: number;
  partiallyUpheld: number;
  notUpheld: number;
  withdrawn: number;
}

export interface UpheldCounts {
  upheld: number;
  notUpheld: number;
  total: number;
}

export interface Assessment {
  /** Stable: the measure, and for a locality's row its name ('complaints-received:Northshire'). */
  key: string;
  measure: string;
  name: string;
  locality: string | null;
  unit: 'count' | 'percent';
  value: number | null;
  previous: number | null;
  direction: Direction | null;
  interpretation: string;
  assurance: Assurance;
}

export interface TrendPoint {
  period: string;
  label: string;
  value: number;
}

export interface SpcSummary {
  measure: string;
  improvement: 'up' | 'down' | 'neither';
  mean: number;
  lowerProcessLimit: number;
  upperProcessLimit: number;
  variation: VariationIcon;
  assurance: AssuranceIcon;
  target: number | null;
  points: { period: string; label: string; value: number; specialCauses: string[] }[];
}

export interface QuarterlyReport {
  contract: typeof reportContract;
  organisation: { name: string; odsCode: string };
  generatedAt: string;
  period: PeriodSummary;
  previousPeriod: PeriodSummary;
  complaints: {
    received: ReceivedSection;
    acknowledgedWithinTarget: Counted & { pending: number; previousPercent: number | null };
    closedWithinAgreedTimescale: Counted & { pending: number; previousPercent: number | null };
    closed: number;
    previousClosed: number;
    outcomes: OutcomeCounts;
    outcomePercents: {
      upheld: number | null;
      partiallyUpheld: number | null;
      notUpheld: number | null;
      withdrawn: number | null;
    };
    /** Closed with an issue whose outcome is not yet recorded. */
    outcomeNotRecorded: number;
    reopened: number;
    localResolutionMeetings: number;
    phsoReferrals: number;
    previous: { reopened: number; localResolutionMeetings: number; phsoReferrals: number };
    staffGroups: Record<string, UpheldCounts>;
    subjects: Record<string, UpheldCounts>;
    trend: TrendPoint[];
  };
  concerns: {
    received: ReceivedSection;
    escalatedToComplaint: Counted & { previousPercent: number | null };
    /**
     * Concerns received in the quarter by the staff groups they name, by group name (the seed
     * report's Table 11): a concern naming two groups counts under each; percents are of all named.
     */
    staffGroups: Record<string, { count: number; percent: number | null }>;
    /** The themes of the narratives of concerns received in the quarter, as coded by the comments domain; null when not gathered. */
    themes: ThemesSection['top'] | null;
    trend: TrendPoint[];
  };
  compliments: {
    total: number;
    previous: number;
    byLocality: Record<string, number>;
    previousByLocality: Record<string, number>;
    trend: TrendPoint[];
    /** A few recent compliments per locality, in their redacted words; null when not gathered. */
    samples: ComplimentSample[] | null;
  };
  /** Complaints and compliments per 1,000 contacts by quarter; null when not gathered. */
  contactRates: ContactRates | null;
  otherContacts: { total: number; previous: number };
  /** §2.4: referrals to the Parliamentary and Health Service Ombudsman dated in the quarter, where they stand, and its decisions dated in the quarter. */
  ombudsman: {
    referred: number;
    referredByStatus: Record<OmbudsmanStatus, number>;
    decided: number;
    decisionsByOutcome: Record<OmbudsmanOutcome, number>;
    summary: string;
  };
  fft: (FftSection & { comparison: FftComparison | null }) | null;
  qualitySurvey: QualitySurveyRow[] | null;
  childrenSurvey: ChildrenSurveyRow[] | null;
  themes: ThemesSection | null;
  actions: ActionsSection | null;
  /** The sections (and parts) present but not yet filled, until their domains land. */
  pending: string[];
  assessments: Assessment[];
  spc: { complaintsReceived: SpcSummary; complimentsReceived: SpcSummary };
}

export interface QuarterlyReportInput {
  organisation: { name: string; odsCode: string };
  generatedAt: string;
  /** The case figures of consecutive quarters, oldest first, ending with the report's quarter. */
  quarters: readonly CaseFigures[];
  /** Complaints open at some time in the report's quarter (for the subjects of those closed in it). */
  complaints: readonly ComplaintForReturn[];
  subjectList: ReferenceList;
  /** Complaints referred to the Ombudsman, or decided by it, in the report's quarter. */
  ombudsman: readonly OmbudsmanCase[];
  rules: AssuranceRules;
  /** The latest override for each measure key of this period. */
  overrides: ReadonlyMap<string, AssuranceOverride>;
  /** The surveys domain's results for the quarter (and the FFT's for the one before); none when not gathered. */
  surveys?: SurveyFigures;
  /** The comments domain's top themes for the quarter; none when not gathered. */
  themes?: ThemesSection | null;
  /** The actions domain's figures for the quarter; none when not gathered. */
  actions?: ActionsSection | null;
  /** The FFT against peer trusts and the nation, from NHS England's published data (fft-comparison.ts). */
  fftComparison?: FftComparison | null;
  /** Contacts with services by month (the FFT's eligible people), for the rates per 1,000 contacts. */
  contactsByMonth?: readonly { month: string; eligible: number }[] | null;
  /** Themes of the coded narratives of the quarter's concerns. */
  concernThemes?: ThemesSection['top'] | null;
  complimentSamples?: ComplimentSample[] | null;
}

export interface ComplimentSample {
  locality: string;
  unit: string | null;
  receivedOn: string;
  /** The compliment's words with personal details taken out (the comments domain's redacted text). */
  text: string;
}

export const pendingSections = [
  'fft',
  'qualitySurvey',
  'childrenSurvey',
  'themes',
  'actions',
  'concerns.themes',
] as const;

/** Table 11: each staff group's concerns, with its share of all the groups named. */
function concernStaffGroups(groups: CaseFigures['concerns']['staffGroups']) {
  const named = groups.reduce((sum, group) => sum + group.count, 0);
  return Object.fromEntries(
    groups.map((group) => [group.name, { count: group.count, percent: wholePercent(group.count, named) }]),
  );
}

const summaryOf = (period: Period): PeriodSummary => ({
  code: period.code,
  label: period.label,
  start: period.start,
  end: period.end,
});

const byName = (counts: LocalityCounts) =>
  Object.fromEntries(counts.byLocality.map((entry) => [entry.name, entry.count]));

function received(figures: CaseFigures['complaints' | 'concerns' | 'compliments']): ReceivedSection {
  return {
    total: figures.received.total,
    previous: figures.previousPeriodReceived.total,
    byLocality: byName(figures.received),
    previousByLocality: byName(figures.previousPeriodReceived),
  };
}

const counted = (measure: Measure): Counted => ({
  count: measure.numerator,
  of: measure.denominator,
  percent: measure.percent,
});

/** Issues of complaints closed (not withdrawn) in the period, by subject and outcome, in the list's order. */
export function subjectCounts(
  complaints: readonly ComplaintForReturn[],
  period: Pick<Period, 'start' | 'end'>,
  list: ReferenceList,
): Record<string, UpheldCounts> {
  const counts = new Map<string, UpheldCounts>();
  for (const item of list.items)
    if (!item.retired) counts.set(item.code, { upheld: 0, notUpheld: 0, total: 0 });
  for (const complaint of complaints) {
    if (complaint.status !== 'closed' || complaint.resolvedDate === null) continue;
    if (!periodContains(period, complaint.resolvedDate)) continue;
    for (const issue of complaint.issues) {
      if (issue.outcome === null) continue;
      const entry = counts.get(issue.subjectCode) ?? { upheld: 0, notUpheld: 0, total: 0 };
      if (issue.outcome === 'upheld') entry.upheld += 1;
      else entry.notUpheld += 1;
      entry.total = entry.upheld + entry.notUpheld;
      counts.set(issue.subjectCode, entry);
    }
  }
  return Object.fromEntries([...counts].map(([code, entry]) => [list.byCode.get(code)?.name ?? code, entry]));
}

function spcSummary(
  measure: string,
  points: readonly TrendPoint[],
  improvement: 'up' | 'down' | 'neither',
  target: number | null,
): SpcSummary {
  const chart: XmrChart = xmrChart(
    points.map((point) => ({ label: point.label, value: point.value })),
    { lowerBound: 0 },
  );
  return {
    measure,
    improvement,
    mean: chart.mean,
    lowerProcessLimit: chart.lowerProcessLimit,
    upperProcessLimit: chart.upperProcessLimit,
    variation: variationIcon(chart, improvement),
    assurance: assuranceIcon(chart, target, improvement),
    target,
    points: chart.points.map((point, index) => ({
      period: points[index]?.period ?? point.label,
      label: point.label,
      value: point.value,
      specialCauses: point.specialCauses,
    })),
  };
}

/** The report for the last quarter of `input.quarters`. */
export function quarterlyReport(input: QuarterlyReportInput): QuarterlyReport {
  const current = input.quarters.at(-1);
  if (!current) throw new Error('The report needs the figures of its quarter');
  const previous = input.quarters.at(-2) ?? null;
  const fft = input.surveys ? fftSection(input.surveys) : null;
  const qualitySurvey = input.surveys ? qualitySurveySection(input.surveys.quality) : null;
  const childrenSurvey = input.surveys
    ? childrenSurveySection(input.surveys.children, input.surveys.previousChildren ?? null)
    : null;
  const themes = input.themes ?? null;
  const actions = input.actions ?? null;
  const concernThemes = input.concernThemes ?? null;
  const { complaints, concerns } = current;
  const comparing = (value: number | null, before: number | null) => ({
    current: value,
    previous: before,
    period: current.period,
    previousPeriod: current.previousPeriod,
  });
  const rule = (measure: string) => {
    const found = input.rules[measure];
    if (!found) throw new Error(`reference/assurance-rules.json has no rule for ${measure}`);
    return found;
  };
  const assess = (
    measure: string,
    locality: string | null,
    unit: Assessment['unit'],
    history: (number | null)[],
    interpretation: string,
  ): Assessment => {
    const key = locality === null ? measure : `${measure}:${locality}`;
    const measureRule = rule(measure);
    const value = history.at(-1) ?? null;
    const before = history.length > 1 ? (history.at(-2) ?? null) : null;
    return {
      key,
      measure,
      name: locality ?? measureRule.name,
      locality,
      unit,
      value,
      previous: before,
      direction: direction(value, before),
      interpretation,
      assurance: assurance(
        proposeAssurance(measureRule, history, unit === 'percent' ? '%' : ''),
        input.overrides.get(key) ?? null,
      ),
    };
  };
  const historyOf = (pick: (figures: CaseFigures) => number | null) => input.quarters.map(pick);

  const localityRows = complaints.received.byLocality
    .filter(
      (entry) =>
        entry.count > 0 ||
        (complaints.previousPeriodReceived.byLocality.find((p) => p.name === entry.name)?.count ?? 0) > 0,
    )
    .map((entry) => {
      const countIn = (figures: CaseFigures) =>
        figures.complaints.received.byLocality.find((candidate) => candidate.name === entry.name)?.count ?? 0;
      const history = historyOf(countIn);
      return assess(
        'complaints-received',
        entry.name,
        'count',
        history,
        localityInterpretation(
          'complaints',
          entry.name,
          comparing(history.at(-1) ?? 0, history.at(-2) ?? null),
        ),
      );
    });
  const ack = complaints.acknowledgedWithinThreeWorkingDays;
  const closedOnTime = complaints.closedWithinAgreedTimescale;
  const escalated = concerns.escalated;
  const previousOf = <T>(pick: (figures: CaseFigures) => T): T | null => (previous ? pick(previous) : null);

  const assessments: Assessment[] = [
    ...localityRows,
    assess(
      'complaints-received',
      null,
      'count',
      historyOf((figures) => figures.complaints.received.total),
      totalInterpretation(
        'complaints',
        comparing(complaints.received.total, complaints.previousPeriodReceived.total),
      ),
    ),
    assess(
      'acknowledged-within-3-working-days',
      null,
      'percent',
      historyOf((figures) => figures.complaints.acknowledgedWithinThreeWorkingDays.percent),
      percentInterpretation(
        comparing(
          ack.percent,
          previousOf((figures) => figures.complaints.acknowledgedWithinThreeWorkingDays.percent),
        ),
        'All complaints were acknowledged within target timeframes',
      ),
    ),
    assess(
      'closed-within-agreed-timescale',
      null,
      'percent',
      historyOf((figures) => figures.complaints.closedWithinAgreedTimescale.percent),
      `${percentInterpretation(
        comparing(
          closedOnTime.percent,
          previousOf((figures) => figures.complaints.closedWithinAgreedTimescale.percent),
        ),
      )} ${overdueSentence(closedOnTime.denominator - closedOnTime.numerator)}`,
    ),
    assess(
      'concerns-escalated',
      null,
      'percent',
      historyOf((figures) => figures.concerns.escalated.percent),
      escalationInterpretation(
        { current: concerns.received.total, previous: concerns.previousPeriodReceived.total },
        escalated.numerator,
        comparing(
          escalated.percent,
          previousOf((figures) => figures.concerns.escalated.percent),
        ),
      ),
    ),
    ...(
      [
        ['reopened', (figures: CaseFigures) => figures.complaints.reopened],
        ['local-resolution-meetings', (figures: CaseFigures) => figures.complaints.localResolutionMeetings],
        ['phso-referrals', (figures: CaseFigures) => figures.complaints.ombudsmanReferrals],
      ] as const
    ).map(([measure, pick]) =>
      assess(
        measure,
        null,
        'count',
        historyOf(pick),
        countInterpretation(comparing(pick(current), previousOf(pick))),
      ),
    ),
  ];

  const outcomes = complaints.closed.outcomes;
  const closedTotal = complaints.closed.total;
  // Trends start at the first quarter with any records, so that quarters before the organisation
  // used Heard do not pull the mean and limits down.
  const firstWithRecords = Math.max(0, input.quarters.findIndex(anyRecords));
  const trendOf = (pick: (figures: CaseFigures) => number): TrendPoint[] =>
    input.quarters.slice(firstWithRecords).map((figures) => ({
      period: figures.period.code,
      label: figures.period.label,
      value: pick(figures),
    }));
  const complaintTrend = trendOf((figures) => figures.complaints.received.total);
  const complimentTrend = trendOf((figures) => figures.compliments.received.total);

  return {
    contract: reportContract,
    organisation: input.organisation,
    generatedAt: input.generatedAt,
    period: summaryOf(current.period),
    previousPeriod: summaryOf(current.previousPeriod),
    complaints: {
      received: received(complaints),
      acknowledgedWithinTarget: {
        ...counted(ack),
        pending: ack.pending,
        previousPercent: previousOf(
          (figures) => figures.complaints.acknowledgedWithinThreeWorkingDays.percent,
        ),
      },
      closedWithinAgreedTimescale: {
        ...counted(closedOnTime),
        pending: closedOnTime.pending,
        previousPercent: previousOf((figures) => figures.complaints.closedWithinAgreedTimescale.percent),
      },
      closed: closedTotal,
      previousClosed: previousOf((figures) => figures.complaints.closed.total) ?? 0,
      outcomes: {
        upheld: outcomes.upheld,
        partiallyUpheld: outcomes['partially-upheld'],
        notUpheld: outcomes['not-upheld'],
        withdrawn: outcomes.withdrawn,
      },
      outcomePercents: {
        upheld: wholePercent(outcomes.upheld, closedTotal),
        partiallyUpheld: wholePercent(outcomes['partially-upheld'], closedTotal),
        notUpheld: wholePercent(outcomes['not-upheld'], closedTotal),
        withdrawn: wholePercent(outcomes.withdrawn, closedTotal),
      },
      outcomeNotRecorded: outcomes.undecided,
      reopened: complaints.reopened,
      localResolutionMeetings: complaints.localResolutionMeetings,
      phsoReferrals: complaints.ombudsmanReferrals,
      previous: {
        reopened: previousOf((figures) => figures.complaints.reopened) ?? 0,
        localResolutionMeetings: previousOf((figures) => figures.complaints.localResolutionMeetings) ?? 0,
        phsoReferrals: previousOf((figures) => figures.complaints.ombudsmanReferrals) ?? 0,
      },
      staffGroups: Object.fromEntries(
        complaints.staffGroups.map((group) => [
          group.name,
          { upheld: group.upheld, notUpheld: group.notUpheld, total: group.total },
        ]),
      ),
      subjects: subjectCounts(input.complaints, current.period, input.subjectList),
      trend: complaintTrend,
    },
    concerns: {
      received: received(concerns),
      escalatedToComplaint: {
        ...counted(escalated),
        previousPercent: previousOf((figures) => figures.concerns.escalated.percent),
      },
      staffGroups: concernStaffGroups(concerns.staffGroups),
      themes: concernThemes,
      trend: trendOf((figures) => figures.concerns.received.total),
    },
    compliments: {
      ...(({ total, previous: before, byLocality, previousByLocality }) => ({
        total,
        previous: before,
        byLocality,
        previousByLocality,
      }))(received(current.compliments)),
      trend: complimentTrend,
      samples: input.complimentSamples ?? null,
    },
    contactRates: input.contactsByMonth
      ? contactRates(complaintTrend, complimentTrend, input.contactsByMonth)
      : null,
    otherContacts: {
      total: current.otherContacts.received.total,
      previous: current.otherContacts.previousPeriodReceived.total,
    },
    ombudsman: ombudsmanSection(input.ombudsman, current.period),
    fft: fft ? { ...fft, comparison: input.fftComparison ?? null } : null,
    qualitySurvey,
    childrenSurvey,
    themes,
    actions,
    pending: pendingSections.filter(
      (name) =>
        !(name === 'fft' && fft) &&
        !(name === 'qualitySurvey' && qualitySurvey) &&
        !(name === 'childrenSurvey' && childrenSurvey) &&
        !(name === 'themes' && themes) &&
        !(name === 'actions' && actions) &&
        !(name === 'concerns.themes' && concernThemes),
    ),
    assessments,
    spc: {
      complaintsReceived: spcSummary('complaints-received', complaintTrend, 'neither', null),
      complimentsReceived: spcSummary('compliments-received', complimentTrend, 'up', null),
    },
  };
}

/** How a referral stands, for one referral and for several. */
const ombudsmanStatusWords: Record<OmbudsmanStatus, [string, string]> = {
  referred: [
    'awaits the PHSO’s decision whether to look at it',
    'await the PHSO’s decision whether to look at them',
  ],
  assessing: ['is being assessed by the PHSO', 'are being assessed by the PHSO'],
  investigating: ['is being investigated by the PHSO', 'are being investigated by the PHSO'],
  decided: ['has had the PHSO’s decision', 'have had the PHSO’s decision'],
};

function ombudsmanSection(
  cases: readonly OmbudsmanCase[],
  period: Pick<Period, 'start' | 'end'>,
): QuarterlyReport['ombudsman'] {
  const referred = cases.filter(
    (entry) => entry.referredDate !== null && periodContains(period, entry.referredDate),
  );
  const decided = cases.filter(
    (entry) =>
      entry.outcome !== null && entry.outcomeDate !== null && periodContains(period, entry.outcomeDate),
  );
  const referredByStatus = Object.fromEntries(ombudsmanStatuses.map((status) => [status, 0])) as Record<
    OmbudsmanStatus,
    number
  >;
  for (const entry of referred) referredByStatus[entry.status ?? 'referred'] += 1;
  const decisionsByOutcome = Object.fromEntries(ombudsmanOutcomes.map((outcome) => [outcome, 0])) as Record<
    OmbudsmanOutcome,
    number
  >;
  for (const entry of decided) if (entry.outcome) decisionsByOutcome[entry.outcome] += 1;
  const count = referred.length;
  const opening =
    count === 0
      ? 'There have been no referrals to the PHSO this quarter.'
      : `There ${count === 1 ? 'has been one referral' : `have been ${inWords(count)} referrals`} to the PHSO this quarter.`;
  const standing = ombudsmanStatuses
    .filter((status) => referredByStatus[status] > 0)
    .map(
      (status) =>
        `${inWords(referredByStatus[status])} ${ombudsmanStatusWords[status][referredByStatus[status] === 1 ? 0 : 1]}`,
    );
  const summary = [
    opening,
    standing.length > 0 && count > 0 ? `Of these, ${standing.join(', ')}.` : '',
    decided.length > 0 ? `The PHSO decided on ${inWords(decided.length)} this quarter.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return { referred: count, referredByStatus, decided: decided.length, decisionsByOutcome, summary };
}

/** "Only one complaint investigation was overdue in this time period." */
function overdueSentence(overdue: number): string {
  if (overdue === 0) return 'No complaint investigation was overdue in this time period.';
  if (overdue === 1) return 'Only one complaint investigation was overdue in this time period.';
  return `${overdue} complaint investigations were overdue in this time period.`;
}
