import { wholePercent } from '#src/domains/cases/index.ts';
import { type AssuranceLevel, assuranceLevelNames } from './assurance.ts';
import { contentTables, suppressFftComparison } from './content-tables.ts';
import type { Assessment, QuarterlyReport } from './quarterly.ts';
import { type Direction, directionArrows, directionNames } from './spc.ts';

// The quarterly report's tables, built once from the report's data and drawn by every format:
// the page, the print view, Word, Excel and CSV all show the same rows. Numbered as the seed
// report numbers them where it has them.

export type Cell = string | number | null;

export interface ReportTable {
  id: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Rows that are totals of the others (the last row, usually), by index. */
  totalRows: number[];
  /** Columns of counts small enough to identify someone, suppressed for publication. */
  countColumns: number[];
  /** Columns worked out from a row's count (its percentages): suppressed with it, keyed by the count's column. */
  derivedColumns?: Record<number, number[]>;
  notes: string[];
}

export const directionText = (way: Direction | null) =>
  way === null ? '' : `${directionArrows[way]} ${directionNames[way]}`;
const level = (value: AssuranceLevel) => assuranceLevelNames[value];
const percent = (value: number | null) => (value === null ? 'None to measure' : `${value}%`);

function assessmentRow(row: Assessment): Cell[] {
  return [
    row.name,
    row.unit === 'percent' ? percent(row.value) : row.value,
    directionText(row.direction),
    row.interpretation,
    `${level(row.assurance.level)}${row.assurance.source === 'officer' ? ' (officer)' : ''}`,
  ];
}

function localityRows(byLocality: Record<string, number>, previous: Record<string, number>) {
  return Object.keys({ ...previous, ...byLocality }).map((name) => {
    const now = byLocality[name] ?? 0;
    const before = previous[name] ?? 0;
    return [name, now, before, directionText(now === before ? 'similar' : now > before ? 'up' : 'down')];
  });
}

export function reportTables(report: QuarterlyReport): ReportTable[] {
  const quarter = report.period.label;
  const before = report.previousPeriod.label;
  const { complaints, concerns, compliments, otherContacts } = report;
  const byMeasure = (measure: string) => report.assessments.filter((row) => row.measure === measure);
  const outcomes: [string, number, number | null][] = [
    [
      'Not upheld: no element of the complaint was upheld',
      complaints.outcomes.notUpheld,
      complaints.outcomePercents.notUpheld,
    ],
    [
      'Partially upheld: some elements were upheld',
      complaints.outcomes.partiallyUpheld,
      complaints.outcomePercents.partiallyUpheld,
    ],
    ['Upheld: all elements were upheld', complaints.outcomes.upheld, complaints.outcomePercents.upheld],
    ['Withdrawn', complaints.outcomes.withdrawn, complaints.outcomePercents.withdrawn],
  ];
  const upheldRows = (
    counts: Record<string, { total: number; upheld: number; notUpheld: number }>,
    keepZero: boolean,
  ) =>
    Object.entries(counts)
      .filter(([, entry]) => keepZero || entry.total > 0)
      .map(([name, entry]): Cell[] => [name, entry.total, entry.upheld, entry.notUpheld]);
  const concernsRows = localityRows(concerns.received.byLocality, concerns.received.previousByLocality);
  const complimentRows = localityRows(compliments.byLocality, compliments.previousByLocality);
  const summaryDirection = (now: number, then: number) =>
    directionText(now === then ? 'similar' : now > then ? 'up' : 'down');

  return [
    {
      id: 'summary',
      title: `Summary: ${quarter} against ${before}`,
      columns: ['Measure', quarter, before, 'Direction'],
      rows: [
        [
          'Complaints received',
          complaints.received.total,
          complaints.received.previous,
          summaryDirection(complaints.received.total, complaints.received.previous),
        ],
        [
          'Concerns raised through PALS',
          concerns.received.total,
          concerns.received.previous,
          summaryDirection(concerns.received.total, concerns.received.previous),
        ],
        [
          'Compliments',
          compliments.total,
          compliments.previous,
          summaryDirection(compliments.total, compliments.previous),
        ],
        [
          'Other contacts (enquiries, advice and signposting)',
          otherContacts.total,
          otherContacts.previous,
          summaryDirection(otherContacts.total, otherContacts.previous),
        ],
      ],
      totalRows: [],
      countColumns: [],
      notes:
        report.fft === null
          ? [
              'Friends and Family Test and quality survey results will appear here when surveys are recorded in Heard.',
            ]
          : [],
    },
    ...(report.fft === null
      ? []
      : [
          {
            id: 'fft-summary',
            title: `Friends and Family Test: ${quarter} against ${before}`,
            columns: ['Measure', quarter, before, 'Direction'],
            rows: [
              [
                'FFT responses',
                report.fft.quarter.responses,
                report.fft.previousQuarter.responses,
                summaryDirection(report.fft.quarter.responses, report.fft.previousQuarter.responses),
              ],
              [
                'FFT score (% positive)',
                percent(report.fft.quarter.percentPositive),
                percent(report.fft.previousQuarter.percentPositive),
                report.fft.quarter.percentPositive === null ||
                report.fft.previousQuarter.percentPositive === null
                  ? ''
                  : summaryDirection(
                      report.fft.quarter.percentPositive,
                      report.fft.previousQuarter.percentPositive,
                    ),
              ],
              ...(report.fft.staff
                ? [['Staff FFT score (% positive)', percent(report.fft.staff.percentPositive), '', '']]
                : []),
            ],
            totalRows: [],
            countColumns: [],
            notes: [],
          },
        ]),

    {
      id: 'table-1-complaints-by-locality',
      title: 'Table 1: Number of complaints received this quarter',
      columns: ['Locality', 'Number', 'Direction', 'Interpretation', 'Assurance'],
      rows: byMeasure('complaints-received').map(assessmentRow),
      totalRows: [byMeasure('complaints-received').length - 1],
      countColumns: [1],
      notes: [],
    },
    {
      id: 'table-2-responsiveness',
      title: 'Table 2: Responsiveness',
      columns: ['Target', 'Number', 'Direction', 'Interpretation', 'Assurance'],
      rows: [
        ...byMeasure('acknowledged-within-3-working-days'),
        ...byMeasure('closed-within-agreed-timescale'),
        ...byMeasure('concerns-escalated'),
      ].map(assessmentRow),
      totalRows: [],
      countColumns: [],
      notes: ['Percentages rounded to the nearest whole number, halves up, from the counts.'],
    },
    {
      id: 'table-3-satisfaction',
      title: 'Table 3: Satisfaction with the complaints process',
      columns: ['Measure', 'Number', 'Direction', 'Interpretation', 'Assurance'],
      rows: [
        ...byMeasure('reopened'),
        ...byMeasure('local-resolution-meetings'),
        ...byMeasure('phso-referrals'),
      ].map(assessmentRow),
      totalRows: [],
      countColumns: [],
      notes: [],
    },
    {
      id: 'table-4-outcomes',
      title: 'Table 4: Outcome of complaints closed this quarter',
      columns: ['Outcome', 'Number', 'Percent'],
      rows: [
        ...outcomes.map(([name, count, share]): Cell[] => [name, count, percent(share)]),
        ['Total closed', complaints.closed, ''],
      ],
      totalRows: [outcomes.length],
      countColumns: [1],
      notes: [
        'Individual issues within each complaint are either upheld or not upheld; partially upheld is not used for individual issues.',
        ...(complaints.outcomeNotRecorded > 0
          ? [
              `${complaints.outcomeNotRecorded} complaints closed with an issue whose outcome is not yet recorded.`,
            ]
          : []),
      ],
    },
    {
      id: 'table-5-staff-groups',
      title: 'Table 5: Issues of closed complaints by staff group',
      columns: ['Staff group', 'Total', 'Upheld', 'Not upheld'],
      rows: upheldRows(complaints.staffGroups, true),
      totalRows: [],
      countColumns: [1, 2, 3],
      notes: ['An issue involving two staff groups counts once under each.'],
    },
    {
      id: 'complaint-subjects',
      title: 'Issues of closed complaints by subject',
      columns: ['Subject', 'Total', 'Upheld', 'Not upheld'],
      rows: upheldRows(complaints.subjects, false),
      totalRows: [],
      countColumns: [1, 2, 3],
      notes: ['Subjects from the KO41a list; only subjects with issues are shown.'],
    },
    {
      id: 'ombudsman',
      title: 'Parliamentary and Health Service Ombudsman (PHSO) activity this quarter',
      columns: ['Activity', 'Number'],
      rows: [
        ['Referred to the PHSO', report.ombudsman.referred],
        [
          'of which awaiting the PHSO’s decision whether to look at it',
          report.ombudsman.referredByStatus.referred,
        ],
        ['of which being assessed', report.ombudsman.referredByStatus.assessing],
        ['of which being investigated', report.ombudsman.referredByStatus.investigating],
        ['of which decided', report.ombudsman.referredByStatus.decided],
        ['Decided by the PHSO', report.ombudsman.decided],
        ['of which upheld', report.ombudsman.decisionsByOutcome.upheld],
        ['of which partly upheld', report.ombudsman.decisionsByOutcome['partly-upheld']],
        ['of which not upheld', report.ombudsman.decisionsByOutcome['not-upheld']],
        [
          'of which resolved without investigation',
          report.ombudsman.decisionsByOutcome['resolved-without-investigation'],
        ],
        ['of which not investigated', report.ombudsman.decisionsByOutcome['not-investigated']],
      ],
      totalRows: [0, 5],
      countColumns: [1],
      notes: [report.ombudsman.summary],
    },
    {
      id: 'concerns-by-locality',
      title: 'Concerns raised through PALS by locality',
      columns: ['Locality', quarter, before, 'Direction'],
      rows: concernsRows,
      totalRows: [],
      countColumns: [1, 2],
      notes: [],
    },
    {
      id: 'table-11-concern-staff-groups',
      title: 'Table 11: Breakdown of concerns by staff group',
      columns: ['Staff group', 'No', '%'],
      rows: Object.entries(concerns.staffGroups).map(([name, entry]): Cell[] => [
        name,
        entry.count,
        percent(entry.percent),
      ]),
      totalRows: [],
      countColumns: [1],
      derivedColumns: { 1: [2] },
      notes: [
        'Concerns received this quarter by the staff groups involved: a concern naming two staff groups counts once under each, and each percentage is of all the staff groups named.',
      ],
    },
    {
      id: 'compliments-by-locality',
      title: 'Compliments by locality',
      columns: ['Locality', quarter, before, 'Direction'],
      rows: complimentRows,
      totalRows: [],
      countColumns: [],
      notes: [],
    },
    ...surveyTables(report),
    ...themeAndActionTables(report),
    ...contentTables(report),
    {
      id: 'quarterly-trend',
      title: 'Complaints, concerns and compliments by quarter',
      columns: ['Quarter', 'Complaints', 'Concerns', 'Compliments'],
      rows: complaints.trend.map((point, index): Cell[] => [
        point.label,
        point.value,
        concerns.trend[index]?.value ?? null,
        compliments.trend[index]?.value ?? null,
      ]),
      totalRows: [],
      countColumns: [],
      notes: [],
    },
    {
      id: 'assurance',
      title: 'Assurance levels: proposed by the rules and decided by officers',
      columns: ['Measure', 'Proposed', 'Why proposed', 'Shown', 'Decided by', 'Officer’s reason'],
      rows: report.assessments.map((row): Cell[] => [
        row.locality ? `${row.locality}: complaints received` : row.name,
        level(row.assurance.proposed.level),
        row.assurance.proposed.reason,
        level(row.assurance.level),
        row.assurance.override ? row.assurance.override.decidedBy : 'The rules',
        row.assurance.override?.reason ?? '',
      ]),
      totalRows: [],
      countColumns: [],
      notes: [],
    },
  ];
}

/** Tables 13, 14 and 16 of the seed report: the FFT by month, the quality survey, the children's FFT. */
function surveyTables(report: QuarterlyReport): ReportTable[] {
  const tables: ReportTable[] = [];
  const { fft, qualitySurvey, childrenSurvey } = report;
  if (fft) {
    tables.push({
      id: 'table-13-fft',
      title: 'Table 13: Friends and Family Test responses and score by month',
      columns: ['Month', 'Number of responses', 'FFT score (% positive)', '% negative'],
      rows: [
        ...fft.months.map((month): Cell[] => [
          month.label,
          month.responses,
          percent(month.percentPositive),
          percent(month.percentNegative),
        ]),
        [
          'Total',
          fft.quarter.responses,
          percent(fft.quarter.percentPositive),
          percent(fft.quarter.percentNegative),
        ],
        [
          `${report.previousPeriod.label} (previous quarter)`,
          fft.previousQuarter.responses,
          percent(fft.previousQuarter.percentPositive),
          '',
        ],
      ],
      totalRows: [fft.months.length, fft.months.length + 1],
      countColumns: [1],
      derivedColumns: { 1: [2, 3] },
      notes: [
        'FFT score: the percentage of all responses that were positive, “Don’t know” included in the count (NHS England’s FFT guidance).',
      ],
    });
  }
  if (qualitySurvey) {
    tables.push({
      id: 'table-14-quality-survey',
      title: 'Table 14: How did we do? Quality survey questions against their targets',
      columns: ['Question', 'Locality', 'Responses', 'Positive', 'Trust % positive', 'Target', 'Target met'],
      rows: qualitySurvey.flatMap((question) => {
        const localities = Object.entries(question.byLocality);
        const met = question.met === null ? '' : question.met ? 'Yes' : 'No';
        const target = question.target === null ? '' : `${question.target}%`;
        return localities.map(([name, entry], index): Cell[] =>
          index === 0
            ? [
                question.question,
                name,
                entry.responses,
                entry.positive,
                percent(question.percentPositive),
                target,
                met,
              ]
            : ['', name, entry.responses, entry.positive, '', '', ''],
        );
      }),
      totalRows: [],
      countColumns: [2, 3],
      notes: ['The trust’s percentage is worked out from the counts of every locality together.'],
    });
  }
  if (childrenSurvey) {
    const responses = childrenSurvey.reduce((sum, row) => sum + row.responses, 0);
    const positive = childrenSurvey.reduce((sum, row) => sum + row.positive, 0);
    tables.push({
      id: 'table-16-children-fft',
      title: 'Table 16: Adapted Friends and Family Test for children, young people and families',
      columns: ['Questionnaire', 'Number of responses', 'Positive', 'FFT score (% positive)'],
      rows: [
        ...childrenSurvey.map((row): Cell[] => [
          row.group,
          row.responses,
          row.positive,
          percent(row.percentPositive),
        ]),
        ['Total', responses, positive, percent(responses === 0 ? null : wholePercent(positive, responses))],
        ...(childrenSurvey.some((row) => row.previous !== null)
          ? [
              ((previousResponses: number, previousPositive: number): Cell[] => [
                `${report.previousPeriod.label} (previous quarter)`,
                previousResponses,
                previousPositive,
                percent(previousResponses === 0 ? null : wholePercent(previousPositive, previousResponses)),
              ])(
                childrenSurvey.reduce((sum, row) => sum + (row.previous?.responses ?? 0), 0),
                childrenSurvey.reduce((sum, row) => sum + (row.previous?.positive ?? 0), 0),
              ),
            ]
          : []),
      ],
      totalRows: [childrenSurvey.length, childrenSurvey.length + 1],
      countColumns: [1, 2],
      derivedColumns: { 1: [2, 3] },
      notes: [],
    });
  }
  return tables;
}

const longDate = (iso: string | null) =>
  iso === null
    ? 'Awaited'
    : new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });

/** Top themes of comments, "You said – We did", and Tables 17 and 18 of learning and its assurance. */
function themeAndActionTables(report: QuarterlyReport): ReportTable[] {
  const tables: ReportTable[] = [];
  if (report.themes && report.themes.top.length > 0) {
    tables.push({
      id: 'comment-themes',
      title: 'Themes of comments received this quarter',
      columns: ['Theme', 'Comments', 'Positive', 'Negative'],
      rows: report.themes.top.map((row): Cell[] => [row.theme, row.comments, row.positive, row.negative]),
      totalRows: [],
      countColumns: [1, 2, 3],
      notes: ['A comment about two themes counts under each.'],
    });
  }
  const actions = report.actions;
  if (!actions) return tables;
  if (actions.youSaidWeDid.length > 0) {
    tables.push({
      id: 'you-said-we-did',
      title: 'You said – We did',
      columns: ['You said', 'We did', 'Service', 'Assurance'],
      rows: actions.youSaidWeDid.map((row): Cell[] => [
        row.youSaid,
        row.weDid,
        row.unit ?? 'The trust',
        row.assuranceLevel.charAt(0).toUpperCase() + row.assuranceLevel.slice(1),
      ]),
      totalRows: [],
      countColumns: [],
      notes: [],
    });
  }
  const seeking = actions.learningThemes.filter((theme) => theme.status === 'seeking-plans');
  const assured = actions.learningThemes.filter((theme) => theme.status === 'assured');
  tables.push({
    id: 'table-17-learning',
    title: `Table 17: Points of learning from ${report.previousPeriod.label}: action plans to be sought from localities`,
    columns: ['Organisational learning', 'Action plans'],
    rows: seeking.map((theme): Cell[] => [
      theme.text,
      theme.responses.length === 0
        ? 'To be sought'
        : theme.responses
            .map((response) => `${response.locality}: ${response.actionPlan ?? 'to be sought'}`)
            .join('\n'),
    ]),
    totalRows: [],
    countColumns: [],
    notes: seeking.length === 0 ? ['No learning themes were recorded for the quarter before.'] : [],
  });
  tables.push({
    id: 'table-18-assurance',
    title:
      'Table 18: Points of learning whose action plans were completed, with the date assurance was received',
    columns: ['Organisational learning', 'Locality', 'Action plan', 'Date assurance received'],
    rows: assured.flatMap((theme) =>
      theme.responses.map((response, index): Cell[] => [
        index === 0 ? `${theme.text} (${theme.quarter.replace('-', ' ')})` : '',
        response.locality,
        response.actionPlan ?? '',
        longDate(response.assuranceReceivedDate),
      ]),
    ),
    totalRows: [],
    countColumns: [],
    notes: [
      `Action-plan actions completed this quarter: ${actions.completed}; overdue at the quarter’s end: ${actions.overdue}.`,
    ],
  });
  return tables;
}

/** What stands in for a suppressed count. */
export const suppressedMark = '*';

/**
 * Small numbers suppressed for publication, as NHS England's published FFT data does (DESIGN.md
 * §3): a count of 1 to 4 in a count column becomes '*'; then, so that it cannot be worked out by
 * subtraction from a total, where a column has exactly one suppressed cell the next smallest
 * count in it is suppressed too (secondary suppression). Totals are kept.
 */
export function suppressSmallNumbers(table: ReportTable, smallest = 1, largest = 4): ReportTable {
  const rows = table.rows.map((row) => [...row]);
  for (const column of table.countColumns) {
    const candidates = rows
      .map((row, index) => ({ index, value: row[column] }))
      .filter(({ index }) => !table.totalRows.includes(index));
    let suppressed = 0;
    for (const { index, value } of candidates) {
      if (typeof value === 'number' && value >= smallest && value <= largest) {
        (rows[index] as Cell[])[column] = suppressedMark;
        suppressed += 1;
      }
    }
    if (suppressed === 1) {
      // Secondary suppression, below.
      const next = candidates
        .filter(
          ({ index, value }) =>
            typeof value === 'number' && value > 0 && rows[index]?.[column] !== suppressedMark,
        )
        .sort((a, b) => (a.value as number) - (b.value as number))[0];
      if (next) (rows[next.index] as Cell[])[column] = suppressedMark;
    }
  }
  // A percentage of a suppressed count would give it away (1 of 3 is 33%): it goes with it.
  for (const [countColumn, derived] of Object.entries(table.derivedColumns ?? {})) {
    for (const row of rows) {
      if (row[Number(countColumn)] !== suppressedMark) continue;
      for (const column of derived) row[column] = suppressedMark;
    }
  }
  // An interpretation sentence repeats counts, this quarter's and the last: small ones go too.
  const interpretation = table.columns.indexOf('Interpretation');
  if (interpretation >= 0) {
    for (const row of rows) {
      const sentence = row[interpretation];
      if (typeof sentence === 'string')
        row[interpretation] = withoutSmallNumbers(sentence, smallest, largest);
    }
  }
  const note = `Counts from ${smallest} to ${largest} are shown as ${suppressedMark}, with the next smallest where one alone could be worked out.`;
  return {
    ...table,
    rows,
    notes: table.countColumns.length > 0 || interpretation >= 0 ? [...table.notes, note] : table.notes,
  };
}

const smallWords = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** A sentence with each count from `smallest` to `largest`, in figures or words, shown as '*'; percentages stay. */
export function withoutSmallNumbers(sentence: string, smallest = 1, largest = 4): string {
  const words = smallWords.slice(Math.max(0, smallest - 1), largest);
  return sentence
    .replace(/\b(\d+)\b(?!%|[.,]\d)/g, (match, digits: string) => {
      const value = Number(digits);
      return value >= smallest && value <= largest ? suppressedMark : match;
    })
    .replace(new RegExp(`\\b(${words.join('|')})\\b`, 'gi'), suppressedMark);
}

/** The tables as published: with small numbers suppressed when asked. */
export function tablesFor(report: QuarterlyReport, { suppress }: { suppress: boolean }): ReportTable[] {
  const tables = reportTables(report);
  return suppress
    ? tables.map((table) => suppressFftComparison(report, suppressSmallNumbers(table)))
    : tables;
}
