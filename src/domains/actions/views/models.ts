import { ukDate } from '#src/domains/calendar/index.ts';
import type { FieldErrors } from '#src/web/forms.ts';
import type { Answers } from '../forms.ts';
import { formatDueDate, type PlanProgress } from '../rules.ts';
import type { ActionPlanRow, RecommendationRow } from '../schema.ts';
import type { ShownAction } from '../service.ts';
import {
  actionStatuses,
  assuranceLevelNames,
  assuranceLevels,
  cqcRequirementNames,
  cqcRequirements,
  keyQuestionNames,
  keyQuestions,
  planSourceNames,
  planSources,
  type ShownStatus,
  shownStatuses,
  statusNames,
  visitTypeNames,
  visitTypes,
} from '../words.ts';
import {
  type Choice,
  dateField,
  type FormField,
  formPage,
  radioField,
  selectField,
  textArea,
  textField,
} from './form-fields.ts';

// View models of the action pages: pure functions from what the service returns to the
// parameters of the NHS.UK macros. Templates only place them.

const tagColours: Record<ShownStatus, string> = {
  'not-started': 'nhsuk-tag--grey',
  'in-progress': 'nhsuk-tag--blue',
  overdue: 'nhsuk-tag--red',
  completed: 'nhsuk-tag--green',
};

export const statusTag = (status: ShownStatus) => ({
  text: statusNames[status],
  classes: tagColours[status],
});
export const actionHref = (actionId: string) => `/actions/${actionId}`;
export const planHref = (planId: string) => `/actions/plans/${planId}`;

const dueText = (action: Pick<ShownAction, 'dueDate' | 'dueDatePrecision'>) =>
  action.dueDate
    ? action.dueDatePrecision === 'month'
      ? `by the end of ${formatDueDate({ date: action.dueDate, precision: 'month' })}`
      : ukDate(action.dueDate)
    : 'No date';

const cell = (text: string) => ({ text });
const htmlLink = (href: string, text: string) =>
  `<a href="${href}">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</a>`;

/** One row of an actions table: what to do, whose plan, when, and its status. */
function actionRow(action: ShownAction, withPlan: boolean) {
  const what =
    action.furtherAction ?? action.actionCompleted ?? `Recommendation ${action.recommendationNumber}`;
  return {
    href: actionHref(action.actionId),
    linkText: `${withPlan ? `${action.planName}, ` : ''}recommendation ${action.recommendationNumber}`,
    what: what.length > 140 ? `${what.slice(0, 137)}…` : what,
    lead: action.leadDisplayName ?? action.leadName ?? 'No lead',
    due: dueText(action),
    tag: statusTag(action.shownStatus),
  };
}

export function myActionsPage(actions: readonly ShownAction[]) {
  const open = actions.filter((action) => action.shownStatus !== 'completed');
  return {
    pageTitle: 'My actions',
    rows: open.map((action) => actionRow(action, true)),
    completedCount: actions.length - open.length,
  };
}

export function overduePage(groups: readonly { unitName: string; actions: ShownAction[] }[]) {
  return {
    pageTitle: 'Overdue actions by unit',
    groups: groups.map((group) => ({
      unitName: group.unitName,
      rows: group.actions.map((action) => actionRow(action, true)),
    })),
  };
}

const assuranceText = (plan: Pick<ActionPlanRow, 'assuranceLevel'>) =>
  plan.assuranceLevel ? assuranceLevelNames[plan.assuranceLevel] : 'Not yet assessed';

/** Counts by status as a table's rows, in the order work moves. */
function statusRows(counts: PlanProgress['counts']) {
  return shownStatuses.map((status) => [
    cell(statusNames[status]),
    { text: String(counts[status]), format: 'numeric' },
  ]);
}

export function boardPage(
  plans: readonly { plan: ActionPlanRow; progress: PlanProgress }[],
  mayManage: boolean,
) {
  const total = { actions: 0, completed: 0, overdue: 0 };
  for (const { progress } of plans) {
    total.actions += progress.counts.total;
    total.completed += progress.counts.completed;
    total.overdue += progress.counts.overdue;
  }
  return {
    pageTitle: 'Action plans and their assurance',
    mayManage,
    total,
    rows: plans.map(({ plan, progress }) => [
      { html: htmlLink(planHref(plan.planId), plan.name) },
      cell(planSourceNames[plan.source]),
      { text: String(progress.counts.total), format: 'numeric' },
      { text: progress.percentComplete === null ? '–' : `${progress.percentComplete}%`, format: 'numeric' },
      { text: String(progress.counts.overdue), format: 'numeric' },
      cell(assuranceText(plan)),
    ]),
  };
}

export function planPage(view: {
  plan: ActionPlanRow;
  recommendations: readonly RecommendationRow[];
  actions: readonly ShownAction[];
  progress: PlanProgress;
  unitName: string | null;
  mayManage: boolean;
  sourceReference?: string | null;
}) {
  const { plan, progress } = view;
  const showKeyQuestions =
    plan.source === 'cqc-inspection' || view.actions.some((action) => action.keyQuestion);
  const source = plan.visitType
    ? `${planSourceNames[plan.source]}: ${visitTypeNames[plan.visitType]}`
    : planSourceNames[plan.source];
  return {
    pageTitle: plan.name,
    planId: plan.planId,
    mayManage: view.mayManage,
    summaryRows: [
      { key: { text: 'Source' }, value: { text: source } },
      ...(view.sourceReference
        ? [{ key: { text: 'Prompted by' }, value: { text: view.sourceReference } }]
        : []),
      ...(plan.sourceDescription
        ? [{ key: { text: 'About' }, value: { text: plan.sourceDescription } }]
        : []),
      { key: { text: 'Unit' }, value: { text: view.unitName ?? 'The whole organisation' } },
      ...(plan.reportedTo ? [{ key: { text: 'Reported to' }, value: { text: plan.reportedTo } }] : []),
      {
        key: { text: 'Assurance' },
        value: { text: `${assuranceText(plan)}${plan.assuranceReason ? `: ${plan.assuranceReason}` : ''}` },
      },
    ],
    percentComplete: progress.percentComplete,
    statusRows: statusRows(progress.counts),
    total: progress.counts.total,
    showKeyQuestions,
    keyQuestionRows: progress.byKeyQuestion.map((entry) => [
      cell(keyQuestionNames[entry.keyQuestion]),
      { text: String(entry.mustDo.total), format: 'numeric' },
      { text: String(entry.shouldDo.total), format: 'numeric' },
      { text: String(entry.counts.completed), format: 'numeric' },
      { text: String(entry.counts['in-progress'] + entry.counts['not-started']), format: 'numeric' },
      { text: String(entry.counts.overdue), format: 'numeric' },
    ]),
    recommendations: view.recommendations.map((recommendation) => ({
      number: recommendation.number,
      text: recommendation.text,
      rows: view.actions
        .filter((action) => action.recommendationId === recommendation.recommendationId)
        .map((action) => ({
          ...actionRow(action, false),
          requirement: [
            action.cqcRequirement ? cqcRequirementNames[action.cqcRequirement] : '',
            action.keyQuestion ? keyQuestionNames[action.keyQuestion] : '',
          ]
            .filter(Boolean)
            .join(', '),
        })),
    })),
    exports: [
      { href: `/actions/plans/${plan.planId}/export/csv`, text: 'Download as CSV' },
      { href: `/actions/plans/${plan.planId}/export/xlsx`, text: 'Download as Excel' },
      { href: `/actions/plans/${plan.planId}/export/docx`, text: 'Download as Word for the committee' },
    ],
  };
}

export function actionPage(view: {
  action: ShownAction;
  evidence: readonly {
    evidenceId: string;
    note: string | null;
    fileName: string | null;
    sizeBytes: number | null;
    addedByName: string;
    createdAt: Date;
  }[];
  mayUpdate: boolean;
  mayManage: boolean;
}) {
  const { action } = view;
  const optional = (key: string, value: string | null) =>
    value ? [{ key: { text: key }, value: { text: value } }] : [];
  return {
    pageTitle: `Recommendation ${action.recommendationNumber}: action`,
    caption: action.planName,
    backLinkHref: planHref(action.planId),
    actionId: action.actionId,
    version: action.version,
    statusTag: statusTag(action.shownStatus),
    mayUpdate: view.mayUpdate,
    mayComplete: view.mayUpdate && action.status !== 'completed',
    mayReopen: view.mayUpdate && action.status === 'completed',
    summaryRows: [
      { key: { text: 'Lead' }, value: { text: action.leadDisplayName ?? action.leadName ?? 'No lead' } },
      { key: { text: 'Due' }, value: { text: dueText(action) } },
      { key: { text: 'Status' }, value: { text: statusNames[action.shownStatus] } },
      ...optional('Completed on', action.completedDate ? ukDate(action.completedDate) : null),
      ...optional(
        'Reopened',
        action.reopenedOn ? `${ukDate(action.reopenedOn)}: ${action.reopenReason ?? ''}` : null,
      ),
      ...optional('Action completed', action.actionCompleted),
      ...optional('Further action', action.furtherAction),
      ...optional('Method of measurement', action.methodOfMeasurement),
      ...optional('Outcome indicator', action.outcomeIndicator),
      ...optional('Reported to', action.reportedTo),
      ...optional(
        'Must do or should do',
        action.cqcRequirement ? cqcRequirementNames[action.cqcRequirement] : null,
      ),
      ...optional('Key question', action.keyQuestion ? keyQuestionNames[action.keyQuestion] : null),
      ...optional('Unit', action.unitName),
      ...optional(
        'Assurance',
        action.assuranceLevel
          ? `${assuranceLevelNames[action.assuranceLevel]}${action.assuranceReason ? `: ${action.assuranceReason}` : ''}`
          : null,
      ),
    ],
    evidence: view.evidence.map((item) => ({
      note: item.note,
      file: item.fileName
        ? {
            href: `/actions/${action.actionId}/evidence/${item.evidenceId}`,
            text: item.fileName,
            size: `${Math.max(1, Math.round((item.sizeBytes ?? 0) / 1024))}KB`,
          }
        : null,
      by: item.addedByName,
      at: item.createdAt,
    })),
  };
}

const choices = <T extends string>(values: readonly T[], names: Record<T, string>): Choice[] =>
  values.map((value) => ({ value, text: names[value] }));

export function newPlanPage(
  answers: Answers,
  errors: FieldErrors,
  units: readonly { unitId: string; name: string }[],
) {
  return formPage({
    pageTitle: 'Start an action plan',
    action: '/actions/plans/new',
    submit: 'Start the plan',
    backLinkHref: '/actions/plans',
    errors,
    fields: [
      textField(
        'name',
        'Name',
        answers,
        errors,
        'How the plan is known, for example CQC inspection March 2024',
      ),
      radioField('source', 'Where it comes from', choices(planSources, planSourceNames), answers, errors),
      radioField(
        'visitType',
        'Kind of quality visit (for a visit’s plan)',
        choices(visitTypes, visitTypeNames),
        answers,
        errors,
      ),
      selectField(
        'unitId',
        'Unit',
        units.map((unit) => ({ value: unit.unitId, text: unit.name })),
        answers,
        errors,
        'The whole organisation',
      ),
      textField(
        'sourceReference',
        'Reference of the complaint or concern it answers (optional)',
        answers,
        errors,
        'For example, C-2017-00042',
      ),
      textField('sourceDescription', 'About (optional)', answers, errors, 'No names or personal details'),
      textField('reportedTo', 'Committee it reports to (optional)', answers, errors),
    ],
  });
}

export function recommendationPage(planId: string, planName: string, answers: Answers, errors: FieldErrors) {
  return formPage({
    pageTitle: 'Add a recommendation',
    caption: planName,
    action: `/actions/plans/${planId}/recommendations/new`,
    submit: 'Add the recommendation',
    backLinkHref: planHref(planId),
    errors,
    fields: [
      {
        ...textField('number', 'Number', answers, errors, 'As the source numbers it, for example 3 or 3a'),
        params: {
          ...textField('number', 'Number', answers, errors, 'As the source numbers it, for example 3 or 3a')
            .params,
          classes: 'nhsuk-input--width-5',
        },
      },
      textArea('text', 'Recommendation', answers, errors),
    ],
  });
}

export interface ActionFormContext {
  asManager: boolean;
  leads: readonly { userId: string; displayName: string }[];
  units: readonly { unitId: string; name: string }[];
  recommendations?: readonly RecommendationRow[];
}

export function actionFormFields(
  answers: Answers,
  errors: FieldErrors,
  context: ActionFormContext,
): FormField[] {
  const fields: FormField[] = [];
  if (context.recommendations) {
    fields.push(
      selectField(
        'recommendationId',
        'Recommendation',
        context.recommendations.map((row) => ({
          value: row.recommendationId,
          text: `${row.number}: ${row.text.slice(0, 80)}`,
        })),
        answers,
        errors,
        'Select a recommendation',
      ),
    );
  }
  if (context.asManager) {
    fields.push(
      selectField(
        'leadUserId',
        'Lead',
        context.leads.map((lead) => ({ value: lead.userId, text: lead.displayName })),
        answers,
        errors,
        'No one in Heard',
      ),
      textField(
        'leadName',
        'Lead as the plan names them (optional)',
        answers,
        errors,
        'A role, for example Associate Director Community Services',
      ),
      dateField('dueDate', 'Due date', answers, errors),
    );
  }
  fields.push(
    textArea('actionCompleted', 'Action completed', answers, errors, 'What has been done so far'),
    textArea('furtherAction', 'Further action', answers, errors, 'What is still to do'),
    radioField('status', 'Status', choices(actionStatuses, statusNames), answers, errors),
  );
  if (context.asManager) {
    fields.push(
      textField('methodOfMeasurement', 'Method of measurement (optional)', answers, errors),
      textField('outcomeIndicator', 'Outcome indicator (optional)', answers, errors),
      textField('reportedTo', 'Reported to (optional)', answers, errors),
      radioField(
        'cqcRequirement',
        'For a CQC plan: must do or should do',
        choices(cqcRequirements, cqcRequirementNames),
        answers,
        errors,
      ),
      radioField(
        'keyQuestion',
        'For a CQC plan: key question',
        choices(keyQuestions, keyQuestionNames),
        answers,
        errors,
      ),
      selectField(
        'unitId',
        'Unit that carries it out',
        context.units.map((unit) => ({ value: unit.unitId, text: unit.name })),
        answers,
        errors,
        'The plan’s unit',
      ),
      radioField(
        'assuranceLevel',
        'Assurance (optional)',
        choices(assuranceLevels, assuranceLevelNames),
        answers,
        errors,
      ),
      textArea('assuranceReason', 'Why this level of assurance', answers, errors),
    );
  }
  return fields;
}

export function newActionPage(
  planId: string,
  planName: string,
  answers: Answers,
  errors: FieldErrors,
  context: ActionFormContext,
) {
  return formPage({
    pageTitle: 'Add an action',
    caption: planName,
    action: `/actions/plans/${planId}/actions/new`,
    submit: 'Add the action',
    backLinkHref: planHref(planId),
    errors,
    fields: actionFormFields(answers, errors, context),
  });
}

export function updateActionPage(
  action: ShownAction,
  answers: Answers,
  errors: FieldErrors,
  context: ActionFormContext,
) {
  return {
    ...formPage({
      pageTitle: 'Update the action',
      caption: `${action.planName}, recommendation ${action.recommendationNumber}`,
      action: `/actions/${action.actionId}/update`,
      submit: 'Save the update',
      backLinkHref: actionHref(action.actionId),
      errors,
      fields: actionFormFields(answers, errors, context),
    }),
    version: answers.version ?? String(action.version),
  };
}

/** The action's current values as the update form's answers. */
export function answersFromAction(action: ShownAction): Answers {
  const [year = '', month = '', day = ''] = (action.dueDate ?? '').split('-');
  return {
    leadUserId: action.leadUserId ?? '',
    leadName: action.leadName ?? '',
    'dueDate[day]': day ? String(Number(day)) : '',
    'dueDate[month]': month ? String(Number(month)) : '',
    'dueDate[year]': year,
    actionCompleted: action.actionCompleted ?? '',
    furtherAction: action.furtherAction ?? '',
    status: action.status,
    methodOfMeasurement: action.methodOfMeasurement ?? '',
    outcomeIndicator: action.outcomeIndicator ?? '',
    reportedTo: action.reportedTo ?? '',
    cqcRequirement: action.cqcRequirement ?? '',
    keyQuestion: action.keyQuestion ?? '',
    unitId: action.unitId ?? '',
    assuranceLevel: action.assuranceLevel ?? '',
    assuranceReason: action.assuranceReason ?? '',
    version: String(action.version),
  };
}

export function evidencePage(
  action: ShownAction,
  answers: Answers,
  errors: FieldErrors,
  maxMegabytes: number,
) {
  return formPage({
    pageTitle: 'Record evidence',
    caption: `${action.planName}, recommendation ${action.recommendationNumber}`,
    action: `/actions/${action.actionId}/evidence`,
    submit: 'Record the evidence',
    backLinkHref: actionHref(action.actionId),
    multipart: true,
    intro:
      'A note of what shows the action was done, a file, or both. No names or personal details of patients.',
    errors,
    fields: [
      textArea(
        'note',
        'Note',
        answers,
        errors,
        'For example, attendance records show 76% of the target group trained',
      ),
      {
        macro: 'fileUpload',
        params: {
          id: 'file',
          name: 'file',
          label: { text: 'File (optional)', size: 's' },
          hint: { text: `A PDF, Word document, text file, picture or email, smaller than ${maxMegabytes}MB` },
          errorMessage: errors.file ? { text: errors.file } : undefined,
        },
      },
    ],
  });
}

export function assurancePage(plan: ActionPlanRow, answers: Answers, errors: FieldErrors) {
  return formPage({
    pageTitle: 'Record the plan’s assurance',
    caption: plan.name,
    action: `/actions/plans/${plan.planId}/assurance`,
    submit: 'Record the assurance',
    backLinkHref: planHref(plan.planId),
    errors,
    fields: [
      radioField(
        'assuranceLevel',
        'Level of assurance',
        choices(assuranceLevels, assuranceLevelNames),
        answers,
        errors,
      ),
      textArea('assuranceReason', 'Why this level', answers, errors, 'The evidence the judgement rests on'),
    ],
  });
}

export function importPage(answers: Answers, errors: FieldErrors, report: readonly string[] = []) {
  return {
    ...formPage({
      pageTitle: 'Import an action plan',
      action: '/actions/plans/import',
      submit: 'Import the plan',
      backLinkHref: '/actions/plans',
      multipart: true,
      intro:
        'A CSV or Excel file with the columns No, Recommendation, Lead, Action completed, Further action, Date, Methods of measurement, Outcome indicators, Reported to and Status. A CQC plan may add Must do or should do, and Key question. If any row has a problem, nothing is imported.',
      errors,
      fields: [
        textField('name', 'Name of the plan', answers, errors),
        radioField('source', 'Where it comes from', choices(planSources, planSourceNames), answers, errors),
        radioField(
          'visitType',
          'Kind of quality visit (for a visit’s plan)',
          choices(visitTypes, visitTypeNames),
          answers,
          errors,
        ),
        {
          macro: 'fileUpload',
          params: {
            id: 'file',
            name: 'file',
            label: { text: 'File', size: 's' },
            errorMessage: errors.file ? { text: errors.file } : undefined,
          },
        },
      ],
    }),
    report,
  };
}

/** The form that reopens a completed action: why, shown on the action's page. */
export function reopenActionPage(action: ShownAction, answers: Answers, errors: FieldErrors) {
  return formPage({
    pageTitle: 'Reopen the action',
    caption: `${action.planName}, recommendation ${action.recommendationNumber}`,
    action: `/actions/${action.actionId}/reopen`,
    submit: 'Reopen the action',
    backLinkHref: `/actions/${action.actionId}`,
    errors,
    hiddenFields: [{ name: 'version', value: String(action.version) }],
    fields: [
      textArea(
        'reason',
        'Why is it being reopened?',
        answers,
        errors,
        'For example, the audit found it was not done',
      ),
    ],
  });
}
