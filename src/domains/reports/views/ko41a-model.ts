import { ukDate } from '#src/domains/calendar/index.ts';
import type { Ko41aLine, Ko41aReturn } from '../ko41a.ts';

// The KO41a page's view model: each section as a table, the validations with their result.

export interface Ko41aSectionView {
  id: string;
  title: string;
  rows: { name: string; count: string }[];
  total: string;
  note: string;
}

const n = (value: number) => value.toLocaleString('en-GB');

function section(id: string, title: string, lines: readonly Ko41aLine[], note: string): Ko41aSectionView {
  return {
    id,
    title,
    rows: lines.map((line) => ({ name: line.name, count: n(line.count) })),
    total: n(lines.reduce((sum, line) => sum + line.count, 0)),
    note,
  };
}

export function ko41aPage(figures: Ko41aReturn, organisationName: string) {
  const { summary, outcome } = figures;
  const code = encodeURIComponent(figures.period.code);
  return {
    pageTitle: `KO41a return, ${figures.period.label}`,
    organisationName,
    period: figures.period,
    periodText: `${ukDate(figures.period.start)} to ${ukDate(figures.period.end)}`,
    csvHref: `/reports/ko41a/csv?period=${code}`,
    summary: [
      { name: 'Brought forward', count: n(summary.broughtForward) },
      { name: 'New', count: n(summary.new) },
      { name: 'Resolved', count: n(summary.resolved) },
      { name: 'Carried forward', count: n(summary.carriedForward) },
    ],
    outcomes: [
      { name: 'Upheld', count: n(outcome.upheld) },
      { name: 'Partially upheld', count: n(outcome.partiallyUpheld) },
      { name: 'Not upheld', count: n(outcome.notUpheld) },
      { name: 'Withdrawn', count: n(outcome.withdrawn) },
    ],
    sections: [
      section(
        'age',
        'Age of patient',
        figures.ageOfPatient,
        'Each new complaint once, under the age band recorded on it; not known where none is recorded.',
      ),
      section(
        'complainant',
        'Status of complainant',
        figures.statusOfComplainant,
        'Each new complaint once, under who made it as recorded on it; not known where nothing is recorded.',
      ),
      section(
        'service-area',
        'Service area',
        figures.serviceArea,
        'Each new complaint once per service area its issues name; not known where none names one.',
      ),
      section(
        'clinical-treatment',
        'Clinical treatment sub-categories',
        figures.clinicalTreatment,
        'New complaints about clinical treatment, once per sub-category their clinical-treatment issues name; not known where none names one.',
      ),
      section(
        'subject',
        'Subject',
        figures.subject,
        'Each new complaint once per subject its issues name, so the total can exceed the new complaints.',
      ),
      section(
        'profession',
        'Profession',
        figures.profession,
        'Each new complaint once per profession of the staff groups its issues name.',
      ),
    ],
    validations: figures.validations.map((validation) => ({
      rule: validation.rule,
      result: validation.passed ? 'Passed' : 'Failed',
      passed: validation.passed,
      detail: validation.detail,
    })),
    failed: figures.validations.filter((validation) => !validation.passed).length,
  };
}
