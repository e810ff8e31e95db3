import { addDays, type IsoDate, type Period, quarterContaining } from '#src/domains/calendar/index.ts';
import { later, range, workingDayIn, workingDaysAfter } from './dates.ts';
import type { Random } from './random.ts';
import {
  acknowledgement,
  type ComplaintTimeline,
  type LocalityCode,
  period,
  response,
  shuffledLocalities,
} from './timeline.ts';

// The complaints of the quarters the seed report does not describe, drawn at random: received
// from April to December 2016 (and finished before April 2017), and from October 2017.

/** Quarters of receipt drawn at random; nothing in them may happen from `before` on, so that the shaped quarters stay as they are. */
const freeQuarters: readonly { code: string; before: IsoDate }[] = [
  { code: '2016/17-Q1', before: '2017-04-01' },
  { code: '2016/17-Q2', before: '2017-04-01' },
  { code: '2016/17-Q3', before: '2017-04-01' },
  { code: '2017/18-Q3', before: '9999-12-31' },
  { code: '2017/18-Q4', before: '9999-12-31' },
];

/**
 * The share of responses answered by their date, by the quarter they fell due in: rising for four
 * quarters to the seed report's 81% and 93% ("continues to increase for the fourth consecutive
 * quarter"), and holding after it.
 */
const onTimeShare: Record<string, number> = {
  '2016/17-Q1': 0.55,
  '2016/17-Q2': 0.6,
  '2016/17-Q3': 0.66,
  '2016/17-Q4': 0.72,
};
const laterShare = 0.9;

interface FreeDraft {
  receivedDate: IsoDate;
  locality: LocalityCode;
  firstAgreedDate: IsoDate;
  extension: ComplaintTimeline['extension'];
  before: IsoDate;
  ending: 'on-time' | 'late' | 'withdrawn';
}

const dueDateOfDraft = (draft: FreeDraft) => draft.extension?.newAgreedDate ?? draft.firstAgreedDate;

/** When a free complaint was received and when its response fell due. */
function freeDraft(
  random: Random,
  quarterPeriod: Period,
  locality: LocalityCode,
  before: IsoDate,
  withdrawn: boolean,
): FreeDraft {
  for (let attempt = 0; attempt < 500; attempt += 1) {
    const receivedDate = workingDayIn(random, quarterPeriod);
    if (!receivedDate) continue;
    const firstAgreedDate = response(receivedDate);
    const agreedOn = workingDayIn(random, range(workingDaysAfter(receivedDate, 10), firstAgreedDate));
    const extension =
      agreedOn && random.next() < 0.12
        ? { agreedOn, newAgreedDate: workingDaysAfter(firstAgreedDate, random.integer(10, 25)) }
        : null;
    const draft: FreeDraft = {
      receivedDate,
      locality,
      firstAgreedDate,
      extension,
      before,
      ending: withdrawn ? 'withdrawn' : 'on-time',
    };
    // Room for a late answer, or a reopening, before the shaped quarters begin.
    if (addDays(dueDateOfDraft(draft), 60) < before) return draft;
  }
  throw new Error(`The demo generator could not place a complaint received in ${quarterPeriod.code}`);
}

/** How a free complaint ended: answered by its date, answered late, reopened and answered late again, or withdrawn. */
function freeComplaint(random: Random, draft: FreeDraft): ComplaintTimeline {
  const dueDate = dueDateOfDraft(draft);
  const afterExtension = draft.extension ? addDays(draft.extension.agreedOn, 1) : draft.receivedDate;
  const earliestAnswer = later(workingDaysAfter(draft.receivedDate, 12), afterExtension);
  const onTime = () => workingDayIn(random, range(earliestAnswer, dueDate));
  const acknowledgedDate = acknowledgement(random, draft.receivedDate, random.next() < 0.04);
  let firstResponse: IsoDate | null = null;
  let reopening: ComplaintTimeline['reopening'] = null;
  let withdrawnDate: IsoDate | null = null;
  if (draft.ending === 'withdrawn') {
    const earliest = later(
      later(addDays(draft.receivedDate, 10), afterExtension),
      addDays(acknowledgedDate, 1),
    );
    withdrawnDate = workingDayIn(random, range(earliest, addDays(draft.receivedDate, 50)));
  } else if (draft.ending === 'on-time') {
    firstResponse = onTime();
  } else if (random.next() < 0.25) {
    // Answered in time, reopened, and answered again after the date: overdue as records stand.
    firstResponse = onTime();
    const reopenedOn =
      firstResponse && workingDayIn(random, range(addDays(firstResponse, 10), addDays(firstResponse, 30)));
    const finalResponse =
      reopenedOn &&
      workingDayIn(random, range(later(addDays(reopenedOn, 10), addDays(dueDate, 1)), addDays(dueDate, 55)));
    if (reopenedOn && finalResponse) reopening = { reopenedOn, finalResponse };
    else
      firstResponse = workingDayIn(
        random,
        range(later(addDays(dueDate, 1), earliestAnswer), addDays(dueDate, 45)),
      );
  } else {
    firstResponse = workingDayIn(
      random,
      range(later(addDays(dueDate, 1), earliestAnswer), addDays(dueDate, 45)),
    );
  }
  return {
    receivedDate: draft.receivedDate,
    locality: draft.locality,
    acknowledgedDate,
    firstAgreedDate: draft.firstAgreedDate,
    extension: draft.extension,
    firstResponse,
    reopening,
    withdrawnDate,
    outcome: null,
    meetings: [],
    ombudsman: null,
    closedInSeedQuarter: null,
  };
}

export function freeComplaints(random: Random): ComplaintTimeline[] {
  const drafts = freeQuarters.flatMap((free) => {
    const quarterPeriod = period(free.code);
    const count = random.integer(14, 21);
    const [southshire, corporate] = [random.integer(2, 4), random.integer(0, 1)];
    const localities = shuffledLocalities(random, {
      NTH: count - southshire - corporate,
      STH: southshire,
      CORP: corporate,
    });
    const withdrawn = random.next() < 0.7 ? 1 : 0;
    return localities.map((locality, index) =>
      freeDraft(random, quarterPeriod, locality, free.before, index < withdrawn),
    );
  });
  // Exactly the share of each due quarter's responses on time, so the trend is the one the report describes.
  const byDueQuarter = new Map<string, FreeDraft[]>();
  for (const draft of drafts) {
    if (draft.ending === 'withdrawn') continue;
    const code = quarterContaining(dueDateOfDraft(draft)).code;
    byDueQuarter.set(code, [...(byDueQuarter.get(code) ?? []), draft]);
  }
  for (const [code, due] of byDueQuarter) {
    const late = due.length - Math.round(due.length * (onTimeShare[code] ?? laterShare));
    for (const draft of random.shuffle(due).slice(0, late)) draft.ending = 'late';
  }
  return drafts.map((draft) => freeComplaint(random, draft));
}
