import { modeNames, responseModes } from './definition.ts';
import type { FftScaleResults } from './results.ts';
import { suppressSmallNumbers } from './rules.ts';

// The monthly FFT submission to NHS England as CSV (DESIGN.md §3): per unit, total responses,
// total eligible, the six counts, % positive and % negative, and counts by mode. Units with 1–4
// responses are suppressed, with secondary suppression across the organisation, so that no
// suppressed figure can be worked out from the organisation's total on the last line.

/** Shown in place of a suppressed figure, as NHS England's published FFT data does. */
export const suppressedMark = '*';

const quoted = (value: string | number | null) => {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function fftSubmissionCsv(
  results: FftScaleResults,
  unitCodes: ReadonlyMap<string, string>,
  organisation: { odsCode: string; name: string },
): string {
  const header = [
    'Organisation code',
    'Unit code',
    'Unit name',
    'Question',
    'Total responses',
    'Total eligible',
    ...results.options.map((option) => option.label),
    '% positive',
    '% negative',
    ...responseModes.map((mode) => `Mode: ${modeNames[mode]}`),
  ];
  const { suppressed, totalSuppressed } = suppressSmallNumbers(
    results.units.map((row) => ({ key: row.key, responses: row.score.responses })),
  );
  const lines: (string | number | null)[][] = [header];
  const figures = (row: FftScaleResults['trust'], hidden: boolean) =>
    hidden
      ? [
          suppressedMark,
          row.eligible,
          ...results.options.map(() => suppressedMark),
          suppressedMark,
          suppressedMark,
          ...responseModes.map(() => suppressedMark),
        ]
      : [
          row.score.responses,
          row.eligible,
          ...results.options.map((option) => row.counts[option.code] ?? 0),
          row.score.percentPositive,
          row.score.percentNegative,
          ...responseModes.map((mode) => row.modes[mode]),
        ];
  const question = results.scale === 'fft-2020' ? 'FFT 2020' : 'FFT before 2020';
  for (const row of results.units) {
    lines.push([
      organisation.odsCode,
      unitCodes.get(row.key) ?? '',
      row.label,
      question,
      ...figures(row, suppressed.has(row.key)),
    ]);
  }
  lines.push([
    organisation.odsCode,
    '',
    `${organisation.name} total`,
    question,
    ...figures(results.trust, totalSuppressed),
  ]);
  return `${lines.map((line) => line.map(quoted).join(',')).join('\r\n')}\r\n`;
}
