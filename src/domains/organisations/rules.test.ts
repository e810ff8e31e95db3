import { describe, expect, it } from 'vitest';
import {
  activePeriodProblem,
  buildUnitTree,
  closingProblem,
  cycleProblem,
  descendantIds,
  isActiveOn,
  isCalendarDate,
  isoDateInLondon,
  isRetired,
  openingProblem,
  parentProblem,
  possibleParents,
  type UnitNode,
  ukDate,
  unitCodeProblem,
  unitNameProblem,
} from './rules.ts';

const unit = (unitId: string, parentUnitId: string | null, dates: Partial<UnitNode> = {}): UnitNode => ({
  unitId,
  parentUnitId,
  code: unitId.toUpperCase(),
  name: `Unit ${unitId}`,
  kind: 'ward',
  activeFrom: '2020-04-01',
  activeTo: null,
  ...dates,
});

// trust ─┬─ medicine ─┬─ ward1
//        │            └─ ward2 ── team2
//        └─ surgery
const trustTree = [
  unit('trust', null),
  unit('medicine', 'trust'),
  unit('surgery', 'trust'),
  unit('ward1', 'medicine'),
  unit('ward2', 'medicine'),
  unit('team2', 'ward2'),
];

describe('unit codes', () => {
  it.each([
    ['WARD-9', null],
    ['a1', null],
    ['X', null],
    ['A'.repeat(20), null],
    ['', 'Enter a unit code'],
    ['A'.repeat(21), 'Unit code must be 20 characters or fewer'],
    ['WARD 9', 'Unit code must only include letters, numbers and hyphens'],
    ['WARD_9', 'Unit code must only include letters, numbers and hyphens'],
    ['WÄRD', 'Unit code must only include letters, numbers and hyphens'],
  ])('%j gives %j', (code, problem) => {
    expect(unitCodeProblem(code)).toBe(problem);
  });
});

describe('unit names', () => {
  it.each([
    ['Ward 9 (Respiratory)', null],
    ['N'.repeat(200), null],
    ['', 'Enter a unit name'],
    ['   ', 'Enter a unit name'],
    ['N'.repeat(201), 'Unit name must be 200 characters or fewer'],
  ])('%j gives %j', (name, problem) => {
    expect(unitNameProblem(name)).toBe(problem);
  });
});

describe('dates', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-4-1', false],
    ['01/04/2024', false],
    ['', false],
  ])('%j is a calendar date: %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });

  it.each([
    ['2024-04-01', '1 April 2024'],
    ['2023-12-31', '31 December 2023'],
  ])('%s is written %s', (iso, written) => {
    expect(ukDate(iso)).toBe(written);
  });

  it('takes today from the clock in England, where 23:30 UTC in summer is already the next day', () => {
    expect(isoDateInLondon(new Date('2024-06-30T23:30:00Z'))).toBe('2024-07-01');
    expect(isoDateInLondon(new Date('2024-12-31T23:30:00Z'))).toBe('2024-12-31');
  });

  it.each([
    ['2024-04-01', null, null],
    ['2024-04-01', '2024-04-01', null],
    ['2024-04-01', '2025-03-31', null],
    [
      '2024-04-01',
      '2024-03-31',
      'The date the unit closes must be the same as or after the date it opens (1 April 2024)',
    ],
  ])('a unit open from %s to %s: %j', (from, to, problem) => {
    expect(activePeriodProblem(from, to)).toBe(problem);
  });
});

describe('whether a unit is active on a date (both its first and last day count)', () => {
  const closing = { activeFrom: '2020-04-01', activeTo: '2024-03-31' };
  const open = { activeFrom: '2020-04-01', activeTo: null };
  it.each([
    [closing, '2020-03-31', false],
    [closing, '2020-04-01', true],
    [closing, '2024-03-31', true],
    [closing, '2024-04-01', false],
    [open, '2099-01-01', true],
    [open, '2019-01-01', false],
  ])('%j on %s: %s', (period, date, expected) => {
    expect(isActiveOn(period, date)).toBe(expected);
  });

  it.each([
    [closing, '2024-03-31', false],
    [closing, '2024-04-01', true],
    [open, '2099-01-01', false],
  ])('%j is retired on %s: %s', (period, today, expected) => {
    expect(isRetired(period, today)).toBe(expected);
  });
});

describe('units below a unit, for scoping what a unit-scoped role sees', () => {
  it.each([
    [['medicine'], ['medicine', 'ward1', 'ward2', 'team2']],
    [
      ['ward2', 'surgery'],
      ['ward2', 'team2', 'surgery'],
    ],
    [['team2'], ['team2']],
    [['trust'], ['trust', 'medicine', 'surgery', 'ward1', 'ward2', 'team2']],
    [[], []],
  ])('from %j reaches %j', (roots, expected) => {
    expect([...descendantIds(trustTree, roots)].sort()).toEqual([...expected].sort());
  });

  it('stops on a tree that loops instead of running for ever', () => {
    const looped = [unit('a', 'b'), unit('b', 'a')];
    expect([...descendantIds(looped, ['a'])].sort()).toEqual(['a', 'b']);
  });
});

describe('moving a unit', () => {
  it.each([
    ['ward1', 'surgery', null],
    ['ward2', null, null],
    ['medicine', 'medicine', 'A unit cannot be moved under itself'],
    ['medicine', 'ward2', 'Unit ward2 (WARD2) is below this unit, so this unit cannot be moved under it'],
    ['trust', 'team2', 'Unit team2 (TEAM2) is below this unit, so this unit cannot be moved under it'],
  ])('%s under %s: %j', (unitId, parentId, problem) => {
    expect(cycleProblem(trustTree, unitId, parentId)).toBe(problem);
  });

  it('offers as new parents only open units outside the unit’s own branch', () => {
    const units = [...trustTree, unit('old', 'trust', { activeTo: '2021-01-01' })];
    const offered = possibleParents(units, 'medicine', '2024-01-01').map((candidate) => candidate.unitId);
    expect(offered.sort()).toEqual(['surgery', 'trust']);
  });
});

describe('a unit’s parent', () => {
  const today = '2024-06-01';
  const parent = (dates: Partial<UnitNode>) => unit('ward9', null, { name: 'Ward 9', ...dates });
  it.each([
    ['no parent', { activeFrom: '2024-04-01', activeTo: null }, null, null],
    [
      'an open parent that opened first',
      { activeFrom: '2024-04-01', activeTo: null },
      parent({ activeFrom: '2020-04-01' }),
      null,
    ],
    [
      'a parent opening the same day',
      { activeFrom: '2024-04-01', activeTo: null },
      parent({ activeFrom: '2024-04-01' }),
      null,
    ],
    [
      'a parent that opens later',
      { activeFrom: '2024-04-01', activeTo: null },
      parent({ activeFrom: '2024-05-01' }),
      'Ward 9 (WARD9) is not active on 1 April 2024, the date this unit opens',
    ],
    [
      'a retired parent',
      { activeFrom: '2024-04-01', activeTo: null },
      parent({ activeTo: '2024-03-31' }),
      'Ward 9 (WARD9) was retired on 31 March 2024, so it cannot take new units',
    ],
    [
      'a retired parent, for a unit that closed with it (recording history)',
      { activeFrom: '2021-04-01', activeTo: '2024-03-31' },
      parent({ activeTo: '2024-03-31' }),
      null,
    ],
    [
      'a parent closing later this year, for a unit left open',
      { activeFrom: '2024-04-01', activeTo: null },
      parent({ activeTo: '2024-12-31' }),
      'Ward 9 (WARD9) closes on 31 December 2024, so a unit under it must close on or before that date',
    ],
    [
      'a parent closing later this year, for a unit closing first',
      { activeFrom: '2024-04-01', activeTo: '2024-09-30' },
      parent({ activeTo: '2024-12-31' }),
      null,
    ],
  ])('%s: %j', (_case, child, candidate, problem) => {
    expect(parentProblem(child, candidate, today)).toBe(problem);
  });
});

describe('closing and opening a unit that has units below it', () => {
  const children = [
    { activeFrom: '2020-04-01', activeTo: null },
    { activeFrom: '2021-04-01', activeTo: '2023-03-31' },
    { activeFrom: '2022-04-01', activeTo: '2024-12-31' },
  ];
  const ward = { name: 'Ward 9' };

  it.each([
    [null, null],
    ['2025-01-01', 'Ward 9 still has 1 active unit below it. Retire or move it first'],
    ['2024-06-30', 'Ward 9 still has 2 active units below it. Retire or move them first'],
  ])('closing on %s: %j', (activeTo, problem) => {
    expect(closingProblem(ward, children, activeTo)).toBe(problem);
  });

  it('may close once every unit below it has closed', () => {
    expect(closingProblem(ward, children.slice(1), '2024-12-31')).toBeNull();
  });

  it.each([
    ['2019-04-01', null],
    ['2020-04-01', null],
    ['2021-06-01', 'Ward 9 cannot open on 1 June 2021 because 2 units below it open earlier'],
    ['2020-05-01', 'Ward 9 cannot open on 1 May 2020 because 1 unit below it opens earlier'],
  ])('opening on %s: %j', (activeFrom, problem) => {
    expect(openingProblem(ward, children, activeFrom)).toBe(problem);
  });
});

describe('the tree for display', () => {
  const units = [
    unit('trust', null, { name: 'Trust' }),
    unit('ward10', 'trust', { name: 'Ward 10' }),
    unit('ward9', 'trust', { name: 'Ward 9' }),
    unit('old', 'trust', { name: 'Annexe', activeTo: '2022-01-01' }),
    unit('oldteam', 'old', { name: 'Annexe team', activeTo: '2022-01-01' }),
    unit('stray', 'gone', { name: 'Stray' }),
  ];
  const names = (nodes: ReturnType<typeof buildUnitTree>): unknown[] =>
    nodes.map((node) => (node.children.length ? [node.unit.name, names(node.children)] : node.unit.name));

  it('orders each level by name, numbers by value, and leaves out retired branches', () => {
    expect(names(buildUnitTree(units, { includeRetired: false, today: '2024-01-01' }))).toEqual([
      'Stray',
      ['Trust', ['Ward 9', 'Ward 10']],
    ]);
  });

  it('shows retired branches, marked as retired, when asked', () => {
    const tree = buildUnitTree(units, { includeRetired: true, today: '2024-01-01' });
    expect(names(tree)).toEqual(['Stray', ['Trust', [['Annexe', ['Annexe team']], 'Ward 9', 'Ward 10']]]);
    expect(tree[1]?.children[0]?.retired).toBe(true);
    expect(tree[1]?.retired).toBe(false);
  });
});
