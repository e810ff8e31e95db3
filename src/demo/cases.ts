import type { Database } from '#src/db/engine.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import { casesService, defaultResponseTargetWorkingDays, type NewRecord } from '#src/domains/cases/index.ts';
import type { Actor } from '#src/web/principal.ts';
import { type BulkKind, type BulkRecord, logRecordsInBulk } from './bulk-records.ts';
import type { DemoCasePlan, PlannedComplimentBatch, PlannedRecord, PlannedStep } from './case-plan.ts';
import { demoComplaintKo41a, demoIssueKo41a } from './ko41a-values.ts';

// Carries out the demo case plan through the cases service, one day at a time from April 2016, so
// that every complaint and concern is written as staff would have written it then: the same rules
// refuse the same mistakes, and each change has its audit event. The service's clock reads the day
// being replayed, so "not in the future" means what it meant on that day. Records that nothing
// happens to once logged (compliments, enquiries, comments, MP enquiries) are written a month at a
// time (bulk-records.ts), which keeps the embedded database's first start short.

export interface DemoCaseContext {
  db: Database;
  orgId: string;
  unitIds: ReadonlyMap<string, string>;
  /** Who logs and runs the cases: the demo complaints and PALS officer. */
  officer: Actor;
  /** The demo investigator, assigned to some complaints. */
  investigatorUserId: string | null;
}

interface Action {
  date: IsoDate;
  /** Concerns are logged before the complaints that grow from them; a record before what is done to it. */
  rank: number;
  sequence: number;
  run: () => Promise<unknown>;
}

export async function loadDemoCases(context: DemoCaseContext, plan: DemoCasePlan): Promise<void> {
  const { db, orgId, officer } = context;
  let today: IsoDate = '2016-04-01';
  const clock = () => new Date(`${today}T12:00:00Z`);
  const cases = casesService({
    db,
    config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: defaultResponseTargetWorkingDays },
    clock,
  });
  const recordIds = new Map<string, string>();
  const issueIds = new Map<string, string>();
  const unitId = (code: string) => {
    const id = context.unitIds.get(code);
    if (!id) throw new Error(`The demo plan names a unit the demo trust does not have: ${code}`);
    return id;
  };
  const recordId = (key: string) => {
    const id = recordIds.get(key);
    if (!id) throw new Error(`The demo plan acts on ${key} before it is logged`);
    return id;
  };

  const newRecord = (record: PlannedRecord): NewRecord & { channel: NewRecord['channel'] } => ({
    kind: record.kind,
    channel: record.channel,
    unitId: unitId(record.unitCode),
    receivedDate: record.receivedDate,
    eventDate: record.eventDate,
    summary: record.summary,
    narrative: record.narrative,
    desiredOutcome: record.desiredOutcome,
    personName: record.person?.name ?? null,
    contactDetails: record.person?.contactDetails ?? {},
    onBehalfOfName: record.onBehalfOfName,
    consentRecorded: record.onBehalfOfName ? true : null,
    consentDate: record.onBehalfOfName ? record.receivedDate : null,
    keepAsComplaint: true,
    ...(record.kind === 'complaint'
      ? demoComplaintKo41a(record.key, record.unitCode, record.onBehalfOfName !== null)
      : {}),
  });

  async function log(record: PlannedRecord) {
    if (record.escalatedFromKey) {
      const { kind: _complaint, keepAsComplaint: _kept, ...complaint } = newRecord(record);
      const escalated = await cases.escalateConcern(
        orgId,
        officer,
        recordId(record.escalatedFromKey),
        complaint,
      );
      recordIds.set(record.key, escalated.record.recordId);
      return;
    }
    const result = await cases.logRecord(orgId, officer, newRecord(record));
    if (result.outcome !== 'logged') throw new Error(`The demo record ${record.key} was not logged`);
    recordIds.set(record.key, result.record.recordId);
  }

  function carryOut(record: PlannedRecord, step: PlannedStep): Promise<unknown> {
    const id = recordId(record.key);
    const date = step.date;
    switch (step.action) {
      case 'acknowledge':
        return cases.acknowledgeComplaint(orgId, officer, id, date);
      case 'assign-investigator':
        return cases.assignInvestigator(orgId, officer, id, context.investigatorUserId);
      case 'add-issue':
        return cases
          .addIssue(orgId, officer, id, {
            subjectCode: step.subjectCode,
            staffGroupCodes: step.staffGroupCodes,
            unitId: unitId(record.unitCode),
            description: step.description,
            ...demoIssueKo41a(`${record.key}#${step.issue}`, record.unitCode, step.subjectCode),
          })
          .then((issue) => issueIds.set(`${record.key}#${step.issue}`, issue.issueId));
      case 'issue-outcome':
        return cases.recordIssueOutcome(
          orgId,
          officer,
          issueIds.get(`${record.key}#${step.issue}`) ?? '',
          step.outcome,
        );
      case 'agree-extension':
        return cases.agreeExtension(orgId, officer, id, {
          agreedOn: date,
          newAgreedDate: step.newAgreedDate,
          reason: step.reason,
        });
      case 'meeting':
        return cases.recordLocalResolutionMeeting(orgId, officer, id, {
          meetingDate: date,
          attendees: step.attendees,
          notes: step.notes,
        });
      case 'close':
        return cases.closeComplaint(orgId, officer, id, {
          responseSentDate: date,
          signedOffBy: step.signedOffBy,
        });
      case 'withdraw':
        return cases.withdrawComplaint(orgId, officer, id, { withdrawnDate: date, reason: step.reason });
      case 'reopen':
        return cases.reopenComplaint(orgId, officer, id, { reopenedOn: date, reason: step.reason });
      case 'refer-to-ombudsman': {
        // The service's input schema takes the referral's status too, though its type names only the date.
        const referral = { referredDate: date, status: step.status };
        return cases.referToOmbudsman(orgId, officer, id, referral);
      }
      case 'ombudsman-outcome':
        return cases.recordOmbudsmanOutcome(orgId, officer, id, { outcome: step.outcome, outcomeDate: date });
      case 'note':
        return cases.addCaseNote(orgId, officer, id, step.text);
      case 'learning-point':
        return cases.addLearningPoint(orgId, officer, id, { text: step.text });
      case 'concern-staff-groups':
        return cases.recordConcernStaffGroups(orgId, officer, id, step.staffGroupCodes);
    }
  }

  /** A team's compliments as records: their words, or as many as there were cards. */
  const complimentsOf = ({ cards, ...batch }: PlannedComplimentBatch): BulkRecord[] => {
    const written = {
      unitId: unitId(batch.unitCode),
      receivedDate: batch.receivedDate,
      channel: batch.channel,
      personName: null,
      contactDetails: {},
    };
    return cards
      ? Array.from({ length: cards.count }, () => ({
          ...written,
          summary: cards.description,
          narrative: null,
        }))
      : batch.compliments.map((words) => ({ ...written, summary: words, narrative: words }));
  };
  const bulkRecordOf = (record: PlannedRecord): BulkRecord => ({
    unitId: unitId(record.unitCode),
    receivedDate: record.receivedDate,
    channel: record.channel,
    summary: record.summary,
    narrative: record.narrative,
    personName: record.person?.name ?? null,
    contactDetails: record.person?.contactDetails ?? {},
  });
  /** Records of one kind by month, to be logged at the month's last record (so none is in the future). */
  const monthly = new Map<string, { kind: BulkKind; records: BulkRecord[] }>();
  const inBulk = (kind: BulkKind, records: BulkRecord[]) => {
    for (const record of records) {
      const key = `${kind} ${record.receivedDate.slice(0, 7)}`;
      const month = monthly.get(key) ?? { kind, records: [] };
      month.records.push(record);
      monthly.set(key, month);
    }
  };
  const loggedOnly = (record: PlannedRecord): record is PlannedRecord & { kind: BulkKind } =>
    record.kind !== 'complaint' && record.kind !== 'concern' && record.steps.length === 0;

  const actions: Action[] = [];
  const add = (date: IsoDate, rank: number, run: () => Promise<unknown>) =>
    actions.push({ date, rank, sequence: actions.length, run });
  for (const record of plan.records) {
    if (loggedOnly(record)) {
      inBulk(record.kind, [bulkRecordOf(record)]);
      continue;
    }
    add(record.receivedDate, record.kind === 'concern' ? 0 : 1, () => log(record));
    for (const step of record.steps) add(step.date, 2, () => carryOut(record, step));
  }
  for (const batch of plan.complimentBatches) inBulk('compliment', complimentsOf(batch));
  for (const { kind, records } of monthly.values()) {
    const last = records.reduce(
      (latest, record) => (record.receivedDate > latest ? record.receivedDate : latest),
      '',
    );
    add(last, 1, () => logRecordsInBulk(db, orgId, officer, kind, records));
  }
  actions.sort((a, b) => a.date.localeCompare(b.date) || a.rank - b.rank || a.sequence - b.sequence);

  for (const action of actions) {
    today = action.date;
    await action.run();
  }
}
