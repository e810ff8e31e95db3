import { describe, expect, it } from 'vitest';
import { parsePeriod } from '#src/domains/calendar/index.ts';
import { responseModes } from '../definition.ts';
import type { SurveyRow } from '../queries.ts';
import { optionSets } from '../reference.ts';
import type { FftRow } from '../results.ts';
import { fftScore } from '../rules.ts';
import { fftResultsPage } from './staff-models.ts';

const options = optionSets()['fft-2020'] ?? [];
const survey = { code: 'fft', name: 'Friends and Family Test', responseRateTarget: 3 } as SurveyRow;
const modes = Object.fromEntries(responseModes.map((mode) => [mode, 0])) as FftRow['modes'];
const row = (
  label: string,
  counts: Record<string, number>,
  suppressed: FftRow['suppressed'] = null,
): FftRow => ({
  key: label,
  label,
  counts,
  score: fftScore('fft-2020', counts, options),
  modes: { ...modes, online: Object.values(counts).reduce((a, b) => a + b, 0) },
  eligible: null,
  rate: null,
  suppressed,
});

describe('the FFT results page’s view model', () => {
  it('gives each row its responses, percentages and whether it may be published, and offers the month’s NHS England file', () => {
    const rose = row('Rose Ward', { good: 3 }, 'small-number');
    const iris = row('Iris Ward', { 'very-good': 6, poor: 1 }, 'secondary');
    const trust = row('Friends and Family Test', { good: 3, 'very-good': 6, poor: 1 });
    const page = fftResultsPage({
      survey,
      period: parsePeriod('2021-09'),
      scales: [
        {
          scale: 'fft-2020',
          options,
          trust,
          months: [trust],
          localities: [{ row: trust, units: [rose, iris] }],
          units: [rose, iris],
        },
      ],
    });
    expect(page.submissionLinks).toEqual([
      {
        text: 'Download the NHS England submission for September 2021 (CSV)',
        href: '/surveys/results/fft/submission.csv?month=2021-09',
      },
    ]);
    const [scale] = page.scales;
    expect(scale?.trust).toEqual(['Friends and Family Test', '10', '90%', '10%', '–', '']);
    expect(scale?.localities[0]?.rows.map((cells) => cells.at(-1))).toEqual([
      'Not for publication: 1 to 4 responses',
      'Not for publication: would reveal a unit with 1 to 4 responses',
      '',
    ]);
    expect(scale?.modeRows[0]?.[responseModes.indexOf('online') + 1]).toBe('10');
  });
});
