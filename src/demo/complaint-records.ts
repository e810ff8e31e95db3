import { addDays, type IsoDate } from '#src/domains/calendar/index.ts';
import type { Channel } from '#src/domains/cases/index.ts';
import * as words from './case-texts.ts';
import type { DemoIssue } from './complaint-issues.ts';
import { type ComplaintTimeline, demoEnd } from './complaint-timelines.ts';
import { workingDaysAfter } from './dates.ts';
import { demoPerson, demoPersonName } from './people.ts';
import type { Places } from './places.ts';
import type { PlannedRecord, PlannedStep } from './plan-types.ts';
import { pick, type Random, weighted } from './random.ts';

// A demo complaint as a record and the steps taken on it, from its timeline and its issues: its
// subjects follow the staff groups its issues name, its unit the services they work in.

const complaintChannels: readonly (readonly [Channel, number])[] = [
  ['letter', 30],
  ['email', 35],
  ['web-form', 12],
  ['phone', 15],
  ['in-person', 8],
];
const beforeEnd = (step: PlannedStep) => step.date <= demoEnd;

/**
 * The complaint's record and steps. A withdrawn complaint keeps the issues it had, undecided, half
 * the time; steps after the demo's last day are left for a future that never comes.
 */
export function plannedComplaint(
  random: Random,
  places: Places,
  key: string,
  complaint: ComplaintTimeline,
  issues: readonly DemoIssue[],
): PlannedRecord {
  const groups = new Set(issues.flatMap((issue) => issue.staffGroupCodes));
  const unitCode =
    complaint.locality === 'CORP'
      ? places.any(random, 'CORP')
      : places.forComplaint(random, complaint.locality, groups);
  const subjects = issues.map((issue, index) => {
    // The referral the Ombudsman passed to the CQC concerned the Mental Health Act (seed report §2.4).
    if (index === 0 && complaint.ombudsman?.decision?.outcome === 'not-investigated')
      return 'mental-health-act';
    return pick(random, words.subjectsByStaffGroup[issue.staffGroupCodes[0] ?? 'none'] ?? ['other']);
  });
  const texts = (subject: string) =>
    words.complaintSubjectTexts[subject] ?? words.complaintSubjectTexts.other;
  const firstSubject = subjects[0] ?? pick(random, ['communications', 'patient-care', 'waiting-times']);
  const steps: PlannedStep[] = [{ date: complaint.acknowledgedDate, action: 'acknowledge' }];
  if (random.next() < 0.25) {
    steps.push({
      date: workingDaysAfter(complaint.receivedDate, random.integer(1, 3)),
      action: 'assign-investigator',
    });
  }
  const withdrawnWithIssues = complaint.withdrawnDate !== null && random.next() < 0.5;
  const planned = complaint.withdrawnDate === null || withdrawnWithIssues ? issues : [];
  planned.forEach((issue, index) => {
    steps.push({
      date: complaint.acknowledgedDate,
      action: 'add-issue',
      issue: index,
      subjectCode: subjects[index] ?? firstSubject,
      staffGroupCodes: issue.staffGroupCodes,
      description: pick(random, texts(subjects[index] ?? firstSubject)?.issues ?? ['An issue']),
    });
  });
  if (complaint.extension) {
    steps.push({
      date: complaint.extension.agreedOn,
      action: 'agree-extension',
      newAgreedDate: complaint.extension.newAgreedDate,
      reason: pick(random, words.extensionReasons),
    });
  }
  for (const meeting of complaint.meetings) {
    steps.push({
      date: meeting,
      action: 'meeting',
      attendees: pick(random, words.meetingAttendees),
      notes: 'Talked through the concerns; actions agreed and confirmed in the response.',
    });
  }
  if (complaint.firstResponse) {
    planned.forEach((issue, index) => {
      steps.push({
        date: complaint.firstResponse as IsoDate,
        action: 'issue-outcome',
        issue: index,
        outcome: issue.outcome,
      });
    });
    steps.push({
      date: complaint.firstResponse,
      action: 'close',
      signedOffBy: pick(random, words.signatories),
    });
    if (issues.some((issue) => issue.outcome === 'upheld') && random.next() < 0.4) {
      steps.push({
        date: complaint.firstResponse,
        action: 'learning-point',
        text: pick(random, words.learningPoints),
      });
    }
  }
  if (complaint.reopening) {
    steps.push({
      date: complaint.reopening.reopenedOn,
      action: 'reopen',
      reason: pick(random, words.reopeningReasons),
    });
    if (complaint.reopening.finalResponse) {
      steps.push({
        date: complaint.reopening.finalResponse,
        action: 'close',
        signedOffBy: pick(random, words.signatories),
      });
    }
  }
  if (complaint.withdrawnDate) {
    steps.push({
      date: complaint.withdrawnDate,
      action: 'withdraw',
      reason: pick(random, words.withdrawalReasons),
    });
  }
  if (complaint.ombudsman) {
    steps.push({
      date: complaint.ombudsman.referredDate,
      action: 'refer-to-ombudsman',
      status: complaint.ombudsman.status,
    });
    if (complaint.ombudsman.decision) {
      steps.push({
        date: complaint.ombudsman.decision.date,
        action: 'ombudsman-outcome',
        outcome: complaint.ombudsman.decision.outcome,
      });
    }
  }
  const person = demoPerson(random, places.localityNames[complaint.locality] ?? 'Northshire');
  const forSomeoneElse = random.next() < 0.25;
  const record: PlannedRecord = {
    key,
    kind: 'complaint',
    channel: weighted(random, complaintChannels),
    unitCode,
    receivedDate: complaint.receivedDate,
    eventDate: addDays(complaint.receivedDate, -random.integer(5, 90)),
    summary: pick(random, texts(firstSubject)?.summaries ?? ['Complaint']),
    narrative: [
      `I am writing about ${places.name(unitCode)}.`,
      ...[...new Set(subjects)].slice(0, 3).map((subject) => pick(random, texts(subject)?.accounts ?? [''])),
    ].join(' '),
    desiredOutcome: pick(random, words.desiredOutcomes),
    person,
    onBehalfOfName: forSomeoneElse ? demoPersonName(random) : null,
    escalatedFromKey: null,
    steps: steps.filter(beforeEnd),
  };
  return record;
}
