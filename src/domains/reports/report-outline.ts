import type { QuarterlyReport } from './quarterly.ts';

// The quarterly report's outline, in the seed report's order: which tables and charts go under
// which heading. The page, the printable HTML and the Word document all render this one outline,
// so they cannot drift apart. A section whose records are not kept in Heard yet says so instead.

export type OutlineBlock = { kind: 'table'; id: string } | { kind: 'chart'; id: string };

export interface OutlineSection {
  id: string;
  heading: string;
  blocks: OutlineBlock[];
  /** Said in place of the blocks when the section's records are not kept in Heard yet. */
  pending: string | null;
}

const table = (id: string): OutlineBlock => ({ kind: 'table', id });
const chart = (id: string): OutlineBlock => ({ kind: 'chart', id });

const surveysPending =
  'Friends and Family Test, quality survey and children’s questionnaire results will appear here when surveys are recorded in Heard.';
const learningPending =
  'Learning themes and action plans will appear here when themes and actions are recorded in Heard.';

export function quarterlyOutline(report: QuarterlyReport): OutlineSection[] {
  const hasSurveys = Boolean(report.fft || report.qualitySurvey || report.childrenSurvey);
  const section = (id: string, heading: string, blocks: OutlineBlock[], pending: string | null = null) => ({
    id,
    heading,
    blocks: pending ? [] : blocks,
    pending,
  });
  return [
    section('summary', 'Summary', [table('summary'), table('fft-summary')]),
    section('complaints', 'Complaints', [
      table('table-1-complaints-by-locality'),
      chart('complaints-by-locality'),
      chart('complaints-per-quarter'),
      table('table-2-responsiveness'),
      table('table-3-satisfaction'),
      table('table-4-outcomes'),
      table('table-5-staff-groups'),
      table('complaint-subjects'),
    ]),
    section('ombudsman', 'Parliamentary and Health Service Ombudsman (PHSO)', [table('ombudsman')]),
    section('concerns', 'Concerns (including PALS)', [
      table('concerns-by-locality'),
      chart('concerns-per-quarter'),
      table('concern-themes'),
      table('table-11-concern-staff-groups'),
    ]),
    section('compliments', 'Compliments', [
      table('compliments-by-locality'),
      chart('compliments-per-quarter'),
      chart('contact-rates'),
      table('contact-rates'),
      table('sample-compliments'),
    ]),
    section(
      'surveys',
      'Surveys',
      [
        table('table-13-fft'),
        chart('fft-score-by-month'),
        chart('fft-comparison'),
        table('fft-comparison'),
        table('table-14-quality-survey'),
        table('table-16-children-fft'),
        table('comment-themes'),
      ],
      hasSurveys ? null : surveysPending,
    ),
    section(
      'learning',
      'Learning from service experience',
      [table('you-said-we-did'), table('table-17-learning'), table('table-18-assurance')],
      report.actions ? null : learningPending,
    ),
    section('trends', 'Trends and assurance', [table('quarterly-trend'), table('assurance')]),
  ];
}
