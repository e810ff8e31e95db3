import type { Period } from '#src/domains/calendar/index.ts';
import type { DashboardTile } from '../dashboard.ts';
import { directionText } from '../tables.ts';
import { tableView } from './quarterly-model.ts';

// The trust dashboard's view model: a tile per measure with its figures, icons, chart and data table.

const shown = (value: number | null, unit: DashboardTile['unit']) =>
  value === null ? 'None to measure' : unit === 'percent' ? `${value}%` : value.toLocaleString('en-GB');

export function dashboardPage(period: Period, tiles: readonly DashboardTile[], organisationName: string) {
  return {
    pageTitle: `Trust dashboard, ${period.label}`,
    organisationName,
    period,
    reportHref: `/reports/quarterly?quarter=${encodeURIComponent(period.code)}`,
    tiles: tiles.map((tile) => ({
      id: tile.measure,
      name: tile.name,
      rows: [
        { key: { text: period.label }, value: { text: shown(tile.latest, tile.unit) } },
        {
          key: { text: 'Previous quarter' },
          value: { text: `${shown(tile.previous, tile.unit)} ${directionText(tile.direction)}`.trim() },
        },
        ...(tile.target === null
          ? []
          : [{ key: { text: 'Target' }, value: { text: shown(tile.target, tile.unit) } }]),
        { key: { text: 'Variation' }, value: { text: tile.variationText } },
        ...(tile.target === null
          ? []
          : [{ key: { text: 'Assurance' }, value: { text: tile.assuranceText } }]),
      ],
      svg: tile.chart.svg,
      chartTitle: tile.chart.title,
      table: tableView(
        {
          id: `${tile.chart.id}-data`,
          title: tile.chart.table.caption,
          columns: tile.chart.table.columns,
          rows: tile.chart.table.rows,
          totalRows: [],
          countColumns: [],
          notes: [],
        },
        '',
      ),
    })),
  };
}
