import { ukDate } from '#src/domains/calendar/index.ts';
import type { FieldErrors } from '#src/web/forms.ts';
import type { Answers } from '../forms.ts';
import { auditChartSvg, percentText } from './audit-chart.ts';
import { dateField, formPage, selectField, textField } from './form-fields.ts';

interface AuditView {
  audit: { auditId: string; name: string; targetPercent: number };
  measurements: { measuredOn: string; compliancePercent: number }[];
}

export function auditsPage(
  audits: readonly { auditId: string; name: string; targetPercent: string }[],
  mayManage: boolean,
) {
  return {
    pageTitle: 'Clinical audits',
    mayManage,
    audits: audits.map((audit) => ({
      href: `/actions/audits/${audit.auditId}`,
      text: audit.name,
      target: percentText(Number(audit.targetPercent)),
    })),
  };
}

export function auditPage(
  view: AuditView,
  mayManage: boolean,
  answers: Answers = {},
  errors: FieldErrors = {},
) {
  const { audit, measurements } = view;
  const latest = measurements[measurements.length - 1];
  return {
    ...formPage({
      pageTitle: audit.name,
      action: `/actions/audits/${audit.auditId}/measurements`,
      submit: 'Add the measurement',
      backLinkHref: '/actions/audits',
      errors,
      fields: [
        dateField('measuredOn', 'Date of the audit', answers, errors),
        { ...textField('compliance', 'Compliance found (%)', answers, errors, 'For example, 89.87') },
      ],
    }),
    mayManage,
    chartSvg: auditChartSvg(
      `${audit.name}: compliance against the ${percentText(audit.targetPercent)} target`,
      measurements,
      audit.targetPercent,
    ),
    summary: latest
      ? `Latest: ${percentText(latest.compliancePercent)} on ${ukDate(latest.measuredOn)}, ${latest.compliancePercent >= audit.targetPercent ? 'meeting' : 'below'} the target of ${percentText(audit.targetPercent)}.`
      : 'Not measured yet.',
    rows: measurements.map((m, index) => {
      const before = measurements[index - 1];
      const change = before ? m.compliancePercent - before.compliancePercent : null;
      return [
        { text: ukDate(m.measuredOn) },
        { text: percentText(m.compliancePercent), format: 'numeric' },
        {
          text: change === null ? '–' : `${change >= 0 ? '+' : '−'}${Math.abs(change).toFixed(2)} points`,
          format: 'numeric',
        },
        { text: m.compliancePercent >= audit.targetPercent ? 'Yes' : 'No' },
      ];
    }),
  };
}

export function newAuditPage(
  answers: Answers,
  errors: FieldErrors,
  units: readonly { unitId: string; name: string }[],
) {
  return formPage({
    pageTitle: 'Add a clinical audit',
    action: '/actions/audits/new',
    submit: 'Add the audit',
    backLinkHref: '/actions/audits',
    errors,
    fields: [
      textField('name', 'Name', answers, errors, 'For example, Reasons for treatment changes documented'),
      selectField(
        'unitId',
        'Unit',
        units.map((unit) => ({ value: unit.unitId, text: unit.name })),
        answers,
        errors,
        'The whole organisation',
      ),
      { ...textField('target', 'Target compliance (%)', answers, errors, 'For example, 95') },
    ],
  });
}
