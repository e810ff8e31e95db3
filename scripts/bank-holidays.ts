#!/usr/bin/env -S npx tsx
// Extends reference/bank-holidays-england.json to a year with the bank holidays the standing rules
// give (src/domains/calendar/standing-bank-holidays.ts), for the years GOV.UK has not announced yet.
//
//   npx tsx scripts/bank-holidays.ts [--to 2035]
//
// The years up to the file's lastAnnouncedYear are GOV.UK's and are kept exactly as they are; every
// later year is computed afresh. When GOV.UK announces a year, paste its entries over the computed
// ones, raise lastAnnouncedYear to that year and run this again to rewrite the description.
import { readFileSync, writeFileSync } from 'node:fs';
import { bankHolidayCalendar } from '#src/domains/calendar/bank-holidays.ts';
import { type BankHolidayEvent, standingBankHolidays } from '#src/domains/calendar/standing-bank-holidays.ts';

const file = new URL('../reference/bank-holidays-england.json', import.meta.url);

interface BankHolidayFile {
  division: string;
  description: string;
  source: string;
  firstYear: number;
  lastYear: number;
  lastAnnouncedYear?: number;
  events: BankHolidayEvent[];
}

function targetYear(args: string[]): number | null {
  const at = args.indexOf('--to');
  if (at === -1) return null;
  const year = Number(args[at + 1]);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new Error('Give --to a year such as 2035');
  }
  return year;
}

function description(firstYear: number, lastAnnouncedYear: number, lastYear: number): string {
  const computed =
    lastYear > lastAnnouncedYear
      ? ` ${lastAnnouncedYear + 1} to ${lastYear} are COMPUTED from the standing rules by scripts/bank-holidays.ts, not announced: they may change when GOV.UK announces them (a jubilee, a coronation or a moved day is proclaimed for its year alone). When a year is announced, replace its entries with GOV.UK's, raise lastAnnouncedYear and run npx tsx scripts/bank-holidays.ts.`
      : '';
  return (
    `Bank holidays in England and Wales, ${firstYear} to ${lastYear}. ${firstYear} to ${lastAnnouncedYear} are as GOV.UK announced them, one-off days included.${computed}` +
    ' Working days exclude Saturdays, Sundays and these days (Christmas Day and Good Friday are among them). When a bank holiday falls at a weekend, the substitute weekday is listed instead, marked "Substitute day".'
  );
}

const current = JSON.parse(readFileSync(file, 'utf8')) as BankHolidayFile;
const lastAnnouncedYear = current.lastAnnouncedYear ?? current.lastYear;
const lastYear = targetYear(process.argv.slice(2)) ?? current.lastYear;
if (lastYear < lastAnnouncedYear) {
  throw new Error(`--to ${lastYear} would drop years GOV.UK announced (to ${lastAnnouncedYear})`);
}
const announced = current.events.filter((event) => Number(event.date.slice(0, 4)) <= lastAnnouncedYear);
const computed: BankHolidayEvent[] = [];
for (let year = lastAnnouncedYear + 1; year <= lastYear; year += 1)
  computed.push(...standingBankHolidays(year));

const next: BankHolidayFile = {
  division: current.division,
  description: description(current.firstYear, lastAnnouncedYear, lastYear),
  source: current.source,
  firstYear: current.firstYear,
  lastYear,
  lastAnnouncedYear,
  events: [...announced, ...computed],
};
// Heard reads it with the same checks, so a file this writes is one Heard will start with.
bankHolidayCalendar(next);
writeFileSync(file, `${JSON.stringify(next, null, 2)}\n`);
console.log(
  `Wrote ${next.events.length} bank holidays, ${next.firstYear} to ${lastYear} (computed: ${computed.length} in ${
    lastYear > lastAnnouncedYear ? `${lastAnnouncedYear + 1} to ${lastYear}` : 'none'
  }).`,
);
