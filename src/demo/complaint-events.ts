import { addDays, type IsoDate } from '#src/domains/calendar/index.ts';
import { type DateRange, earlier, later, range, workingDayIn, workingDaysAfter } from './dates.ts';
import type { Random } from './random.ts';
import {
  type ComplaintTimeline,
  closedDateOf,
  type DemoOutcome,
  demoEnd,
  demoStart,
  openSpells,
  period,
  seedQuarterOf,
} from './timeline.ts';

// What else happened to the demo complaints: their outcomes, local resolution meetings and
// referrals to the Ombudsman, placed so that the seed quarters have exactly the report's.

/** Outcomes of the complaints answered in the seed quarters, as Table 4 gives them (Q1's from its text). */
const seedOutcomes: Record<'2017/18-Q1' | '2017/18-Q2', Record<DemoOutcome, number>> = {
  // "63% partially upheld, 6% upheld" of Q1's 16 closed: 10 and 1; 4 not upheld and 1 withdrawn.
  '2017/18-Q1': { upheld: 1, 'partially-upheld': 10, 'not-upheld': 4 },
  '2017/18-Q2': { upheld: 0, 'partially-upheld': 14, 'not-upheld': 4 },
};

export function assignOutcomes(random: Random, complaints: ComplaintTimeline[]) {
  for (const [quarterCode, counts] of Object.entries(seedOutcomes)) {
    const answered = complaints.filter((complaint) => complaint.closedInSeedQuarter === quarterCode);
    const outcomes = random.shuffle(
      (Object.entries(counts) as [DemoOutcome, number][]).flatMap(([outcome, n]) =>
        Array<DemoOutcome>(n).fill(outcome),
      ),
    );
    if (outcomes.length !== answered.length) {
      throw new Error(
        `${quarterCode}: ${answered.length} complaints answered for ${outcomes.length} outcomes`,
      );
    }
    answered.forEach((complaint, index) => {
      complaint.outcome = outcomes[index] ?? 'not-upheld';
    });
  }
  for (const complaint of complaints) {
    if (complaint.outcome || complaint.withdrawnDate || !complaint.firstResponse) continue;
    const draw = random.next();
    complaint.outcome = draw < 0.12 ? 'upheld' : draw < 0.7 ? 'partially-upheld' : 'not-upheld';
  }
}

/** A meeting day in one of the complaint's open spells that falls within `within`, a week after receipt at the soonest. */
function meetingDay(random: Random, complaint: ComplaintTimeline, within: DateRange): IsoDate | null {
  for (const spell of random.shuffle(openSpells(complaint))) {
    const day = workingDayIn(
      random,
      range(
        later(later(addDays(spell.start, 7), within.start), demoStart),
        earlier(earlier(addDays(spell.end, -1), within.end), demoEnd),
      ),
    );
    if (day) return day;
  }
  return null;
}

/** Local resolution meetings: Table 3's 2 in Q1 and 4 in Q2; about one complaint in five elsewhere. */
export function placeMeetings(random: Random, complaints: ComplaintTimeline[]) {
  for (const [code, wanted] of [
    ['2017/18-Q1', 2],
    ['2017/18-Q2', 4],
  ] as const) {
    let placed = 0;
    for (const complaint of random.shuffle(complaints)) {
      if (placed === wanted) break;
      const day = complaint.withdrawnDate ? null : meetingDay(random, complaint, period(code));
      if (day) {
        complaint.meetings.push(day);
        placed += 1;
      }
    }
    if (placed !== wanted)
      throw new Error(`The demo generator placed ${placed} of ${wanted} meetings in ${code}`);
  }
  for (const complaint of complaints) {
    if (complaint.withdrawnDate || complaint.meetings.length > 0 || random.next() > 0.2) continue;
    const day = meetingDay(random, complaint, { start: demoStart, end: demoEnd });
    if (day && !seedQuarterOf(day)) complaint.meetings.push(day);
  }
}

/**
 * Ombudsman referrals: the two of Q2 (§2.4: one the PHSO is investigating, one it passed to the CQC
 * without investigating, as it concerned the Mental Health Act), none in Q1, and a few elsewhere.
 */
export function placeReferrals(random: Random, complaints: ComplaintTimeline[]) {
  const quarter2 = period('2017/18-Q2');
  const answeredBefore = random.shuffle(
    complaints.filter((complaint) => {
      const closed = closedDateOf(complaint);
      return !complaint.withdrawnDate && closed !== null && addDays(closed, 14) <= addDays(quarter2.end, -14);
    }),
  );
  const [investigated, signposted] = answeredBefore;
  if (!investigated || !signposted) throw new Error('The demo generator found no complaints to refer in Q2');
  const referral = (complaint: ComplaintTimeline) =>
    workingDayIn(
      random,
      range(later(addDays(closedDateOf(complaint) ?? demoEnd, 14), quarter2.start), quarter2.end),
    );
  const first = referral(investigated);
  const second = referral(signposted);
  if (!first || !second) throw new Error('The demo generator could not date the Q2 Ombudsman referrals');
  investigated.ombudsman = { referredDate: first, status: 'investigating', decision: null };
  signposted.ombudsman = {
    referredDate: second,
    status: 'assessing',
    decision: { outcome: 'not-investigated', date: workingDaysAfter(second, random.integer(20, 40)) },
  };
  for (const complaint of complaints) {
    const closed = closedDateOf(complaint);
    if (complaint.ombudsman || complaint.withdrawnDate || !closed || random.next() > 0.06) continue;
    const referredDate = workingDaysAfter(closed, random.integer(20, 90));
    // Nothing may be referred in the seed quarters but the two above, nor after the demo ends.
    if (referredDate > demoEnd || seedQuarterOf(referredDate)) continue;
    const decisionDate = workingDaysAfter(referredDate, random.integer(60, 160));
    complaint.ombudsman = {
      referredDate,
      status: 'assessing',
      decision:
        decisionDate <= demoEnd
          ? {
              outcome:
                (['not-investigated', 'not-upheld', 'partly-upheld', 'upheld'] as const)[
                  random.integer(0, 3)
                ] ?? 'not-upheld',
              date: decisionDate,
            }
          : null,
    };
  }
}
