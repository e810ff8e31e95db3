import { barChartSvg, type Chart, xmrChartSvg } from './charts.ts';
import type { QuarterlyReport } from './quarterly.ts';
import { xmrChart } from './spc.ts';

// The quarterly report's charts, each drawn from the report's own data so that chart, table and
// JSON agree. Published with small numbers suppressed, the chart by locality is left out, since
// its bars would show what the table hides.

export function reportCharts(report: QuarterlyReport, { suppress }: { suppress: boolean }): Chart[] {
  const trendChart = (
    id: string,
    title: string,
    measureName: string,
    points: QuarterlyReport['complaints']['trend'],
    improvement: 'up' | 'down' | 'neither',
  ) =>
    xmrChartSvg({
      id,
      title,
      measureName,
      chart: xmrChart(
        points.map((point) => ({ label: point.label, value: point.value })),
        { lowerBound: 0 },
      ),
      improvement,
    });
  const { complaints } = report;
  const localities = Object.keys({
    ...complaints.received.previousByLocality,
    ...complaints.received.byLocality,
  }).filter(
    (name) =>
      (complaints.received.byLocality[name] ?? 0) + (complaints.received.previousByLocality[name] ?? 0) > 0,
  );
  return [
    trendChart(
      'complaints-per-quarter',
      'Complaints received per quarter',
      'Complaints received',
      complaints.trend,
      'neither',
    ),
    ...(suppress
      ? []
      : [
          barChartSvg({
            id: 'complaints-by-locality',
            title: 'Complaints received by locality',
            measureName: 'Complaints received',
            categories: localities,
            series: [
              {
                name: report.previousPeriod.label,
                values: localities.map((name) => complaints.received.previousByLocality[name] ?? 0),
              },
              {
                name: report.period.label,
                values: localities.map((name) => complaints.received.byLocality[name] ?? 0),
              },
            ],
          }),
        ]),
    trendChart(
      'compliments-per-quarter',
      'Compliments received per quarter',
      'Compliments',
      report.compliments.trend,
      'up',
    ),
    trendChart(
      'concerns-per-quarter',
      'Concerns raised through PALS per quarter',
      'Concerns',
      report.concerns.trend,
      'neither',
    ),
    ...fftChart(report, { suppress }),
  ];
}

/** The FFT score by month (Figure 3's measure): % positive, with the responses in the data table's bars' labels. */
function fftChart(report: QuarterlyReport, { suppress }: { suppress: boolean }) {
  const months = (report.fft?.months ?? []).filter((month) => !suppress || month.responses > 4);
  if (months.length === 0) return [];
  return [
    barChartSvg({
      id: 'fft-score-by-month',
      title: 'Friends and Family Test score by month (% positive)',
      measureName: 'FFT score (% positive)',
      categories: months.map((month) => `${month.label} (n=${month.responses})`),
      series: [{ name: 'FFT score (% positive)', values: months.map((month) => month.percentPositive) }],
    }),
  ];
}
