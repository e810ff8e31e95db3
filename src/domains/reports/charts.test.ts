import { describe, expect, it } from 'vitest';
import { chartPng } from './chart-png.ts';
import { barChartSvg, niceTicks, xmrChartSvg } from './charts.ts';
import { xmrChart } from './spc.ts';

const quarters = [12, 15, 11, 14, 16, 13, 12, 17, 14, 16, 19, 16, 13, 30].map((value, index) => ({
  label: `Q${index + 1}`,
  value,
}));

describe('niceTicks: round steps for an axis', () => {
  it.each<[number, number, number[]]>([
    [0, 30, [0, 10, 20, 30]],
    [0, 19, [0, 5, 10, 15, 20]],
    [0, 1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 0, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [80, 100, [80, 85, 90, 95, 100]],
  ])('%s to %s', (min, max, ticks) => {
    expect(niceTicks(min, max)).toEqual(ticks);
  });
});

describe('the XmR chart as SVG', () => {
  const chart = xmrChartSvg({
    id: 'complaints-trend',
    title: 'Complaints received per quarter',
    measureName: 'Complaints received',
    chart: xmrChart(quarters, { lowerBound: 0 }),
    improvement: 'down',
    target: 20,
  });

  it('names itself for screen readers with a title and a description that reads the chart', () => {
    expect(chart.svg).toMatch(
      /^<svg [^>]*role="img" aria-labelledby="complaints-trend-title complaints-trend-desc"/,
    );
    expect(chart.svg).toContain('<title id="complaints-trend-title">Complaints received per quarter</title>');
    expect(chart.description).toContain('Mean 15.6, process limits 4.9 to 26.2, target 20');
    expect(chart.description).toContain('Special cause variation of a concerning nature: higher values');
    expect(chart.description).toContain('Special cause at Q14 (a point beyond the process limits)');
  });

  it('marks the special cause with a square in the concerning colour, and the others as grey dots', () => {
    expect(chart.svg.match(/<rect x="[^"]+" y="[^"]+" width="12" height="12" fill="#ed8b00"/g)).toHaveLength(
      2,
    ); // point + legend
    expect(chart.svg.match(/<circle [^>]*r="4" fill="#768692"/g)).toHaveLength(13);
  });

  it('draws mean, both limits and the target as lines across the plot', () => {
    expect(chart.svg.match(/stroke-dasharray="6 4"/g)?.length).toBe(3); // two limits + legend
    expect(chart.svg).toContain('stroke="#d5281b"');
  });

  it('comes with its data table, a row per period', () => {
    expect(chart.table.columns).toEqual([
      'Period',
      'Complaints received',
      'Mean',
      'Lower process limit',
      'Upper process limit',
      'Variation',
    ]);
    expect(chart.table.rows[0]).toEqual(['Q1', 12, '15.6', '4.9', '26.2', 'common cause']);
    expect(chart.table.rows[13]).toEqual([
      'Q14',
      30,
      '15.6',
      '4.9',
      '26.2',
      'special cause, concerning: a point beyond the process limits',
    ]);
  });

  it('escapes text so that a unit called "A & E <North>" cannot break the markup', () => {
    const escaped = xmrChartSvg({
      id: 'e',
      title: 'A & E <North>',
      measureName: 'Complaints',
      chart: xmrChart([{ label: 'Q1 "x"', value: 1 }]),
      improvement: 'neither',
    });
    expect(escaped.svg).toContain('A &amp; E &lt;North&gt;');
    expect(escaped.svg).not.toContain('<North>');
  });
});

describe('the bar chart as SVG', () => {
  const chart = barChartSvg({
    id: 'by-locality',
    title: 'Complaints by locality',
    measureName: 'Complaints',
    categories: ['Northshire', 'Southshire'],
    series: [
      { name: '2017/18 Q1', values: [13, 3] },
      { name: '2017/18 Q2', values: [16, 3] },
    ],
  });

  it('draws a labelled bar per series and category, and describes them', () => {
    // Four bars and two legend swatches.
    expect(
      chart.svg.match(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+" fill="#(005eb8|768692)"\/>/g),
    ).toHaveLength(6);
    expect(chart.svg).toContain('>16</text>');
    expect(chart.description).toBe(
      'Bar chart of complaints by 2 groups for 2017/18 Q1 and 2017/18 Q2: Northshire 13 and 16, Southshire 3 and 3.',
    );
    expect(chart.table).toEqual({
      caption: "Complaints by locality: the chart's data",
      columns: ['', '2017/18 Q1', '2017/18 Q2'],
      rows: [
        ['Northshire', 13, 16],
        ['Southshire', 3, 3],
      ],
    });
  });
});

describe('the PNG drawn from the same SVG, for Word’s fallback', () => {
  it('is a PNG twice the SVG’s size', () => {
    const chart = barChartSvg({
      id: 'p',
      title: 'Compliments',
      measureName: 'Compliments',
      categories: ['Q1', 'Q2'],
      series: [{ name: 'Compliments', values: [420, 449] }],
    });
    const png = chartPng(chart.svg);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16–23.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([chart.width * 2, chart.height * 2]);
  });
});
