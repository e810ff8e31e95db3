import type { UnitActionFigures } from '#src/domains/actions/index.ts';
import type { Period } from '#src/domains/calendar/index.ts';
import type { UnitCaseFigures } from '#src/domains/cases/index.ts';
import type { ThemeCount } from '#src/domains/comments/index.ts';
import type { FftScale, UnitFftMonth } from '#src/domains/surveys/index.ts';
import { barChartSvg, type Chart } from './charts.ts';

// A team's (or any unit's) dashboard, for its managers: the unit and everything below it. Its
// feedback (the FFT by month), the themes of its comments, its compliments, its cases as counts
// only (no names, no narratives: cases/unit-figures.ts returns none), and its actions. A pure
// function of what the domains counted; every chart comes with its data table.

export interface UnitDashboardInput {
  period: Period;
  /** The quarters the trends cover, ending with `period`. */
  quarters: readonly Period[];
  unit: { unitId: string; name: string; code: string };
  fft: readonly { scale: FftScale; months: readonly UnitFftMonth[] }[];
  themes: readonly ThemeCount[];
  cases: UnitCaseFigures;
  actions: UnitActionFigures;
}

export interface UnitDashboard {
  period: Period;
  unit: UnitDashboardInput['unit'];
  fft: {
    scale: FftScale;
    months: {
      month: string;
      label: string;
      responses: number;
      percentPositive: number | null;
      percentNegative: number | null;
    }[];
    chart: Chart | null;
  }[];
  themes: { rows: readonly ThemeCount[]; chart: Chart | null };
  /** Received per quarter, by kind, oldest first. */
  received: { label: string; complaints: number; concerns: number; compliments: number }[];
  complimentsChart: Chart;
  casesChart: Chart;
  cases: {
    receivedInQuarter: { complaints: number; concerns: number; compliments: number };
    open: UnitCaseFigures['open'];
    overdueComplaints: number;
    outcomes: UnitCaseFigures['outcomes'];
  };
  actions: UnitActionFigures;
}

export const fftScaleNames: Record<FftScale, string> = {
  'fft-2020': 'Friends and Family Test (from April 2020)',
  'fft-pre-2020': 'Friends and Family Test (before April 2020)',
};

const monthLabel = (month: string) =>
  new Date(`${month}-15T12:00:00Z`).toLocaleDateString('en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** The quarter a 'YYYY-MM' month falls in, among `quarters`. */
const quarterOf = (month: string, quarters: readonly Period[]) =>
  quarters.find((quarter) => quarter.start.slice(0, 7) <= month && month <= quarter.end.slice(0, 7));

export function unitDashboard(input: UnitDashboardInput): UnitDashboard {
  const id = (name: string) => `unit-${name}`;
  const received = input.quarters.map((quarter) => ({
    label: quarter.label,
    complaints: 0,
    concerns: 0,
    compliments: 0,
  }));
  for (const row of input.cases.receivedByMonth) {
    const quarter = quarterOf(row.month, input.quarters);
    const entry = quarter ? received[input.quarters.indexOf(quarter)] : undefined;
    if (!entry) continue;
    if (row.kind === 'complaint') entry.complaints += row.count;
    if (row.kind === 'concern') entry.concerns += row.count;
    if (row.kind === 'compliment') entry.compliments += row.count;
  }
  const latest = received.at(-1) ?? { complaints: 0, concerns: 0, compliments: 0 };

  const fft = input.fft.map(({ scale, months }) => {
    const shown = months.map(({ month, score }) => ({
      month,
      label: monthLabel(month),
      responses: score.responses,
      percentPositive: score.percentPositive,
      percentNegative: score.percentNegative,
    }));
    return {
      scale,
      months: shown,
      chart:
        shown.length === 0
          ? null
          : barChartSvg({
              id: id(`fft-${scale}`),
              title: `${fftScaleNames[scale]}: score by month (% positive)`,
              measureName: 'FFT score (% positive)',
              categories: shown.map((month) => `${month.label} (n=${month.responses})`),
              series: [{ name: '% positive', values: shown.map((month) => month.percentPositive) }],
            }),
    };
  });

  return {
    period: input.period,
    unit: input.unit,
    fft,
    themes: {
      rows: input.themes,
      chart:
        input.themes.length === 0
          ? null
          : barChartSvg({
              id: id('themes'),
              title: `Themes of comments, ${input.period.label}`,
              measureName: 'Comments',
              categories: input.themes.map((theme) => theme.theme),
              series: [
                { name: 'Positive', values: input.themes.map((theme) => theme.positive) },
                { name: 'Negative', values: input.themes.map((theme) => theme.negative) },
              ],
            }),
    },
    received,
    complimentsChart: barChartSvg({
      id: id('compliments'),
      title: 'Compliments received per quarter',
      measureName: 'Compliments',
      categories: received.map((quarter) => quarter.label),
      series: [{ name: 'Compliments', values: received.map((quarter) => quarter.compliments) }],
    }),
    casesChart: barChartSvg({
      id: id('cases'),
      title: 'Complaints and concerns received per quarter',
      measureName: 'Cases received',
      categories: received.map((quarter) => quarter.label),
      series: [
        { name: 'Complaints', values: received.map((quarter) => quarter.complaints) },
        { name: 'Concerns', values: received.map((quarter) => quarter.concerns) },
      ],
    }),
    cases: {
      receivedInQuarter: {
        complaints: latest.complaints,
        concerns: latest.concerns,
        compliments: latest.compliments,
      },
      open: input.cases.open,
      overdueComplaints: input.cases.overdueComplaints,
      outcomes: input.cases.outcomes,
    },
    actions: input.actions,
  };
}
