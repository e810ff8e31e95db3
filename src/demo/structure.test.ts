import { describe, expect, it } from 'vitest';
import { unitCodeProblem, unitNameProblem } from '#src/domains/organisations/index.ts';
import { demoAccounts } from './accounts.ts';
import { demoTrustStructure } from './structure.ts';

const countsOf = (seed: number, scale: number) => {
  const counts: Record<string, number> = {};
  for (const unit of demoTrustStructure({ seed, scale })) counts[unit.kind] = (counts[unit.kind] ?? 0) + 1;
  return counts;
};

describe('the demo trust structure', () => {
  it('is the same for the same seed', () => {
    expect(demoTrustStructure({ seed: 7, scale: 1 })).toEqual(demoTrustStructure({ seed: 7, scale: 1 }));
  });

  it('names its towns and wards differently for another seed', () => {
    const names = (seed: number) => demoTrustStructure({ seed, scale: 1 }).map((unit) => unit.name);
    expect(names(1)).not.toEqual(names(2));
  });

  it('has two counties and a corporate locality, each county with the six services of the seed report', () => {
    const units = demoTrustStructure({ seed: 1, scale: 1 });
    expect(units.filter((unit) => unit.kind === 'locality').map((unit) => unit.name)).toEqual([
      'Northshire',
      'Southshire',
      'Corporate Services',
    ]);
    const northshireServices = units
      .filter((unit) => unit.kind === 'service' && unit.parentCode === 'NTH')
      .map((unit) => unit.name);
    expect(northshireServices).toEqual([
      'Northshire Crisis and Acute Care',
      'Northshire Recovery Service (community mental health)',
      'Northshire Let’s Talk (Improving Access to Psychological Therapies)',
      'Northshire Children and Young People’s Service (CAMHS)',
      'Northshire Learning Disability Service',
      'Northshire Older People’s Mental Health Service',
    ]);
  });

  it('has about 80 units at scale 1', () => {
    expect(countsOf(1, 1)).toEqual({ locality: 3, site: 5, service: 13, team: 47, ward: 12 });
  });

  it('has about 300 teams and wards at scale 5, the size DESIGN.md §5 designs for', () => {
    const counts = countsOf(1, 5);
    expect((counts.team ?? 0) + (counts.ward ?? 0)).toBeGreaterThanOrEqual(270);
    expect((counts.team ?? 0) + (counts.ward ?? 0)).toBeLessThanOrEqual(330);
  });

  it.each([1, 5, 20])(
    'gives every unit at scale %i a unique code and name the organisation rules accept',
    (scale) => {
      const units = demoTrustStructure({ seed: 1, scale });
      const codes = units.map((unit) => unit.code.toUpperCase());
      expect(new Set(codes).size).toBe(codes.length);
      expect(new Set(units.map((unit) => unit.name)).size).toBe(units.length);
      expect(units.map((unit) => unitCodeProblem(unit.code)).filter(Boolean)).toEqual([]);
      expect(units.map((unit) => unitNameProblem(unit.name)).filter(Boolean)).toEqual([]);
    },
  );

  it('lists every parent before its children, and opens no child before its parent', () => {
    const seen = new Map<string, string>();
    for (const unit of demoTrustStructure({ seed: 3, scale: 2 })) {
      if (unit.parentCode) {
        const parentOpened = seen.get(unit.parentCode);
        expect(parentOpened, `${unit.code} comes after ${unit.parentCode}`).toBeDefined();
        expect(unit.activeFrom >= (parentOpened ?? '')).toBe(true);
      }
      seen.set(unit.code, unit.activeFrom);
    }
  });

  it('has a unit for every unit-scoped demo account', () => {
    const codes = demoTrustStructure({ seed: 1, scale: 1 }).map((unit) => unit.code);
    for (const account of demoAccounts) if (account.unitCode) expect(codes).toContain(account.unitCode);
  });

  it.each([0, -1, 51, Number.NaN])('refuses a scale of %d', (scale) => {
    expect(() => demoTrustStructure({ seed: 1, scale })).toThrow('The demo scale must be a number above 0');
  });
});
