import { describe, expect, it } from 'vitest';
import { type EscalationSource, type EscalationTarget, escalationProblem, isEscalated } from './concerns.ts';

const concern = (changes: Partial<EscalationSource> = {}): EscalationSource => ({
  kind: 'concern',
  receivedDate: '2017-07-10',
  escalatedToCaseId: null,
  ...changes,
});
const complaint = (changes: Partial<EscalationTarget> = {}): EscalationTarget => ({
  caseId: 'complaint-1',
  kind: 'complaint',
  receivedDate: '2017-07-20',
  ...changes,
});

// Escalating a concern to a complaint links the two and counts as escalated (issue 4; the seed
// report's "Concerns escalated to complaint").
describe('escalationProblem', () => {
  it.each<[string, EscalationSource, EscalationTarget, string | null]>([
    ['a concern, to a complaint received later', concern(), complaint(), null],
    [
      'a concern, to a complaint received the same day',
      concern(),
      complaint({ receivedDate: '2017-07-10' }),
      null,
    ],
    [
      'a compliment',
      concern({ kind: 'compliment' }),
      complaint(),
      'Only a concern can be escalated to a complaint',
    ],
    [
      'to another concern',
      concern(),
      complaint({ kind: 'concern' }),
      'A concern can only be escalated to a complaint',
    ],
    [
      'already linked to this complaint',
      concern({ escalatedToCaseId: 'complaint-1' }),
      complaint(),
      'This concern is already linked to that complaint',
    ],
    [
      'already escalated to another complaint',
      concern({ escalatedToCaseId: 'complaint-9' }),
      complaint(),
      'This concern has already been escalated to another complaint',
    ],
    [
      'to a complaint received before the concern',
      concern(),
      complaint({ receivedDate: '2017-07-03' }),
      'The complaint was received on 3 July 2017, before the concern on 10 July 2017: choose the complaint the concern became',
    ],
  ])('escalating %s: %j', (_case, source, target, problem) => {
    expect(escalationProblem(source, target)).toBe(problem);
  });
});

describe('isEscalated', () => {
  it('counts a concern linked to a complaint as escalated', () => {
    expect(isEscalated(concern({ escalatedToCaseId: 'complaint-1' }))).toBe(true);
    expect(isEscalated(concern())).toBe(false);
  });
});
