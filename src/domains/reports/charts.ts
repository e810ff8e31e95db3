import {
  type ImprovementDirection,
  specialCauseRuleNames,
  variationIcon,
  variationIconNames,
  type XmrChart,
  type XmrPoint,
} from './spc.ts';

// Charts drawn as SVG on the server, with no script and no stylesheet: presentation attributes
// only, so that the same markup serves the page, the print view and the Word document (where it
// is embedded with a PNG fallback, see chart-png.ts). Each chart names itself for screen readers
// (role="img", <title>, <desc>) and comes with the data table the page shows beside it.

export interface ChartTable {
  caption: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface Chart {
  /** A stable id, used for the SVG's title and description ids and for file names. */
  id: string;
  title: string;
  description: string;
  svg: string;
  table: ChartTable;
  width: number;
  height: number;
}

// NHS identity colours; markers also differ in shape so that colour is never the only signal.
export const chartColours = {
  text: '#212b32',
  axis: '#4c6272',
  grid: '#d8dde0',
  line: '#768692',
  improving: '#005eb8',
  concerning: '#ed8b00',
  neither: '#330072',
  target: '#d5281b',
  series: ['#005eb8', '#768692', '#41b6e6', '#ed8b00', '#007f3b', '#330072'],
} as const;

const font = 'Arial, Helvetica, sans-serif';
const width = 640;
const height = 340;
const margin = { top: 44, right: 20, bottom: 78, left: 56 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** Round numbers for an axis covering min–max, with about `count` steps. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  const low = Math.min(min, max);
  let high = Math.max(min, max);
  if (high === low) high = low + 1;
  const rough = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((factor) => factor * magnitude >= rough) ?? 10) * magnitude;
  const first = Math.floor(low / step) * step;
  const ticks: number[] = [];
  for (let tick = first; tick <= high + step * 1e-9; tick += step) ticks.push(Number(tick.toPrecision(12)));
  if ((ticks.at(-1) ?? high) < high) ticks.push(Number(((ticks.at(-1) ?? first) + step).toPrecision(12)));
  return ticks;
}

export function formatNumber(value: number, decimals = 1): string {
  return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toFixed(decimals);
}

function svgOpen(id: string, title: string, description: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${font}">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(description)}</desc>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="24" font-size="16" font-weight="bold" fill="${chartColours.text}">${escapeXml(title)}</text>`,
  ].join('');
}

function yAxis(ticks: readonly number[], y: (value: number) => number, label: string): string {
  const parts = ticks.map(
    (tick) =>
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="${chartColours.grid}" stroke-width="1"/>` +
      `<text x="${margin.left - 8}" y="${y(tick) + 4}" font-size="12" text-anchor="end" fill="${chartColours.axis}">${escapeXml(formatNumber(tick))}</text>`,
  );
  const axisLabel = `<text transform="translate(14 ${margin.top + plotHeight / 2}) rotate(-90)" font-size="12" text-anchor="middle" fill="${chartColours.axis}">${escapeXml(label)}</text>`;
  return parts.join('') + axisLabel;
}

function xLabel(x: number, text: string, rotate: boolean): string {
  const y = margin.top + plotHeight + 16;
  return rotate
    ? `<text transform="translate(${x} ${y}) rotate(-40)" font-size="11" text-anchor="end" fill="${chartColours.axis}">${escapeXml(text)}</text>`
    : `<text x="${x}" y="${y}" font-size="12" text-anchor="middle" fill="${chartColours.axis}">${escapeXml(text)}</text>`;
}

function legend(items: readonly { swatch: string; label: string }[]): string {
  let x = margin.left;
  const y = height - 14;
  return items
    .map((item) => {
      const part = `<g transform="translate(${x} ${y - 4})">${item.swatch}</g><text x="${x + 18}" y="${y}" font-size="11" fill="${chartColours.text}">${escapeXml(item.label)}</text>`;
      x += 32 + Math.ceil(item.label.length * 6.5);
      return part;
    })
    .join('');
}

const lineSwatch = (colour: string, dash = '') =>
  `<line x1="0" x2="14" y1="0" y2="0" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;

type PointKind = 'common' | 'improving' | 'concerning' | 'neither';

function pointKind(point: XmrPoint, improvement: ImprovementDirection): PointKind {
  if (point.specialCauses.length === 0 || point.side === null) return 'common';
  if (improvement === 'neither') return 'neither';
  return (improvement === 'up') === (point.side === 'high') ? 'improving' : 'concerning';
}

/** Improving: a filled circle; concerning: a filled square; neither: a filled diamond; common: a small grey dot. */
function marker(kind: PointKind, x: number, y: number): string {
  switch (kind) {
    case 'improving':
      return `<circle cx="${x}" cy="${y}" r="6" fill="${chartColours.improving}" stroke="#ffffff" stroke-width="1"/>`;
    case 'concerning':
      return `<rect x="${x - 6}" y="${y - 6}" width="12" height="12" fill="${chartColours.concerning}" stroke="#ffffff" stroke-width="1"/>`;
    case 'neither':
      return `<path d="M${x} ${y - 7}L${x + 7} ${y}L${x} ${y + 7}L${x - 7} ${y}Z" fill="${chartColours.neither}"/>`;
    default:
      return `<circle cx="${x}" cy="${y}" r="4" fill="${chartColours.line}"/>`;
  }
}

const pointKindNames: Record<PointKind, string> = {
  common: 'common cause',
  improving: 'special cause, improving',
  concerning: 'special cause, concerning',
  neither: 'special cause',
};

export interface XmrChartInput {
  id: string;
  title: string;
  /** What is counted, for the axis and the table: "Complaints received". */
  measureName: string;
  chart: XmrChart;
  improvement: ImprovementDirection;
  target?: number | null;
}

/** A Making Data Count XmR chart: the values, the mean, the process limits, a target, and special causes marked. */
export function xmrChartSvg(input: XmrChartInput): Chart {
  const { chart, improvement } = input;
  const target = input.target ?? null;
  const values = chart.points.map((point) => point.value);
  const bounds = [
    ...values,
    chart.upperProcessLimit,
    chart.lowerProcessLimit,
    ...(target === null ? [] : [target]),
  ];
  const ticks = niceTicks(Math.min(0, ...bounds), Math.max(...bounds, 1));
  const low = ticks[0] ?? 0;
  const high = ticks.at(-1) ?? 1;
  const y = (value: number) =>
    Number((margin.top + plotHeight - ((value - low) / (high - low)) * plotHeight).toFixed(1));
  const step = chart.points.length > 1 ? plotWidth / (chart.points.length - 1) : 0;
  const x = (index: number) =>
    Number((margin.left + (chart.points.length > 1 ? index * step : plotWidth / 2)).toFixed(1));
  const rotate = chart.points.length > 8;
  const labelEvery = Math.max(1, Math.ceil(chart.points.length / 16));
  const horizontal = (value: number, colour: string, dash: string) =>
    `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(value)}" y2="${y(value)}" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;
  const kinds = chart.points.map((point) => pointKind(point, improvement));
  const icon = variationIcon(chart, improvement);
  const special = chart.points.filter((point) => point.specialCauses.length > 0);
  const description = [
    `XmR chart of ${input.measureName.toLowerCase()} over ${chart.points.length} periods`,
    chart.points.length > 0 ? ` from ${chart.points[0]?.label} to ${chart.points.at(-1)?.label}` : '',
    `. Mean ${formatNumber(chart.mean)}, process limits ${formatNumber(chart.lowerProcessLimit)} to ${formatNumber(chart.upperProcessLimit)}`,
    target === null ? '' : `, target ${formatNumber(target)}`,
    `. ${variationIconNames[icon]}.`,
    special.length > 0
      ? ` Special cause at ${special.map((point) => `${point.label} (${point.specialCauses.map((rule) => specialCauseRuleNames[rule]).join('; ')})`).join(', ')}.`
      : '',
  ].join('');
  const path = chart.points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${x(index)} ${y(point.value)}`)
    .join('');
  const svg = [
    svgOpen(input.id, input.title, description),
    yAxis(ticks, y, input.measureName),
    horizontal(
      chart.upperProcessLimit,
      chart.upperProcessLimit === chart.mean ? chartColours.grid : chartColours.axis,
      '6 4',
    ),
    horizontal(
      chart.lowerProcessLimit,
      chart.lowerProcessLimit === chart.mean ? chartColours.grid : chartColours.axis,
      '6 4',
    ),
    horizontal(chart.mean, chartColours.text, ''),
    target === null ? '' : horizontal(target, chartColours.target, '2 3'),
    `<path d="${path}" fill="none" stroke="${chartColours.line}" stroke-width="2"/>`,
    chart.points.map((point, index) => marker(kinds[index] ?? 'common', x(index), y(point.value))).join(''),
    chart.points
      .map((point, index) =>
        index % labelEvery === 0 || index === chart.points.length - 1
          ? xLabel(x(index), point.label, rotate)
          : '',
      )
      .join(''),
    legend([
      { swatch: lineSwatch(chartColours.text), label: 'Mean' },
      { swatch: lineSwatch(chartColours.axis, '6 4'), label: 'Process limits' },
      ...(target === null ? [] : [{ swatch: lineSwatch(chartColours.target, '2 3'), label: 'Target' }]),
      { swatch: marker('improving', 7, 0), label: 'Special cause, improving' },
      { swatch: marker('concerning', 7, 0), label: 'Special cause, concerning' },
    ]),
    '</svg>',
  ].join('');
  return {
    id: input.id,
    title: input.title,
    description,
    svg,
    width,
    height,
    table: {
      caption: `${input.title}: the chart's data`,
      columns: [
        'Period',
        input.measureName,
        'Mean',
        'Lower process limit',
        'Upper process limit',
        'Variation',
      ],
      rows: chart.points.map((point, index) => [
        point.label,
        point.value,
        formatNumber(chart.mean),
        formatNumber(chart.lowerProcessLimit),
        formatNumber(chart.upperProcessLimit),
        point.specialCauses.length === 0
          ? pointKindNames.common
          : `${pointKindNames[kinds[index] ?? 'common']}: ${point.specialCauses.map((rule) => specialCauseRuleNames[rule]).join('; ')}`,
      ]),
    },
  };
}

export interface BarChartInput {
  id: string;
  title: string;
  measureName: string;
  /** The groups along the axis: quarters or localities. */
  categories: string[];
  /** One or more series, each with a value per category (null for none). */
  series: { name: string; values: (number | null)[] }[];
}

/** A bar chart of one or more series per category, each bar labelled with its value. */
export function barChartSvg(input: BarChartInput): Chart {
  const all = input.series.flatMap((entry) =>
    entry.values.filter((value): value is number => value !== null),
  );
  const ticks = niceTicks(0, Math.max(1, ...all));
  const high = ticks.at(-1) ?? 1;
  const y = (value: number) => Number((margin.top + plotHeight - (value / high) * plotHeight).toFixed(1));
  const groupWidth = plotWidth / Math.max(1, input.categories.length);
  const barWidth = Math.max(4, Math.min(48, (groupWidth * 0.8) / Math.max(1, input.series.length)));
  const rotate = input.categories.length > 8;
  const bars = input.categories.flatMap((category, categoryIndex) => {
    const groupStart =
      margin.left + categoryIndex * groupWidth + (groupWidth - barWidth * input.series.length) / 2;
    const labelX = Number((margin.left + (categoryIndex + 0.5) * groupWidth).toFixed(1));
    return [
      ...input.series.map((entry, seriesIndex) => {
        const value = entry.values[categoryIndex] ?? null;
        if (value === null) return '';
        const x = Number((groupStart + seriesIndex * barWidth).toFixed(1));
        const top = y(value);
        const colour = chartColours.series[seriesIndex % chartColours.series.length];
        return (
          `<rect x="${x}" y="${top}" width="${(barWidth - 2).toFixed(1)}" height="${(margin.top + plotHeight - top).toFixed(1)}" fill="${colour}"/>` +
          `<text x="${(x + barWidth / 2 - 1).toFixed(1)}" y="${top - 4}" font-size="11" text-anchor="middle" fill="${chartColours.text}">${escapeXml(formatNumber(value))}</text>`
        );
      }),
      xLabel(labelX, category, rotate),
    ];
  });
  const description = `Bar chart of ${input.measureName.toLowerCase()} by ${input.categories.length} groups${
    input.series.length > 1 ? ` for ${input.series.map((entry) => entry.name).join(' and ')}` : ''
  }: ${input.categories
    .map(
      (category, index) =>
        `${category} ${input.series.map((entry) => (entry.values[index] === null ? 'none' : formatNumber(entry.values[index] ?? 0))).join(' and ')}`,
    )
    .join(', ')}.`;
  const svg = [
    svgOpen(input.id, input.title, description),
    yAxis(ticks, y, input.measureName),
    bars.join(''),
    input.series.length > 1
      ? legend(
          input.series.map((entry, index) => ({
            swatch: `<rect x="0" y="-6" width="12" height="12" fill="${chartColours.series[index % chartColours.series.length]}"/>`,
            label: entry.name,
          })),
        )
      : '',
    '</svg>',
  ].join('');
  return {
    id: input.id,
    title: input.title,
    description,
    svg,
    width,
    height,
    table: {
      caption: `${input.title}: the chart's data`,
      columns: ['', ...input.series.map((entry) => entry.name)],
      rows: input.categories.map((category, index) => [
        category,
        ...input.series.map((entry) => entry.values[index] ?? ''),
      ]),
    },
  };
}
