import { type IsoDate, isIsoDate } from '#src/domains/calendar/index.ts';

// A cell as a file gives it: text from a CSV file; text, a number, a true/false or a date from an
// Excel sheet. Dates are written many ways in the exports trusts have, so each way accepted is here.

export type CellValue = string | number | boolean | Date | null;

/** The cell as text, trimmed; '' for an empty cell. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return excelDate(value) ?? '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value).trim();
}

const isoWithTime = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const ukWithTime = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;

/**
 * A calendar date from a cell, or null when the cell holds no real date: YYYY-MM-DD; DD/MM/YYYY,
 * the way spreadsheets in England write dates (never the American month first); either with a
 * time after it, which is dropped; or an Excel date cell.
 */
export function cellDate(value: CellValue | undefined): IsoDate | null {
  if (value instanceof Date) return excelDate(value);
  if (typeof value === 'number') return excelSerialDate(value);
  const text = cellText(value);
  const iso = isoWithTime.exec(text)?.[1];
  const uk = ukWithTime.exec(text);
  const date = iso ?? (uk ? `${uk[3]}-${uk[2]?.padStart(2, '0')}-${uk[1]?.padStart(2, '0')}` : null);
  return date !== null && isIsoDate(date) ? date : null;
}

/**
 * Excel stores a date with no time zone; the library reading the sheet gives it as that day at
 * midnight UTC (with any time of day added), so the UTC calendar day is the date in the cell.
 */
function excelDate(value: Date): IsoDate | null {
  return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
}

/**
 * A date cell whose format was lost: a serial number of days in Excel's 1900 date system, where
 * 1 is 1 January 1900 and 60 is 29 February 1900, a day that never was (kept by Excel for
 * compatibility with Lotus 1-2-3), so from 61 on the count runs from 30 December 1899.
 */
function excelSerialDate(serial: number): IsoDate | null {
  // Up to the end of 9999, Excel's last date; anything else is not a date.
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466 || Math.floor(serial) === 60) return null;
  const days = Math.floor(serial) < 60 ? Math.floor(serial) + 1 : Math.floor(serial);
  return new Date(Date.UTC(1899, 11, 30) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The values of a cell that holds several, separated by semicolons (“Nursing; Medical”); blanks dropped. */
export function cellList(text: string): string[] {
  return text
    .split(';')
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

const yes = new Set(['yes', 'y', 'true', '1']);
const no = new Set(['no', 'n', 'false', '0']);

/** Yes or no; null for a blank cell; undefined when it is neither. */
export function cellYesNo(text: string): boolean | null | undefined {
  const word = text.trim().toLowerCase();
  if (word === '') return null;
  if (yes.has(word)) return true;
  if (no.has(word)) return false;
  return undefined;
}
