import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#src/db/engine.ts';
import { addWorkingDays } from '#src/domains/calendar/index.ts';
import { addUser } from '#src/domains/identity/index.ts';
import { dispatchDueMessages, type NotifyGateway, notifyGateway } from '#src/domains/messages/index.ts';
import { outboxMessages } from '#src/domains/messages/schema.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { type LocalNotify, startLocalNotify } from '#test/support/notify-server.ts';
import { type CaseAlertsConfig, caseAlertsSummary, caseLink, queueCaseAlerts } from './alerts.ts';
import { caseAlerts } from './schema.ts';
import { casesService } from './service.ts';
import { caseTasksService } from './tasks.ts';

// Issue 4, notifications: reminders to investigators before a due date and overdue alerts to the
// team, through the transactional outbox and GOV.UK Notify (here a local server speaking its API).

const actor = systemActor('Alert tests');
const template = {
  reminder: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
  acknowledgementOverdue: '2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b',
  responseOverdue: '3f4a5b6c-7d8e-4f9a-8b1c-2d3e4f5a6b7c',
  task: '4a5b6c7d-8e9f-4a0b-9c2d-3e4f5a6b7c8d',
};
const everyTemplate: CaseAlertsConfig = {
  PUBLIC_URL: 'https://heard.example.nhs.uk',
  COMPLAINT_REMINDER_WORKING_DAYS: 5,
  NOTIFY_TEMPLATE_RESPONSE_REMINDER_EMAIL: template.reminder,
  NOTIFY_TEMPLATE_ACKNOWLEDGEMENT_OVERDUE_EMAIL: template.acknowledgementOverdue,
  NOTIFY_TEMPLATE_RESPONSE_OVERDUE_EMAIL: template.responseOverdue,
  NOTIFY_TEMPLATE_TASK_REMINDER_EMAIL: template.task,
};
/** Monday 1 July 2024, 10am in England. */
const monday = new Date('2024-07-01T09:00:00Z');
const at = (date: string) => new Date(`${date}T09:00:00Z`);
const minute = 60_000;

describe.each(engines)('reminders and overdue alerts on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let db: Database;
    let notify: LocalNotify;
    let gateway: NotifyGateway;
    let orgId: string;
    let unitId: string;
    let investigatorId: string;

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      db = database.db;
      const body = 'Case ((reference)) is due on ((due_date)): ((link))';
      notify = await startLocalNotify({
        templates: Object.fromEntries(
          Object.values(template).map((id) => [id, { type: 'email', subject: 'A case needs you', body }]),
        ),
      });
      gateway = notifyGateway(notify.url, notify.apiKey);
      orgId = (await createOrganisation(db, actor, { name: 'Alerting NHS Trust', odsCode: 'AL1' })).orgId;
      unitId = (
        await createUnit(db, orgId, actor, {
          code: 'W1',
          name: 'Ward 1',
          kind: 'ward',
          activeFrom: '2020-04-01',
        })
      ).unitId;
      const staff = async (email: string, role: 'investigator' | 'complaints_officer') =>
        (await addUser(db, orgId, actor, { email, displayName: email, grants: [{ role }] })).userId;
      investigatorId = await staff('investigator@alerting.nhs.uk', 'investigator');
      await staff('officer.one@alerting.nhs.uk', 'complaints_officer');
      await staff('officer.two@alerting.nhs.uk', 'complaints_officer');
      const gone = await staff('officer.gone@alerting.nhs.uk', 'complaints_officer');
      await db.execute(sql`update users set disabled_at = now() where user_id = ${gone}`);
    });
    afterAll(async () => {
      await notify?.close();
      await database?.close();
    });

    const casesOn = (now: Date) =>
      casesService({ db, config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 }, clock: () => now });
    /** A complaint whose response is due on `responseDue` (25 working days after it was received). */
    const complaintDue = async (responseDue: string, options: { acknowledged?: boolean } = {}) => {
      const receivedDate = addWorkingDays(responseDue, -25);
      // Logged and acknowledged as if at the end of the year, so that no date is in its future.
      const cases = casesOn(at('2024-12-31'));
      const result = await cases.logRecord(orgId, actor, {
        kind: 'complaint',
        channel: 'letter',
        unitId,
        receivedDate,
        summary: 'Waiting times',
        personName: 'Ann Example',
        narrative: 'I waited for hours.',
        contactDetails: { email: 'ann@example.com' },
      });
      if (result.outcome !== 'logged') throw new Error('not logged');
      if (options.acknowledged !== false) {
        await cases.acknowledgeComplaint(
          orgId,
          actor,
          result.record.recordId,
          addWorkingDays(receivedDate, 1),
        );
      }
      return result.record;
    };
    const messagesAbout = (recordId: string) =>
      db
        .select()
        .from(outboxMessages)
        .where(
          and(eq(outboxMessages.relatedEntityId, recordId), eq(outboxMessages.relatedEntityType, 'case')),
        );
    const alertsOf = (recordId: string) =>
      db.select().from(caseAlerts).where(eq(caseAlerts.recordId, recordId));

    it('reminds the investigator once, five working days before the response is due, naming only the case', async () => {
      const record = await complaintDue('2024-07-08');
      await casesOn(monday).assignInvestigator(orgId, actor, record.recordId, investigatorId);

      expect((await queueCaseAlerts(db, everyTemplate, { now: at('2024-06-28') })).queued).toMatchObject({
        'response-reminder': 0,
      });
      const first = await queueCaseAlerts(db, everyTemplate, { now: monday });
      expect(first.queued['response-reminder']).toBe(1);
      const [message, ...others] = await messagesAbout(record.recordId);
      expect(others).toEqual([]);
      expect(message).toMatchObject({
        channel: 'email',
        templateId: template.reminder,
        recipient: 'investigator@alerting.nhs.uk',
        purpose: 'complaint.response-reminder',
        status: 'queued',
        personalisation: {
          reference: record.reference,
          due_date: '8 July 2024',
          link: `https://heard.example.nhs.uk/cases/${record.recordId}`,
        },
      });
      expect(JSON.stringify(message?.personalisation)).not.toMatch(/Ann Example|ann@example|waited/);
      expect(await alertsOf(record.recordId)).toMatchObject([
        { kind: 'response-reminder', dueDate: '2024-07-08' },
      ]);

      const again = await queueCaseAlerts(db, everyTemplate, {
        now: new Date(monday.getTime() + 15 * minute),
      });
      expect(again.queued['response-reminder']).toBe(0);
      expect(await messagesAbout(record.recordId)).toHaveLength(1);
    });

    it('sends the reminder through Notify, and keeps it queued while Notify answers 500 until it recovers', async () => {
      const record = await complaintDue('2024-07-09');
      await casesOn(monday).assignInvestigator(orgId, actor, record.recordId, investigatorId);
      await queueCaseAlerts(db, everyTemplate, { now: at('2024-07-02') });
      const [message] = await messagesAbout(record.recordId);
      if (!message) throw new Error('no reminder queued');
      const sentToNotify = () => notify.notifications().filter((n) => n.reference === message.reference);

      notify.goDown();
      const failed = await dispatchDueMessages(db, gateway);
      expect(failed.sent).toBe(0);
      expect(failed.notifyUnavailable).toContain('500');
      const [waiting] = await messagesAbout(record.recordId);
      expect(waiting?.status).toBe('queued');
      expect(sentToNotify()).toEqual([]);

      await notify.comeBack();
      await dispatchDueMessages(db, gateway, { now: new Date(Date.now() + 2 * minute) });
      const [sent] = await messagesAbout(record.recordId);
      expect(sent?.status).toBe('sent');
      expect(sentToNotify()).toMatchObject([
        {
          templateId: template.reminder,
          emailAddress: 'investigator@alerting.nhs.uk',
          body: `Case ${record.reference} is due on 9 July 2024: https://heard.example.nhs.uk/cases/${record.recordId}`,
        },
      ]);
    });

    it('reminds afresh when an extension moves the response date', async () => {
      const record = await complaintDue('2024-07-10');
      await casesOn(monday).assignInvestigator(orgId, actor, record.recordId, investigatorId);
      await queueCaseAlerts(db, everyTemplate, { now: at('2024-07-03') });
      await casesOn(at('2024-07-04')).agreeExtension(orgId, actor, record.recordId, {
        agreedOn: '2024-07-04',
        newAgreedDate: '2024-07-24',
        reason: 'Waiting for a statement from the ward',
      });
      await queueCaseAlerts(db, everyTemplate, { now: at('2024-07-05') });
      expect(await messagesAbout(record.recordId)).toHaveLength(1);

      await queueCaseAlerts(db, everyTemplate, { now: at('2024-07-17') });
      const messages = await messagesAbout(record.recordId);
      expect(messages.map((m) => m.personalisation.due_date).sort()).toEqual([
        '10 July 2024',
        '24 July 2024',
      ]);
      expect((await alertsOf(record.recordId)).map((alert) => alert.dueDate).sort()).toEqual([
        '2024-07-10',
        '2024-07-24',
      ]);
    });

    it('alerts every complaints officer who can sign in once an acknowledgement is overdue', async () => {
      const record = await complaintDue('2024-07-31', { acknowledged: false });
      const acknowledgementDue = addWorkingDays(addWorkingDays('2024-07-31', -25), 3);
      await queueCaseAlerts(db, everyTemplate, { now: at(acknowledgementDue) });
      expect(await messagesAbout(record.recordId)).toEqual([]);

      const counts = await queueCaseAlerts(db, everyTemplate, {
        now: at(addWorkingDays(acknowledgementDue, 1)),
      });
      expect(counts.queued['acknowledgement-overdue']).toBeGreaterThanOrEqual(1);
      const messages = await messagesAbout(record.recordId);
      expect(messages.map((m) => [m.purpose, m.recipient]).sort()).toEqual([
        ['complaint.acknowledgement-overdue', 'officer.one@alerting.nhs.uk'],
        ['complaint.acknowledgement-overdue', 'officer.two@alerting.nhs.uk'],
      ]);
    });

    it('skips a kind with no template, noting nothing, and alerts once its template is set', async () => {
      const record = await complaintDue('2024-06-26');
      const noOverdueTemplate = { ...everyTemplate, NOTIFY_TEMPLATE_RESPONSE_OVERDUE_EMAIL: undefined };
      const skipped = await queueCaseAlerts(db, noOverdueTemplate, { now: at('2024-06-27') });
      expect(skipped.withoutTemplate).toEqual(['response-overdue']);
      expect(await messagesAbout(record.recordId)).toEqual([]);
      expect(await alertsOf(record.recordId)).toEqual([]);

      await queueCaseAlerts(db, everyTemplate, { now: at('2024-06-27') });
      const messages = await messagesAbout(record.recordId);
      expect(messages).toHaveLength(2);
      expect(messages.every((m) => m.purpose === 'complaint.response-overdue')).toBe(true);
    });

    it('reminds a task’s assignee the working day before it is due', async () => {
      const record = await complaintDue('2024-08-09');
      await caseTasksService({ db, clock: () => monday }).addTask(orgId, actor, record.recordId, {
        description: 'Ask Ann Example’s nurse for a statement',
        assignedUserId: investigatorId,
        dueDate: '2024-07-08',
      });
      await queueCaseAlerts(db, everyTemplate, { now: at('2024-07-04') });
      expect(await messagesAbout(record.recordId)).toEqual([]);
      await queueCaseAlerts(db, everyTemplate, { now: at('2024-07-05') });
      const messages = await messagesAbout(record.recordId);
      expect(messages).toMatchObject([
        {
          purpose: 'case.task-reminder',
          recipient: 'investigator@alerting.nhs.uk',
          personalisation: { reference: record.reference, due_date: '8 July 2024' },
        },
      ]);
      expect(JSON.stringify(messages[0]?.personalisation)).not.toContain('Ann');
    });
  });
});

describe('what the alerts pass reports', () => {
  it.each([
    [{}, 'No reminders or overdue alerts were due.'],
    [
      { 'response-reminder': 2, 'response-overdue': 1 },
      'Queued 2 response reminders, 1 overdue response alert (4 emails).',
    ],
  ])('%o', (queued, line) => {
    const counts = {
      organisations: 1,
      queued: {
        'response-reminder': 0,
        'acknowledgement-overdue': 0,
        'response-overdue': 0,
        'task-reminder': 0,
        ...queued,
      },
      messages: Object.keys(queued).length === 0 ? 0 : 4,
      withoutTemplate: [],
    };
    expect(caseAlertsSummary(counts)).toBe(line);
  });

  it('names the kinds it could not send for want of a template', () => {
    const counts = {
      organisations: 1,
      queued: {
        'response-reminder': 0,
        'acknowledgement-overdue': 0,
        'response-overdue': 0,
        'task-reminder': 0,
      },
      messages: 0,
      withoutTemplate: ['task-reminder' as const],
    };
    expect(caseAlertsSummary(counts)).toContain('Not sent, as no template is set: task reminders.');
  });

  it('links to the case page at PUBLIC_URL', () => {
    expect(caseLink('https://heard.example.nhs.uk/', 'abc')).toBe('https://heard.example.nhs.uk/cases/abc');
    expect(caseLink(undefined, 'abc')).toBe('/cases/abc');
  });
});
