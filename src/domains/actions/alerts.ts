import type { Config } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { type IsoDate, ukDate } from '#src/domains/calendar/index.ts';
import { queueMessage } from '#src/domains/messages/index.ts';
import { listOrganisations } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { noteAlertQueued, openActionsWithLeads } from './alert-queries.ts';
import {
  isDigestDay,
  isOverdue,
  overdueAlertDue,
  reminderDue,
  todayInEngland,
  weekStarting,
} from './rules.ts';
import type { ActionAlertKind } from './schema.ts';

// Issue 7: reminders to leads before their actions are due, overdue alerts, and a weekly digest
// per lead, through the messages outbox. As for cases (cases/alerts.ts), each alert's note in
// action_alerts and its message commit together, so each is queued once however often the pass
// runs, and a Notify outage only delays it. Messages name the plan and recommendation, never a person.

export type ActionAlertsConfig = Pick<
  Config,
  | 'PUBLIC_URL'
  | 'ACTION_REMINDER_WORKING_DAYS'
  | 'NOTIFY_TEMPLATE_ACTION_REMINDER_EMAIL'
  | 'NOTIFY_TEMPLATE_ACTION_OVERDUE_EMAIL'
  | 'NOTIFY_TEMPLATE_ACTION_DIGEST_EMAIL'
>;

export interface ActionAlertCounts {
  reminders: number;
  overdue: number;
  digests: number;
}

const actor = systemActor('Action plan reminders');
const linkTo = (publicUrl: string | undefined, path: string) =>
  publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : path;

/** The digests due in one organisation today: each lead's open, overdue and soon-due counts. */
function digestsFor(
  actions: Awaited<ReturnType<typeof openActionsWithLeads>>,
  today: IsoDate,
  reminderDays: number,
) {
  const byLead = new Map<string, { email: string; open: number; overdue: number; dueSoon: number }>();
  for (const action of actions) {
    const entry = byLead.get(action.leadUserId) ?? {
      email: action.leadEmail,
      open: 0,
      overdue: 0,
      dueSoon: 0,
    };
    entry.open += 1;
    if (isOverdue(action, today)) entry.overdue += 1;
    else if (reminderDue(action, today, reminderDays)) entry.dueSoon += 1;
    byLead.set(action.leadUserId, entry);
  }
  return byLead;
}

async function passFor(db: Database, orgId: string, config: ActionAlertsConfig, today: IsoDate) {
  const counts: ActionAlertCounts = { reminders: 0, overdue: 0, digests: 0 };
  const actions = await withOrg(db, orgId, (tx) => openActionsWithLeads(tx, orgId));
  const queueOnce = async (
    kind: ActionAlertKind,
    subjectId: string,
    forDate: IsoDate,
    message: {
      templateId: string;
      recipient: string;
      personalisation: Record<string, string>;
      purpose: string;
    },
  ) =>
    withOrg(db, orgId, async (tx) => {
      if (!(await noteAlertQueued(tx, { orgId, subjectId, kind, forDate }))) return false;
      await queueMessage(tx, orgId, actor, {
        channel: 'email',
        ...message,
        related: { type: kind === 'weekly-digest' ? 'user' : 'action', id: subjectId },
      });
      return true;
    });

  for (const action of actions) {
    if (!action.dueDate) continue;
    const personalisation = {
      plan: action.planName,
      recommendation: action.recommendationNumber,
      due_date: ukDate(action.dueDate),
      link: linkTo(config.PUBLIC_URL, `/actions/${action.actionId}`),
    };
    const reminderTemplate = config.NOTIFY_TEMPLATE_ACTION_REMINDER_EMAIL;
    if (reminderTemplate && reminderDue(action, today, config.ACTION_REMINDER_WORKING_DAYS)) {
      const queued = await queueOnce('due-reminder', action.actionId, action.dueDate, {
        templateId: reminderTemplate,
        recipient: action.leadEmail,
        personalisation,
        purpose: 'action.due-reminder',
      });
      if (queued) counts.reminders += 1;
    }
    const overdueTemplate = config.NOTIFY_TEMPLATE_ACTION_OVERDUE_EMAIL;
    if (overdueTemplate && overdueAlertDue(action, today)) {
      const queued = await queueOnce('overdue', action.actionId, action.dueDate, {
        templateId: overdueTemplate,
        recipient: action.leadEmail,
        personalisation,
        purpose: 'action.overdue',
      });
      if (queued) counts.overdue += 1;
    }
  }
  const digestTemplate = config.NOTIFY_TEMPLATE_ACTION_DIGEST_EMAIL;
  if (digestTemplate && isDigestDay(today)) {
    for (const [leadUserId, digest] of digestsFor(actions, today, config.ACTION_REMINDER_WORKING_DAYS)) {
      const queued = await queueOnce('weekly-digest', leadUserId, weekStarting(today), {
        templateId: digestTemplate,
        recipient: digest.email,
        personalisation: {
          open_count: String(digest.open),
          overdue_count: String(digest.overdue),
          due_soon_count: String(digest.dueSoon),
          link: linkTo(config.PUBLIC_URL, '/actions'),
        },
        purpose: 'action.weekly-digest',
      });
      if (queued) counts.digests += 1;
    }
  }
  return counts;
}

/** One pass over every organisation; safe to run as often as anyone likes. */
export async function queueActionAlerts(
  db: Database,
  config: ActionAlertsConfig,
  options: { now?: Date } = {},
): Promise<ActionAlertCounts> {
  const today = todayInEngland(options.now ?? new Date());
  const total: ActionAlertCounts = { reminders: 0, overdue: 0, digests: 0 };
  const anyTemplate =
    config.NOTIFY_TEMPLATE_ACTION_REMINDER_EMAIL ||
    config.NOTIFY_TEMPLATE_ACTION_OVERDUE_EMAIL ||
    config.NOTIFY_TEMPLATE_ACTION_DIGEST_EMAIL;
  if (!anyTemplate) return total;
  for (const organisation of await listOrganisations(db)) {
    const counts = await passFor(db, organisation.orgId, config, today);
    total.reminders += counts.reminders;
    total.overdue += counts.overdue;
    total.digests += counts.digests;
  }
  return total;
}

export function actionAlertsSummary(counts: ActionAlertCounts): string {
  return `Queued ${counts.reminders} action reminders, ${counts.overdue} overdue alerts and ${counts.digests} weekly digests.`;
}

/** Runs the pass at start and every 15 minutes, one at a time, without keeping the process alive. */
export function startActionAlerts(
  db: Database,
  config: ActionAlertsConfig,
  log: { info(message: string): void; error(details: object, message: string): void },
  options: { intervalMs?: number } = {},
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= queueActionAlerts(db, config)
      .then((counts) => {
        if (counts.reminders + counts.overdue + counts.digests > 0) log.info(actionAlertsSummary(counts));
      })
      .catch((error: unknown) => log.error({ err: error }, 'queuing action plan reminders failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, options.intervalMs ?? 15 * 60_000);
  timer.unref();
  run();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
