import { describe, expect, it } from 'vitest';
import {
  dateFromParts,
  datePartsFromIso,
  parseEditUnitForm,
  parseMoveForm,
  parseNewUnitForm,
  parseRetireForm,
  unitAnswersOf,
} from './forms.ts';

const parts = (day: string, month: string, year: string) => ({ day, month, year });

describe('dates typed into the three boxes', () => {
  it.each([
    [parts('1', '4', '2024'), true, { date: '2024-04-01' }],
    [parts('01', '04', '2024'), true, { date: '2024-04-01' }],
    [parts('29', '2', '2024'), true, { date: '2024-02-29' }],
    [parts('', '', ''), false, { date: null }],
    [parts('', '', ''), true, { problem: 'Enter the date the unit opens' }],
    [parts('1', '', '2024'), true, { problem: 'Date the unit opens must include a month' }],
    [parts('', '', '2024'), true, { problem: 'Date the unit opens must include a day and a month' }],
    [parts('1', '4', '24'), true, { problem: 'Year must include 4 numbers' }],
    [parts('29', '2', '2023'), true, { problem: 'Date the unit opens must be a real date' }],
    [parts('1', 'April', '2024'), true, { problem: 'Date the unit opens must be a real date' }],
    [parts('32', '1', '2024'), true, { problem: 'Date the unit opens must be a real date' }],
  ])('%j (required: %s) gives %j', (typed, required, expected) => {
    expect(dateFromParts(typed, 'date the unit opens', required)).toEqual(expected);
  });

  it.each([
    ['2024-04-01', parts('1', '4', '2024')],
    [null, parts('', '', '')],
  ])('%s is shown in the boxes as %j', (iso, expected) => {
    expect(datePartsFromIso(iso)).toEqual(expected);
  });
});

describe('the unit forms', () => {
  const body = {
    name: ' Ward 9 ',
    code: 'W9',
    kind: 'ward',
    parentCode: '',
    'activeFrom[day]': '1',
    'activeFrom[month]': '4',
    'activeFrom[year]': '2024',
  };

  it('turns a complete new-unit form into what the service takes, blank parent meaning the top', () => {
    expect(parseNewUnitForm(unitAnswersOf(body))).toEqual({
      ok: true,
      data: { name: 'Ward 9', code: 'W9', kind: 'ward', parentCode: null, activeFrom: '2024-04-01' },
    });
  });

  it('gives one message per field in the design system’s words', () => {
    expect(parseNewUnitForm(unitAnswersOf({}))).toEqual({
      ok: false,
      errors: {
        name: 'Enter a unit name',
        code: 'Enter a unit code',
        kind: 'Select the kind of unit',
        activeFrom: 'Enter the date the unit opens',
      },
    });
  });

  it('reads an optional closing date on the edit form', () => {
    const closing = { ...body, 'activeTo[day]': '31', 'activeTo[month]': '3', 'activeTo[year]': '2025' };
    expect(parseEditUnitForm(unitAnswersOf(closing))).toMatchObject({
      ok: true,
      data: { activeTo: '2025-03-31' },
    });
    expect(parseEditUnitForm(unitAnswersOf(body))).toMatchObject({ ok: true, data: { activeTo: null } });
    expect(parseEditUnitForm(unitAnswersOf({ ...body, 'activeTo[year]': '2025' }))).toEqual({
      ok: false,
      errors: { activeTo: 'Date the unit closes must include a day and a month' },
    });
  });

  it.each([
    [{ parentUnitId: '' }, { ok: true, data: { parentUnitId: null } }],
    [
      { parentUnitId: '8d5c3f9e-2c1a-4b7e-9f0a-1b2c3d4e5f60' },
      { ok: true, data: { parentUnitId: '8d5c3f9e-2c1a-4b7e-9f0a-1b2c3d4e5f60' } },
    ],
    [{ parentUnitId: 'W1' }, { ok: false, errors: { parentUnitId: 'Select a unit from the list' } }],
  ])('the move form %j gives %j', (posted, expected) => {
    expect(parseMoveForm(posted)).toEqual(expected);
  });

  it('requires the last day on the retire form', () => {
    expect(parseRetireForm(unitAnswersOf({}))).toEqual({
      ok: false,
      errors: { activeTo: 'Enter the date the unit closes' },
    });
  });
});
