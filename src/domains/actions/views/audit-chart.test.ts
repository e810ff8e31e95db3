import { describe, expect, it } from 'vitest';
import { auditChartSvg, chartPoints, percentText } from './audit-chart.ts';

// The review's recommendation 2: an audit in October 2013 showed 60.49% compliance, a re-audit in
// December 2013 89.87% (the seed action plan).
const measurements = [
  { measuredOn: '2013-12-15', compliancePercent: 89.87 },
  { measuredOn: '2013-10-15', compliancePercent: 60.49 },
];

describe('an audit charted over time against its target', () => {
  it('places measurements by date, left to right, and by percentage, bottom to top', () => {
    const [first, second] = chartPoints(measurements);
    expect(first?.measuredOn).toBe('2013-10-15');
    expect(first?.x).toBe(50);
    expect(second?.x).toBe(530);
    // 0% at y 280, 100% at y 20.
    expect(first?.y).toBe(122.7);
    expect(second?.y).toBe(46.3);
  });

  it('puts a lone measurement in the middle', () => {
    expect(chartPoints([{ measuredOn: '2013-10-15', compliancePercent: 50 }])[0]).toMatchObject({
      x: 290,
      y: 150,
    });
  });

  it('describes itself in words for those who cannot see it', () => {
    const svg = auditChartSvg('Documenting reasons for treatment changes', measurements, 95);
    expect(svg).toContain('role="img"');
    expect(svg).toContain(
      '<desc id="audit-chart-description">60.49% in Oct 2013, then 89.87% in Dec 2013, against a target of 95%.</desc>',
    );
    expect(svg).toContain('Target 95%');
    expect(svg).toContain('<polyline');
  });

  it('escapes the audit’s name', () => {
    expect(auditChartSvg('Notes <audit> & "re-audit"', [], 90)).toContain(
      '<title id="audit-chart-title">Notes &lt;audit&gt; &amp; &quot;re-audit&quot;</title>',
    );
  });

  it.each([
    [60.49, '60.49%'],
    [89.9, '89.9%'],
    [95, '95%'],
    [100, '100%'],
  ])('%d is written %s', (value, text) => {
    expect(percentText(value)).toBe(text);
  });
});
