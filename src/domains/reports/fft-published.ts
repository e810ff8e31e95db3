import { wholePercent } from '#src/domains/cases/index.ts';

// NHS England's published Friends and Family Test data, read from its monthly provider-level
// files (docs/import-layouts.md, "Published FFT data"). Pure: the header is recognised by the
// names NHS England has used for its columns (before 2020, "Percentage Recommended" and
// "Extremely likely" …; since, "Prop_Pos" and "Very Good" …), title rows above it are skipped,
// and each data row is checked and turned into counts. The import (fft-published-import.ts) stores.

/** The care settings NHS England publishes FFT data for; the comparison uses one of them. */
export const fftSettings = [
  'mental-health',
  'community',
  'inpatient',
  'outpatient',
  'ae',
  'maternity',
  'ambulance',
  'gp',
  'dental',
] as const;
export type FftSetting = (typeof fftSettings)[number];

export const fftSettingNames: Record<FftSetting, string> = {
  'mental-health': 'Mental health',
  community: 'Community',
  inpatient: 'Inpatient',
  outpatient: 'Outpatient',
  ae: 'A&E',
  maternity: 'Maternity',
  ambulance: 'Ambulance',
  gp: 'GP',
  dental: 'Dental',
};

/** The provider code a national (England) row is stored under. */
export const nationalCode = 'ENG';

type Field =
  | 'period'
  | 'code'
  | 'name'
  | 'setting'
  | 'responses'
  | 'percentPositive'
  | 'percentNegative'
  | 'answer1'
  | 'answer2'
  | 'answer3'
  | 'answer4'
  | 'answer5'
  | 'answer6';

/** Column names as NHS England has written them, lower case with everything but letters and digits taken out. */
const aliases: Record<Field, string[]> = {
  period: ['period', 'month', 'periodname', 'date'],
  code: ['orgcode', 'organisationcode', 'providercode', 'odscode', 'code', 'trustcode'],
  name: ['orgname', 'organisationname', 'providername', 'name', 'trustname'],
  setting: ['setting', 'caresetting'],
  responses: ['totalresponses', 'responses', 'totalresponse', 'numberofresponses'],
  percentPositive: ['percentagerecommended', 'proppos', 'percentagepositive', 'percentpositive'],
  percentNegative: ['percentagenotrecommended', 'propneg', 'percentagenegative', 'percentnegative'],
  answer1: ['extremelylikely', 'verygood'],
  answer2: ['likely', 'good'],
  answer3: ['neitherlikelynorunlikely', 'neithergoodnorpoor', 'neither'],
  answer4: ['unlikely', 'poor'],
  answer5: ['extremelyunlikely', 'verypoor'],
  answer6: ['dontknow'],
};
const answerFields = ['answer1', 'answer2', 'answer3', 'answer4', 'answer5', 'answer6'] as const;

const normalised = (heading: string) => heading.toLowerCase().replace(/[^a-z0-9]/g, '');

export type PublishedHeader = Partial<Record<Field, number>>;

/** The columns of a header row, or null when the row is not the header (a title row above it). */
export function publishedHeader(cells: readonly string[]): PublishedHeader | null {
  const header: PublishedHeader = {};
  cells.forEach((cell, index) => {
    const name = normalised(cell);
    for (const [field, names] of Object.entries(aliases) as [Field, string[]][]) {
      if (header[field] === undefined && names.includes(name)) header[field] = index;
    }
  });
  return header.code !== undefined && header.responses !== undefined ? header : null;
}

/** What the header lacks for the import to work, given the options the command had. */
export function headerProblems(header: PublishedHeader, options: PublishedDefaults): string[] {
  const problems: string[] = [];
  if (header.name === undefined) problems.push('The file has no organisation name column (Org Name)');
  if (header.period === undefined && !options.month)
    problems.push('The file has no Period column: give the month with --month 2017-07');
  if (header.setting === undefined && !options.setting)
    problems.push(
      `The file has no Setting column: give the setting with --setting (${fftSettings.join(', ')})`,
    );
  const hasAnswers = answerFields.every((field) => header[field] !== undefined);
  if (!hasAnswers && (header.percentPositive === undefined || header.percentNegative === undefined))
    problems.push(
      'The file has neither the six answers (Extremely likely … Don’t know, or Very Good … Dont Know) nor the percentages (Percentage Recommended and Percentage Not Recommended, or Prop_Pos and Prop_Neg)',
    );
  return problems;
}

export interface PublishedDefaults {
  /** The month every row is for when the file has no Period column, as `2017-07`. */
  month?: string;
  setting?: FftSetting;
}

export interface PublishedRow {
  /** The month's first day. */
  month: string;
  setting: FftSetting;
  providerCode: string;
  providerName: string;
  responses: number;
  positive: number;
  negative: number;
  answers: [number, number, number, number, number, number] | null;
}

export type RowReading =
  | { kind: 'row'; row: PublishedRow }
  | { kind: 'skipped'; reason: string }
  | { kind: 'refused'; problem: string };

const monthNames = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;

/** A month as `2017-07` from `2017-07`, `2017-07-01`, `01/07/2017`, `Jul-17`, `July 2017`, `JUL2017` or `July-2017`; null otherwise. */
export function publishedMonth(text: string): string | null {
  const value = text.trim();
  let match = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(value);
  if (match) return validMonth(Number(match[1]), Number(match[2]));
  match = /^\d{1,2}\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (match) return validMonth(Number(match[2]), Number(match[1]));
  match = /^([A-Za-z]{3,9})[\s\-_]*(\d{2}|\d{4})$/.exec(value);
  if (match) {
    const name = (match[1] ?? '').toLowerCase();
    const index = monthNames.findIndex((short) => name.startsWith(short));
    const full = new Date(Date.UTC(2000, index, 1)).toLocaleString('en-GB', {
      month: 'long',
      timeZone: 'UTC',
    });
    if (index < 0 || !(name.length === 3 || full.toLowerCase() === name || name === 'sept')) return null;
    const year = (match[2] ?? '').length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
    return validMonth(year, index + 1);
  }
  return null;
}

function validMonth(year: number, month: number): string | null {
  if (month < 1 || month > 12 || year < 2013 || year > 2100) return null;
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** A setting from its code or NHS England's name for it ("Mental Health", "A&E"). */
export function publishedSetting(text: string): FftSetting | null {
  const name = normalised(text);
  const found = fftSettings.find(
    (setting) => normalised(setting) === name || normalised(fftSettingNames[setting]) === name,
  );
  if (found) return found;
  if (name === 'accidentandemergency') return 'ae';
  if (name === 'patienttransport') return 'ambulance';
  return null;
}

/** A percentage as published: `91%`, `91` or, as NHS England's data files hold it, the fraction `0.91`. */
export function publishedPercent(text: string): number | null {
  const value = text.trim();
  const match = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(value);
  if (!match) return null;
  const number = Number(match[1]);
  const percent = match[2] === '%' || number > 1 ? number : number * 100;
  return percent >= 0 && percent <= 100 ? percent : null;
}

const wholeNumber = (text: string) => {
  const value = text.trim().replaceAll(',', '');
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
};
/** NHS England's marks for figures not published: suppressed (`*`) or not submitted. */
const notPublished = (text: string) => /^(\*|-|–|n\/?a|x|\.\.)$/i.test(text.trim());

/** One data row of the file, checked and turned into counts. */
export function readPublishedRow(
  cells: readonly string[],
  header: PublishedHeader,
  defaults: PublishedDefaults,
): RowReading {
  const cell = (field: Field) => (header[field] === undefined ? '' : (cells[header[field]] ?? '').trim());
  if (cells.every((value) => value.trim() === '')) return { kind: 'skipped', reason: 'an empty row' };
  const rawCode = cell('code');
  const name = cell('name');
  const national = /^(eng|england)$/i.test(rawCode) || (rawCode === '' && /^(england|total)\b/i.test(name));
  if (rawCode === '' && !national) {
    return { kind: 'skipped', reason: 'no organisation code (a note or a subtotal, not a provider)' };
  }
  const providerCode = national ? nationalCode : rawCode.toUpperCase();
  if (!/^[A-Z0-9]{3,10}$/.test(providerCode))
    return { kind: 'refused', problem: `Org Code: “${rawCode}” is not an ODS code` };
  const label = `${providerCode}${name ? ` ${name}` : ''}`;
  const month =
    header.period === undefined ? (defaults.month ?? null) : (publishedMonth(cell('period')) ?? null);
  if (!month)
    return {
      kind: 'refused',
      problem: `Period: “${cell('period')}” is not a month (write it like Jul-17, July 2017 or 2017-07)`,
    };
  const setting =
    header.setting === undefined ? (defaults.setting ?? null) : publishedSetting(cell('setting'));
  if (!setting)
    return {
      kind: 'refused',
      problem: `Setting: “${cell('setting')}” is not a setting (${fftSettings.join(', ')})`,
    };
  if (notPublished(cell('responses')))
    return {
      kind: 'skipped',
      reason: `${label}: figures not published for ${month} (suppressed or not submitted)`,
    };
  const responses = wholeNumber(cell('responses'));
  if (responses === null)
    return {
      kind: 'refused',
      problem: `Total Responses: “${cell('responses')}” is not a whole number (${label})`,
    };
  const answerCells = answerFields.map((field) => cell(field));
  let answers: PublishedRow['answers'] = null;
  if (answerCells.every((value) => value !== '' && !notPublished(value))) {
    const counted = answerCells.map(wholeNumber);
    const bad = counted.indexOf(null);
    if (bad >= 0)
      return {
        kind: 'refused',
        problem: `${answerFields[bad]?.replace('answer', 'answer ')}: “${answerCells[bad]}” is not a whole number (${label})`,
      };
    answers = counted as NonNullable<PublishedRow['answers']>;
    const sum = answers.reduce((total, value) => total + value, 0);
    if (sum !== responses)
      return {
        kind: 'refused',
        problem: `the six answers add up to ${sum}, not the ${responses} Total Responses (${label})`,
      };
  }
  let positive: number;
  let negative: number;
  if (answers) {
    positive = answers[0] + answers[1];
    negative = answers[3] + answers[4];
  } else {
    const percentPositive = publishedPercent(cell('percentPositive'));
    const percentNegative = publishedPercent(cell('percentNegative'));
    if (percentPositive === null || percentNegative === null)
      return {
        kind: 'refused',
        problem: `the percentages recommended and not recommended (“${cell('percentPositive')}”, “${cell('percentNegative')}”) are not percentages (${label})`,
      };
    positive = Math.round((percentPositive / 100) * responses);
    negative = Math.round((percentNegative / 100) * responses);
    if (positive + negative > responses)
      return { kind: 'refused', problem: `the percentages add up to more than 100% (${label})` };
  }
  return {
    kind: 'row',
    row: {
      month: `${month}-01`,
      setting,
      providerCode,
      providerName: name || (national ? 'England' : providerCode),
      responses,
      positive,
      negative,
      answers,
    },
  };
}

export interface ComparisonFigure {
  responses: number;
  percentPositive: number | null;
}

/** A provider's (or the nation's) score from its counts: whole percent, halves up. */
export const scoreOf = (row: { responses: number; positive: number }): ComparisonFigure => ({
  responses: row.responses,
  percentPositive: row.responses === 0 ? null : wholePercent(row.positive, row.responses),
});

/**
 * The national figure for one month and setting: the published England row when the file had
 * one, otherwise computed from the counts of every provider imported for that month and setting.
 */
export function nationalFigure(
  rows: readonly Pick<PublishedRow, 'providerCode' | 'responses' | 'positive'>[],
): (ComparisonFigure & { source: 'published' | 'computed'; providers: number }) | null {
  const published = rows.find((row) => row.providerCode === nationalCode);
  const providers = rows.filter((row) => row.providerCode !== nationalCode);
  if (published) return { ...scoreOf(published), source: 'published', providers: providers.length };
  if (providers.length === 0) return null;
  const responses = providers.reduce((sum, row) => sum + row.responses, 0);
  const positive = providers.reduce((sum, row) => sum + row.positive, 0);
  return { ...scoreOf({ responses, positive }), source: 'computed', providers: providers.length };
}
