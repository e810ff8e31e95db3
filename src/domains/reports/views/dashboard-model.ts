import type { Period } from '#src/domains/calendar/index.ts';
import type { DashboardTile } from '../dashboard.ts';
import { directionText } from '../tables.ts';
import { tableView } from './quarterly-model.ts';

// The trust dashboard's view model: a tile per measure with its figures, icons, chart and data table.

const shown = (value: number | null, unit: DashboardTile['unit']) =>
  value === null ? 'None to measure' : unit === 'percent' ? `${value}%` : value.toLocaleString('en-GB');

export function dashboardPage(
  dashboard: {
    period: Period;
    locality: string | null;
    localities: readonly string[];
    localityUnitId?: string | null;
    localityUnits?: readonly { unitId: string; name: string }[];
    tiles: readonly DashboardTile[];
  },
  organisationName: string,
) {
  const { period, locality, tiles } = dashboard;
  const quarter = encodeURIComponent(period.code);
  return {
    pageTitle: `${locality ? `${locality} dashboard` : 'Trust dashboard'}, ${period.label}`,
    heading: locality ? `${locality} dashboard, ${period.label}` : `Trust dashboard, ${period.label}`,
    organisationName,
    period,
    locality,
    reportHref: `/reports/quarterly?quarter=${quarter}`,
    localityDashboardHref:
      locality && dashboard.localityUnitId
        ? `/reports/dashboard/units/${dashboard.localityUnitId}?quarter=${quarter}`
        : null,
    units: (dashboard.localityUnits ?? []).map((unit) => ({
      href: `/reports/dashboard/units/${unit.unitId}?quarter=${quarter}`,
      text: unit.name,
    })),
    others: [
      ...(locality ? [{ href: `/reports/dashboard?quarter=${quarter}`, text: 'The whole trust' }] : []),
      ...dashboard.localities
        .filter((name) => name !== locality)
        .map((name) => ({
          href: `/reports/dashboard?quarter=${quarter}&locality=${encodeURIComponent(name)}`,
          text: name,
        })),
    ],
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
