import { addDays, type IsoDate, type Period, parsePeriod } from '#src/domains/calendar/index.ts';
import type { Channel, FeedbackKind } from '#src/domains/cases/index.ts';
import * as words from './case-texts.ts';
import {
  type DemoIssue,
  issuesMatchingTable,
  quarter1StaffGroups,
  quarter2StaffGroups,
  randomIssues,
  type StaffGroupTable,
} from './complaint-issues.ts';
import { plannedComplaint } from './complaint-records.ts';
import {
  type ComplaintTimeline,
  demoComplaintTimelines,
  demoEnd,
  type LocalityCode,
} from './complaint-timelines.ts';
import {
  type ConcernStaffGroupTable,
  concernGroupsMatchingTable,
  quarter2ConcernStaffGroups,
  randomConcernGroups,
} from './concern-staff-groups.ts';
import { later, range, workingDayIn, workingDaysAfter } from './dates.ts';
import { type DemoPerson, demoPerson } from './people.ts';
import { Places } from './places.ts';
import type { DemoCasePlan, PlannedComplimentBatch, PlannedRecord, PlannedStep } from './plan-types.ts';
import { pick, type Random, seededRandom, weighted } from './random.ts';
import type { DemoUnit } from './structure.ts';

export type { DemoCasePlan, PlannedComplimentBatch, PlannedRecord, PlannedStep } from './plan-types.ts';

// The demo trust's two years of case records as a plan: every record with what happened to it and
// when, built from the seed alone (the same seed, the same records). cases.ts carries the plan out
// through the cases service, in order of date.

const quarterCodes = [
  '2016/17-Q1',
  '2016/17-Q2',
  '2016/17-Q3',
  '2016/17-Q4',
  '2017/18-Q1',
  '2017/18-Q2',
  '2017/18-Q3',
  '2017/18-Q4',
] as const;

/** What the seed report counts for its two quarters (Tables 2 and 9, §2.2–2.3); the rest are drawn at random. */
const seedCounts: Partial<
  Record<
    string,
    { concerns: Record<LocalityCode, number>; escalated: number; enquiries: number; compliments?: number }
  >
> = {
  '2017/18-Q1': { concerns: { NTH: 41, STH: 9, CORP: 5 }, escalated: 2, enquiries: 39 },
  '2017/18-Q2': { concerns: { NTH: 38, STH: 3, CORP: 3 }, escalated: 5, enquiries: 79, compliments: 449 },
};

const seedStaffGroups: Record<string, StaffGroupTable> = {
  '2017/18-Q1': quarter1StaffGroups,
  '2017/18-Q2': quarter2StaffGroups,
};

/** Table 11 of the seed report, for the quarter it gives; the others are drawn in its proportions. */
const seedConcernStaffGroups: Record<string, ConcernStaffGroupTable> = {
  '2017/18-Q2': quarter2ConcernStaffGroups,
};

const concernChannels: readonly (readonly [Channel, number])[] = [
  ['phone', 55],
  ['email', 25],
  ['in-person', 10],
  ['letter', 5],
  ['web-form', 5],
];

const beforeEnd = (step: PlannedStep) => step.date <= demoEnd;

class PlanBuilder {
  readonly records: PlannedRecord[] = [];
  readonly complimentBatches: PlannedComplimentBatch[] = [];
  private counter = 0;

  constructor(
    private readonly random: Random,
    private readonly places: Places,
  ) {}

  private key(kind: FeedbackKind) {
    this.counter += 1;
    return `${kind}-${this.counter}`;
  }

  private person(locality: LocalityCode): DemoPerson {
    return demoPerson(this.random, this.places.localityNames[locality] ?? 'Northshire');
  }

  complaint(complaint: ComplaintTimeline, issues: DemoIssue[]): PlannedRecord {
    const record = plannedComplaint(this.random, this.places, this.key('complaint'), complaint, issues);
    this.records.push(record);
    return record;
  }

  concern(
    locality: LocalityCode,
    receivedDate: IsoDate,
    options: { unitCode?: string; person?: DemoPerson | null } = {},
  ): PlannedRecord {
    const random = this.random;
    const unitCode = options.unitCode ?? this.places.any(random, locality);
    const steps: PlannedStep[] =
      random.next() < 0.35
        ? [
            {
              date: workingDaysAfter(receivedDate, random.integer(1, 8)),
              action: 'note',
              text: pick(random, words.concernResolutions),
            },
          ]
        : [];
    const record: PlannedRecord = {
      key: this.key('concern'),
      kind: 'concern',
      channel: weighted(random, concernChannels),
      unitCode,
      receivedDate,
      eventDate: null,
      summary: pick(random, words.concernSummaries),
      narrative: pick(random, words.concernAccounts),
      desiredOutcome: null,
      person: options.person === undefined ? this.person(locality) : options.person,
      onBehalfOfName: null,
      escalatedFromKey: null,
      steps: steps.filter(beforeEnd),
    };
    this.records.push(record);
    return record;
  }

  /** An enquiry, comment or MP enquiry: logged, with nothing more to record. */
  contact(kind: 'enquiry' | 'comment' | 'mp-enquiry', quarter: Period) {
    const random = this.random;
    const locality = weighted<LocalityCode>(random, [
      ['NTH', 75],
      ['STH', 15],
      ['CORP', 10],
    ]);
    const summaries = {
      enquiry: words.enquirySummaries,
      comment: words.commentSummaries,
      'mp-enquiry': words.mpEnquirySummaries,
    }[kind];
    const channels: readonly (readonly [Channel, number])[] =
      kind === 'enquiry'
        ? [
            ['phone', 60],
            ['email', 30],
            ['in-person', 10],
          ]
        : kind === 'comment'
          ? [
              ['web-form', 40],
              ['email', 30],
              ['in-person', 20],
              ['survey', 10],
            ]
          : [
              ['letter', 60],
              ['email', 40],
            ];
    this.records.push({
      key: this.key(kind),
      kind,
      channel: weighted(random, channels),
      unitCode: random.next() < 0.4 ? 'CORP-NQ-SED' : this.places.any(random, locality),
      receivedDate: workingDayIn(random, quarter) ?? quarter.start,
      eventDate: null,
      summary: pick(random, summaries),
      narrative: null,
      desiredOutcome: null,
      person: kind === 'comment' && random.next() < 0.5 ? null : this.person(locality),
      onBehalfOfName: null,
      escalatedFromKey: null,
      steps: [],
    });
  }

  compliments(quarter: Period, count: number) {
    const random = this.random;
    let left = count;
    while (left > 0) {
      const size = Math.min(left, random.integer(2, 12));
      left -= size;
      const locality = weighted<LocalityCode>(random, [
        ['NTH', 78],
        ['STH', 18],
        ['CORP', 4],
      ]);
      const cards = random.next() < 0.4;
      this.complimentBatches.push({
        unitCode: this.places.any(random, locality),
        receivedDate: workingDayIn(random, quarter) ?? quarter.start,
        channel: cards ? 'letter' : pick(random, ['email', 'letter', 'in-person', 'phone'] as const),
        compliments: cards ? [] : Array.from({ length: size }, () => pick(random, words.complimentWords)),
        cards: cards ? { count: size, description: pick(random, words.complimentCardDescriptions) } : null,
      });
    }
  }
}

/** Issues for every complaint: exactly the seed tables for those closed in the seed quarters, at random otherwise. */
function complaintIssues(
  random: Random,
  complaints: readonly ComplaintTimeline[],
): Map<ComplaintTimeline, DemoIssue[]> {
  const issues = new Map<ComplaintTimeline, DemoIssue[]>();
  for (const [quarterCode, table] of Object.entries(seedStaffGroups)) {
    const closed = complaints.filter((complaint) => complaint.closedInSeedQuarter === quarterCode);
    const matched = issuesMatchingTable(
      random,
      closed.map((complaint) => complaint.outcome ?? 'not-upheld'),
      table,
    );
    closed.forEach((complaint, index) => {
      issues.set(complaint, matched[index] ?? []);
    });
  }
  for (const complaint of complaints) {
    if (!issues.has(complaint))
      issues.set(complaint, randomIssues(random, complaint.outcome ?? 'not-upheld'));
  }
  return issues;
}

function localitySplit(random: Random, total: number): Record<LocalityCode, number> {
  const southshire = Math.round(total * (0.1 + random.next() * 0.06));
  const corporate = Math.round(total * (0.05 + random.next() * 0.05));
  return { NTH: total - southshire - corporate, STH: southshire, CORP: corporate };
}

/** The demo trust's case records for 1 April 2016 to 31 March 2018, from its structure and a seed. */
export function demoCasePlan({ seed, units }: { seed: number; units: readonly DemoUnit[] }): DemoCasePlan {
  const random = seededRandom(seed * 7919 + 17);
  const places = new Places(units);
  const builder = new PlanBuilder(random, places);
  const timelines = demoComplaintTimelines(random);
  const issues = complaintIssues(random, timelines);
  const complaints = timelines.map((timeline) => ({
    timeline,
    record: builder.complaint(timeline, issues.get(timeline) ?? []),
  }));

  for (const code of quarterCodes) {
    const quarter = parsePeriod(code);
    const seeded = seedCounts[code];
    const concerns = seeded?.concerns ?? localitySplit(random, random.integer(44, 60));
    // Concerns that became complaints: received a few days before the complaint, in the same quarter.
    const wanted = seeded?.escalated ?? random.integer(1, 3);
    const candidates = random.shuffle(
      complaints.filter(
        ({ timeline }) =>
          timeline.receivedDate >= quarter.start &&
          timeline.receivedDate <= quarter.end &&
          timeline.withdrawnDate === null,
      ),
    );
    const left = { ...concerns };
    let escalated = 0;
    for (const { timeline, record } of candidates) {
      if (escalated === wanted) break;
      if (left[timeline.locality] <= 0) continue;
      left[timeline.locality] -= 1;
      escalated += 1;
      const receivedDate =
        workingDayIn(
          random,
          range(later(quarter.start, addDays(timeline.receivedDate, -21)), timeline.receivedDate),
        ) ?? timeline.receivedDate;
      const concern = builder.concern(timeline.locality, receivedDate, {
        unitCode: record.unitCode,
        person: record.person,
      });
      record.escalatedFromKey = concern.key;
    }
    if (seeded && escalated !== wanted)
      throw new Error(`${code}: ${escalated} of ${wanted} concerns escalated`);
    for (const locality of ['NTH', 'STH', 'CORP'] as const) {
      for (let i = 0; i < left[locality]; i += 1) {
        builder.concern(locality, workingDayIn(random, quarter) ?? quarter.start);
      }
    }
    const enquiries =
      seeded?.enquiries ?? (code < '2017/18' ? random.integer(35, 55) : random.integer(50, 75));
    for (let i = 0; i < enquiries; i += 1) builder.contact('enquiry', quarter);
    for (let i = 0, n = random.integer(4, 10); i < n; i += 1) builder.contact('comment', quarter);
    for (let i = 0, n = random.integer(1, 3); i < n; i += 1) builder.contact('mp-enquiry', quarter);
    builder.compliments(quarter, seeded?.compliments ?? random.integer(380, 480));
  }
  // The staff groups each concern involves, recorded the day it arrived. Drawn from a stream of
  // their own, so that the rest of the plan is the same records it was before concerns had them.
  const groupsRandom = seededRandom(seed * 7919 + 29);
  for (const code of quarterCodes) {
    const quarter = parsePeriod(code);
    const concerns = builder.records.filter(
      (record) =>
        record.kind === 'concern' &&
        record.receivedDate >= quarter.start &&
        record.receivedDate <= quarter.end,
    );
    const table = seedConcernStaffGroups[code];
    const groups = table
      ? concernGroupsMatchingTable(groupsRandom, concerns.length, table)
      : concerns.map(() => randomConcernGroups(groupsRandom));
    concerns.forEach((record, index) => {
      record.steps.unshift({
        date: record.receivedDate,
        action: 'concern-staff-groups',
        staffGroupCodes: groups[index] ?? ['none'],
      });
    });
  }
  return { records: builder.records, complimentBatches: builder.complimentBatches };
}
