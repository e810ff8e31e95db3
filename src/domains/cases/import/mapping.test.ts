import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultMapping, parseMapping, planColumns } from './mapping.ts';

const example = new URL('../../../../docs/import-mappings/datixweb-complaints-example.json', import.meta.url);

describe('a column mapping file', () => {
  it('reads the shipped DatixWeb example', () => {
    const parsed = parseMapping(readFileSync(example, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    expect(parsed.mapping.headings.received_date).toBe('Date received');
    expect(parsed.mapping.values.kind?.get('pals')).toBe('concern');
  });

  it('says when the file is not JSON', () => {
    const parsed = parseMapping('{ "columns": ');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems[0]).toMatch(/^the mapping file is not valid JSON/);
  });

  it('names every field it does not know and every misplaced key, in plain words', () => {
    const parsed = parseMapping(
      JSON.stringify({
        columns: { reference: 'Ref', date_received: 'Date received', summary: '' },
        values: { unit_code: { A: 'B' } },
        extra: true,
      }),
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual(
      expect.arrayContaining([
        'the mapping file: the mapping file can only have description, columns and values, not extra',
        'in the mapping file, columns → summary: give the column heading, not a blank',
        expect.stringMatching(
          /^in the mapping file, columns → date_received: “date_received” is not a field Heard imports/,
        ),
        expect.stringMatching(
          /^in the mapping file, values → unit_code: values can be given for kind, channel/,
        ),
      ]),
    );
  });
});

describe('matching the header row to the fields', () => {
  const required = ['reference', 'kind', 'channel', 'unit_code', 'received_date', 'summary'];

  it('finds each column by its heading in any letter case, and lists the columns it will not read', () => {
    const plan = planColumns(
      [' Reference', 'KIND', 'channel', 'unit_code', 'received_date', 'summary', 'Notes'],
      defaultMapping,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.indexOf.get('kind')).toBe(1);
    expect(plan.headingOf.get('reference')).toBe('Reference');
    expect(plan.ignored).toEqual(['Notes']);
  });

  it('needs a column for each required field', () => {
    const plan = planColumns(
      required.filter((field) => field !== 'received_date'),
      defaultMapping,
    );
    expect(plan.problems).toEqual([
      'the header row has no received_date column: add one, or say in a mapping file which column holds it',
    ]);
  });

  it('refuses a repeated heading, or a required field mapped to a column the file lacks', () => {
    const parsed = parseMapping(JSON.stringify({ columns: { received_date: 'Date received' } }));
    if (!parsed.ok) throw new Error('the mapping should be valid');
    const plan = planColumns([...required.filter((f) => f !== 'received_date'), 'kind'], parsed.mapping);
    expect(plan.problems).toEqual([
      'the header row has the column “kind” more than once',
      'the mapping reads received_date from the column “Date received”, which the file does not have',
    ]);
  });

  it('reads a concern’s staff groups from the column the mapping names, with the old system’s words for them', () => {
    const parsed = parseMapping(
      JSON.stringify({
        columns: { staff_groups: 'Staff involved' },
        values: { staff_groups: { 'Registered nurse': 'nursing' } },
      }),
    );
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    expect(parsed.mapping.values.staff_groups?.get('registered nurse')).toBe('nursing');
    const plan = planColumns([...required, 'Staff involved'], parsed.mapping);
    expect(plan.problems).toEqual([]);
    expect(plan.indexOf.get('staff_groups')).toBe(required.length);
    expect(plan.headingOf.get('staff_groups')).toBe('Staff involved');
  });

  it('finds the staff_groups column by its own name without a mapping', () => {
    const plan = planColumns([...required, 'Staff_Groups'], defaultMapping);
    expect(plan.indexOf.get('staff_groups')).toBe(required.length);
    expect(plan.ignored).toEqual([]);
  });

  it('leaves empty an optional field whose mapped column the file lacks, and lists it', () => {
    const parsed = parseMapping(JSON.stringify({ columns: { closed_date: 'Closed', narrative: 'Story' } }));
    if (!parsed.ok) throw new Error('the mapping should be valid');
    const plan = planColumns([...required, 'Story'], parsed.mapping);
    expect(plan.problems).toEqual([]);
    expect(plan.indexOf.has('closed_date')).toBe(false);
    expect(plan.indexOf.get('narrative')).toBe(required.length);
    expect(plan.unmatched).toEqual(['Closed']);
  });
});
