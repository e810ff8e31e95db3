import type { OmbudsmanOutcome, OmbudsmanStatus } from './schema.ts';

// The Parliamentary and Health Service Ombudsman (PHSO): a complainant who is not satisfied with
// the trust's response may ask it to look at the complaint, and the response must tell them so
// (SI 2009/309 reg 14). These are the words staff see for where a referral stands and what the
// Ombudsman decided.

export const ombudsmanStatusNames: Record<OmbudsmanStatus, string> = {
  referred: 'Referred',
  assessing: 'Being assessed by the Ombudsman',
  investigating: 'Being investigated by the Ombudsman',
  decided: 'Decided',
};

/** The statuses a referral can be recorded with; "decided" comes only with the outcome. */
export const referralStatuses = [
  'referred',
  'assessing',
  'investigating',
] as const satisfies readonly OmbudsmanStatus[];

export const ombudsmanOutcomeNames: Record<OmbudsmanOutcome, string> = {
  'not-investigated': 'Not investigated',
  'resolved-without-investigation': 'Resolved without an investigation',
  upheld: 'Upheld',
  'partly-upheld': 'Partly upheld',
  'not-upheld': 'Not upheld',
};
