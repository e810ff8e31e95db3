import { readFile } from 'node:fs/promises';
import type { Config } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import {
  actionsService,
  cqcColumns,
  readTableFile,
  tableColumns,
  todayInEngland,
} from '#src/domains/actions/index.ts';
import { addDays, addWorkingDays, type IsoDate } from '#src/domains/calendar/index.ts';
import { principalForUser } from '#src/domains/identity/index.ts';
import type { Actor } from '#src/web/principal.ts';
import { demoAccounts } from './accounts.ts';

// The demo trust's action plans: the independent review's 18 recommendations (the seed document,
// as docs/action-plans/independent-review-2014.csv), imported as a trust would import its own,
// and a CQC inspection's must-do and should-do actions due around the day the demo is loaded. The
// review names its leads by job title; some of its open actions are given to demo accounts (the
// job title stays as the review wrote it), so that signing in as them shows "My actions" with
// overdue items, and the CQC plan gives them actions due within days, which the reminders pick up.

const reviewTable = new URL('../../docs/action-plans/independent-review-2014.csv', import.meta.url);

const emailOf = (role: string) => demoAccounts.find((account) => account.role === role)?.email ?? '';
const nameOf = (role: string) => demoAccounts.find((account) => account.role === role)?.displayName ?? '';

/** The demo accounts that lead actions, in turn. */
export const demoLeadRoles = ['investigator', 'service_manager', 'complaints_officer'] as const;

/** How many of the review's open actions go to demo accounts; the rest keep only a job title. */
const reviewActionsForDemoLeads = 6;

/** A CQC inspection's plan, laid out as a trust's table, with dates around today. */
export function demoCqcPlanTable(today: IsoDate): string[][] {
  const [investigator, manager, officer] = demoLeadRoles.map(nameOf);
  const soon = (days: number) => addWorkingDays(today, days);
  const ago = (days: number) => addDays(today, -days);
  // The review's columns and a CQC plan's two more, as the import reads them.
  const header = [...tableColumns, ...cqcColumns];
  const row = (...cells: string[]) => cells;
  return [
    header,
    row(
      '1',
      'Medicines must be stored at safe temperatures on every ward',
      investigator ?? '',
      'Fridge logs introduced on two wards',
      'Roll the logs out to every ward',
      soon(2),
      'Monthly fridge log audit',
      'Every ward logs every day',
      'Quality and Safety Committee',
      'In progress',
      'Must do',
      'Safe',
    ),
    row(
      '1',
      'Medicines must be stored at safe temperatures on every ward',
      manager ?? '',
      '',
      'Replace the fridges that fail the audit',
      ago(7),
      'Estates log',
      'No fridge out of range for a month',
      'Quality and Safety Committee',
      'In progress',
      'Must do',
      'Safe',
    ),
    row(
      '2',
      'Care plans should show the person’s own goals',
      officer ?? '',
      '',
      'Add goals to the care plan template',
      addDays(today, 40),
      'Care plan audit of 20 records',
      '90% of plans show the person’s goals',
      'Clinical Governance Group',
      'Not started',
      'Should do',
      'Effective',
    ),
    row(
      '3',
      'People should be asked how they want to be addressed',
      investigator ?? '',
      'Question added to the admission checklist',
      '',
      ago(20),
      'Admission checklist audit',
      'Every admission records it',
      'Patient Experience Group',
      'Completed',
      'Should do',
      'Caring',
    ),
    row(
      '4',
      'Complaints should be acknowledged within three working days',
      manager ?? '',
      '',
      'Daily check of new complaints by the locality',
      soon(1),
      'Weekly acknowledgement report',
      'Every complaint acknowledged in time',
      'Patient Experience Group',
      'Not started',
      'Should do',
      'Responsive',
    ),
    row(
      '5',
      'The board must receive a monthly report of overdue actions',
      investigator ?? '',
      '',
      'Add overdue actions to the board report',
      ago(3),
      'Board minutes',
      'Report received every month',
      'Trust Board',
      'In progress',
      'Must do',
      'Well-led',
    ),
  ];
}

export async function loadDemoActions(
  db: Database,
  orgId: string,
  actor: Actor,
  config: Pick<Config, 'ATTACHMENT_MAX_MEGABYTES'>,
  clock: () => Date = () => new Date(),
) {
  const actions = actionsService({ db, config, clock });
  const review = await actions.importPlan(
    orgId,
    actor,
    {
      name: 'Independent review action plan 2014',
      source: 'independent-review',
      sourceDescription: 'Action plan in response to an independent review, progress as at January 2014',
      reportedTo: 'Directorate Management Group',
    },
    await readTableFile(await readFile(reviewTable)),
  );
  if (!review.plan) throw new Error('the demo action plan was refused');
  const cqc = await actions.importPlan(
    orgId,
    actor,
    {
      name: 'CQC inspection action plan',
      source: 'cqc-inspection',
      sourceDescription: 'Must-do and should-do actions from the trust’s latest CQC inspection report',
      reportedTo: 'Quality and Safety Committee',
    },
    demoCqcPlanTable(todayInEngland(clock())),
  );
  if (!cqc.plan) throw new Error('the demo CQC action plan was refused');

  // The plans team hands some of the review's open actions to demo accounts, as a trust names its leads.
  const officer = actor.id ? await principalForUser(db, orgId, actor.id) : null;
  if (officer) {
    const people = await actions.possibleLeads(orgId);
    const leadIds = demoLeadRoles
      .map((role) => people.find((person) => person.email === emailOf(role))?.userId)
      .filter((id): id is string => Boolean(id));
    const { actions: reviewActions } = await actions.planView(orgId, review.plan.planId);
    const open = reviewActions.filter((action) => action.status !== 'completed' && action.dueDate);
    for (const [index, action] of open.slice(0, reviewActionsForDemoLeads).entries()) {
      const leadUserId = leadIds[index % leadIds.length];
      if (leadUserId) await actions.updateAction(officer, action.actionId, action.version, { leadUserId });
    }
  }
  return review.plan;
}
