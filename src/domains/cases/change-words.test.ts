import { describe, expect, it } from 'vitest';
import { type CaseChange, changedSinceMessage } from './change-words.ts';

const now = new Date('2024-06-03T12:00:00Z');
const change = (actorName: string, action: string, at: string, after: unknown = null): CaseChange => ({
  actorName,
  action,
  occurredAt: new Date(at),
  after,
});

describe('what a refused save says changed since the page was opened', () => {
  it.each([
    {
      behaviour: 'one change today, at its time in England (British Summer Time)',
      changes: [change('Dana Officer', 'complaint.acknowledged', '2024-06-03T09:42:00Z')],
      message:
        'Since you opened this page, Dana Officer recorded the acknowledgement at 10:42. Check the case and try again.',
    },
    {
      behaviour: 'a change on another day gives the date',
      changes: [change('Sam Officer', 'case.note-added', '2024-05-31T15:05:00Z')],
      message:
        'Since you opened this page, Sam Officer added a note on 31 May 2024 at 16:05. Check the case and try again.',
    },
    {
      behaviour: 'an edit of the details names the fields, personal ones by name only',
      changes: [
        change('Dana Officer', 'case.details-edited', '2024-06-03T10:00:00Z', {
          changedFields: ['summary', 'unitId', 'personName'],
        }),
      ],
      message:
        'Since you opened this page, Dana Officer changed the details (summary, service and name) at 11:00. Check the case and try again.',
    },
    {
      behaviour: 'several changes are listed oldest first',
      changes: [
        change('Sam Officer', 'complaint.closed', '2024-06-03T10:30:00Z'),
        change('Dana Officer', 'complaint.issue-added', '2024-06-03T10:00:00Z'),
      ],
      message:
        'Since you opened this page, Dana Officer added an issue at 11:00 and Sam Officer closed the complaint at 11:30. Check the case and try again.',
    },
    {
      behaviour: 'a change Heard has no words for yet still names who made it',
      changes: [change('Lee Officer', 'case.something-new', '2024-06-03T08:00:00Z')],
      message:
        'Since you opened this page, Lee Officer changed the case at 09:00. Check the case and try again.',
    },
    {
      behaviour: 'no change found in the trail still refuses, in general words',
      changes: [],
      message: 'Since you opened this page, someone else changed this case. Check the case and try again.',
    },
  ])('$behaviour', ({ changes, message }) => {
    expect(changedSinceMessage(changes, now)).toBe(message);
  });

  it('names three changes and counts the rest', () => {
    const notes = [1, 2, 3, 4, 5].map((minute) =>
      change('Dana Officer', 'case.note-added', `2024-06-03T10:0${minute}:00Z`),
    );
    expect(changedSinceMessage(notes, now)).toBe(
      'Since you opened this page, Dana Officer added a note at 11:01, Dana Officer added a note at 11:02, Dana Officer added a note at 11:03 and there were 2 other changes. Check the case and try again.',
    );
  });
});
