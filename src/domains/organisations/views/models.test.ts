import { describe, expect, it } from 'vitest';
import type { UnitNode } from '../rules.ts';
import type { ImportReport } from '../unit-import.ts';
import { importReportPage, importUploadPage } from './import-model.ts';
import { errorList, retireUnitPage } from './unit-forms-model.ts';
import { activeDates, unitPage, unitsPage } from './units-model.ts';

const ward: UnitNode = {
  unitId: 'w9',
  parentUnitId: 'med',
  code: 'W9',
  name: 'Ward 9',
  kind: 'ward',
  activeFrom: '2020-04-01',
  activeTo: null,
};
const medicine: UnitNode = {
  ...ward,
  unitId: 'med',
  parentUnitId: null,
  code: 'MED',
  name: 'Medicine',
  kind: 'division',
};

describe('the units page', () => {
  it('describes each unit by kind, code and dates, nested as the tree is', () => {
    const page = unitsPage({
      tree: [{ unit: medicine, retired: false, children: [{ unit: ward, retired: false, children: [] }] }],
      includeRetired: false,
      canManage: true,
    });
    expect(page.tree[0]).toMatchObject({
      name: 'Medicine',
      href: '/admin/units/med',
      description: 'Division · MED · From 1 April 2020',
      children: [{ name: 'Ward 9', description: 'Ward · W9 · From 1 April 2020' }],
    });
    expect(page.toggle).toEqual({ href: '/admin/units?retired=yes', text: 'Show retired units' });
  });

  it('offers to hide retired units once they are shown', () => {
    const page = unitsPage({ tree: [], includeRetired: true, canManage: false });
    expect(page.toggle).toEqual({ href: '/admin/units', text: 'Hide retired units' });
  });

  it.each([
    [{ activeFrom: '2020-04-01', activeTo: null }, 'From 1 April 2020'],
    [{ activeFrom: '2020-04-01', activeTo: '2024-03-31' }, '1 April 2020 to 31 March 2024'],
  ])('writes the dates %j as %j', (dates, text) => {
    expect(activeDates(dates)).toBe(text);
  });
});

describe('one unit’s page', () => {
  const input = { unit: ward, parent: medicine, children: [], today: '2024-06-01' };

  it('offers the links to change it only to someone who may', () => {
    const manager = unitPage({ ...input, canManage: true });
    expect(manager.rows[0]?.actions).toEqual({
      items: [{ href: '/admin/units/w9/edit', text: 'Change', visuallyHiddenText: 'name' }],
    });
    expect(manager.actions).toEqual({
      moveHref: '/admin/units/w9/move',
      retireHref: '/admin/units/w9/retire',
    });
    const viewer = unitPage({ ...input, canManage: false });
    expect(viewer.rows.every((row) => row.actions === undefined)).toBe(true);
    expect(viewer.actions).toBeNull();
  });

  it.each([
    [null, 'Open'],
    ['2024-05-31', 'Retired'],
  ])('with last day %s has status %s, and a retired unit cannot be retired again', (activeTo, status) => {
    const page = unitPage({ ...input, unit: { ...ward, activeTo }, canManage: true });
    expect(page.rows.find((row) => row.key.text === 'Status')?.value.text).toBe(status);
    expect(page.actions?.retireHref === null).toBe(status === 'Retired');
  });

  it('says a unit with no parent is at the top', () => {
    const page = unitPage({ ...input, parent: null, canManage: false });
    expect(page.rows.find((row) => row.key.text === 'Part of')?.value.text).toBe(
      'Nothing: it is at the top of the organisation',
    );
  });
});

describe('form errors', () => {
  it('lists problems in the order the fields appear, each linking to its field', () => {
    expect(
      errorList({ activeFrom: 'Enter the date the unit opens', name: 'Enter a unit name', odd: 'Odd' }),
    ).toEqual([
      { text: 'Enter a unit name', href: '#name' },
      { text: 'Enter the date the unit opens', href: '#activeFrom-day' },
      { text: 'Odd', href: '#maincontent' },
    ]);
  });

  it.each([
    [0, null],
    [1, 'Medicine has 1 open unit below it. Retire or move it before you retire this unit.'],
    [2, 'Medicine has 2 open units below it. Retire or move them before you retire this unit.'],
  ])('warns on the retire page when %i open units are below: %j', (openChildren, text) => {
    const page = retireUnitPage({ unit: medicine, activeTo: { day: '', month: '', year: '' }, openChildren });
    expect(page.openChildrenText).toBe(text);
    expect(page.hasErrors).toBe(false);
  });
});

describe('the import pages', () => {
  const report = (overrides: Partial<ImportReport>): ImportReport => ({
    rows: [{ rowNumber: 2, code: 'W9', outcome: 'create', messages: [] }],
    created: 1,
    updated: 0,
    errors: 0,
    applied: false,
    ...overrides,
  });

  it('lists the columns a file may have', () => {
    expect(importUploadPage().columnRows.map((row) => row.key.text)).toEqual([
      'code',
      'name',
      'kind',
      'parent_code',
      'active_from',
      'active_to',
    ]);
  });

  it('offers to apply a report with changes and no problems', () => {
    const page = importReportPage(report({}), 'csv');
    expect(page).toMatchObject({
      canApply: true,
      nothingToChange: false,
      hasErrors: false,
      applyText: 'Import 1 change',
    });
    expect(page.rows[0]).toEqual({
      rowNumber: '2',
      code: 'W9',
      outcome: { text: 'New', colour: 'green' },
      messages: [],
    });
  });

  it('lists each problem by row and offers nothing to apply', () => {
    const page = importReportPage(
      report({
        rows: [
          {
            rowNumber: 7,
            code: 'W9',
            outcome: 'error',
            messages: ['parent_code WARD9 is not in the file or the organisation'],
          },
        ],
        created: 0,
        errors: 1,
      }),
      'csv',
    );
    expect(page).toMatchObject({ canApply: false, hasErrors: true });
    expect(page.errorList).toEqual([
      { text: 'Row 7: parent_code WARD9 is not in the file or the organisation', href: '#import-report' },
    ]);
  });

  it('says there is nothing to import when every row matches', () => {
    const page = importReportPage(
      report({ rows: [{ rowNumber: 2, code: 'W9', outcome: 'unchanged', messages: [] }], created: 0 }),
      'csv',
    );
    expect(page).toMatchObject({ canApply: false, nothingToChange: true });
  });
});
