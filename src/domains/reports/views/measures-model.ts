import type { Period } from '#src/domains/calendar/index.ts';
import { ukDate } from '#src/domains/calendar/index.ts';
import { measureSourceNames, measureSources } from '../measures.ts';
import type { MeasureSummary } from '../measures-register.ts';
import { tableView } from './quarterly-model.ts';

// The measures register's pages: the list with RAG, the measure with its chart and data table,
// and the forms to add a measure and to enter a quarter's value.

const ragClasses = {
  green: 'nhsuk-tag--green',
  amber: 'nhsuk-tag--yellow',
  red: 'nhsuk-tag--red',
  grey: 'nhsuk-tag--grey',
} as const;
const ragWords = { green: 'Green', amber: 'Amber', red: 'Red', grey: 'No figure' } as const;

export const shownValue = (value: number | null, unit: MeasureSummary['unit']) =>
  value === null
    ? 'None yet'
    : unit === 'percent'
      ? `${Number(value.toFixed(1))}%`
      : Number(value.toFixed(2)).toLocaleString('en-GB');

export function measuresPage(period: Period, summaries: readonly MeasureSummary[], mayManage: boolean) {
  return {
    pageTitle: 'Measures register',
    period,
    mayManage,
    rows: summaries.map((summary) => ({
      href: `/reports/measures/${summary.measureId}?quarter=${encodeURIComponent(period.code)}`,
      name: summary.name,
      owner: summary.owner,
      target: `${summary.improvement === 'up' ? 'At least' : 'At most'} ${shownValue(summary.target, summary.unit)}`,
      deadline: summary.deadline ? ukDate(summary.deadline) : 'None',
      latest: summary.latest
        ? `${shownValue(summary.latest.value, summary.unit)} (${summary.latest.label})`
        : 'None yet',
      rag: { text: ragWords[summary.rag], classes: ragClasses[summary.rag], description: summary.ragText },
      variation: summary.variationText,
      assurance: summary.assuranceText,
    })),
  };
}

export function measurePage(
  period: Period,
  summary: MeasureSummary,
  mayManage: boolean,
  form?: {
    values: Record<string, unknown>;
    errors: Record<string, string>;
    errorList: { text?: string; href: string }[];
  },
) {
  return {
    pageTitle: summary.name,
    period,
    summary,
    rows: [
      { key: { text: 'Owner' }, value: { text: summary.owner } },
      {
        key: { text: 'Target' },
        value: {
          text: `${summary.improvement === 'up' ? 'At least' : 'At most'} ${shownValue(summary.target, summary.unit)}`,
        },
      },
      { key: { text: 'Deadline' }, value: { text: summary.deadline ? ukDate(summary.deadline) : 'None' } },
      { key: { text: 'Where the values come from' }, value: { text: measureSourceNames[summary.source] } },
      {
        key: { text: 'Latest' },
        value: {
          text: summary.latest
            ? `${shownValue(summary.latest.value, summary.unit)} (${summary.latest.label})`
            : 'None yet',
        },
      },
      { key: { text: 'Status' }, value: { text: summary.ragText } },
      { key: { text: 'Variation' }, value: { text: summary.variationText } },
      { key: { text: 'Assurance' }, value: { text: summary.assuranceText } },
    ],
    svg: summary.chart.svg,
    chartTitle: summary.chart.title,
    table: tableView(
      {
        id: `${summary.chart.id}-data`,
        title: `${summary.name} by quarter`,
        columns: ['Quarter', 'Value'],
        rows: summary.values.map((entry) => [entry.label, shownValue(entry.value, summary.unit)]),
        totalRows: [],
        countColumns: [],
        notes: [],
      },
      '',
    ),
    mayEnter: mayManage && summary.source === 'entered',
    action: `/reports/measures/${summary.measureId}/values`,
    quarter: typeof form?.values.quarter === 'string' ? form.values.quarter : period.code,
    value: typeof form?.values.value === 'string' ? form.values.value : '',
    errors: form?.errors ?? {},
    hasErrors: (form?.errorList.length ?? 0) > 0,
    errorList: form?.errorList ?? [],
  };
}

export function newMeasurePage(form?: {
  values: Record<string, unknown>;
  errors: Record<string, string>;
  errorList: { text?: string; href: string }[];
}) {
  const values = form?.values ?? {};
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  return {
    pageTitle: 'Add a measure',
    backLinkHref: '/reports/measures',
    values: { name: text('name'), target: text('target'), deadline: text('deadline'), owner: text('owner') },
    sources: measureSources.map((source) => ({
      value: source,
      text: measureSourceNames[source],
      checked: values.source === source,
    })),
    units: [
      { value: 'percent', text: 'A percentage', checked: values.unit === 'percent' },
      { value: 'number', text: 'A number', checked: values.unit === 'number' },
    ],
    improvements: [
      { value: 'up', text: 'Higher is better', checked: values.improvement === 'up' },
      { value: 'down', text: 'Lower is better', checked: values.improvement === 'down' },
    ],
    errors: form?.errors ?? {},
    hasErrors: (form?.errorList.length ?? 0) > 0,
    errorList: form?.errorList ?? [],
  };
}
