// An audit's compliance measured again and again, charted on the server as SVG (DESIGN.md §4:
// the same chart serves the page, the print view and a document) against its target. The page
// shows the same figures in a table beside it, so the chart is never the only way to read them.

export interface Measurement {
  measuredOn: string;
  compliancePercent: number;
}

const width = 640;
const height = 320;
const margin = { top: 20, right: 110, bottom: 40, left: 50 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;
const shortMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const round = (value: number) => Math.round(value * 10) / 10;
export const percentText = (value: number) => `${value.toFixed(2).replace(/\.?0+$/, '')}%`;
const shortDate = (date: string) => `${shortMonths[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

/** Where each measurement sits: x in proportion to its date, y to its percentage (0 at the bottom). */
export function chartPoints(measurements: readonly Measurement[]) {
  const sorted = [...measurements].sort((a, b) => a.measuredOn.localeCompare(b.measuredOn));
  const days = sorted.map((m) => dayNumber(m.measuredOn));
  const first = days[0] ?? 0;
  const span = (days[days.length - 1] ?? 0) - first;
  return sorted.map((measurement, index) => ({
    ...measurement,
    x: round(
      margin.left + (span === 0 ? plotWidth / 2 : ((days[index] ?? first) - first) * (plotWidth / span)),
    ),
    y: round(margin.top + plotHeight - (measurement.compliancePercent / 100) * plotHeight),
  }));
}

/** The SVG: a line through each measurement, the target as a dashed line, 0–100% on the y axis. */
export function auditChartSvg(
  title: string,
  measurements: readonly Measurement[],
  targetPercent: number,
): string {
  const points = chartPoints(measurements);
  const yOf = (percent: number) => round(margin.top + plotHeight - (percent / 100) * plotHeight);
  const gridlines = [0, 25, 50, 75, 100]
    .map(
      (percent) =>
        `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${yOf(percent)}" y2="${yOf(percent)}" stroke="#d8dde0"/>` +
        `<text x="${margin.left - 8}" y="${yOf(percent) + 4}" text-anchor="end" font-size="12">${percent}%</text>`,
    )
    .join('');
  const target =
    `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${yOf(targetPercent)}" y2="${yOf(targetPercent)}" stroke="#d5281b" stroke-width="2" stroke-dasharray="6 4"/>` +
    `<text x="${margin.left + plotWidth + 6}" y="${yOf(targetPercent) + 4}" font-size="12" fill="#d5281b">Target ${percentText(targetPercent)}</text>`;
  const line =
    points.length > 1
      ? `<polyline fill="none" stroke="#005eb8" stroke-width="3" points="${points.map((p) => `${p.x},${p.y}`).join(' ')}"/>`
      : '';
  const dots = points
    .map(
      (p) =>
        `<circle cx="${p.x}" cy="${p.y}" r="5" fill="#005eb8"/>` +
        `<text x="${p.x}" y="${p.y - 10}" text-anchor="middle" font-size="12">${percentText(p.compliancePercent)}</text>` +
        `<text x="${p.x}" y="${margin.top + plotHeight + 20}" text-anchor="middle" font-size="12">${shortDate(p.measuredOn)}</text>`,
    )
    .join('');
  const description =
    points.length === 0
      ? 'No measurements yet.'
      : `${points.map((p) => `${percentText(p.compliancePercent)} in ${shortDate(p.measuredOn)}`).join(', then ')}, against a target of ${percentText(targetPercent)}.`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="audit-chart-title audit-chart-description" font-family="Arial, sans-serif">` +
    `<title id="audit-chart-title">${escapeXml(title)}</title><desc id="audit-chart-description">${escapeXml(description)}</desc>` +
    `${gridlines}${target}${line}${dots}</svg>`
  );
}
