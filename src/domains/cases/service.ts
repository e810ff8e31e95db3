import type { Config } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { type IsoDate, isoDateInLondon } from '#src/domains/calendar/index.ts';
import { Conflict, Invalid, NotFound } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import { withoutPersonalData } from './access.ts';
import {
  type ExpectedVersion,
  lockCaseForChange,
  recordCaseChange,
  refuseIfCaseMovedOn,
} from './case-changes.ts';
import { caseReads } from './case-reads.ts';
import { type CommentConfig, codeNarratives } from './comment-arrivals.ts';
import { escalationProblem } from './concerns.ts';
import {
  acknowledgedOnTime,
  acknowledgementDueDate,
  agreedResponseDate,
  extensionProblems,
  latestAgreedResponseDate,
  responseTimeliness,
} from './deadlines.ts';
import { type DetailsEdit, detailChanges, detailsEditProblems, detailsEditSchema } from './edit-details.ts';
import {
  coveredByComplaintsRegulations,
  oralComplaintResolvedNextWorkingDay,
  regulationsStart,
  type TimeLimitCheck,
  timeLimitCheck,
  timeLimitProblem,
} from './eligibility.ts';
import {
  type ComplaintKo41aInput,
  closingSchema,
  complaintKo41aSchema,
  concernStaffGroupsSchema,
  extensionSchema,
  type IssueKo41aInput,
  issueKo41aSchema,
  issueOutcomeSchema,
  learningPointSchema,
  meetingSchema,
  type NewIssue,
  type NewRecord,
  newIssueSchema,
  newRecordSchema,
  ombudsmanOutcomeSchema,
  ombudsmanReferralSchema,
  parsedOrInvalid,
  refuseProblems,
  reopeningSchema,
  resolutionSchema,
  type TimeLimitDecisionInput,
  timeLimitDecisionSchema,
  withdrawalSchema,
} from './inputs.ts';
import { complaintKo41aProblems, issueKo41aProblems } from './ko41a-codes.ts';
import { requireOnOrAfter } from './months.ts';
import { closingProblem, type IssueOutcome, overallOutcome, reopened } from './outcomes.ts';
import * as q from './queries.ts';
import { offeredItems, referenceLists } from './reference-lists.ts';
import { recordReference, referencePrefixes } from './references.ts';
import type { ComplaintDetailsRow, FeedbackRecordRow } from './schema.ts';

export interface CasesDependencies {
  db: Database;
  config: Pick<Config, 'COMPLAINT_RESPONSE_TARGET_WORKING_DAYS'> & CommentConfig;
  /** Now; today in England is read from it, never inside the rules. */
  clock?: () => Date;
  /**
   * The version of a case that the person's page showed: a change to that case is refused with
   * Conflict once the case has moved on (issue 4, concurrency). The case pages' forms give it.
   */
  expectedVersion?: ExpectedVersion;
}

export type LogRecordResult =
  | {
      outcome: 'logged';
      record: FeedbackRecordRow;
      details: ComplaintDetailsRow | null;
      /** For a complaint with an event date: whether it was made within 12 months (SI 2009/309 reg 12). */
      timeLimit: TimeLimitCheck | null;
    }
  | {
      /** SI 2009/309 reg 8(1)(c): an oral complaint resolved by the next working day; nothing was written. */
      outcome: 'offerConcern';
      message: string;
    };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new NotFound('There is no case with that identifier in your organisation.');

/** The cases domain's service: every write in one organisation's transaction, with its audit event. */
export function casesService({ db, config, clock = () => new Date(), expectedVersion }: CasesDependencies) {
  const today = (): IsoDate => isoDateInLondon(clock());
  const responseTarget = config.COMPLAINT_RESPONSE_TARGET_WORKING_DAYS;

  /** A change to an existing case: its version goes up by one with the audit event (case-changes.ts). */
  const recordChange = (
    tx: OrgTransaction,
    orgId: string,
    actor: Actor,
    action: string,
    recordId: string,
    change: { before?: unknown; after?: unknown },
  ) => recordCaseChange(tx, orgId, actor, recordId, { action, ...change });

  /**
   * The case, locked for this transaction's change; NotFound when it is not in the organisation,
   * Conflict when the person's page showed an older version of it (`expectedVersion`).
   */
  async function caseForUpdate(tx: OrgTransaction, orgId: string, recordId: string) {
    const found = uuidPattern.test(recordId)
      ? await lockCaseForChange(tx, orgId, recordId, { expected: expectedVersion, now: clock() })
      : null;
    if (!found) throw notFound();
    return found;
  }

  /** An open complaint, locked; Conflict when it is closed or withdrawn. */
  async function openComplaint(tx: OrgTransaction, orgId: string, recordId: string) {
    const { record, details } = await caseForUpdate(tx, orgId, recordId);
    if (record.kind !== 'complaint' || !details) throw new Conflict(`${record.reference} is not a complaint`);
    if (record.status !== 'open') {
      throw new Conflict(`${record.reference} is ${record.status}: reopen it before changing it`);
    }
    return { record, details };
  }

  async function refuseUnknownUnit(tx: OrgTransaction, orgId: string, unitId: string, field = 'unitId') {
    if (!(await q.unitExists(tx, orgId, unitId))) {
      refuseProblems({ [field]: 'Select a service from your organisation’s list' });
    }
  }

  const createdByOf = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);

  /** Writes a record (and a complaint's details) inside `tx`; the rules have already been checked. */
  async function insertCase(
    tx: OrgTransaction,
    orgId: string,
    actor: Actor,
    input: ReturnType<typeof newRecordSchema.parse> & { receivedDate: IsoDate },
    escalatedFromRecordId: string | null,
  ) {
    await refuseUnknownUnit(tx, orgId, input.unitId);
    const year = Number(input.receivedDate.slice(0, 4));
    const prefix = referencePrefixes[input.kind];
    const reference = recordReference(input.kind, year, await q.nextReferenceNumber(tx, orgId, prefix, year));
    const record = await q.insertRecord(tx, {
      orgId,
      kind: input.kind,
      channel: input.channel,
      reference,
      unitId: input.unitId,
      receivedDate: input.receivedDate,
      eventDate: input.eventDate,
      noticeDate: input.noticeDate,
      summary: input.summary,
      narrative: input.narrative,
      desiredOutcome: input.desiredOutcome,
      personName: input.personName,
      contactDetails: input.contactDetails,
      onBehalfOfName: input.onBehalfOfName,
      consentRecorded: input.consentRecorded ?? null,
      consentDate: input.consentDate,
      staffGroupCodes: [...new Set(input.staffGroupCodes ?? [])],
      createdBy: createdByOf(actor),
    });
    const details =
      input.kind === 'complaint'
        ? await q.insertComplaintDetails(tx, {
            orgId,
            recordId: record.recordId,
            acknowledgementDueDate: acknowledgementDueDate(input.receivedDate),
            agreedResponseDate: agreedResponseDate(input.receivedDate, responseTarget),
            escalatedFromRecordId,
            patientAgeBandCode: input.patientAgeBandCode,
            complainantStatusCode: input.complainantStatusCode,
          })
        : null;
    await recordAudit(tx, orgId, actor, {
      action: 'case.logged',
      entityType: 'case',
      entityId: record.recordId,
      after: { record: withoutPersonalData(record), details },
    });
    // An escalated concern's words were coded when the concern arrived: they are not a new comment.
    if (!escalatedFromRecordId) await codeNarratives(tx, orgId, actor, [record], config);
    return { record, details };
  }

  /** Checks a new record against the Regulations; returns the offer of a concern instead when reg 8(1)(c) applies. */
  function checkedNewRecord(input: NewRecord) {
    const parsed = parsedOrInvalid(newRecordSchema, input);
    const receivedDate = parsed.receivedDate ?? today();
    if (receivedDate > today())
      refuseProblems({ receivedDate: 'The date received must be today or in the past' });
    if (parsed.staffGroupCodes) refuseProblems({ staffGroupCodes: newStaffGroupsProblem(parsed) });
    let timeLimit: TimeLimitCheck | null = null;
    if (parsed.kind !== 'complaint') {
      const onlyForComplaints = (what: string) =>
        `Only a complaint records ${what} for the KO41a return: leave it out, or log it as a complaint`;
      refuseProblems({
        patientAgeBandCode:
          parsed.patientAgeBandCode === null ? null : onlyForComplaints('the patient’s age'),
        complainantStatusCode:
          parsed.complainantStatusCode === null ? null : onlyForComplaints('who made it'),
      });
    }
    if (parsed.kind === 'complaint') {
      refuseProblems(complaintKo41aProblems(referenceLists(), parsed));
      // SI 2009/309 reg 6(1): the Regulations cover complaints made from 1 April 2009.
      if (!coveredByComplaintsRegulations(receivedDate)) {
        refuseProblems({
          receivedDate: `Complaints received before ${regulationsStart} are outside the 2009 Regulations: record it as a concern or on the previous system`,
        });
      }
      if (
        !parsed.keepAsComplaint &&
        oralComplaintResolvedNextWorkingDay(receivedDate, parsed.resolvedDate, parsed.channel)
      ) {
        return {
          kind: 'offer' as const,
          offer:
            'This complaint was made orally and resolved to the person’s satisfaction by the next working day, so it need not be handled under the Regulations. Record it as a concern, or keep it as a complaint' as const,
        };
      }
      if (parsed.eventDate) {
        timeLimit = timeLimitCheck({
          eventDate: parsed.eventDate,
          noticeDate: parsed.noticeDate,
          receivedDate,
        });
      }
    }
    return { kind: 'checked' as const, parsed: { ...parsed, receivedDate }, timeLimit };
  }

  /** Only a concern names staff groups as it is logged, each from the list (as recordConcernStaffGroups checks). */
  function newStaffGroupsProblem(
    record: Pick<ReturnType<typeof newRecordSchema.parse>, 'kind' | 'staffGroupCodes'>,
  ) {
    if (record.kind !== 'concern') {
      return record.kind === 'complaint'
        ? 'Only a concern records its staff groups on the case: give a complaint’s staff groups with each of its issues'
        : 'Only a concern records the staff groups involved';
    }
    const known = new Set(offeredItems(referenceLists().staffGroups).map((item) => item.code));
    return (record.staffGroupCodes ?? []).every((code) => known.has(code))
      ? null
      : 'Select staff groups from the list';
  }

  async function logRecord(orgId: string, actor: Actor, input: NewRecord): Promise<LogRecordResult> {
    const checked = checkedNewRecord(input);
    if (checked.kind === 'offer') return { outcome: 'offerConcern', message: checked.offer };
    const { parsed } = checked;
    const { record, details } = await withOrg(db, orgId, (tx) => insertCase(tx, orgId, actor, parsed, null));
    return { outcome: 'logged', record, details, timeLimit: checked.timeLimit };
  }

  /** Changes a complaint's details in one transaction with its audit event; returns the new details. */
  async function changeComplaint(
    orgId: string,
    actor: Actor,
    recordId: string,
    action: string,
    change: (
      current: Awaited<ReturnType<typeof openComplaint>>,
      tx: OrgTransaction,
    ) => Promise<q.DetailsChanges> | q.DetailsChanges,
  ): Promise<ComplaintDetailsRow> {
    return withOrg(db, orgId, async (tx) => {
      const current = await openComplaint(tx, orgId, recordId);
      const changes = await change(current, tx);
      const after = await q.updateDetailsRow(tx, orgId, recordId, changes);
      await recordChange(tx, orgId, actor, action, recordId, { before: current.details, after });
      return after;
    });
  }

  /** SI 2009/309 reg 13(1): the acknowledgement, and whether it was within 3 working days. */
  async function acknowledgeComplaint(
    orgId: string,
    actor: Actor,
    recordId: string,
    acknowledgedDate: IsoDate = today(),
  ) {
    let onTime = false;
    const details = await changeComplaint(
      orgId,
      actor,
      recordId,
      'complaint.acknowledged',
      ({ record, details }) => {
        if (details.acknowledgedDate) {
          throw new Conflict(`${record.reference} was already acknowledged on ${details.acknowledgedDate}`);
        }
        onTime = acknowledgedOnTime(record.receivedDate, acknowledgedDate);
        return { acknowledgedDate };
      },
    );
    return { details, onTime };
  }

  /** A later response date agreed with the complainant before the current one expired (SI 2009/309 reg 14). */
  async function agreeExtension(
    orgId: string,
    actor: Actor,
    recordId: string,
    input: { agreedOn: IsoDate; newAgreedDate: IsoDate; reason: string },
  ) {
    const extension = parsedOrInvalid(extensionSchema, input);
    return withOrg(db, orgId, async (tx) => {
      const { record, details } = await openComplaint(tx, orgId, recordId);
      const current = latestAgreedResponseDate(
        details.agreedResponseDate,
        (await q.extensionsOf(tx, orgId, recordId)).map((row) => ({ newAgreedDate: row.newResponseDate })),
      );
      refuseProblems(
        extensionProblems({ receivedDate: record.receivedDate, currentAgreedDate: current }, extension),
      );
      const row = await q.insertExtension(tx, {
        orgId,
        recordId,
        previousResponseDate: current,
        newResponseDate: extension.newAgreedDate,
        reason: extension.reason.trim(),
        agreedWithComplainantOn: extension.agreedOn,
      });
      await recordChange(tx, orgId, actor, 'complaint.extension-agreed', recordId, { after: row });
      return row;
    });
  }

  async function assignInvestigator(orgId: string, actor: Actor, recordId: string, userId: string | null) {
    return changeComplaint(
      orgId,
      actor,
      recordId,
      'complaint.investigator-assigned',
      async (_current, tx) => {
        if (userId !== null && !(uuidPattern.test(userId) && (await q.activeUserName(tx, orgId, userId)))) {
          refuseProblems({ investigatorUserId: 'Select a member of staff from your organisation' });
        }
        return { investigatorUserId: userId };
      },
    );
  }

  /** SI 2009/309 reg 12(2): whether the 12-month limit is waived, and why. */
  async function recordTimeLimitDecision(
    orgId: string,
    actor: Actor,
    recordId: string,
    input: TimeLimitDecisionInput,
  ) {
    const decision = parsedOrInvalid(timeLimitDecisionSchema, input);
    return changeComplaint(orgId, actor, recordId, 'complaint.time-limit-decided', ({ record }) => {
      if (!record.eventDate) {
        throw new Conflict(
          `Record when the events of ${record.reference} happened before deciding on the time limit`,
        );
      }
      const check = timeLimitCheck({ ...record, eventDate: record.eventDate });
      if (check.status === 'within') {
        throw new Conflict(
          `${record.reference} was made within the 12-month time limit: there is nothing to waive`,
        );
      }
      const problem = timeLimitProblem(check, decision, record.receivedDate);
      if (problem) throw new Invalid(problem);
      return {
        timeLimitWaived: decision.complainantHadGoodReason && decision.stillPossibleToInvestigateFairly,
        timeLimitGoodReason: decision.complainantHadGoodReason,
        timeLimitFairInvestigationPossible: decision.stillPossibleToInvestigateFairly,
        timeLimitReason: decision.reason.trim(),
        timeLimitDecidedBy: decision.decidedBy,
        timeLimitDecidedOn: decision.decidedOn,
      };
    });
  }

  /** An issue of a complaint, with its KO41a subject and the staff groups involved. */
  async function addIssue(orgId: string, actor: Actor, recordId: string, input: NewIssue) {
    const issue = parsedOrInvalid(newIssueSchema, input);
    const lists = referenceLists();
    const subjects = new Set(offeredItems(lists.ko41aSubjects).map((item) => item.code));
    const groups = new Set(offeredItems(lists.staffGroups).map((item) => item.code));
    refuseProblems({
      subjectCode: subjects.has(issue.subjectCode) ? null : 'Select a subject from the list',
      staffGroupCodes: issue.staffGroupCodes.every((code) => groups.has(code))
        ? null
        : 'Select staff groups from the list',
      ...issueKo41aProblems(lists, issue),
    });
    return withOrg(db, orgId, async (tx) => {
      await openComplaint(tx, orgId, recordId);
      await refuseUnknownUnit(tx, orgId, issue.unitId);
      const row = await q.insertIssue(tx, {
        orgId,
        recordId,
        ...issue,
        staffGroupCodes: [...new Set(issue.staffGroupCodes)],
      });
      await recordChange(tx, orgId, actor, 'complaint.issue-added', recordId, { after: row });
      return row;
    });
  }

  /**
   * The staff groups a concern involves, from the same list complaint issues use; a code the list
   * has since retired may stay when it is already recorded on the concern.
   */
  async function recordConcernStaffGroups(
    orgId: string,
    actor: Actor,
    recordId: string,
    staffGroupCodes: readonly string[],
  ) {
    const codes = [...new Set(parsedOrInvalid(concernStaffGroupsSchema, staffGroupCodes))];
    return withOrg(db, orgId, async (tx) => {
      const { record } = await caseForUpdate(tx, orgId, recordId);
      if (record.kind !== 'concern') throw new Conflict(`${record.reference} is not a concern`);
      const known = new Set([
        ...offeredItems(referenceLists().staffGroups).map((item) => item.code),
        ...record.staffGroupCodes,
      ]);
      refuseProblems({
        staffGroupCodes: codes.every((code) => known.has(code)) ? null : 'Select staff groups from the list',
      });
      const after = await q.updateRecordRow(tx, orgId, recordId, { staffGroupCodes: codes });
      const version = await recordChange(tx, orgId, actor, 'concern.staff-groups-recorded', recordId, {
        before: { staffGroupCodes: record.staffGroupCodes },
        after: { staffGroupCodes: after.staffGroupCodes },
      });
      return { ...after, version };
    });
  }

  /**
   * The patient's age band and the complainant's status, for the KO41a return (sections 3 and 4).
   * Allowed on closed complaints too, so that a return can be completed after the response; a code
   * the list has since retired may stay when it is already recorded.
   */
  async function recordComplaintKo41a(
    orgId: string,
    actor: Actor,
    recordId: string,
    input: ComplaintKo41aInput,
  ) {
    const chosen = parsedOrInvalid(complaintKo41aSchema, input);
    return changeReferral(orgId, actor, recordId, 'complaint.ko41a-recorded', (_record, details) => {
      refuseProblems(complaintKo41aProblems(referenceLists(), chosen, details));
      return chosen;
    });
  }

  /**
   * An issue's KO41a service area and clinical-treatment sub-category (sections 5 and 6), for
   * issues added without them; allowed on closed complaints too, as recordComplaintKo41a is.
   */
  async function recordIssueKo41a(orgId: string, actor: Actor, issueId: string, input: IssueKo41aInput) {
    const chosen = parsedOrInvalid(issueKo41aSchema, input);
    return withOrg(db, orgId, async (tx) => {
      const before = uuidPattern.test(issueId) ? await q.issueForUpdate(tx, orgId, issueId) : null;
      if (!before) throw new NotFound('There is no issue with that identifier in your organisation.');
      await caseForUpdate(tx, orgId, before.recordId);
      refuseProblems(
        issueKo41aProblems(referenceLists(), { ...chosen, subjectCode: before.subjectCode }, before),
      );
      const after = await q.updateIssueRow(tx, orgId, issueId, chosen);
      await recordChange(tx, orgId, actor, 'complaint.issue-ko41a-recorded', before.recordId, {
        before: {
          serviceAreaCode: before.serviceAreaCode,
          clinicalTreatmentCode: before.clinicalTreatmentCode,
        },
        after: { serviceAreaCode: after.serviceAreaCode, clinicalTreatmentCode: after.clinicalTreatmentCode },
      });
      return after;
    });
  }

  /** Upheld or not upheld (or back to undecided with null): issues are never "partially" upheld. */
  async function recordIssueOutcome(
    orgId: string,
    actor: Actor,
    issueId: string,
    outcome: IssueOutcome | null,
  ) {
    const parsed = parsedOrInvalid(issueOutcomeSchema, outcome);
    return withOrg(db, orgId, async (tx) => {
      const before = uuidPattern.test(issueId) ? await q.issueForUpdate(tx, orgId, issueId) : null;
      if (!before) throw new NotFound('There is no issue with that identifier in your organisation.');
      await openComplaint(tx, orgId, before.recordId);
      const after = await q.updateIssueOutcome(tx, orgId, issueId, parsed);
      await recordChange(tx, orgId, actor, 'complaint.issue-outcome-recorded', before.recordId, {
        before,
        after,
      });
      return after;
    });
  }

  /** Closes a complaint with its response sent; refused while any issue has no outcome. */
  async function closeComplaint(
    orgId: string,
    actor: Actor,
    recordId: string,
    input: { responseSentDate: IsoDate; signedOffBy: string },
  ) {
    const closing = parsedOrInvalid(closingSchema, input);
    return withOrg(db, orgId, async (tx) => {
      const { record, details } = await openComplaint(tx, orgId, recordId);
      const issueOutcomes = (await q.issuesOf(tx, orgId, recordId)).map((issue) => issue.outcome);
      const problem = closingProblem({ issueOutcomes, withdrawn: false });
      if (problem) throw new Invalid(problem);
      const extensions = await q.extensionsOf(tx, orgId, recordId);
      const timeliness = responseTimeliness(
        {
          receivedDate: record.receivedDate,
          firstAgreedDate: details.agreedResponseDate,
          extensions: extensions.map((row) => ({
            agreedOn: row.agreedWithComplainantOn,
            newAgreedDate: row.newResponseDate,
            reason: row.reason,
          })),
        },
        closing.responseSentDate,
      );
      const afterDetails = await q.updateDetailsRow(tx, orgId, recordId, {
        responseSentDate: closing.responseSentDate,
        signedOffBy: closing.signedOffBy,
      });
      const afterRecord = await q.updateRecordRow(tx, orgId, recordId, {
        status: 'closed',
        closedDate: closing.responseSentDate,
      });
      const outcome = overallOutcome({ issueOutcomes, withdrawn: false });
      const version = await recordChange(tx, orgId, actor, 'complaint.closed', recordId, {
        before: { status: record.status, details },
        after: {
          status: afterRecord.status,
          closedDate: afterRecord.closedDate,
          details: afterDetails,
          outcome,
        },
      });
      return {
        record: { ...afterRecord, version },
        details: afterDetails,
        overallOutcome: outcome,
        timeliness,
      };
    });
  }

  /** A concern, comment, compliment or enquiry resolved, with how; complaints close with their response. */
  async function resolveRecord(
    orgId: string,
    actor: Actor,
    recordId: string,
    input: { resolvedDate: IsoDate; resolution: string },
  ) {
    const resolved = parsedOrInvalid(resolutionSchema, input);
    return withOrg(db, orgId, async (tx) => {
      const { record } = await caseForUpdate(tx, orgId, recordId);
      if (record.kind === 'complaint') {
        throw new Conflict(`${record.reference} is a complaint: close it with its response`);
      }
      if (record.status !== 'open') throw new Conflict(`${record.reference} is already ${record.status}`);
      requireOnOrAfter(
        resolved.resolvedDate,
        record.receivedDate,
        'It cannot be resolved before it was received',
      );
      if (resolved.resolvedDate > today()) {
        refuseProblems({ resolvedDate: 'The date resolved must be today or in the past' });
      }
      const after = await q.updateRecordRow(tx, orgId, recordId, {
        status: 'closed',
        closedDate: resolved.resolvedDate,
        resolution: resolved.resolution.trim(),
      });
      // The resolution's words stay out of the trail: they may name people.
      await recordChange(tx, orgId, actor, 'case.resolved', recordId, {
        before: { status: record.status },
        after: { status: after.status, closedDate: after.closedDate },
      });
      return after;
    });
  }

  async function withdrawComplaint(
    orgId: string,
    actor: Actor,
    recordId: string,
    input: { withdrawnDate: IsoDate; reason: string },
  ) {
    const withdrawal = parsedOrInvalid(withdrawalSchema, input);
    return withOrg(db, orgId, async (tx) => {
      const { record, details } = await openComplaint(tx, orgId, recordId);
      requireOnOrAfter(
        withdrawal.withdrawnDate,
        record.receivedDate,
        'A complaint cannot be withdrawn before it was received',
      );
      const afterDetails = await q.updateDetailsRow(tx, orgId, recordId, {
        withdrawnDate: withdrawal.withdrawnDate,
        withdrawalReason: withdrawal.reason,
      });
      // A withdrawn complaint is finished: it counts among those resolved, with the outcome "withdrawn".
      const afterRecord = await q.updateRecordRow(tx, orgId, recordId, {
        status: 'withdrawn',
        closedDate: withdrawal.withdrawnDate,
      });
      const version = await recordChange(tx, orgId, actor, 'complaint.withdrawn', recordId, {
        before: { status: record.status, details },
        after: { status: afterRecord.status, closedDate: afterRecord.closedDate, details: afterDetails },
      });
      return { record: { ...afterRecord, version }, details: afterDetails };
    });
  }

  /** Opens a closed complaint again; each reopening is counted (the seed report, Table 3). */
  async function reopenComplaint(
    orgId: string,
    actor: Actor,
    recordId: string,
    input: { reopenedOn: IsoDate; reason: string },
  ) {
    const reopening = parsedOrInvalid(reopeningSchema, input);
    return withOrg(db, orgId, async (tx) => {
      const { record, details } = await caseForUpdate(tx, orgId, recordId);
      if (record.kind !== 'complaint' || !details)
        throw new Conflict(`${record.reference} is not a complaint`);
      if (record.status === 'withdrawn') {
        throw new Conflict(
          `${record.reference} was withdrawn: log a new complaint if the person wants to go on`,
        );
      }
      const after = reopened({ closedDate: record.closedDate, reopenCount: details.reopenCount }, reopening);
      const afterDetails = await q.updateDetailsRow(tx, orgId, recordId, { reopenCount: after.reopenCount });
      const afterRecord = await q.updateRecordRow(tx, orgId, recordId, { status: 'open', closedDate: null });
      await q.insertReopening(tx, {
        orgId,
        recordId,
        reopenedOn: reopening.reopenedOn,
        reason: reopening.reason.trim(),
      });
      await q.insertNote(tx, {
        orgId,
        recordId,
        authorUserId: createdByOf(actor),
        authorName: actor.name,
        text: `Reopened on ${reopening.reopenedOn}: ${reopening.reason.trim()}`,
      });
      const version = await recordChange(tx, orgId, actor, 'complaint.reopened', recordId, {
        before: { status: record.status, closedDate: record.closedDate, reopenCount: details.reopenCount },
        after: { status: 'open', closedDate: null, reopenCount: after.reopenCount, reopening },
      });
      return { record: { ...afterRecord, version }, details: afterDetails };
    });
  }

  async function recordLocalResolutionMeeting(
    orgId: string,
    actor: Actor,
    recordId: string,
    input: { meetingDate: IsoDate; attendees: string; notes?: string | null },
  ) {
    const meeting = parsedOrInvalid(meetingSchema, input);
    return withOrg(db, orgId, async (tx) => {
      const { record } = await openComplaint(tx, orgId, recordId);
      requireOnOrAfter(
        meeting.meetingDate,
        record.receivedDate,
        'A meeting cannot be before the complaint was received',
      );
      const row = await q.insertMeeting(tx, { orgId, recordId, ...meeting });
      await recordChange(tx, orgId, actor, 'complaint.meeting-recorded', recordId, {
        after: { meetingId: row.meetingId, meetingDate: row.meetingDate },
      });
      return row;
    });
  }

  /** Ombudsman (PHSO) referrals come after the trust's response, so they are allowed on closed complaints too. */
  async function changeReferral(
    orgId: string,
    actor: Actor,
    recordId: string,
    action: string,
    change: (record: FeedbackRecordRow, details: ComplaintDetailsRow) => q.DetailsChanges,
  ) {
    return withOrg(db, orgId, async (tx) => {
      const { record, details } = await caseForUpdate(tx, orgId, recordId);
      if (record.kind !== 'complaint' || !details)
        throw new Conflict(`${record.reference} is not a complaint`);
      const after = await q.updateDetailsRow(tx, orgId, recordId, change(record, details));
      await recordChange(tx, orgId, actor, action, recordId, { before: details, after });
      return after;
    });
  }

  /** Litigation about a complaint holds its file past retention until it ends (DESIGN.md §3). */
  async function recordLitigation(orgId: string, actor: Actor, recordId: string, ongoing: boolean) {
    return changeReferral(orgId, actor, recordId, 'complaint.litigation-recorded', (record, details) => {
      if (details.litigationOngoing === ongoing) {
        throw new Conflict(
          ongoing
            ? `${record.reference} is already recorded as under litigation`
            : `${record.reference} is not recorded as under litigation`,
        );
      }
      return { litigationOngoing: ongoing };
    });
  }

  async function referToOmbudsman(
    orgId: string,
    actor: Actor,
    recordId: string,
    input: { referredDate: IsoDate },
  ) {
    const referral = parsedOrInvalid(ombudsmanReferralSchema, input);
    return changeReferral(orgId, actor, recordId, 'complaint.ombudsman-referred', (record, details) => {
      if (details.ombudsmanReferredDate) {
        throw new Conflict(
          `${record.reference} was already referred to the Ombudsman on ${details.ombudsmanReferredDate}`,
        );
      }
      requireOnOrAfter(
        referral.referredDate,
        record.receivedDate,
        'A referral cannot be before the complaint was received',
      );
      return { ombudsmanReferredDate: referral.referredDate, ombudsmanStatus: referral.status };
    });
  }

  async function recordOmbudsmanOutcome(
    orgId: string,
    actor: Actor,
    recordId: string,
    input: { outcome: string; outcomeDate: IsoDate },
  ) {
    const decided = parsedOrInvalid(ombudsmanOutcomeSchema, input);
    return changeReferral(
      orgId,
      actor,
      recordId,
      'complaint.ombudsman-outcome-recorded',
      (record, details) => {
        if (!details.ombudsmanReferredDate) {
          throw new Conflict(`${record.reference} has not been referred to the Ombudsman`);
        }
        requireOnOrAfter(
          decided.outcomeDate,
          details.ombudsmanReferredDate,
          'The Ombudsman’s decision cannot be before the referral',
        );
        return {
          ombudsmanStatus: 'decided',
          ombudsmanOutcome: decided.outcome,
          ombudsmanOutcomeDate: decided.outcomeDate,
        };
      },
    );
  }

  /**
   * A PALS concern the person wants taken further: logs the complaint, linked to the concern, which
   * then counts as escalated and is closed on the day the complaint was received.
   */
  async function escalateConcern(
    orgId: string,
    actor: Actor,
    concernId: string,
    complaint: Partial<NewRecord> & Pick<NewRecord, 'channel'>,
  ) {
    return withOrg(db, orgId, async (tx) => {
      const { record: concern } = await caseForUpdate(tx, orgId, concernId);
      const checked = checkedNewRecord({
        unitId: concern.unitId,
        summary: concern.summary,
        narrative: concern.narrative,
        desiredOutcome: concern.desiredOutcome,
        personName: concern.personName,
        contactDetails: concern.contactDetails,
        onBehalfOfName: concern.onBehalfOfName,
        consentRecorded: concern.consentRecorded,
        consentDate: concern.consentDate,
        eventDate: concern.eventDate,
        noticeDate: concern.noticeDate,
        ...complaint,
        kind: 'complaint',
        keepAsComplaint: true,
      });
      if (checked.kind === 'offer') throw new Error('an escalated complaint is kept as a complaint');
      const problem = escalationProblem(
        {
          kind: concern.kind,
          receivedDate: concern.receivedDate,
          escalatedToCaseId: await q.complaintEscalatedFrom(tx, orgId, concernId),
        },
        { caseId: 'new', kind: 'complaint', receivedDate: checked.parsed.receivedDate },
      );
      if (problem) throw new Conflict(problem);
      const created = await insertCase(tx, orgId, actor, checked.parsed, concernId);
      if (concern.status === 'open') {
        await q.updateRecordRow(tx, orgId, concernId, {
          status: 'closed',
          closedDate: checked.parsed.receivedDate,
        });
      }
      await recordChange(tx, orgId, actor, 'concern.escalated', concernId, {
        before: { status: concern.status },
        after: {
          status: 'closed',
          escalatedToRecordId: created.record.recordId,
          reference: created.record.reference,
        },
      });
      return { ...created, timeLimit: checked.timeLimit };
    });
  }

  async function addCaseNote(orgId: string, actor: Actor, recordId: string, text: string) {
    refuseProblems({ text: text.trim() === '' ? 'Enter the note' : null });
    return withOrg(db, orgId, async (tx) => {
      await caseForUpdate(tx, orgId, recordId);
      const row = await q.insertNote(tx, {
        orgId,
        recordId,
        authorUserId: createdByOf(actor),
        authorName: actor.name,
        text: text.trim(),
      });
      // The note's words stay out of the append-only trail: they may name people.
      await recordChange(tx, orgId, actor, 'case.note-added', recordId, { after: { noteId: row.noteId } });
      return row;
    });
  }

  async function addLearningPoint(
    orgId: string,
    actor: Actor,
    recordId: string,
    input: { text: string; unitId?: string },
  ) {
    const point = parsedOrInvalid(learningPointSchema, input);
    return withOrg(db, orgId, async (tx) => {
      const { record } = await caseForUpdate(tx, orgId, recordId);
      const unitId = point.unitId ?? record.unitId;
      await refuseUnknownUnit(tx, orgId, unitId);
      const row = await q.insertLearningPoint(tx, {
        orgId,
        recordId,
        text: point.text,
        unitId,
        createdBy: createdByOf(actor),
      });
      await recordChange(tx, orgId, actor, 'case.learning-point-added', recordId, { after: row });
      return row;
    });
  }

  /**
   * Corrects what was recorded about a case. Personal fields left out are kept, so someone who may
   * not see them cannot change them; the audit trail names personal fields changed, never their values.
   */
  async function editCaseDetails(orgId: string, actor: Actor, recordId: string, input: DetailsEdit) {
    const edit = parsedOrInvalid(detailsEditSchema, input);
    return withOrg(db, orgId, async (tx) => {
      const { record, details } = await caseForUpdate(tx, orgId, recordId);
      refuseProblems(detailsEditProblems(record.kind, edit, today()));
      if (edit.unitId !== record.unitId) await refuseUnknownUnit(tx, orgId, edit.unitId);
      const changed = detailChanges(record, edit);
      if (changed.changedFields.length === 0) return { record, details, changedFields: [] };
      const afterRecord = await q.updateRecordRow(tx, orgId, recordId, changed.changes);
      // The deadlines run from the day of receipt (SI 2009/309 reg 13), so a corrected date moves them.
      const afterDetails =
        details && changed.changes.receivedDate
          ? await q.updateDetailsRow(tx, orgId, recordId, {
              acknowledgementDueDate: acknowledgementDueDate(changed.changes.receivedDate),
              agreedResponseDate: agreedResponseDate(changed.changes.receivedDate, responseTarget),
            })
          : details;
      const version = await recordChange(tx, orgId, actor, 'case.details-edited', recordId, {
        before: changed.auditBefore,
        after: changed.auditAfter,
      });
      return {
        record: { ...afterRecord, version },
        details: afterDetails,
        changedFields: changed.changedFields,
      };
    });
  }

  /**
   * Refuses with Conflict, naming what changed, when the case is no longer at the version given to
   * this service (`expectedVersion`). For a form whose save does not lock the case itself.
   */
  async function refuseIfMovedOn(orgId: string) {
    if (!expectedVersion || !uuidPattern.test(expectedVersion.recordId)) return;
    const expected = expectedVersion;
    await withOrg(db, orgId, (tx) => refuseIfCaseMovedOn(tx, orgId, expected, clock()));
  }

  return {
    logRecord,
    editCaseDetails,
    refuseIfMovedOn,
    acknowledgeComplaint,
    agreeExtension,
    assignInvestigator,
    recordTimeLimitDecision,
    addIssue,
    recordIssueOutcome,
    closeComplaint,
    withdrawComplaint,
    resolveRecord,
    recordConcernStaffGroups,
    recordComplaintKo41a,
    recordIssueKo41a,
    reopenComplaint,
    recordLocalResolutionMeeting,
    referToOmbudsman,
    recordLitigation,
    recordOmbudsmanOutcome,
    escalateConcern,
    addCaseNote,
    addLearningPoint,
    ...caseReads({ db, today }),
  };
}

export type CasesService = ReturnType<typeof casesService>;
