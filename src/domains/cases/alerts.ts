import type { Config } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { type IsoDate, isoDateInLondon, ukDate } from '#src/domains/calendar/index.ts';
import { queueMessage } from '#src/domains/messages/index.ts';
import { listOrganisations } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import {
  alertKey,
  alertsQueuedFor,
  complaintsAwaitingDeadlines,
  complaintsTeamEmails,
  noteAlertQueued,
  tasksDueSoon,
} from './alert-queries.ts';
import { type AlertAudience, complaintAlertsDue, taskReminderDue } from './alert-rules.ts';
import { latestAgreedResponseDate } from './deadlines.ts';
import { type CaseAlertKind, caseAlertKinds } from './schema.ts';

// Issue 4, notifications: reminders to investigators before a response is due, overdue alerts to
// the complaints team, and reminders of tasks due tomorrow, through the transactional outbox.
// Each alert's row in case_alerts and its messages commit together, so an alert is queued once
// (however often the pass runs, in however many processes) and a Notify outage only delays it.
//
// The team is every complaints and PALS officer of the organisation who can sign in, rather than
// one mailbox set in the environment: one Heard serves several organisations (an ICB's trusts),
// so a single address would receive every trust's alerts, and the officers are already kept
// current per organisation as staff come and go.

export type CaseAlertsConfig = Pick<
  Config,
  | 'PUBLIC_URL'
  | 'COMPLAINT_REMINDER_WORKING_DAYS'
  | 'NOTIFY_TEMPLATE_RESPONSE_REMINDER_EMAIL'
  | 'NOTIFY_TEMPLATE_ACKNOWLEDGEMENT_OVERDUE_EMAIL'
  | 'NOTIFY_TEMPLATE_RESPONSE_OVERDUE_EMAIL'
  | 'NOTIFY_TEMPLATE_TASK_REMINDER_EMAIL'
>;

/** Each kind's Notify email template; a kind without one is not sent (nor noted as sent). */
export function alertTemplates(config: CaseAlertsConfig): Partial<Record<CaseAlertKind, string>> {
  const templates: Record<CaseAlertKind, string | undefined> = {
    'response-reminder': config.NOTIFY_TEMPLATE_RESPONSE_REMINDER_EMAIL,
    'acknowledgement-overdue': config.NOTIFY_TEMPLATE_ACKNOWLEDGEMENT_OVERDUE_EMAIL,
    'response-overdue': config.NOTIFY_TEMPLATE_RESPONSE_OVERDUE_EMAIL,
    'task-reminder': config.NOTIFY_TEMPLATE_TASK_REMINDER_EMAIL,
  };
  return Object.fromEntries(Object.entries(templates).filter(([, id]) => id)) as Partial<
    Record<CaseAlertKind, string>
  >;
}

const purposes: Record<CaseAlertKind, string> = {
  'response-reminder': 'complaint.response-reminder',
  'acknowledgement-overdue': 'complaint.acknowledgement-overdue',
  'response-overdue': 'complaint.response-overdue',
  'task-reminder': 'case.task-reminder',
};

/** Where the case page is, for the email's link: PUBLIC_URL's address, or the path alone without one. */
export function caseLink(publicUrl: string | undefined, recordId: string): string {
  const path = `/cases/${recordId}`;
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : path;
}

/** An alert ready to queue: the case, the deadline, and who is told. */
interface PendingAlert {
  recordId: string;
  reference: string;
  kind: CaseAlertKind;
  dueDate: IsoDate;
  recipients: readonly string[];
}

export interface CaseAlertCounts {
  organisations: number;
  /** Alerts queued in this pass, by kind (each may be several messages, one a recipient). */
  queued: Record<CaseAlertKind, number>;
  messages: number;
  /** Kinds not sent because no template is configured for them. */
  withoutTemplate: CaseAlertKind[];
}

const alertActor = systemActor('Reminders and overdue alerts');

/** The alerts due in an organisation today and not yet queued, with who each goes to. */
async function alertsDueIn(
  db: Database,
  orgId: string,
  today: IsoDate,
  config: CaseAlertsConfig,
): Promise<PendingAlert[]> {
  return withOrg(db, orgId, async (tx) => {
    const complaints = await complaintsAwaitingDeadlines(tx, orgId);
    // A task due after a long weekend is reminded up to four calendar days ahead (taskReminderDue).
    const tasks = await tasksDueSoon(tx, orgId, today, 4);
    const team = await complaintsTeamEmails(tx, orgId);
    const audience = (to: AlertAudience, investigator: string | null): string[] =>
      to === 'team' ? team : investigator ? [investigator] : [];
    const pending: PendingAlert[] = complaints.flatMap((complaint) =>
      complaintAlertsDue(
        {
          ...complaint,
          responseDueDate: latestAgreedResponseDate(
            complaint.agreedResponseDate,
            complaint.latestExtension ? [{ newAgreedDate: complaint.latestExtension }] : [],
          ),
          hasInvestigator: complaint.investigatorEmail !== null,
        },
        today,
        config.COMPLAINT_REMINDER_WORKING_DAYS,
      ).map((alert) => ({
        recordId: complaint.recordId,
        reference: complaint.reference,
        kind: alert.kind,
        dueDate: alert.dueDate,
        recipients: audience(alert.to, complaint.investigatorEmail),
      })),
    );
    // One reminder a case and due date (case_alerts' key), to everyone with a task due then.
    const taskAlerts = new Map<string, PendingAlert>();
    for (const task of tasks.filter((row) => taskReminderDue(row, today))) {
      const dueDate = task.dueDate as IsoDate;
      const key = alertKey(task.recordId, 'task-reminder', dueDate);
      const alert = taskAlerts.get(key) ?? {
        recordId: task.recordId,
        reference: task.reference,
        kind: 'task-reminder' as const,
        dueDate,
        recipients: [],
      };
      taskAlerts.set(key, { ...alert, recipients: [...new Set([...alert.recipients, task.assigneeEmail])] });
    }
    pending.push(...taskAlerts.values());
    const queued = await alertsQueuedFor(tx, orgId, [...new Set(pending.map((alert) => alert.recordId))]);
    return pending.filter(
      (alert) =>
        alert.recipients.length > 0 && !queued.has(alertKey(alert.recordId, alert.kind, alert.dueDate)),
    );
  });
}

/**
 * Notes one alert and queues its messages, in one transaction; nothing when it was already noted.
 * The personalisation names the case by reference, never by the complainant's details (DESIGN.md §3).
 */
async function queueAlert(
  db: Database,
  orgId: string,
  alert: PendingAlert,
  templateId: string,
  publicUrl: string | undefined,
): Promise<number> {
  return withOrg(db, orgId, async (tx) => {
    const noted = await noteAlertQueued(tx, {
      orgId,
      recordId: alert.recordId,
      kind: alert.kind,
      dueDate: alert.dueDate,
    });
    if (!noted) return 0;
    for (const recipient of alert.recipients) {
      await queueMessage(tx, orgId, alertActor, {
        channel: 'email',
        templateId,
        recipient,
        personalisation: {
          reference: alert.reference,
          due_date: ukDate(alert.dueDate),
          link: caseLink(publicUrl, alert.recordId),
        },
        purpose: purposes[alert.kind],
        related: { type: 'case', id: alert.recordId },
      });
    }
    return alert.recipients.length;
  });
}

/**
 * One pass over every organisation: queues each reminder and overdue alert that is due today and
 * not queued before. Safe to run as often as anyone likes (`heard serve` every 15 minutes, or
 * `heard messages alerts` from cron); the dispatcher sends what it queues.
 */
export async function queueCaseAlerts(
  db: Database,
  config: CaseAlertsConfig,
  options: { now?: Date } = {},
): Promise<CaseAlertCounts> {
  const today = isoDateInLondon(options.now ?? new Date());
  const templates = alertTemplates(config);
  const counts: CaseAlertCounts = {
    organisations: 0,
    queued: Object.fromEntries(caseAlertKinds.map((kind) => [kind, 0])) as Record<CaseAlertKind, number>,
    messages: 0,
    withoutTemplate: caseAlertKinds.filter((kind) => !templates[kind]),
  };
  if (counts.withoutTemplate.length === caseAlertKinds.length) return counts;
  for (const organisation of await listOrganisations(db)) {
    counts.organisations += 1;
    for (const alert of await alertsDueIn(db, organisation.orgId, today, config)) {
      const templateId = templates[alert.kind];
      if (!templateId) continue;
      const messages = await queueAlert(db, organisation.orgId, alert, templateId, config.PUBLIC_URL);
      if (messages > 0) {
        counts.queued[alert.kind] += 1;
        counts.messages += messages;
      }
    }
  }
  return counts;
}

/** Where the scheduler reports; Fastify's logger (pino) fits. */
export interface CaseAlertsLog {
  info(message: string): void;
  warn(message: string): void;
  error(details: object, message: string): void;
}

const fifteenMinutes = 15 * 60_000;

/**
 * Runs the pass at start and then every `intervalMs` (15 minutes by default), one pass at a time
 * and never keeping the process alive. Returns a function that stops it and waits for a pass
 * under way. Without any alert template it says so once and does nothing.
 */
export function startCaseAlerts(
  db: Database,
  config: CaseAlertsConfig,
  log: CaseAlertsLog,
  options: { intervalMs?: number } = {},
): () => Promise<void> {
  const templates = alertTemplates(config);
  if (Object.keys(templates).length === 0) {
    log.warn('No NOTIFY_TEMPLATE_…_EMAIL is set for reminders or overdue alerts, so none are sent');
    return async () => {};
  }
  let running: Promise<void> | null = null;
  const pass = async () => {
    try {
      const counts = await queueCaseAlerts(db, config);
      if (counts.messages > 0) log.info(caseAlertsSummary(counts));
    } catch (error) {
      log.error({ err: error }, 'queuing reminders and overdue alerts failed');
    }
  };
  const run = () => {
    running ??= pass().finally(() => {
      running = null;
    });
  };
  const timer = setInterval(run, options.intervalMs ?? fifteenMinutes);
  timer.unref();
  run();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

const kindNames: Record<CaseAlertKind, [one: string, many: string]> = {
  'response-reminder': ['response reminder', 'response reminders'],
  'acknowledgement-overdue': ['overdue acknowledgement alert', 'overdue acknowledgement alerts'],
  'response-overdue': ['overdue response alert', 'overdue response alerts'],
  'task-reminder': ['task reminder', 'task reminders'],
};
const counted = (count: number, [one, many]: [string, string]) => `${count} ${count === 1 ? one : many}`;

/** What a pass did, in a line. */
export function caseAlertsSummary(counts: CaseAlertCounts): string {
  const parts = caseAlertKinds
    .filter((kind) => counts.queued[kind] > 0)
    .map((kind) => counted(counts.queued[kind], kindNames[kind]));
  const queued =
    parts.length > 0
      ? `Queued ${parts.join(', ')} (${counted(counts.messages, ['email', 'emails'])}).`
      : 'No reminders or overdue alerts were due.';
  const skipped =
    counts.withoutTemplate.length > 0
      ? ` Not sent, as no template is set: ${counts.withoutTemplate.map((kind) => kindNames[kind][1]).join(', ')}.`
      : '';
  return `${queued}${skipped}`;
}
