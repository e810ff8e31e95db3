import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BrokenReferenceList,
  offeredItems,
  parseReferenceList,
  parseStaffGroups,
  readReferenceLists,
  referenceDirectory,
  referenceLists,
} from './reference-lists.ts';

describe('the shipped reference lists', () => {
  const lists = referenceLists();

  // The seed report, Tables 5 and 11, and issue 4: the staff groups in the trust's own words.
  it('has the seed report’s staff groups, in its order', () => {
    expect(lists.staffGroups.items.map((group) => group.name)).toEqual([
      'Medical',
      'Nursing',
      'Social Worker',
      'Psychology',
      'PWP (psychological wellbeing practitioner)',
      'Estates staff',
      'HCA (healthcare assistant)',
      'Admin',
      'Other',
      'No staff identified',
    ]);
  });

  it('counts every staff group but "No staff identified" under a KO41a profession it lists', () => {
    for (const group of lists.staffGroups.items) {
      if (group.code === 'none') expect(group.ko41aProfession).toBeNull();
      else expect(lists.ko41aProfessions.byCode.has(group.ko41aProfession ?? '')).toBe(true);
    }
  });

  it('has the KO41a subject areas', () => {
    expect(lists.ko41aSubjects.items.map((subject) => subject.name)).toEqual([
      'Access to treatment or drugs',
      'Admissions and discharges',
      'Appointments',
      'Clinical treatment',
      'Commissioning',
      'Communications',
      'Consent',
      'End of life care',
      'Facilities',
      'Integrated care',
      'Mental Health Act',
      'Patient care',
      'Prescribing',
      'Privacy, dignity and wellbeing',
      'Restraint',
      'Staff numbers',
      'Transport',
      'Trust admin, policies and procedures',
      'Values and behaviours (staff)',
      'Waiting times',
      'Other',
    ]);
  });

  it('has KO41a service areas, professions and complainant statuses, each ending with "Other"', () => {
    for (const list of [lists.ko41aServiceAreas, lists.ko41aProfessions, lists.ko41aComplainantStatuses]) {
      expect(list.items.length).toBeGreaterThan(1);
      expect(list.items.at(-1)?.name).toBe('Other');
    }
    expect(lists.ko41aComplainantStatuses.byCode.get('relative-or-carer')?.name).toBe('Relative or carer');
  });

  it('finds an item by its code', () => {
    expect(lists.staffGroups.byCode.get('pwp')?.ko41aProfession).toBe('scientific-therapeutic-technical');
  });

  it('reads the files once', () => {
    expect(referenceLists()).toBe(lists);
  });
});

describe('parseReferenceList: a broken file gives a plain message', () => {
  const list = (items: unknown[]) => ({ description: 'Test list', items });

  it('reads a good list, items not retired unless they say so', () => {
    const parsed = parseReferenceList(
      'test.json',
      list([
        { code: 'a', name: 'Alpha' },
        { code: 'b-2', name: 'Beta', description: 'The second', retired: true },
      ]),
    );
    expect(parsed.items).toEqual([
      { code: 'a', name: 'Alpha', retired: false },
      { code: 'b-2', name: 'Beta', description: 'The second', retired: true },
    ]);
    expect(offeredItems(parsed).map((entry) => entry.code)).toEqual(['a']);
  });

  it.each<[string, unknown, string]>([
    [
      'a code listed twice',
      list([
        { code: 'a', name: 'Alpha' },
        { code: 'a', name: 'Another' },
      ]),
      'reference/test.json cannot be used: item 2, code: "a" is listed twice',
    ],
    [
      'a name listed twice, whatever its case',
      list([
        { code: 'a', name: 'Alpha' },
        { code: 'b', name: 'ALPHA' },
      ]),
      'reference/test.json cannot be used: item 2, name: "ALPHA" is listed twice',
    ],
    [
      'a code with spaces and capitals',
      list([{ code: 'Estates staff', name: 'Estates staff' }]),
      'reference/test.json cannot be used: item 1, code: the code must be lower-case letters and numbers joined by hyphens',
    ],
    [
      'an empty name',
      list([{ code: 'a', name: '  ' }]),
      'reference/test.json cannot be used: item 1, name: the name must not be empty',
    ],
    ['no items', list([]), 'reference/test.json cannot be used: items: the list has no items'],
    [
      'no description',
      { items: [{ code: 'a', name: 'Alpha' }] },
      'reference/test.json cannot be used: description: Invalid input: expected string, received undefined',
    ],
  ])('refuses %s', (_case, contents, message) => {
    expect(() => parseReferenceList('test.json', contents)).toThrow(new BrokenReferenceList(message));
  });

  it('refuses a staff group counted under a KO41a profession the professions file does not list', () => {
    const professions = parseReferenceList(
      'ko41a-professions.json',
      list([{ code: 'medical', name: 'Medical' }]),
    );
    const groups = list([
      { code: 'medical', name: 'Medical', ko41aProfession: 'medical' },
      { code: 'porters', name: 'Porters', ko41aProfession: 'portering' },
    ]);
    expect(() => parseStaffGroups('staff-groups.json', groups, professions)).toThrow(
      'reference/staff-groups.json cannot be used: Porters names "portering", which reference/ko41a-professions.json does not list',
    );
  });

  it('refuses a staff group that does not say which KO41a profession it counts under', () => {
    const professions = parseReferenceList(
      'ko41a-professions.json',
      list([{ code: 'medical', name: 'Medical' }]),
    );
    expect(() =>
      parseStaffGroups('staff-groups.json', list([{ code: 'medical', name: 'Medical' }]), professions),
    ).toThrow(
      'reference/staff-groups.json cannot be used: item 1, ko41aProfession: give the KO41a profession code, or null for none',
    );
  });
});

describe('readReferenceLists from a directory a trust has edited', () => {
  const copies: string[] = [];
  afterAll(() => {
    for (const directory of copies) rmSync(directory, { recursive: true, force: true });
  });
  /** A copy of the shipped lists to break. */
  function copyOfShippedLists() {
    const directory = mkdtempSync(join(tmpdir(), 'heard-reference-'));
    copies.push(directory);
    cpSync(new URL('.', referenceDirectory), directory, { recursive: true });
    return { directory, url: pathToFileURL(`${directory}/`) };
  }

  it('reads a copy of the shipped lists', () => {
    expect(readReferenceLists(copyOfShippedLists().url).ko41aSubjects.items).toHaveLength(21);
  });

  it('says which file is not valid JSON', () => {
    const { directory, url } = copyOfShippedLists();
    writeFileSync(join(directory, 'ko41a-subjects.json'), '{ "description": "Subjects", "items": [ }');
    expect(() => readReferenceLists(url)).toThrow(/^reference\/ko41a-subjects\.json is not valid JSON: /);
  });

  it('says which file is missing', () => {
    const { directory, url } = copyOfShippedLists();
    unlinkSync(join(directory, 'ko41a-service-areas.json'));
    expect(() => readReferenceLists(url)).toThrow(
      'reference/ko41a-service-areas.json is missing: Heard needs it to record complaints',
    );
  });

  it('says which item of an edited file is wrong', () => {
    const { directory, url } = copyOfShippedLists();
    const groups = {
      description: 'Staff groups',
      items: [{ code: 'porters', name: '', ko41aProfession: null }],
    };
    writeFileSync(join(directory, 'staff-groups.json'), JSON.stringify(groups));
    expect(() => readReferenceLists(url)).toThrow(
      'reference/staff-groups.json cannot be used: item 1, name: the name must not be empty',
    );
  });
});
