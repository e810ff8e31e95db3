import { type IsoDate, ukDate } from '#src/domains/calendar/index.ts';
import type { FeedbackKind } from './kinds-and-channels.ts';

// PALS concerns. A concern that the person wants taken further becomes a formal complaint: the two
// records are linked (the concern points to the complaint) and the concern counts as escalated
// (the seed report's "Concerns escalated to complaint", measured by escalationRate).

export interface EscalationSource {
  kind: FeedbackKind;
  receivedDate: IsoDate;
  /** The complaint it was escalated to, if it has been. */
  escalatedToCaseId: string | null;
}

export interface EscalationTarget {
  caseId: string;
  kind: FeedbackKind;
  receivedDate: IsoDate;
}

/** What stops linking a concern to the complaint it became. */
export function escalationProblem(concern: EscalationSource, complaint: EscalationTarget): string | null {
  if (concern.kind !== 'concern') return 'Only a concern can be escalated to a complaint';
  if (complaint.kind !== 'complaint') return 'A concern can only be escalated to a complaint';
  if (concern.escalatedToCaseId === complaint.caseId)
    return 'This concern is already linked to that complaint';
  if (concern.escalatedToCaseId !== null)
    return 'This concern has already been escalated to another complaint';
  if (complaint.receivedDate < concern.receivedDate) {
    return `The complaint was received on ${ukDate(complaint.receivedDate)}, before the concern on ${ukDate(concern.receivedDate)}: choose the complaint the concern became`;
  }
  return null;
}

/** Whether a concern counts as escalated: it is linked to a complaint. */
export function isEscalated(concern: Pick<EscalationSource, 'escalatedToCaseId'>): boolean {
  return concern.escalatedToCaseId !== null;
}
