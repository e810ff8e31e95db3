import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type IsoDate, isIsoDate, isWeekend } from './dates.ts';

/** A set of bank holidays for the years it covers, such as England and Wales's. */
export interface BankHolidayCalendar {
  division: string;
  firstYear: number;
  lastYear: number;
  /**
   * The last year as GOV.UK announced it; later years are computed from the standing rules
   * (standing-bank-holidays.ts) and may change when announced.
   */
  lastAnnouncedYear: number;
  /** Date → the holiday's name. */
  holidays: ReadonlyMap<IsoDate, string>;
}

const bankHolidayFile = z
  .object({
    division: z.string().min(1),
    firstYear: z.number().int(),
    lastYear: z.number().int(),
    lastAnnouncedYear: z.number().int().optional(),
    events: z.array(
      z.object({
        date: z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD'),
        title: z.string().min(1),
        notes: z.string().optional(),
      }),
    ),
  })
  .superRefine((file, ctx) => {
    if (file.lastAnnouncedYear !== undefined && file.lastAnnouncedYear > file.lastYear) {
      ctx.addIssue({
        code: 'custom',
        path: ['lastAnnouncedYear'],
        message: `${file.lastAnnouncedYear} is after the last year the file covers, ${file.lastYear}`,
      });
    }
    const seen = new Set<string>();
    file.events.forEach((event, index) => {
      const year = Number(event.date.slice(0, 4));
      const problem =
        year < file.firstYear || year > file.lastYear
          ? `${event.date} is outside ${file.firstYear} to ${file.lastYear}`
          : seen.has(event.date)
            ? `${event.date} is listed twice`
            : isIsoDate(event.date) && isWeekend(event.date)
              ? `${event.date} is a weekend: list the substitute weekday instead`
              : null;
      if (problem) ctx.addIssue({ code: 'custom', path: ['events', index, 'date'], message: problem });
      seen.add(event.date);
    });
  });

/** Checks a bank holiday file (GOV.UK's layout, with the years it covers) and builds its calendar. */
export function bankHolidayCalendar(contents: unknown): BankHolidayCalendar {
  const file = bankHolidayFile.parse(contents);
  return {
    division: file.division,
    firstYear: file.firstYear,
    lastYear: file.lastYear,
    lastAnnouncedYear: file.lastAnnouncedYear ?? file.lastYear,
    holidays: new Map(file.events.map((event) => [event.date, event.title])),
  };
}

const englandAndWalesFile = new URL('../../../reference/bank-holidays-england.json', import.meta.url);
let englandAndWales: BankHolidayCalendar | undefined;

/** England and Wales's bank holidays, from reference/bank-holidays-england.json (read once). */
export function englandAndWalesBankHolidays(): BankHolidayCalendar {
  englandAndWales ??= bankHolidayCalendar(JSON.parse(readFileSync(englandAndWalesFile, 'utf8')));
  return englandAndWales;
}
