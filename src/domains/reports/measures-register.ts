import type { IsoDate } from '#src/domains/calendar/index.ts';
import { type Chart, xmrChartSvg } from './charts.ts';
import { type MeasureSource, type MeasureUnit, type Rag, ragNames, ragStatus } from './measures.ts';
import {
  type AssuranceIcon,
  assuranceIcon,
  assuranceIconNames,
  type VariationIcon,
  variationIcon,
  variationIconNames,
  xmrChart,
} from './spc.ts';

// One measure of the register as people read it: its latest quarter, RAG against target and
// deadline, and its Making Data Count chart with the variation and assurance icons.

export interface RegisteredMeasure {
  measureId: string;
  name: string;
  source: MeasureSource;
  unit: MeasureUnit;
  improvement: 'up' | 'down';
  target: number;
  deadline: IsoDate | null;
  owner: string;
}

export interface QuarterValue {
  period: string;
  label: string;
  value: number | null;
}

export interface MeasureSummary extends RegisteredMeasure {
  values: QuarterValue[];
  latest: QuarterValue | null;
  rag: Rag;
  ragText: string;
  variation: VariationIcon;
  variationText: string;
  assurance: AssuranceIcon;
  assuranceText: string;
  chart: Chart;
}

export function measureSummary(
  measure: RegisteredMeasure,
  values: readonly QuarterValue[],
  today: IsoDate,
): MeasureSummary {
  const known = values.filter((entry): entry is QuarterValue & { value: number } => entry.value !== null);
  const latest = known.at(-1) ?? null;
  const chart = xmrChart(
    known.map((entry) => ({ label: entry.label, value: entry.value })),
    measure.unit === 'percent' ? { lowerBound: 0 } : {},
  );
  const rag = ragStatus(latest?.value ?? null, measure.target, measure.improvement, {
    deadline: measure.deadline,
    today,
  });
  const variation = variationIcon(chart, measure.improvement);
  const assurance =
    known.length > 1 ? assuranceIcon(chart, measure.target, measure.improvement) : 'no-target';
  return {
    ...measure,
    values: [...values],
    latest,
    rag,
    ragText: ragNames[rag],
    variation,
    variationText: variationIconNames[variation],
    assurance,
    assuranceText: known.length > 1 ? assuranceIconNames[assurance] : 'Not enough values to judge',
    chart: xmrChartSvg({
      id: `measure-${measure.measureId}`,
      title: measure.name,
      measureName: measure.unit === 'percent' ? 'Percent' : 'Value',
      chart,
      improvement: measure.improvement,
      target: measure.target,
    }),
  };
}
