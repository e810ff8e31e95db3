import type { Role } from '#src/domains/identity/index.ts';

// Who may change a case, beyond holding cases:manage (identity/rules.ts). The complaints and PALS
// team runs every case; an investigator records what the investigation finds (issues, their
// outcomes, notes, learning points and tasks) on the cases assigned to them, and nothing else:
// deadlines, assignment, closing, meetings with the complainant, Ombudsman referrals and
// escalating a concern stay with the team that answers to the complainant (issue 4, staff side).

/** The things done to a case from its page, each a button there. */
export const caseActions = [
  'acknowledge',
  'add-issue',
  'issue-outcome',
  'extension',
  'assign',
  'time-limit',
  'close',
  'withdraw',
  'reopen',
  'note',
  'meeting',
  'ombudsman-referral',
  'ombudsman-outcome',
  'escalate',
  'learning-point',
  'task',
  'edit-details',
  'litigation',
  'resolve',
  'concern-staff-groups',
  // What the KO41a return counts: the patient's age band and the complainant's status on the
  // complaint, the service area and clinical-treatment sub-category on each issue.
  'ko41a',
  'issue-ko41a',
  // Documents (document-routes.ts): an investigator may attach what their investigation gathers
  // and draft the response for the team to send; deleting an attachment stays with the team.
  'attachment',
  'delete-attachment',
  'response-letter',
] as const;
export type CaseAction = (typeof caseActions)[number];

const investigationRecords: readonly CaseAction[] = [
  'add-issue',
  'issue-outcome',
  'issue-ko41a',
  'note',
  'learning-point',
  'task',
  'attachment',
  'response-letter',
];

/** Whether someone may take `action` on a case assigned to `investigatorUserId` (null: nobody). */
export function mayTakeCaseAction(
  person: { id: string; roles: readonly Role[] },
  investigatorUserId: string | null,
  action: CaseAction,
): boolean {
  if (person.roles.includes('complaints_officer')) return true;
  return (
    person.roles.includes('investigator') &&
    investigatorUserId === person.id &&
    investigationRecords.includes(action)
  );
}
