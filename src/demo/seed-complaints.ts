import { addDays } from '#src/domains/calendar/index.ts';
import { earlier, later, range, workingDayIn, workingDaysAfter } from './dates.ts';
import type { Random } from './random.ts';
import {
  acknowledgement,
  type ComplaintTimeline,
  closedDateOf,
  type LocalityCode,
  period,
  response,
  seedQuarterOf,
  shuffledLocalities,
} from './timeline.ts';

// The complaints received from January to September 2017, shaped role by role so that 2017/18 Q1
// and Q2 come out as the seed report (service-experience-report-2017-q2.txt, Tables 1–4) counts
// them. The counting code in the cases domain knows nothing of this: it computes the figures from
// the records as it would for any trust.

/**
 * One kind of complaint in the shaped months, and how many there are: the quarter it was received
 * in, the quarter its response fell due in, whether it was answered by then, and the quarter it
 * was finally closed in (after a reopening, if it had one).
 */
interface Role {
  count: number;
  received: string;
  due?: string;
  ending: 'on-time' | 'late' | 'withdrawn';
  closes: string;
  reopen?: { firstClose: string; reopened: string };
}

const p4 = '2016/17-Q4';
const q1 = '2017/18-Q1';
const q2 = '2017/18-Q2';
const q3 = '2017/18-Q3';

/**
 * The seed report's arithmetic, which these roles meet at once (see measures.ts for the measures):
 *  - received: Q1 16, Q2 19 (Table 1);
 *  - closed or withdrawn: Q1 16 (15 answered, 1 withdrawn), Q2 19 (18 answered, 1 withdrawn) (Table 4);
 *  - responses that fell due: Q1 16 with 13 on time (81%), Q2 15 with 14 on time (93%: "only one
 *    complaint investigation was overdue") (Table 2);
 *  - reopenings: Q1 4, Q2 1 (Table 3). A reopened complaint answered again after its date counts as
 *    overdue in the quarter its response fell due, and as closed in the quarter of its last answer.
 * 2016/17 Q4 is free in itself; it is shaped only because its complaints close in Q1 and Q2.
 */
const seedRoles: readonly Role[] = [
  { count: 7, received: p4, due: p4, ending: 'on-time', closes: p4 },
  { count: 2, received: p4, due: p4, ending: 'late', closes: q1, reopen: { firstClose: p4, reopened: q1 } },
  { count: 1, received: p4, due: p4, ending: 'late', closes: q2, reopen: { firstClose: p4, reopened: q1 } },
  { count: 5, received: p4, due: q1, ending: 'on-time', closes: q1 },
  { count: 1, received: p4, due: q1, ending: 'late', closes: q2 },
  { count: 1, received: p4, ending: 'withdrawn', closes: p4 },

  { count: 8, received: q1, due: q1, ending: 'on-time', closes: q1 },
  { count: 1, received: q1, due: q1, ending: 'late', closes: q2, reopen: { firstClose: q1, reopened: q1 } },
  { count: 1, received: q1, due: q1, ending: 'late', closes: q3, reopen: { firstClose: q1, reopened: q2 } },
  { count: 5, received: q1, due: q2, ending: 'on-time', closes: q2 },
  { count: 1, received: q1, ending: 'withdrawn', closes: q1 },

  { count: 9, received: q2, due: q2, ending: 'on-time', closes: q2 },
  { count: 1, received: q2, due: q2, ending: 'late', closes: q2 },
  { count: 7, received: q2, due: q3, ending: 'on-time', closes: q3 },
  { count: 1, received: q2, due: q3, ending: 'late', closes: q3 },
  { count: 1, received: q2, ending: 'withdrawn', closes: q2 },
];

/** Complaints received by locality in the shaped quarters: Table 1 (Gloucestershire is Northshire here). */
const seedLocalities: Record<string, Record<LocalityCode, number>> = {
  [p4]: { NTH: 14, STH: 2, CORP: 1 },
  [q1]: { NTH: 13, STH: 3, CORP: 0 },
  [q2]: { NTH: 16, STH: 3, CORP: 0 },
};

/** The dates of one complaint in a role; tries again until the dates fit (the seed keeps it repeatable). */
function complaintInRole(random: Random, role: Role): Omit<ComplaintTimeline, 'locality'> {
  const received = period(role.received);
  const closes = period(role.closes);
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const due = role.due ? period(role.due) : null;
    // Received early enough for the 25 working days to end in the due quarter, mostly.
    const natural = due
      ? range(
          later(received.start, workingDaysAfter(due.start, -25)),
          earlier(received.end, workingDaysAfter(due.end, -25)),
        )
      : received;
    const receivedDate = workingDayIn(random, natural && random.next() < 0.85 ? natural : received);
    if (!receivedDate) continue;
    const firstAgreedDate = response(receivedDate);
    let extension: ComplaintTimeline['extension'] = null;
    if (due && firstAgreedDate > due.end) continue;
    if (due && firstAgreedDate < due.start) {
      const newAgreedDate = workingDayIn(
        random,
        range(later(due.start, addDays(firstAgreedDate, 7)), due.end),
      );
      const agreedOn = workingDayIn(random, range(workingDaysAfter(receivedDate, 10), firstAgreedDate));
      if (!newAgreedDate || !agreedOn) continue;
      extension = { agreedOn, newAgreedDate };
    }
    const dueDate = extension?.newAgreedDate ?? firstAgreedDate;
    const base = {
      receivedDate,
      acknowledgedDate: acknowledgement(random, receivedDate, false),
      firstAgreedDate,
      extension,
      outcome: null,
      meetings: [],
      ombudsman: null,
      closedInSeedQuarter: null,
    };
    // Answered (or withdrawn) after any extension was agreed: the service changes only open complaints.
    const afterExtension = extension ? addDays(extension.agreedOn, 1) : receivedDate;
    const earliestAnswer = later(workingDaysAfter(receivedDate, 12), afterExtension);
    if (role.ending === 'withdrawn') {
      const withdrawnDate = workingDayIn(
        random,
        range(
          later(later(addDays(receivedDate, 10), closes.start), afterExtension),
          earlier(closes.end, addDays(receivedDate, 60)),
        ),
      );
      if (!withdrawnDate) continue;
      return { ...base, firstResponse: null, reopening: null, withdrawnDate };
    }
    if (role.reopen) {
      const firstClose = period(role.reopen.firstClose);
      const reopened = period(role.reopen.reopened);
      const firstResponse = workingDayIn(
        random,
        range(later(earliestAnswer, firstClose.start), earlier(dueDate, firstClose.end)),
      );
      if (!firstResponse) continue;
      const reopenedOn = workingDayIn(
        random,
        range(
          later(addDays(firstResponse, 10), reopened.start),
          earlier(reopened.end, addDays(firstResponse, 90)),
        ),
      );
      if (!reopenedOn) continue;
      const finalResponse = workingDayIn(
        random,
        range(
          later(later(addDays(reopenedOn, 14), addDays(dueDate, 1)), closes.start),
          earlier(closes.end, addDays(reopenedOn, 80)),
        ),
      );
      if (!finalResponse) continue;
      return { ...base, firstResponse, reopening: { reopenedOn, finalResponse }, withdrawnDate: null };
    }
    const answer =
      role.ending === 'on-time'
        ? range(later(earliestAnswer, closes.start), earlier(dueDate, closes.end))
        : range(
            later(later(addDays(dueDate, 1), earliestAnswer), closes.start),
            earlier(closes.end, addDays(dueDate, 50)),
          );
    const firstResponse = workingDayIn(random, answer);
    if (!firstResponse) continue;
    return { ...base, firstResponse, reopening: null, withdrawnDate: null };
  }
  throw new Error(`The demo generator could not place a complaint received in ${role.received}`);
}

/** The complaints received in the shaped quarters, 2016/17 Q4 to 2017/18 Q2. */
export function shapedComplaints(random: Random): ComplaintTimeline[] {
  const complaints: ComplaintTimeline[] = [];
  for (const [quarterCode, localities] of Object.entries(seedLocalities)) {
    const roles = seedRoles.filter((role) => role.received === quarterCode);
    const places = shuffledLocalities(random, localities);
    const total = roles.reduce((sum, role) => sum + role.count, 0);
    if (places.length !== total)
      throw new Error(`${quarterCode}: ${total} roles for ${places.length} places`);
    for (const role of roles) {
      for (let i = 0; i < role.count; i += 1) {
        const complaint: ComplaintTimeline = {
          ...complaintInRole(random, role),
          locality: places.pop() ?? 'NTH',
        };
        const closed = closedDateOf(complaint);
        if (closed && !complaint.withdrawnDate) complaint.closedInSeedQuarter = seedQuarterOf(closed);
        complaints.push(complaint);
      }
    }
  }
  return complaints;
}
