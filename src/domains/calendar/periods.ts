import { Invalid } from '#src/web/errors.ts';
import { dayNumber, type IsoDate, isoDate, lastDayOfMonth, monthNames } from './dates.ts';

/**
 * Reporting periods. The NHS financial year runs from 1 April to 31 March and is written
 * '2017/18'; its quarters are Q1 April–June, Q2 July–September, Q3 October–December and
 * Q4 January–March (the periods of the quarterly KO41a return and service experience reports).
 */
export type PeriodKind = 'financial-year' | 'quarter' | 'month';

export interface Period {
  kind: PeriodKind;
  /** What parsePeriod reads and formatPeriod writes: '2022/23', '2017/18-Q2' or '2017-08'. */
  code: string;
  /** How people read it: '2022/23', '2017/18 Q2' or 'August 2017'. */
  label: string;
  /** First day, inclusive. */
  start: IsoDate;
  /** Last day, inclusive. */
  end: IsoDate;
}

/** The financial year's label, such as '2017/18' for the year starting 1 April 2017. */
function financialYearCode(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

export function financialYear(startYear: number): Period {
  const code = financialYearCode(startYear);
  return {
    kind: 'financial-year',
    code,
    label: code,
    start: isoDate(startYear, 4, 1),
    end: isoDate(startYear + 1, 3, 31),
  };
}

/** Quarter 1–4 of the financial year starting 1 April `startYear`. */
export function quarter(startYear: number, quarterNumber: number): Period {
  const firstMonth = 4 + 3 * (quarterNumber - 1);
  const year = firstMonth > 12 ? startYear + 1 : startYear;
  const month = firstMonth > 12 ? firstMonth - 12 : firstMonth;
  const yearCode = financialYearCode(startYear);
  return {
    kind: 'quarter',
    code: `${yearCode}-Q${quarterNumber}`,
    label: `${yearCode} Q${quarterNumber}`,
    start: isoDate(year, month, 1),
    end: lastDayOfMonth(year, month + 2),
  };
}

/** A calendar month, 1–12. */
export function month(year: number, monthNumber: number): Period {
  return {
    kind: 'month',
    code: `${year}-${String(monthNumber).padStart(2, '0')}`,
    label: `${monthNames[monthNumber - 1]} ${year}`,
    start: isoDate(year, monthNumber, 1),
    end: lastDayOfMonth(year, monthNumber),
  };
}

const financialYearPattern = /^(\d{4})\/(\d{2})$/;
const quarterPattern = /^(\d{4})\/(\d{2})[- ]Q(\d+)$/i;
const monthPattern = /^(\d{4})-(\d{2})$/;

/** Reads '2022/23', '2017/18-Q2' (or '2017/18 Q2') or '2017-08'; throws Invalid with a plain reason otherwise. */
export function parsePeriod(input: string): Period {
  const text = input.trim();
  const asMonth = monthPattern.exec(text);
  if (asMonth) {
    const monthNumber = Number(asMonth[2]);
    if (monthNumber < 1 || monthNumber > 12) {
      throw new Invalid(`'${input}' is not a month: the month must be from 01 to 12`);
    }
    return month(Number(asMonth[1]), monthNumber);
  }
  const asQuarter = quarterPattern.exec(text);
  const asYear = asQuarter ?? financialYearPattern.exec(text);
  if (!asYear) {
    throw new Invalid(
      `'${input}' is not a period: write a financial year such as 2022/23, a quarter such as 2017/18-Q2 or a month such as 2017-08`,
    );
  }
  const startYear = Number(asYear[1]);
  if (Number(asYear[2]) !== (startYear + 1) % 100) {
    throw new Invalid(`'${input}' is not a financial year: the second year must follow the first`);
  }
  if (!asQuarter) return financialYear(startYear);
  const quarterNumber = Number(asQuarter[3]);
  if (quarterNumber < 1 || quarterNumber > 4) {
    throw new Invalid(
      `'${input}' is not a quarter: a financial year has Q1 (April to June) to Q4 (January to March)`,
    );
  }
  return quarter(startYear, quarterNumber);
}

/** The code parsePeriod reads back: '2022/23', '2017/18-Q2' or '2017-08'. */
export function formatPeriod(period: Pick<Period, 'kind' | 'start'>): string {
  const { year, monthNumber } = yearAndMonth(period.start);
  if (period.kind === 'month') return month(year, monthNumber).code;
  const containing = quarterContaining(period.start);
  if (period.kind === 'quarter') return containing.code;
  return financialYearContaining(period.start).code;
}

function yearAndMonth(date: IsoDate) {
  dayNumber(date);
  return { year: Number(date.slice(0, 4)), monthNumber: Number(date.slice(5, 7)) };
}

/** April to December belong to the financial year starting that April; January to March to the one before. */
function financialYearStartOf(date: IsoDate): number {
  const { year, monthNumber } = yearAndMonth(date);
  return monthNumber >= 4 ? year : year - 1;
}

export function financialYearContaining(date: IsoDate): Period {
  return financialYear(financialYearStartOf(date));
}

export function quarterContaining(date: IsoDate): Period {
  const { monthNumber } = yearAndMonth(date);
  return quarter(financialYearStartOf(date), Math.floor(((monthNumber + 8) % 12) / 3) + 1);
}

export function monthContaining(date: IsoDate): Period {
  const { year, monthNumber } = yearAndMonth(date);
  return month(year, monthNumber);
}

/** The quarter before the one `period` starts in: a report's "last time" (Q1 n=13). */
export function previousQuarter(period: Pick<Period, 'start'>): Period {
  const current = quarterContaining(period.start);
  const startYear = financialYearStartOf(current.start);
  const quarterNumber = Number(current.code.slice(-1));
  return quarterNumber === 1 ? quarter(startYear - 1, 4) : quarter(startYear, quarterNumber - 1);
}

/** The period of the same kind just before this one: the month, quarter or financial year before. */
export function previousPeriod(period: Pick<Period, 'kind' | 'start'>): Period {
  if (period.kind === 'quarter') return previousQuarter(period);
  if (period.kind === 'financial-year') return financialYear(financialYearStartOf(period.start) - 1);
  const { year, monthNumber } = yearAndMonth(period.start);
  return monthNumber === 1 ? month(year - 1, 12) : month(year, monthNumber - 1);
}

/** Whether `date` falls on or between the period's first and last days. */
export function periodContains(period: Pick<Period, 'start' | 'end'>, date: IsoDate): boolean {
  const day = dayNumber(date);
  return day >= dayNumber(period.start) && day <= dayNumber(period.end);
}
