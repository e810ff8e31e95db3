import type { QuarterlyReport } from './quarterly.ts';
import type { Cell, ReportTable } from './tables.ts';

// The tables of the report's later additions (issue 8, the report's content): the FFT against
// peer trusts and the nation (the seed's Figure 3 as a table), complaints and compliments per
// 1,000 contacts (Figure 2), the themes of concerns (Table 10) and sample compliments (§2.3).

const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? 'Not published' : `${value}%`;
const rate = (value: number | null) => (value === null ? 'Not available' : value.toFixed(1));

export const contactsNote =
  'Contacts are the people each service could have asked the Friends and Family Test in the month (the response rate’s denominator, entered or imported in Surveys); a quarter without that figure for every month shows “Not available”.';

const monthName = (month: string) =>
  new Date(`${month}-01T12:00:00Z`).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

export function fftComparisonTable(report: QuarterlyReport): ReportTable | null {
  const comparison = report.fft?.comparison;
  if (!comparison) return null;
  const peers = comparison.months[0]?.peers ?? [];
  const national = comparison.months.map((month) => month.national);
  const sources = new Set(national.flatMap((entry) => (entry ? [entry.source] : [])));
  return {
    id: 'fft-comparison',
    title: `Friends and Family Test score compared with peer trusts and the ${comparison.settingName.toLowerCase()} average in England`,
    columns: [
      'Month',
      `${report.organisation.name} (% positive)`,
      ...peers.map((peer) => `${peer.name} (${peer.odsCode})`),
      `England, ${comparison.settingName.toLowerCase()} (% positive)`,
    ],
    rows: comparison.months.map((month): Cell[] => [
      month.label,
      month.trust ? percent(month.trust.percentPositive) : 'No responses',
      ...month.peers.map((peer) => percent(peer.percentPositive)),
      percent(month.national?.percentPositive),
    ]),
    totalRows: [],
    countColumns: [],
    notes: [
      `${report.organisation.name}’s score is from the responses recorded in Heard; the others are from NHS England’s published Friends and Family Test data for ${comparison.settingName.toLowerCase()} services.`,
      sources.has('computed')
        ? 'England: worked out from the counts of every provider in the imported publication, since it had no national row.'
        : 'England: the national figure as NHS England published it.',
      ...(comparison.notYetPublished.length > 0
        ? [
            `${comparison.notYetPublished.map(monthName).join(' and ')}: not yet published by NHS England (or not yet imported).`,
          ]
        : []),
    ],
  };
}

/** For publication: the trust's own score is hidden for a month with 1 to 4 responses, as in Table 13. */
export function suppressFftComparison(report: QuarterlyReport, table: ReportTable): ReportTable {
  if (table.id !== 'fft-comparison') return table;
  const months = report.fft?.comparison?.months ?? [];
  return {
    ...table,
    rows: table.rows.map((row, index) => {
      const responses = months[index]?.trust?.responses ?? 0;
      return responses >= 1 && responses <= 4 ? [row[0] ?? null, '*', ...row.slice(2)] : row;
    }),
  };
}

export function contentTables(report: QuarterlyReport): ReportTable[] {
  const tables: ReportTable[] = [];
  const comparison = fftComparisonTable(report);
  if (comparison) tables.push(comparison);
  if (report.contactRates && report.contactRates.quarters.length > 0) {
    tables.push({
      id: 'contact-rates',
      title: 'Complaints and compliments per 1,000 contacts with services, by quarter',
      columns: [
        'Quarter',
        'Contacts',
        'Complaints',
        'Complaints per 1,000 contacts',
        'Compliments',
        'Compliments per 1,000 contacts',
      ],
      rows: report.contactRates.quarters.map((quarter): Cell[] => [
        quarter.label,
        quarter.contacts === null ? 'Not available' : quarter.contacts,
        quarter.complaints,
        rate(quarter.complaintsPer1000),
        quarter.compliments,
        rate(quarter.complimentsPer1000),
      ]),
      totalRows: [],
      countColumns: [],
      notes: [contactsNote],
    });
  }
  if (report.concerns.themes && report.concerns.themes.length > 0) {
    tables.push({
      id: 'concern-themes',
      title: 'Table 10: Themes of concerns this quarter',
      columns: ['Theme', 'Concerns', 'Positive', 'Negative'],
      rows: report.concerns.themes.map((row): Cell[] => [
        row.theme,
        row.comments,
        row.positive,
        row.negative,
      ]),
      totalRows: [],
      countColumns: [1, 2, 3],
      notes: [
        'From the themes Heard’s comment coding found in each concern’s account in the person’s own words; a concern about two themes counts under each, and a concern recorded without an account is not counted.',
      ],
    });
  }
  if (report.compliments.samples && report.compliments.samples.length > 0) {
    tables.push({
      id: 'sample-compliments',
      title: `Sample compliments from ${report.period.label}`,
      columns: ['Compliment', 'Service', 'Locality'],
      rows: report.compliments.samples.map((sample): Cell[] => [
        sample.text,
        sample.unit ?? '',
        sample.locality,
      ]),
      totalRows: [],
      countColumns: [],
      notes: [
        'The most recent compliments of the quarter for each locality, with any personal details taken out.',
      ],
    });
  }
  return tables;
}
