import { describe, expect, it } from 'vitest';
import {
  detailChanges,
  detailsEditProblems,
  detailsEditSchema,
  type EditableRecord,
} from './edit-details.ts';

const current: EditableRecord = {
  summary: 'Discharge planning',
  unitId: '0b6f4f0e-6a55-4f2a-9d1e-8d7c1e0c9a11',
  channel: 'letter',
  receivedDate: '2024-05-20',
  eventDate: null,
  noticeDate: null,
  personName: 'Ann Example',
  contactDetails: { email: 'ann@example.com', address: '1 High Street' },
  narrative: 'Sent home without medicines.',
  desiredOutcome: null,
};
const edit = (changes: Record<string, unknown> = {}) =>
  detailsEditSchema.parse({
    summary: current.summary,
    unitId: current.unitId,
    channel: current.channel,
    receivedDate: current.receivedDate,
    ...changes,
  });

describe('what an edit of a case’s details changes', () => {
  it('changes nothing when the answers are as recorded, keeping personal data left out', () => {
    expect(detailChanges(current, edit()).changedFields).toEqual([]);
  });

  it('names personal fields changed without their values, and keeps the rest of the contact details', () => {
    const changed = detailChanges(
      current,
      edit({ summary: 'Medicines', personName: 'Anne Example', email: '' }),
    );
    expect(changed.changedFields).toEqual(['summary', 'personName', 'contactDetails']);
    expect(changed.changes.contactDetails).toEqual({ address: '1 High Street' });
    expect(changed.auditBefore).toEqual({ summary: 'Discharge planning' });
    expect(changed.auditAfter).toEqual({
      changedFields: ['summary', 'personName', 'contactDetails'],
      summary: 'Medicines',
    });
    expect(JSON.stringify([changed.auditBefore, changed.auditAfter])).not.toMatch(/Ann|High Street/);
  });

  it('clears an optional date left empty', () => {
    const withDate = { ...current, eventDate: '2024-05-01' };
    expect(detailChanges(withDate, edit({ eventDate: '' })).changes).toEqual({ eventDate: null });
  });

  it.each([
    {
      kind: 'complaint',
      receivedDate: '2024-06-04',
      problem: 'The date received must be today or in the past',
    },
    {
      kind: 'complaint',
      receivedDate: '2009-03-31',
      problem: 'A complaint must have been received on or after 2009-04-01',
    },
    { kind: 'concern', receivedDate: '2009-03-31', problem: undefined },
    { kind: 'complaint', receivedDate: '2024-06-03', problem: undefined },
  ] as const)('a $kind received on $receivedDate: $problem', ({ kind, receivedDate, problem }) => {
    expect(detailsEditProblems(kind, { receivedDate }, '2024-06-03').receivedDate).toBe(problem);
  });
});
