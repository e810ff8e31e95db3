import { overallOutcomeNames } from '#src/domains/cases/index.ts';
import type { UnitDashboard } from '../unit-dashboard.ts';
import { fftScaleNames } from '../unit-dashboard.ts';
import { chartView, tableView } from './quarterly-model.ts';

// A unit's dashboard page: each section's figures as a summary list, each chart with its data
// table, and links to the dashboards around it.

const count = (value: number) => value.toLocaleString('en-GB');
const percent = (value: number | null) => (value === null ? 'None' : `${value}%`);
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });

export function unitDashboardPage(
  dashboard: UnitDashboard & { children: readonly { unitId: string; name: string }[] },
  organisationName: string,
) {
  const { period, unit, cases, actions } = dashboard;
  const quarter = encodeURIComponent(period.code);
  const outcomes = cases.outcomes;
  return {
    pageTitle: `${unit.name}: unit dashboard, ${period.label}`,
    heading: `${unit.name}: unit dashboard, ${period.label}`,
    organisationName,
    period,
    trustHref: `/reports/dashboard?quarter=${quarter}`,
    children: dashboard.children.map((child) => ({
      href: `/reports/dashboard/units/${child.unitId}?quarter=${quarter}`,
      text: child.name,
    })),
    fft: dashboard.fft.map((scale) => ({
      name: fftScaleNames[scale.scale],
      chart: scale.chart && chartView(scale.chart),
      table: tableView(
        {
          id: `unit-fft-${scale.scale}-table`,
          title: `${fftScaleNames[scale.scale]} by month: responses and score`,
          columns: ['Month', 'Responses', '% positive', '% negative'],
          rows: scale.months.map((month) => [
            month.label,
            month.responses,
            percent(month.percentPositive),
            percent(month.percentNegative),
          ]),
          totalRows: [],
          countColumns: [],
          notes: [],
        },
        '',
      ),
    })),
    themes: {
      chart: dashboard.themes.chart && chartView(dashboard.themes.chart),
      any: dashboard.themes.rows.length > 0,
    },
    compliments: {
      rows: [row(`Compliments received in ${period.label}`, count(cases.receivedInQuarter.compliments))],
      chart: chartView(dashboard.complimentsChart),
    },
    cases: {
      rows: [
        row(`Complaints received in ${period.label}`, count(cases.receivedInQuarter.complaints)),
        row(`Concerns received in ${period.label}`, count(cases.receivedInQuarter.concerns)),
        row('Complaints open now', count(cases.open.complaints)),
        row('Concerns open now', count(cases.open.concerns)),
        row('Complaints overdue for a response', count(cases.overdueComplaints)),
      ],
      outcomes: tableView(
        {
          id: 'unit-outcomes',
          title: `Outcomes of complaints closed in ${period.label}`,
          columns: ['Outcome', 'Complaints'],
          rows: (['upheld', 'partially-upheld', 'not-upheld', 'withdrawn'] as const).map((outcome) => [
            overallOutcomeNames[outcome],
            outcomes[outcome],
          ]),
          totalRows: [],
          countColumns: [],
          notes: [],
        },
        '',
      ),
      chart: chartView(dashboard.casesChart),
    },
    actions: {
      rows: [row('Actions open', count(actions.open)), row('Actions overdue', count(actions.overdue))],
    },
  };
}
