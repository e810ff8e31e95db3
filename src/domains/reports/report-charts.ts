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
    ...fftComparisonChart(report, { suppress }),
    ...contactRateChart(report),
  ];
}

/** The seed's Figure 3: the FFT score by month for the trust, each peer trust and England. */
function fftComparisonChart(report: QuarterlyReport, { suppress }: { suppress: boolean }) {
  const comparison = report.fft?.comparison;
  if (!comparison || comparison.months.length === 0) return [];
  const months = comparison.months;
  const peers = months[0]?.peers ?? [];
  return [
    barChartSvg({
      id: 'fft-comparison',
      title: 'FFT score: this trust, peer trusts and England',
      measureName: 'FFT score (% positive)',
      categories: months.map((month) => month.label),
      series: [
        {
          // Short names keep the legend on one line; the comparison table beside it names each trust in full.
          name: 'This trust',
          // For publication, a month of 1 to 4 responses is left out, as in Table 13.
          values: months.map((month) =>
            suppress && (month.trust?.responses ?? 0) <= 4 ? null : (month.trust?.percentPositive ?? null),
          ),
        },
        ...peers.map((peer, index) => ({
          name: peer.odsCode,
          values: months.map((month) => month.peers[index]?.percentPositive ?? null),
        })),
        { name: 'England', values: months.map((month) => month.national?.percentPositive ?? null) },
      ],
    }),
  ];
}

/** The seed's Figure 2: complaints and compliments per 1,000 contacts (the FFT's eligible people) by quarter. */
function contactRateChart(report: QuarterlyReport) {
  const quarters = report.contactRates?.quarters ?? [];
  if (!quarters.some((quarter) => quarter.contacts !== null)) return [];
  return [
    barChartSvg({
      id: 'contact-rates',
      title: 'Complaints and compliments per 1,000 contacts',
      // Said on the chart itself: the contacts are the people eligible for the FFT.
      measureName: 'Per 1,000 contacts (FFT eligible)',
      categories: quarters.map((quarter) =>
        quarter.contacts === null ? `${quarter.label} (not available)` : quarter.label,
      ),
      series: [
        {
          name: 'Complaints per 1,000 contacts',
          values: quarters.map((quarter) => quarter.complaintsPer1000),
        },
        {
          name: 'Compliments per 1,000 contacts',
          values: quarters.map((quarter) => quarter.complimentsPer1000),
        },
      ],
    }),
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
