import type { IsoDate } from '#src/domains/calendar/index.ts';
import type { Channel, FeedbackKind, IssueOutcome, OmbudsmanOutcome } from '#src/domains/cases/index.ts';
import type { DemoPerson } from './people.ts';

// The demo trust's case records as a plan (case-plan.ts makes it; cases.ts carries it out).

/** One thing done to a record after it was logged, on the day it was done. */
export type PlannedStep = { date: IsoDate } & (
  | { action: 'acknowledge' }
  | { action: 'assign-investigator' }
  | {
      action: 'add-issue';
      issue: number;
      subjectCode: string;
      staffGroupCodes: string[];
      description: string;
    }
  | { action: 'issue-outcome'; issue: number; outcome: IssueOutcome }
  | { action: 'agree-extension'; newAgreedDate: IsoDate; reason: string }
  | { action: 'meeting'; attendees: string; notes: string }
  | { action: 'close'; signedOffBy: string }
  | { action: 'withdraw'; reason: string }
  | { action: 'reopen'; reason: string }
  | { action: 'refer-to-ombudsman'; status: 'referred' | 'assessing' | 'investigating' }
  | { action: 'ombudsman-outcome'; outcome: OmbudsmanOutcome }
  | { action: 'note'; text: string }
  | { action: 'learning-point'; text: string }
  | { action: 'concern-staff-groups'; staffGroupCodes: string[] }
);

export interface PlannedRecord {
  key: string;
  kind: FeedbackKind;
  channel: Channel;
  unitCode: string;
  receivedDate: IsoDate;
  eventDate: IsoDate | null;
  summary: string;
  narrative: string | null;
  desiredOutcome: string | null;
  person: DemoPerson | null;
  /** The patient, when someone complains for them with their consent (SI 2009/309 reg 5). */
  onBehalfOfName: string | null;
  /** A complaint that grew from this concern (its key): logged by escalating the concern. */
  escalatedFromKey: string | null;
  steps: PlannedStep[];
}

/** Compliments a team logs together (bulk-compliments.ts): their words, or just how many cards. */
export interface PlannedComplimentBatch {
  unitCode: string;
  receivedDate: IsoDate;
  channel: 'phone' | 'email' | 'letter' | 'in-person';
  compliments: string[];
  cards: { count: number; description: string } | null;
}

export interface DemoCasePlan {
  records: PlannedRecord[];
  complimentBatches: PlannedComplimentBatch[];
}
