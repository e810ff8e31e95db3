export {
  type BankHolidayCalendar,
  bankHolidayCalendar,
  englandAndWalesBankHolidays,
} from './bank-holidays.ts';
export {
  addDays,
  dayOfWeek,
  type IsoDate,
  isIsoDate,
  isoDateInLondon,
  isWeekend,
  monthNames,
  ukDate,
} from './dates.ts';
export {
  financialYear,
  financialYearContaining,
  formatPeriod,
  month,
  monthContaining,
  type Period,
  type PeriodKind,
  parsePeriod,
  periodContains,
  previousPeriod,
  previousQuarter,
  quarter,
  quarterContaining,
} from './periods.ts';
export { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days.ts';
