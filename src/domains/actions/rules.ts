import {
  addDays,
  addWorkingDays,
  type BankHolidayCalendar,
  dayOfWeek,
  englandAndWalesBankHolidays,
  type IsoDate,
  isIsoDate,
  isoDateInLondon,
  isWorkingDay,
  monthNames,
} from '#src/domains/calendar/index.ts';
import {
  type ActionStatus,
  type AssuranceLevel,
  type CqcRequirement,
  type KeyQuestion,
  keyQuestions,
  type ShownStatus,
  shownStatuses,
} from './words.ts';

// The pure rules of learning and action (issue 7): when an action is overdue, when its lead is
// reminded, how a plan's progress is counted, and how a due date is read from a plan's table.
// No clock and no database: "today" is always passed in, as a calendar date in England.

/** What the rules need of an action. */
export interface ActionFacts {
  status: ActionStatus;
  /** The last day it may be done on, as a calendar date in England; null when none was set. */
  dueDate: IsoDate | null;
}

/** Today in England for an instant: a due date is a London calendar date, whatever the server's zone. */
export const todayInEngland = (instant: Date): IsoDate => isoDateInLondon(instant);

/**
 * Overdue is derived, never stored: an action not completed whose due date has passed. The due
 * date itself is still in time (an action due on 31 March is done on time all through that day
 * in England), so it is overdue from the next London day.
 */
export function isOverdue(action: ActionFacts, today: IsoDate): boolean {
  return action.status !== 'completed' && action.dueDate !== null && action.dueDate < today;
}

/** The status users see: the stored one, or overdue. */
export function shownStatus(action: ActionFacts, today: IsoDate): ShownStatus {
  return isOverdue(action, today) ? 'overdue' : action.status;
}

// --- reminders, on the working-day calendar ---

/**
 * The day a lead is reminded of an action: `workingDays` working days before it is due, so a
 * reminder never lands on a weekend or bank holiday and a long weekend does not swallow the
 * warning (SI 2009/309 reg 2 counts working days the same way for complaints).
 */
export function reminderDate(
  dueDate: IsoDate,
  workingDays: number,
  calendar: BankHolidayCalendar = englandAndWalesBankHolidays(),
): IsoDate {
  return addWorkingDays(dueDate, -workingDays, calendar);
}

/** Whether the reminder is due today: on or after the reminder date, not yet overdue, not done. */
export function reminderDue(
  action: ActionFacts,
  today: IsoDate,
  workingDays: number,
  calendar: BankHolidayCalendar = englandAndWalesBankHolidays(),
): boolean {
  if (action.status === 'completed' || action.dueDate === null) return false;
  return today >= reminderDate(action.dueDate, workingDays, calendar) && today <= action.dueDate;
}

/** An overdue alert goes on a working day, the first one after the due date at the earliest. */
export function overdueAlertDue(
  action: ActionFacts,
  today: IsoDate,
  calendar: BankHolidayCalendar = englandAndWalesBankHolidays(),
): boolean {
  return isOverdue(action, today) && isWorkingDay(today, calendar);
}

/** The Monday of the week a date falls in: a weekly digest is one per lead per such week. */
export function weekStarting(date: IsoDate): IsoDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/**
 * The weekly digest goes on the first working day of the week: Monday, or Tuesday after an
 * Easter or bank holiday Monday, and so on.
 */
export function isDigestDay(today: IsoDate, calendar = englandAndWalesBankHolidays()): boolean {
  if (!isWorkingDay(today, calendar)) return false;
  for (let day = weekStarting(today); day < today; day = addDays(day, 1)) {
    if (isWorkingDay(day, calendar)) return false;
  }
  return true;
}

// --- progress ---

export type StatusCounts = Record<ShownStatus, number> & { total: number };

export interface PlanProgress {
  counts: StatusCounts;
  /** Completed as a whole percentage of all actions; null with no actions. */
  percentComplete: number | null;
  /** For a CQC plan: each key question's counts, with its must-do and should-do actions apart. */
  byKeyQuestion: {
    keyQuestion: KeyQuestion;
    counts: StatusCounts;
    mustDo: StatusCounts;
    shouldDo: StatusCounts;
  }[];
  /** Actions with no key question, for a CQC plan whose actions are not all tagged yet. */
  withoutKeyQuestion: number;
}

const emptyCounts = (): StatusCounts => ({
  ...(Object.fromEntries(shownStatuses.map((status) => [status, 0])) as Record<ShownStatus, number>),
  total: 0,
});

function countInto(counts: StatusCounts, status: ShownStatus) {
  counts[status] += 1;
  counts.total += 1;
}

/** A plan's figures: how many actions stand at each status, overall and by CQC key question. */
export function planProgress(
  actions: readonly (ActionFacts & {
    keyQuestion?: KeyQuestion | null;
    cqcRequirement?: CqcRequirement | null;
  })[],
  today: IsoDate,
): PlanProgress {
  const counts = emptyCounts();
  const byKeyQuestion = keyQuestions.map((keyQuestion) => ({
    keyQuestion,
    counts: emptyCounts(),
    mustDo: emptyCounts(),
    shouldDo: emptyCounts(),
  }));
  let withoutKeyQuestion = 0;
  for (const action of actions) {
    const status = shownStatus(action, today);
    countInto(counts, status);
    const group = byKeyQuestion.find((entry) => entry.keyQuestion === action.keyQuestion);
    if (!group) {
      withoutKeyQuestion += 1;
      continue;
    }
    countInto(group.counts, status);
    if (action.cqcRequirement === 'must-do') countInto(group.mustDo, status);
    if (action.cqcRequirement === 'should-do') countInto(group.shouldDo, status);
  }
  return {
    counts,
    percentComplete: counts.total === 0 ? null : Math.round((100 * counts.completed) / counts.total),
    byKeyQuestion,
    withoutKeyQuestion,
  };
}

// --- assurance and completion ---

/** An assurance level is a judgement: it is recorded with its reason (DESIGN.md §2). */
export function assuranceProblem(level: AssuranceLevel | null, reason: string | null): string | null {
  if (level && !reason?.trim()) return 'Enter why you give this level of assurance';
  if (!level && reason?.trim()) return 'Select the level of assurance';
  return null;
}

/** An action is completed only with something to show for it: a note or file, or what was done. */
export function completionProblem(evidenceCount: number, actionCompleted: string | null): string | null {
  if (evidenceCount > 0 || actionCompleted?.trim()) return null;
  return 'Record evidence that the action was done before you mark it completed';
}

// --- due dates as plans write them ---

export interface DueDate {
  date: IsoDate;
  /** 'month' when the plan gave only a month: due by its last day. */
  precision: 'day' | 'month';
}

const shortMonths = monthNames.map((name) => name.slice(0, 3).toLowerCase());

function monthIndex(word: string): number {
  const lower = word.toLowerCase();
  const index = shortMonths.indexOf(lower.slice(0, 3));
  const full = monthNames[index]?.toLowerCase();
  return index >= 0 && (lower.length === 3 || lower === full || lower === 'sept') ? index : -1;
}

const lastDay = (year: number, month: number): IsoDate =>
  new Date(Date.UTC(year, month + 1, 0)).toISOString().slice(0, 10);

/**
 * A due date as action plans write it: 2014-03-31, 31/03/2014, "Mar-14" or "March 2014". A month
 * alone means by the end of that month. Two-digit years are this century's. Null when it is none of these.
 */
export function parseDueDate(text: string): DueDate | null {
  const value = text.trim();
  if (isIsoDate(value)) return { date: value, precision: 'day' };
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (uk) {
    const date = `${uk[3]}-${uk[2]?.padStart(2, '0')}-${uk[1]?.padStart(2, '0')}`;
    return isIsoDate(date) ? { date, precision: 'day' } : null;
  }
  const monthYear = /^([A-Za-z]+)[\s-]+(\d{2}|\d{4})$/.exec(value);
  if (!monthYear?.[1] || !monthYear[2]) return null;
  const month = monthIndex(monthYear[1]);
  if (month < 0) return null;
  const year = monthYear[2].length === 2 ? 2000 + Number(monthYear[2]) : Number(monthYear[2]);
  return { date: lastDay(year, month), precision: 'month' };
}

/** A due date written back as it was read: "Mar-14" for a month, 2014-03-31 for a day. */
export function formatDueDate(due: DueDate): string {
  if (due.precision === 'day') return due.date;
  const [year, month] = due.date.split('-');
  return `${monthNames[Number(month) - 1]?.slice(0, 3)}-${year?.slice(2)}`;
}

// --- publishing "You said – We did" ---

/** A valid NHS number: 10 digits whose last is the modulus 11 check digit of the first nine. */
export function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  const sum = [...digits.slice(0, 9)].reduce(
    (total, digit, index) => total + Number(digit) * (10 - index),
    0,
  );
  const check = 11 - (sum % 11);
  return check !== 10 && (check === 11 ? 0 : check) === Number(digits[9]);
}

const personalDataPatterns: [RegExp, string][] = [
  [/[^\s@]+@[^\s@]+\.[^\s@]+/, 'an email address'],
  [/(?:\+44\s?|\b0)(?:\d[\s-]?){9,10}\b/, 'a phone number'],
  [/\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/i, 'a postcode'],
  [/\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z]+/, 'a person’s name'],
  [/\b(?:date of birth|DOB|d\.o\.b\.)\b/i, 'a date of birth'],
  [/\b[A-Z]{1,3}-\d{4}-\d{3,6}\b/, 'a case reference'],
];

/**
 * What in a public statement looks like personal data: an email, phone number, postcode, a name
 * after a title, a date of birth, an NHS number or a case reference. A "You said – We did" is
 * published to anyone, so it must say what people told us without saying who (DESIGN.md §4, Text).
 */
export function personalDataIn(text: string): string[] {
  const found = personalDataPatterns.filter(([pattern]) => pattern.test(text)).map(([, what]) => what);
  const digitRuns = text.match(/\b\d{3}[\s-]?\d{3}[\s-]?\d{4}\b/g) ?? [];
  if (digitRuns.some((run) => isNhsNumber(run.replace(/[\s-]/g, '')))) found.push('an NHS number');
  return [...new Set(found)];
}

/** The problem with publishing a statement's text, in the design system's voice; null when none. */
export function publicTextProblem(label: string, text: string, maxLength = 600): string | null {
  if (!text.trim()) return `Enter ${label}`;
  if (text.length > maxLength)
    return `${label[0]?.toUpperCase()}${label.slice(1)} must be ${maxLength} characters or fewer`;
  const found = personalDataIn(text);
  if (found.length > 0) {
    return `${label[0]?.toUpperCase()}${label.slice(1)} must not include personal details: it seems to include ${found.join(' and ')}`;
  }
  return null;
}

// --- organisational learning themes (the seed report's Tables 17 and 18) ---

export type ThemeStage = 'action-plans-sought' | 'action-plans-received' | 'assured';

export interface ThemeResponse {
  unitId: string;
  actionPlan: string | null;
  assuranceReceivedDate: IsoDate | null;
}

/**
 * Where a theme stands: each locality is asked for an action plan (Table 17, "action plan to be
 * sought"), and the theme is assured once every locality's assurance has been received (Table 18).
 */
export function themeProgress(localityIds: readonly string[], responses: readonly ThemeResponse[]) {
  const responseOf = (unitId: string) => responses.find((response) => response.unitId === unitId);
  const asked = localityIds.length > 0 ? localityIds : responses.map((response) => response.unitId);
  const awaitingPlan = asked.filter((unitId) => !responseOf(unitId)?.actionPlan?.trim());
  const awaitingAssurance = asked.filter((unitId) => !responseOf(unitId)?.assuranceReceivedDate);
  const stage: ThemeStage =
    asked.length > 0 && awaitingAssurance.length === 0
      ? 'assured'
      : asked.length > 0 && awaitingPlan.length === 0
        ? 'action-plans-received'
        : 'action-plans-sought';
  return { stage, awaitingPlan, awaitingAssurance };
}
