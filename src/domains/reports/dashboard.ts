import type { CaseFigures } from '#src/domains/cases/index.ts';
import type { AssuranceRules } from './assurance.ts';
import { type Chart, xmrChartSvg } from './charts.ts';
import {
  type AssuranceIcon,
  assuranceIcon,
  assuranceIconNames,
  type Direction,
  direction,
  type ImprovementDirection,
  type VariationIcon,
  variationIcon,
  variationIconNames,
  xmrChart,
} from './spc.ts';

// The trust dashboard for the board: each measure's latest quarter against the one before (the
// seed report's arrows) beside its Making Data Count chart, variation and assurance icons, and
// the chart's data table. A pure function of consecutive quarters' case figures.

export interface DashboardTile {
  measure: string;
  name: string;
  unit: 'count' | 'percent';
  latest: number | null;
  previous: number | null;
  direction: Direction | null;
  target: number | null;
  improvement: ImprovementDirection;
  variation: VariationIcon;
  variationText: string;
  assurance: AssuranceIcon;
  assuranceText: string;
  chart: Chart;
}

interface TileDefinition {
  measure: string;
  name: string;
  unit: 'count' | 'percent';
  /** From the assurance rules when the measure has one. */
  rule?: string;
  improvement: ImprovementDirection;
  pick: (figures: CaseFigures) => number | null;
}

const tiles: TileDefinition[] = [
  {
    measure: 'complaints-received',
    name: 'Complaints received',
    unit: 'count',
    improvement: 'neither',
    pick: (f) => f.complaints.received.total,
  },
  {
    measure: 'concerns-received',
    name: 'Concerns raised through PALS',
    unit: 'count',
    improvement: 'neither',
    pick: (f) => f.concerns.received.total,
  },
  {
    measure: 'compliments-received',
    name: 'Compliments',
    unit: 'count',
    improvement: 'up',
    pick: (f) => f.compliments.received.total,
  },
  {
    measure: 'acknowledged-within-3-working-days',
    name: 'Complaints acknowledged within 3 working days (%)',
    unit: 'percent',
    rule: 'acknowledged-within-3-working-days',
    improvement: 'up',
    pick: (f) => f.complaints.acknowledgedWithinThreeWorkingDays.percent,
  },
  {
    measure: 'closed-within-agreed-timescale',
    name: 'Complaints closed within the agreed timescale (%)',
    unit: 'percent',
    rule: 'closed-within-agreed-timescale',
    improvement: 'up',
    pick: (f) => f.complaints.closedWithinAgreedTimescale.percent,
  },
];

/** Whether anything was recorded in the quarter: trends start at the first quarter that has. */
export function anyRecords(figures: CaseFigures): boolean {
  return (
    figures.complaints.received.total +
      figures.concerns.received.total +
      figures.compliments.received.total +
      figures.otherContacts.received.total >
    0
  );
}

/** A locality's counts: the responsiveness percentages are the organisation's, so they are left out. */
function localityTiles(locality: string): TileDefinition[] {
  const countIn = (counts: CaseFigures['complaints']['received']) =>
    counts.byLocality.find((entry) => entry.name === locality)?.count ?? 0;
  return [
    {
      measure: 'complaints-received',
      name: `Complaints received in ${locality}`,
      unit: 'count',
      improvement: 'neither',
      pick: (f) => countIn(f.complaints.received),
    },
    {
      measure: 'concerns-received',
      name: `Concerns raised through PALS in ${locality}`,
      unit: 'count',
      improvement: 'neither',
      pick: (f) => countIn(f.concerns.received),
    },
    {
      measure: 'compliments-received',
      name: `Compliments in ${locality}`,
      unit: 'count',
      improvement: 'up',
      pick: (f) => countIn(f.compliments.received),
    },
  ];
}

/** The localities a dashboard can be drawn for: those of the latest quarter's figures. */
export function dashboardLocalities(quarters: readonly CaseFigures[]): string[] {
  return (quarters.at(-1)?.complaints.received.byLocality ?? [])
    .filter((entry) => entry.unitId !== null)
    .map((entry) => entry.name);
}

/** The trust's dashboard, or with `locality` that locality's. */
export function trustDashboard(
  quarters: readonly CaseFigures[],
  rules: AssuranceRules,
  { locality = null }: { locality?: string | null } = {},
): DashboardTile[] {
  const first = Math.max(0, quarters.findIndex(anyRecords));
  const shown = quarters.slice(first);
  return (locality === null ? tiles : localityTiles(locality)).map((tile) => {
    const rule = tile.rule ? rules[tile.rule] : undefined;
    const target = rule?.target ?? null;
    const improvement = rule?.improvement ?? tile.improvement;
    // A percentage of nothing is no point on the chart.
    const points = shown
      .map((figures) => ({ label: figures.period.label, value: tile.pick(figures) }))
      .filter((point): point is { label: string; value: number } => point.value !== null);
    const chart = xmrChart(points, { lowerBound: 0 });
    const latest = shown.at(-1);
    const before = shown.at(-2);
    const latestValue = latest ? tile.pick(latest) : null;
    const previousValue = before ? tile.pick(before) : null;
    const variation = variationIcon(chart, improvement);
    const assurance = assuranceIcon(chart, target, improvement);
    return {
      measure: tile.measure,
      name: tile.name,
      unit: tile.unit,
      latest: latestValue,
      previous: previousValue,
      direction: direction(latestValue, previousValue),
      target,
      improvement,
      variation,
      variationText: variationIconNames[variation],
      assurance,
      assuranceText: assuranceIconNames[assurance],
      chart: xmrChartSvg({
        id: `dashboard-${tile.measure}`,
        title: tile.name,
        measureName: tile.unit === 'percent' ? 'Percent' : tile.name,
        chart,
        improvement,
        target,
      }),
    };
  });
}
