import type { FftResults } from '#src/domains/surveys/index.ts';
import {
  type ComparisonFigure,
  type FftSetting,
  fftSettingNames,
  nationalCode,
  nationalFigure,
  scoreOf,
} from './fft-published.ts';

// The FFT against peer trusts and the nation (the seed report's Figure 3): for the three most
// recent months NHS England has published up to the quarter's end (its data lag one to two
// months, so a quarter's later months are often not there yet), the trust's own score from
// Heard's records, each peer trust's and the national score from the imported publication.
// Pure: the service reads the published rows and the comparison settings.

export interface PublishedFftRow {
  /** The month's first day. */
  month: string;
  setting: string;
  providerCode: string;
  providerName: string;
  responses: number;
  positive: number;
}

export interface ComparisonSettings {
  setting: FftSetting;
  peerCodes: readonly string[];
}

export interface FftComparisonMonth {
  month: string;
  label: string;
  /** The trust's own score from its responses recorded in Heard; null when it has none that month. */
  trust: ComparisonFigure | null;
  peers: { odsCode: string; name: string; responses: number | null; percentPositive: number | null }[];
  national: (ComparisonFigure & { source: 'published' | 'computed'; providers: number }) | null;
}

export interface FftComparison {
  setting: FftSetting;
  settingName: string;
  peerCodes: string[];
  months: FftComparisonMonth[];
  /** Months of the quarter NHS England has not published yet (no imported row for the setting). */
  notYetPublished: string[];
}

const monthLabel = (month: string) =>
  new Date(`${month}-01T12:00:00Z`).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** `2017-07` moved by `count` months. */
export function addMonths(month: string, count: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The trust's own score by month (`2017-07`), from the quarter's and the previous quarter's results on one scale. */
export function ownMonths(scale: string, ...results: (FftResults | null)[]): Map<string, ComparisonFigure> {
  const months = new Map<string, ComparisonFigure>();
  for (const result of results) {
    const found = result?.scales.find((entry) => entry.scale === scale);
    for (const month of found?.months ?? []) {
      if (month.score.responses > 0)
        months.set(month.key, {
          responses: month.score.responses,
          percentPositive: month.score.percentPositive,
        });
    }
  }
  return months;
}

/**
 * The comparison for the quarter `start`–`end` (ISO dates), or null when no peers are configured
 * and nothing is published for the setting in the quarter or the three months before it.
 */
export function fftComparison(input: {
  start: string;
  end: string;
  settings: ComparisonSettings | null;
  /** Published rows for the setting from three months before the quarter to its end. */
  published: readonly PublishedFftRow[];
  own: ReadonlyMap<string, ComparisonFigure>;
}): FftComparison | null {
  const { settings } = input;
  if (!settings) return null;
  const first = input.start.slice(0, 7);
  const last = input.end.slice(0, 7);
  const windowStart = addMonths(first, -3);
  const rows = input.published.filter((row) => {
    const month = row.month.slice(0, 7);
    return row.setting === settings.setting && month >= windowStart && month <= last;
  });
  const published = [...new Set(rows.map((row) => row.month.slice(0, 7)))].sort();
  const months = published.slice(-3);
  if (months.length === 0) return null;
  const names = new Map(rows.map((row) => [row.providerCode, row.providerName]));
  const quarterMonths = [0, 1, 2].map((offset) => addMonths(first, offset));
  return {
    setting: settings.setting,
    settingName: fftSettingNames[settings.setting],
    peerCodes: [...settings.peerCodes],
    months: months.map((month) => {
      const ofMonth = rows.filter((row) => row.month.slice(0, 7) === month);
      return {
        month,
        label: monthLabel(month),
        trust: input.own.get(month) ?? null,
        peers: settings.peerCodes
          .filter((code) => code !== nationalCode)
          .map((code) => {
            const row = ofMonth.find((candidate) => candidate.providerCode === code);
            const score = row ? scoreOf(row) : null;
            return {
              odsCode: code,
              name: names.get(code) ?? code,
              responses: score?.responses ?? null,
              percentPositive: score?.percentPositive ?? null,
            };
          }),
        national: nationalFigure(ofMonth),
      };
    }),
    notYetPublished: quarterMonths.filter((month) => !published.includes(month)),
  };
}
