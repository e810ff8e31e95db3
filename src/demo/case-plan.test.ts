import { describe, expect, it } from 'vitest';
import { type DemoCasePlan, demoCasePlan } from './case-plan.ts';
import { demoEnd, demoStart } from './complaint-timelines.ts';
import { fictionalSurnames } from './people.ts';
import { demoTrustStructure } from './structure.ts';

const planFor = (seed: number, scale = 1) =>
  demoCasePlan({ seed, units: demoTrustStructure({ seed, scale }) });

describe('the demo case plan', () => {
  it('is the same for the same seed', () => {
    expect(planFor(5)).toEqual(planFor(5));
  });

  it('differs for another seed', () => {
    const summaries = (plan: DemoCasePlan) => plan.records.map((record) => record.summary);
    expect(summaries(planFor(1))).not.toEqual(summaries(planFor(2)));
  });

  it.each([
    [1, 1],
    [2, 1],
    [3, 1],
    [4, 2],
    [7, 5],
    [11, 0.5],
  ])(
    'with seed %i at scale %d, places every record in the trust’s units and keeps to the two years',
    (seed, scale) => {
      const units = new Set(demoTrustStructure({ seed, scale }).map((unit) => unit.code));
      const plan = planFor(seed, scale);
      for (const record of plan.records) {
        expect(units.has(record.unitCode), record.unitCode).toBe(true);
        expect(record.receivedDate >= demoStart && record.receivedDate <= demoEnd).toBe(true);
        for (const step of record.steps) {
          expect(
            step.date >= record.receivedDate && step.date <= demoEnd,
            `${record.key} ${step.action}`,
          ).toBe(true);
        }
      }
      for (const batch of plan.complimentBatches) expect(units.has(batch.unitCode)).toBe(true);
    },
  );

  it('links each escalated complaint to a concern received on or before it, in the same unit', () => {
    const plan = planFor(1);
    const byKey = new Map(plan.records.map((record) => [record.key, record]));
    const escalated = plan.records.filter((record) => record.escalatedFromKey);
    expect(escalated.length).toBeGreaterThan(7);
    for (const complaint of escalated) {
      const concern = byKey.get(complaint.escalatedFromKey ?? '');
      expect(concern?.kind).toBe('concern');
      expect((concern?.receivedDate ?? '') <= complaint.receivedDate).toBe(true);
      expect(concern?.unitCode).toBe(complaint.unitCode);
    }
  });

  it('gives its people names, emails and phone numbers no one could take for real ones', () => {
    for (const { person } of planFor(3).records) {
      if (!person) continue;
      expect(fictionalSurnames).toContain(person.name.split(' ')[1]);
      if (person.contactDetails.email) expect(person.contactDetails.email).toMatch(/@example\.com$/);
      // Ofcom keeps 07700 900000–900999 for drama: never anyone's number.
      if (person.contactDetails.phone) expect(person.contactDetails.phone).toMatch(/^07700 900\d{3}$/);
    }
  });

  it('keeps names and contact details out of summaries, which work queues and reports show', () => {
    for (const record of planFor(4).records) {
      for (const surname of fictionalSurnames) expect(record.summary).not.toContain(surname);
      expect(record.summary).not.toMatch(/@|07700/);
    }
  });
});

/**
 * What the cases service allows, step by step: most changes only while a complaint is open, closing
 * and withdrawing only then, reopening only once closed, the Ombudsman only after the response.
 */
function serviceWouldRefuse(record: DemoCasePlan['records'][number]): string | null {
  let status: 'open' | 'closed' | 'withdrawn' = 'open';
  // In the order cases.ts carries them out: by date, and as planned within a day.
  const inOrder = [...record.steps].sort((a, b) => a.date.localeCompare(b.date));
  for (const step of inOrder) {
    if (step.date < record.receivedDate) return `${step.action} on ${step.date}, before it was received`;
    const needsOpen = [
      'acknowledge',
      'assign-investigator',
      'add-issue',
      'issue-outcome',
      'agree-extension',
      'meeting',
    ];
    if (needsOpen.includes(step.action) && status !== 'open')
      return `${step.action} on ${step.date} when ${status}`;
    if (step.action === 'close' || step.action === 'withdraw') {
      if (status !== 'open') return `${step.action} on ${step.date} when ${status}`;
      status = step.action === 'close' ? 'closed' : 'withdrawn';
    }
    if (step.action === 'reopen') {
      if (status !== 'closed') return `reopen on ${step.date} when ${status}`;
      status = 'open';
    }
    if (step.action === 'refer-to-ombudsman' && status !== 'closed')
      return `referral on ${step.date} when ${status}`;
  }
  return null;
}

describe('the demo case plan, step by step', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('with seed %i, asks the service for nothing it would refuse', (seed) => {
    const refused = planFor(seed)
      .records.map((record) => [record.key, serviceWouldRefuse(record)])
      .filter(([, problem]) => problem !== null);
    expect(refused).toEqual([]);
  });
});
