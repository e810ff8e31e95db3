import { describe, expect, it } from 'vitest';
import { cellDate, cellList, cellText, cellYesNo } from './cells.ts';

describe('dates in an imported file', () => {
  it.each([
    ['2017-07-03', '2017-07-03'],
    ['03/07/2017', '2017-07-03'],
    ['3/7/2017', '2017-07-03'],
    // England writes the day first: 01/02/2017 is 1 February, never 2 January.
    ['01/02/2017', '2017-02-01'],
    ['03/07/2017 14:22', '2017-07-03'],
    ['2017-07-03T09:30:00Z', '2017-07-03'],
    ['  2017-07-03 ', '2017-07-03'],
  ])('reads %j as %s', (written, date) => {
    expect(cellDate(written)).toBe(date);
  });

  it.each(['31/02/2017', '2017-13-01', '07/03/17', 'July 3rd', '2017/07/03', '13/13/2017'])(
    'refuses %j, which is not a real date in an accepted form',
    (written) => {
      expect(cellDate(written)).toBeNull();
    },
  );

  it('reads an Excel date cell as the calendar day it shows, whatever the time zone', () => {
    expect(cellDate(new Date(Date.UTC(2017, 6, 3)))).toBe('2017-07-03');
    expect(cellDate(new Date(Date.UTC(2017, 6, 3, 23, 59)))).toBe('2017-07-03');
  });

  it('reads a number as an Excel serial date when the sheet lost the date format', () => {
    // 42919 is 3 July 2017 in Excel's 1900 date system; 1 is 1 January 1900; 60 is Excel's
    // 29 February 1900, which never was, so 61 is 1 March 1900.
    expect(cellDate(42919)).toBe('2017-07-03');
    expect(cellDate(42919.75)).toBe('2017-07-03');
    expect(cellDate(1)).toBe('1900-01-01');
    expect(cellDate(59)).toBe('1900-02-28');
    expect(cellDate(60)).toBeNull();
    expect(cellDate(61)).toBe('1900-03-01');
    expect(cellDate(0)).toBeNull();
    expect(cellDate(-5)).toBeNull();
  });
});

describe('other cells', () => {
  it('gives text trimmed, numbers as written and blanks as empty', () => {
    expect(cellText('  W1 ')).toBe('W1');
    expect(cellText(1234)).toBe('1234');
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
  });

  it.each([
    ['Yes', true],
    ['y', true],
    ['TRUE', true],
    ['1', true],
    ['No', false],
    ['n', false],
    ['false', false],
    ['0', false],
    ['', null],
    ['maybe', undefined],
  ])('reads %j as %s for a yes or no column', (written, answer) => {
    expect(cellYesNo(written)).toBe(answer);
  });

  it.each([
    ['Nursing; Medical', ['Nursing', 'Medical']],
    [' nursing ;medical; ', ['nursing', 'medical']],
    ['No staff identified', ['No staff identified']],
    [';;', []],
    ['', []],
  ])('reads %j as the list %j for a column of several values', (written, values) => {
    expect(cellList(written)).toEqual(values);
  });
});
