import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import {
  addDays,
  type IsoDate,
  isoDateInLondon,
  type Period,
  previousPeriod,
} from '#src/domains/calendar/index.ts';
import * as q from './figures-queries.ts';
import type { FeedbackKind } from './kinds-and-channels.ts';
import {
  type AgreedExtension,
  acknowledgedWithinThreeWorkingDays,
  closedWithinAgreedTimescale,
  escalationRate,
  type Measure,
  responseDateInForce,
} from './measures.ts';
import { type IssueOutcome, type OverallOutcome, overallOutcome } from './outcomes.ts';
import { referenceLists } from './reference-lists.ts';

// A period's case figures for one organisation, computed from its records: what the seed report's
// sections 2.1–2.4 count (complaints, concerns, compliments, other contacts, the Ombudsman). The
// reports build on this; each measure is defined once in measures.ts.

/** How many records one locality (a unit of kind 'locality' and everything below it) received. */
export interface LocalityCount {
  /** Null for records whose unit sits under no locality. */
  unitId: string | null;
  code: string | null;
  name: string;
  count: number;
}

export interface LocalityCounts {
  total: number;
  /** Every locality of the organisation, in name order, each with its count (0 included). */
  byLocality: LocalityCount[];
}

export interface ReceivedFigures {
  received: LocalityCounts;
  previousPeriodReceived: LocalityCounts;
}

/** Issue and staff-group pairs on complaints closed in the period (the seed report, Table 5). */
export interface StaffGroupCount {
  code: string;
  name: string;
  /** Upheld and not upheld together. */
  total: number;
  upheld: number;
  notUpheld: number;
}

/** How many concerns received in the period name a staff group (the seed report, Table 11). */
export interface ConcernStaffGroupCount {
  code: string;
  name: string;
  count: number;
}

export interface ComplaintFigures extends ReceivedFigures {
  /** SI 2009/309 reg 13(1), of complaints received in the period. */
  acknowledgedWithinThreeWorkingDays: Measure & { pending: number };
  /** Of complaints whose response fell due in the period (see measures.ts). */
  closedWithinAgreedTimescale: Measure & { pending: number };
  /** Complaints closed or withdrawn in the period, by the outcome derived from their issues. */
  closed: { total: number; outcomes: Record<OverallOutcome, number> };
  reopened: number;
  localResolutionMeetings: number;
  /** Referrals to the Parliamentary and Health Service Ombudsman dated in the period. */
  ombudsmanReferrals: number;
  staffGroups: StaffGroupCount[];
}

export interface CaseFigures {
  period: Period;
  previousPeriod: Period;
  complaints: ComplaintFigures;
  /** PALS concerns, with those escalated to a complaint and the staff groups they name. */
  concerns: ReceivedFigures & { escalated: Measure; staffGroups: ConcernStaffGroupCount[] };
  compliments: ReceivedFigures;
  /** Enquiries, advice and signposting: the seed report's "other contacts" (DESIGN.md §2). */
  otherContacts: ReceivedFigures;
  /** Comments and suggestions, which the seed report does not count on their own. */
  comments: ReceivedFigures;
  mpEnquiries: ReceivedFigures;
}

/** The kinds counted as "other contacts". */
export const otherContactKinds: readonly FeedbackKind[] = ['enquiry'];

interface TreeUnit {
  unitId: string;
  parentUnitId: string | null;
  kind: string;
  code: string;
  name: string;
}

/** Each unit's nearest locality, itself or an ancestor; null when none is above it. Safe on a cyclic tree. */
export function localitiesOfUnits(units: readonly TreeUnit[]): Map<string, TreeUnit | null> {
  const byId = new Map(units.map((unit) => [unit.unitId, unit]));
  const found = new Map<string, TreeUnit | null>();
  for (const unit of units) {
    const seen = new Set<string>();
    let current: TreeUnit | undefined = unit;
    while (current && current.kind !== 'locality' && !seen.has(current.unitId)) {
      seen.add(current.unitId);
      current = current.parentUnitId === null ? undefined : byId.get(current.parentUnitId);
    }
    found.set(unit.unitId, current?.kind === 'locality' ? current : null);
  }
  return found;
}

/** Counts by unit gathered into the localities above them. */
export function countsByLocality(
  units: readonly TreeUnit[],
  counts: readonly { unitId: string; count: number }[],
  localityOf: ReadonlyMap<string, TreeUnit | null> = localitiesOfUnits(units),
): LocalityCounts {
  const localities = units
    .filter((unit) => unit.kind === 'locality')
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const byLocality = new Map<string | null, LocalityCount>(
    localities.map((unit) => [
      unit.unitId,
      { unitId: unit.unitId, code: unit.code, name: unit.name, count: 0 },
    ]),
  );
  let total = 0;
  for (const { unitId, count } of counts) {
    const locality = localityOf.get(unitId) ?? null;
    const key = locality?.unitId ?? null;
    const entry = byLocality.get(key) ?? { unitId: null, code: null, name: 'Not in a locality', count: 0 };
    entry.count += count;
    byLocality.set(key, entry);
    total += count;
  }
  return { total, byLocality: [...byLocality.values()] };
}

/** The overall outcomes of closed complaints, from how many of each one's issues have each outcome. */
export function outcomeCounts(
  complaints: readonly { status: string; upheld: number; notUpheld: number; undecided: number }[],
): Record<OverallOutcome, number> {
  const outcomes: Record<OverallOutcome, number> = {
    upheld: 0,
    'partially-upheld': 0,
    'not-upheld': 0,
    withdrawn: 0,
    undecided: 0,
  };
  for (const complaint of complaints) {
    const issueOutcomes: (IssueOutcome | null)[] = [
      ...Array<IssueOutcome>(complaint.upheld).fill('upheld'),
      ...Array<IssueOutcome>(complaint.notUpheld).fill('not-upheld'),
      ...Array<null>(complaint.undecided).fill(null),
    ];
    outcomes[overallOutcome({ issueOutcomes, withdrawn: complaint.status === 'withdrawn' })] += 1;
  }
  return outcomes;
}

/**
 * Staff-group pairs by the reference list's order: every group offered now, with its count (0
 * included), then any retired or unknown code that still has pairs.
 */
export function staffGroupCounts(
  pairs: readonly { staffGroupCode: string; outcome: IssueOutcome | null; count: number }[],
): StaffGroupCount[] {
  const list = referenceLists().staffGroups;
  const counts = new Map<string, StaffGroupCount>();
  const entry = (code: string) => {
    const existing = counts.get(code);
    if (existing) return existing;
    const created = { code, name: list.byCode.get(code)?.name ?? code, total: 0, upheld: 0, notUpheld: 0 };
    counts.set(code, created);
    return created;
  };
  for (const item of list.items) if (!item.retired) entry(item.code);
  for (const pair of pairs) {
    const group = entry(pair.staffGroupCode);
    if (pair.outcome === 'upheld') group.upheld += pair.count;
    if (pair.outcome === 'not-upheld') group.notUpheld += pair.count;
    group.total = group.upheld + group.notUpheld;
  }
  return [...counts.values()];
}

/** Concerns by staff group, in the reference list's order as staffGroupCounts gives it. */
export function concernStaffGroupCounts(
  named: readonly { staffGroupCode: string; count: number }[],
): ConcernStaffGroupCount[] {
  const counts = new Map<string, number>();
  for (const row of named) counts.set(row.staffGroupCode, (counts.get(row.staffGroupCode) ?? 0) + row.count);
  return staffGroupCounts(
    [...counts].map(([staffGroupCode, count]) => ({ staffGroupCode, outcome: 'upheld' as const, count })),
  ).map(({ code, name, total }) => ({ code, name, count: total }));
}

/**
 * The case figures of `period` for one organisation, as its records stand. `today` decides which
 * deadlines are still pending (see measures.ts); it defaults to today in England.
 */
export async function caseFigures(
  db: Database,
  orgId: string,
  period: Period,
  options: { today?: IsoDate } = {},
): Promise<CaseFigures> {
  const [figures] = await caseFiguresOfPeriods(db, orgId, [period], options);
  if (!figures) throw new Error('no figures for the period');
  return figures;
}

/** Whether a period starts on a month's first day and ends on a month's last: counts by month then add up to it. */
const wholeMonths = (period: Period) =>
  period.start.endsWith('-01') && addDays(period.end, 1).endsWith('-01');

/**
 * The case figures of several periods (a report's trend of quarters) at once: each query reads the
 * whole span once, and its rows are shared out to the periods (and the period before each) here,
 * so eight quarters cost the same few queries as one. Each period's figures are exactly what
 * `caseFigures` gives for it alone.
 */
export async function caseFiguresOfPeriods(
  db: Database,
  orgId: string,
  periods: readonly Period[],
  { today = isoDateInLondon(new Date()) }: { today?: IsoDate } = {},
): Promise<CaseFigures[]> {
  if (periods.length === 0) return [];
  const withBefore = periods.map((period) => ({ period, before: previousPeriod(period) }));
  const all = withBefore.flatMap(({ period, before }) => [period, before]);
  if (!all.every(wholeMonths)) throw new Error('case figures are counted for whole months');
  const span = {
    start: all.reduce((first, each) => (each.start < first ? each.start : first), all[0]?.start ?? ''),
    end: all.reduce((last, each) => (each.end > last ? each.end : last), all[0]?.end ?? ''),
  };
  const inMonths = (range: Period, month: string) =>
    range.start.slice(0, 7) <= month && month <= range.end.slice(0, 7);
  const within = (range: Period, date: IsoDate | null) =>
    date !== null && range.start <= date && date <= range.end;

  return withOrg(db, orgId, async (tx) => {
    const units = await q.unitTreeRows(tx, orgId);
    const localityOf = localitiesOfUnits(units);
    const receivedByMonth = new Map<string, Awaited<ReturnType<typeof q.receivedByKindUnitAndMonth>>>();
    for (const row of await q.receivedByKindUnitAndMonth(tx, orgId, span)) {
      const rows = receivedByMonth.get(row.month);
      if (rows) rows.push(row);
      else receivedByMonth.set(row.month, [row]);
    }
    const possiblyDue = await q.complaintsPossiblyDueIn(tx, orgId, span);
    const extensionsOf = new Map<string, AgreedExtension[]>();
    for (const extension of await q.extensionsOfComplaintsPossiblyDueIn(tx, orgId, span)) {
      extensionsOf.set(extension.recordId, [...(extensionsOf.get(extension.recordId) ?? []), extension]);
    }
    const due = possiblyDue.map((complaint) => ({
      status: complaint.status,
      responseSentDate: complaint.responseSentDate,
      responseDueDate: responseDateInForce(
        complaint.agreedResponseDate,
        extensionsOf.get(complaint.recordId) ?? [],
      ),
    }));
    const closed = await q.issueOutcomesOfComplaintsClosed(tx, orgId, span);
    const acknowledgements = await q.acknowledgementsOfComplaintsReceived(tx, orgId, span);
    const reopenings = await q.reopeningDatesIn(tx, orgId, span);
    const meetings = await q.localResolutionMeetingDatesIn(tx, orgId, span);
    const referrals = await q.ombudsmanReferralDatesIn(tx, orgId, span);
    const staffGroupPairs = await q.staffGroupPairsOfComplaintsClosed(tx, orgId, span);
    const escalations = await q.escalationsOfReceived(tx, orgId, 'concern', span);
    const concernStaffGroups = await q.staffGroupsOfConcernsReceived(tx, orgId, span);

    return withBefore.map(({ period, before }): CaseFigures => {
      const receivedIn = (range: Period, kinds: readonly FeedbackKind[]) =>
        countsByLocality(
          units,
          [...receivedByMonth]
            .filter(([month]) => inMonths(range, month))
            .flatMap(([, rows]) => rows.filter((row) => kinds.includes(row.kind))),
          localityOf,
        );
      const receivedFigures = (kinds: readonly FeedbackKind[]): ReceivedFigures => ({
        received: receivedIn(period, kinds),
        previousPeriodReceived: receivedIn(before, kinds),
      });
      const closedIn = closed.filter((row) => within(period, row.closedDate));
      const datesIn = (rows: readonly { date: IsoDate | null }[]) =>
        rows.filter((row) => within(period, row.date)).length;
      return {
        period,
        previousPeriod: before,
        complaints: {
          ...receivedFigures(['complaint']),
          acknowledgedWithinThreeWorkingDays: acknowledgedWithinThreeWorkingDays(
            // Each measure checks the period itself; these string comparisons only spare it the rest.
            acknowledgements.filter((row) => within(period, row.receivedDate)),
            period,
            today,
          ),
          closedWithinAgreedTimescale: closedWithinAgreedTimescale(
            due.filter((row) => within(period, row.responseDueDate)),
            period,
            today,
          ),
          closed: { total: closedIn.length, outcomes: outcomeCounts(closedIn) },
          reopened: datesIn(reopenings),
          localResolutionMeetings: datesIn(meetings),
          ombudsmanReferrals: datesIn(referrals),
          staffGroups: staffGroupCounts(staffGroupPairs.filter((row) => inMonths(period, row.month))),
        },
        concerns: {
          ...receivedFigures(['concern']),
          escalated: escalationRate(
            escalations.filter((row) => within(period, row.receivedDate)),
            period,
          ),
          staffGroups: concernStaffGroupCounts(
            concernStaffGroups.filter((row) => inMonths(period, row.month)),
          ),
        },
        compliments: receivedFigures(['compliment']),
        otherContacts: receivedFigures(otherContactKinds),
        comments: receivedFigures(['comment']),
        mpEnquiries: receivedFigures(['mp-enquiry']),
      };
    });
  });
}
