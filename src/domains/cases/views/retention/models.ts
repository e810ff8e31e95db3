import { ukDate } from '#src/domains/calendar/index.ts';
import { type FieldErrors, formErrors } from '#src/web/forms.ts';
import { feedbackKindNames } from '../../kinds-and-channels.ts';
import type { RetentionCase } from '../../retention-service.ts';

// The view models of the retention pages (retention-routes.ts): the case files due for review,
// and the decision on one of them. Templates hold no logic.

export const retentionPath = '/cases/retention';
export const retentionDecisionPath = (recordId: string) => `${retentionPath}/${recordId}`;

/** The list of case files past their 10 years, each with a link to decide on it. */
export function retentionListPage(cases: readonly RetentionCase[]) {
  return {
    pageTitle: 'Case files due for a retention review',
    backLinkHref: '/cases',
    rows: cases.map((item) => ({
      reference: item.reference,
      caseHref: `/cases/${item.recordId}`,
      kind: feedbackKindNames[item.kind],
      service: item.unitName,
      summary: item.summary,
      closed: ukDate(item.closedDate),
      due: ukDate(item.reviewDate),
      decideHref: retentionDecisionPath(item.recordId),
    })),
  };
}

const fieldsInPageOrder = ['decision', 'reviewAgainDate', 'reason'];
const answerText = (answers: Record<string, unknown>, name: string) =>
  typeof answers[name] === 'string' ? (answers[name] as string) : undefined;
const errorOf = (errors: FieldErrors, name: string) => (errors[name] ? { text: errors[name] } : undefined);

/** The decision form for one case file: destroy it, or keep it until a later review. */
export function retentionDecisionPage(input: {
  item: RetentionCase;
  answers?: Record<string, unknown>;
  errors?: FieldErrors;
}) {
  const { item, answers = {}, errors = {} } = input;
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  const chosen = answerText(answers, 'decision');
  return {
    pageTitle: `Decide what happens to the file of ${item.reference}`,
    backLinkHref: retentionPath,
    caption: item.reference,
    action: retentionDecisionPath(item.recordId),
    ...formErrors(errors, fieldsInPageOrder),
    detailRows: [
      row('Kind', feedbackKindNames[item.kind]),
      row('Service', item.unitName),
      row('Summary', item.summary),
      row('Closed', ukDate(item.closedDate)),
      row('Due for review', ukDate(item.reviewDate)),
    ],
    decision: {
      idPrefix: 'decision',
      name: 'decision',
      fieldset: { legend: { text: 'What should happen to the case file?', size: 's' } },
      errorMessage: errorOf(errors, 'decision'),
      items: [
        {
          value: 'destroy',
          text: 'Destroy it',
          hint: {
            text: 'The personal details, notes, meeting notes, attachments, response letter and task descriptions are removed for good. Its dates, service, summary, issues and outcomes are kept for returns and reports.',
          },
          checked: chosen === 'destroy',
        },
        {
          value: 'retain',
          text: 'Keep it and review it again later',
          checked: chosen === 'retain',
        },
      ],
    },
    reviewAgainDate: {
      id: 'reviewAgainDate',
      name: 'reviewAgainDate',
      type: 'date',
      label: { text: 'If you keep it, when should it be reviewed again?', size: 's' },
      hint: { text: 'For example, 2030-01-31' },
      classes: 'nhsuk-input--width-10',
      value: answerText(answers, 'reviewAgainDate'),
      errorMessage: errorOf(errors, 'reviewAgainDate'),
    },
    reason: {
      id: 'reason',
      name: 'reason',
      label: { text: 'Why?', size: 's' },
      hint: { text: 'Do not name anyone: the reason is kept after the file is destroyed' },
      value: answerText(answers, 'reason'),
      errorMessage: errorOf(errors, 'reason'),
    },
  };
}
