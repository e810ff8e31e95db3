import { describe, expect, it } from 'vitest';
import type { UnitNode } from './rules.ts';
import { describeImportRow, importDate, importSummary, planUnitImport } from './unit-import.ts';

const today = '2024-06-01';
const header = 'code,name,kind,parent_code,active_from,active_to';
const csv = (...lines: string[]) => [header, ...lines].join('\n');

const existing: UnitNode[] = [
  {
    unitId: 'id-med',
    parentUnitId: null,
    code: 'MED',
    name: 'Medicine',
    kind: 'division',
    activeFrom: '2020-04-01',
    activeTo: null,
  },
  {
    unitId: 'id-w1',
    parentUnitId: 'id-med',
    code: 'W1',
    name: 'Ward 1',
    kind: 'ward',
    activeFrom: '2020-04-01',
    activeTo: null,
  },
];

const messagesByRow = (csvText: string, units: UnitNode[] = existing) =>
  Object.fromEntries(
    planUnitImport(csvText, units, today)
      .report.rows.filter((row) => row.outcome === 'error')
      .map((row) => [row.rowNumber, row.messages]),
  );

describe('reading dates written in an import file', () => {
  it.each([
    ['2024-04-01', '2024-04-01'],
    ['01/04/2024', '2024-04-01'],
    ['1/4/2024', '2024-04-01'],
    ['29/02/2023', null],
    ['2024-04-31', null],
    ['April 2024', null],
  ])('%j is %j', (written, iso) => {
    expect(importDate(written)).toBe(iso);
  });
});

describe('checking every row of a unit-tree file', () => {
  it('plans new units parents first, even when a parent comes later in the file', () => {
    const plan = planUnitImport(
      csv('T1,Team 1,team,W2,,', 'W2,Ward 2,ward,MED,2024-04-01,', 'SURG,Surgery,division,,,'),
      existing,
      today,
    );
    expect(plan.report).toMatchObject({ created: 3, updated: 0, errors: 0, applied: false });
    expect(plan.creates.map((unit) => unit.code)).toEqual(['W2', 'T1', 'SURG']);
    expect(plan.creates[1]).toEqual({
      code: 'T1',
      name: 'Team 1',
      kind: 'team',
      parentCode: 'W2',
      activeFrom: today,
      activeTo: null,
    });
  });

  it('says which rows would change an existing unit and which match it already', () => {
    const plan = planUnitImport(
      csv('MED,Medicine,division,,2020-04-01,', 'W1,Ward One,ward,MED,,'),
      existing,
      today,
    );
    expect(plan.report.rows.map((row) => [row.rowNumber, row.code, row.outcome])).toEqual([
      [2, 'MED', 'unchanged'],
      [3, 'W1', 'update'],
    ]);
    expect(plan.updates).toEqual([
      {
        unitId: 'id-w1',
        unit: {
          code: 'W1',
          name: 'Ward One',
          kind: 'ward',
          parentCode: 'MED',
          activeFrom: '2020-04-01',
          activeTo: null,
        },
      },
    ]);
  });

  it('reads headers in any case and order, ignores blank rows and accepts a byte-order mark', () => {
    const plan = planUnitImport('\ufeffKind,Code,NAME\r\n\r\nward,W2,Ward 2\r\n,,\r\n', existing, today);
    expect(plan.report.rows).toEqual([{ rowNumber: 3, code: 'W2', outcome: 'create', messages: [] }]);
  });

  it('reports each problem on its own row, numbered as a spreadsheet numbers it', () => {
    expect(
      messagesByRow(
        csv(
          'W2,Ward 2,ward,MED,,',
          ',Nameless,ward,,,',
          'W 3,,hut,,2024-02-30,',
          'W4,Ward 4,ward,WARD9,,',
          'w2,Ward 2 again,ward,,,',
          'W5,Ward 5,ward,MED,2024-04-01,2024-03-01',
          'W6,Ward 6,ward,,,,surplus',
        ),
      ),
    ).toEqual({
      3: ['code is blank'],
      4: [
        'Unit code must only include letters, numbers and hyphens',
        'name is blank',
        'kind "hut" is not one of: division, locality, directorate, service, team, ward, site',
        'active_from "2024-02-30" is not a real date: write it as YYYY-MM-DD, like 2024-04-01',
      ],
      5: ['parent_code WARD9 is not in the file or the organisation'],
      6: ['code w2 is also on row 2'],
      7: ['active_to 1 March 2024 is before active_from 1 April 2024'],
      8: ['the row has more values than the header row has columns'],
    });
  });

  it('plans nothing at all when any row has a problem', () => {
    const plan = planUnitImport(csv('W2,Ward 2,ward,MED,,', 'W3,Ward 3,ward,NOPE,,'), existing, today);
    expect(plan.report).toMatchObject({ created: 0, updated: 0, errors: 1 });
    expect(plan.creates).toEqual([]);
    expect(plan.report.rows[0]?.outcome).toBe('create');
  });

  it('refuses rows that would put a unit inside itself', () => {
    expect(
      messagesByRow(
        csv('A,Unit A,ward,B,,', 'B,Unit B,ward,A,,', 'MED,Medicine,division,W1,,', 'C,C,ward,C,,'),
      ),
    ).toEqual({
      2: ['parent_code B is below A, so A cannot be put under it'],
      3: ['parent_code A is below B, so B cannot be put under it'],
      4: ['parent_code W1 is below MED, so MED cannot be put under it'],
      5: ["parent_code C is the unit's own code"],
    });
  });

  it('applies the tree rules to the units as they will be after the import', () => {
    expect(
      messagesByRow(
        csv(
          'MED,Medicine,division,,2020-04-01,2024-03-31',
          'OLD,Old ward,ward,,2019-04-01,2020-03-31',
          'NEW,New team,team,OLD,2024-04-01,',
          'EARLY,Early team,team,LATE,2021-01-01,',
          'LATE,Late ward,ward,,2022-01-01,',
        ),
      ),
    ).toEqual({
      2: ['Medicine still has 1 active unit below it. Retire or move it first'],
      4: ['Old ward (OLD) was retired on 31 March 2020, so it cannot take new units'],
      5: ['Late ward (LATE) is not active on 1 January 2021, the date this unit opens'],
    });
  });

  it('lets a file retire a unit together with every unit below it', () => {
    const plan = planUnitImport(
      csv('MED,Medicine,division,,2020-04-01,2024-03-31', 'W1,Ward 1,ward,MED,2020-04-01,2024-03-31'),
      existing,
      today,
    );
    expect(plan.report).toMatchObject({ updated: 2, errors: 0 });
  });

  it.each([
    [
      '',
      'the file is empty: its first row should name the columns code, name, kind, parent_code, active_from and active_to',
    ],
    [header, 'the file has no units below its header row'],
    ['code,name\nW2,Ward 2', 'the header row has no kind column'],
    [
      'code;name;kind\nW2;Ward 2;ward',
      'the header row has a column "code;name;kind" that Heard does not know: use code, name, kind, parent_code, active_from and active_to',
    ],
    ['code,name,kind,code\nW2,Ward 2,ward,W2', 'the header row has the column code more than once'],
  ])('reports a file it cannot use on row 1: %j', (text, message) => {
    const plan = planUnitImport(text, existing, today);
    expect(plan.report.errors).toBe(1);
    expect(plan.report.rows[0]?.rowNumber).toBe(1);
    expect(plan.report.rows[0]?.messages).toContain(message);
  });

  it('reports a broken quote on the row where it starts', () => {
    const plan = planUnitImport(csv('W2,Ward 2,ward,,,', 'W3,"Ward 3,ward,,,'), existing, today);
    expect(plan.report.rows).toEqual([
      {
        rowNumber: 3,
        outcome: 'error',
        messages: ['the file cannot be read as CSV: a quoted value has no closing quote'],
      },
    ]);
  });
});

describe('describing the report', () => {
  it.each([
    [{ rowNumber: 7, outcome: 'error', messages: ['a', 'b'] }, false, 'Row 7: a; b'],
    [{ rowNumber: 2, code: 'W2', outcome: 'create', messages: [] }, false, 'Row 2: W2 will be created'],
    [{ rowNumber: 2, code: 'W2', outcome: 'create', messages: [] }, true, 'Row 2: W2 created'],
    [{ rowNumber: 3, code: 'W1', outcome: 'unchanged', messages: [] }, true, 'Row 3: W1 unchanged'],
  ] as const)('%j (applied: %s) reads %j', (row, applied, line) => {
    expect(describeImportRow({ ...row, messages: [...row.messages] }, applied)).toBe(line);
  });

  it.each([
    [{ created: 2, updated: 1, errors: 0, applied: true }, 'Imported: 2 created, 1 updated, 1 unchanged.'],
    [
      { created: 2, updated: 1, errors: 0, applied: false },
      'Checked: 2 to create, 1 to update, 1 unchanged. Nothing has been changed yet.',
    ],
    [{ created: 0, updated: 0, errors: 1, applied: false }, '1 row has a problem, so nothing was imported.'],
    [{ created: 0, updated: 0, errors: 3, applied: false }, '3 rows have problems, so nothing was imported.'],
  ])('%j is summed up as %j', (counts, summary) => {
    const rows = [{ rowNumber: 2, code: 'X', outcome: 'unchanged' as const, messages: [] }];
    expect(importSummary({ rows, ...counts })).toBe(summary);
  });
});
