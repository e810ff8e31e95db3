import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import { unitIdsVisibleTo } from '#src/domains/organisations/index.ts';
import { NotFound } from '#src/web/errors.ts';
import type { Principal } from '#src/web/principal.ts';
import { maySeePersonalData, withoutPersonalData } from './access.ts';
import {
  type DeadlineStatus,
  deadlineStatus,
  latestAgreedResponseDate,
  statutoryResponseDate,
} from './deadlines.ts';
import {
  type TimeLimitCheck,
  type TimeLimitDecision,
  timeLimitAllowsInvestigation,
  timeLimitCheck,
} from './eligibility.ts';
import type { FeedbackKind } from './kinds-and-channels.ts';
import { type OverallOutcome, overallOutcome } from './outcomes.ts';
import * as q from './queries.ts';
import type { ComplaintDetailsRow, FeedbackRecordRow, RecordStatus } from './schema.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () =>
  new NotFound('There is no case with that identifier in your organisation, or you cannot see it.');

/** Where a complaint's two deadlines stand on a given day, for the case page and the work queues. */
export interface ComplaintDeadlines {
  acknowledgementDueDate: IsoDate;
  acknowledgement: DeadlineStatus;
  /** The date in force: the first agreed, moved by any extension. */
  responseDueDate: IsoDate;
  response: DeadlineStatus;
  statutoryResponseDate: IsoDate;
}

function deadlinesOf(
  record: Pick<FeedbackRecordRow, 'receivedDate'>,
  details: ComplaintDetailsRow,
  extendedTo: readonly IsoDate[],
  today: IsoDate,
): ComplaintDeadlines {
  const responseDueDate = latestAgreedResponseDate(
    details.agreedResponseDate,
    extendedTo.map((newAgreedDate) => ({ newAgreedDate })),
  );
  return {
    acknowledgementDueDate: details.acknowledgementDueDate,
    acknowledgement: deadlineStatus(details.acknowledgementDueDate, details.acknowledgedDate, today),
    responseDueDate,
    // A withdrawn complaint needs no response: the withdrawal ends the wait.
    response: deadlineStatus(responseDueDate, details.responseSentDate ?? details.withdrawnDate, today),
    statutoryResponseDate: statutoryResponseDate(record.receivedDate),
  };
}

function timeLimitOf(record: FeedbackRecordRow, details: ComplaintDetailsRow) {
  if (!record.eventDate) return null;
  const check: TimeLimitCheck = timeLimitCheck({ ...record, eventDate: record.eventDate });
  const decision: TimeLimitDecision | null =
    details.timeLimitDecidedOn && details.timeLimitReason !== null
      ? {
          complainantHadGoodReason: details.timeLimitGoodReason ?? false,
          stillPossibleToInvestigateFairly: details.timeLimitFairInvestigationPossible ?? false,
          reason: details.timeLimitReason,
          decidedOn: details.timeLimitDecidedOn,
        }
      : null;
  return {
    ...check,
    decision,
    allowsInvestigation: timeLimitAllowsInvestigation(check, decision, record.receivedDate),
  };
}

/** A record as one viewer may see it: personal data removed unless they may see it. */
function visibleRecord(principal: Principal, record: FeedbackRecordRow, investigatorUserId: string | null) {
  return maySeePersonalData(principal, investigatorUserId)
    ? { ...record, personalDataWithheld: [] }
    : withoutPersonalData(record);
}

const isDate = (date: IsoDate | undefined): date is IsoDate => date !== undefined;

export interface CaseFilters {
  kind?: FeedbackKind;
  status?: RecordStatus;
  /** Only this unit and the units below it. */
  unitId?: string;
  investigatorUserId?: string;
  /** Complaints whose acknowledgement or response is due, or overdue, on `today`. */
  deadline?: { which: 'acknowledgement' | 'response'; status: 'due' | 'overdue' };
}

export function caseReads({ db, today }: { db: Database; today: () => IsoDate }) {
  /** Units below `unitId` (itself included) that the principal may also see; null for no limit. */
  async function unitLimit(principal: Principal, unitId: string | undefined): Promise<string[] | undefined> {
    const visible = await unitIdsVisibleTo(db, principal);
    if (unitId === undefined) return visible === 'all' ? undefined : [...visible];
    const subtree = await unitIdsVisibleTo(db, { ...principal, unitScope: [unitId] });
    if (subtree === 'all') return undefined;
    return [...subtree].filter((id) => visible === 'all' || visible.has(id));
  }

  /**
   * A case with everything on its page: the record, a complaint's details, issues, extensions and
   * meetings, its overall outcome, and where its deadlines stand on `on` (today by default).
   */
  async function getCase(principal: Principal, recordId: string, on: IsoDate = today()) {
    if (!uuidPattern.test(recordId)) throw notFound();
    const visibleUnits = await unitIdsVisibleTo(db, principal);
    const { orgId } = principal;
    return withOrg(db, orgId, async (tx) => {
      const [found] = await q.recordsMatching(tx, orgId, { recordIds: [recordId] });
      if (!found || (visibleUnits !== 'all' && !visibleUnits.has(found.record.unitId))) throw notFound();
      const { record, details } = found;
      const [issues, extensions, meetings, notes, learning, escalatedTo] = await Promise.all([
        q.issuesOf(tx, orgId, recordId),
        q.extensionsOf(tx, orgId, recordId),
        q.meetingsOf(tx, orgId, recordId),
        q.notesOf(tx, orgId, recordId),
        q.learningPointsOf(tx, orgId, recordId),
        q.complaintEscalatedFrom(tx, orgId, recordId),
      ]);
      const seesPersonalData = maySeePersonalData(principal, details?.investigatorUserId ?? null);
      const withdrawn = record.status === 'withdrawn';
      return {
        record: visibleRecord(principal, record, details?.investigatorUserId ?? null),
        details,
        issues,
        extensions,
        meetings: seesPersonalData ? meetings : meetings.map(({ attendees: _a, notes: _n, ...kept }) => kept),
        notes: seesPersonalData ? notes : [],
        learningPoints: learning,
        /** For a concern: the complaint it became; it then counts as escalated. */
        escalatedToRecordId: escalatedTo,
        overallOutcome: (details
          ? overallOutcome({ issueOutcomes: issues.map((issue) => issue.outcome), withdrawn })
          : null) as OverallOutcome | null,
        deadlines: details
          ? deadlinesOf(
              record,
              details,
              extensions.map((row) => row.newResponseDate),
              on,
            )
          : null,
        timeLimit: details ? timeLimitOf(record, details) : null,
      };
    });
  }

  /** The cases a principal may see, newest first, with a complaint's deadlines on `on`; never personal data. */
  async function listCases(principal: Principal, filters: CaseFilters = {}, on: IsoDate = today()) {
    const unitIds = await unitLimit(principal, filters.unitId);
    const { orgId } = principal;
    return withOrg(db, orgId, async (tx) => {
      const rows = await q.recordsMatching(tx, orgId, {
        kind: filters.deadline ? 'complaint' : filters.kind,
        status: filters.deadline ? 'open' : filters.status,
        unitIds,
        investigatorUserId: filters.investigatorUserId,
      });
      const complaintIds = rows.flatMap((row) => (row.details ? [row.record.recordId] : []));
      const extended = await q.latestExtensionDates(tx, orgId, complaintIds);
      const cases = rows.map(({ record, details }) => ({
        ...withoutPersonalData(record),
        investigatorUserId: details?.investigatorUserId ?? null,
        deadlines: details
          ? deadlinesOf(record, details, [extended.get(record.recordId)].filter(isDate), on)
          : null,
      }));
      const wanted = filters.deadline;
      if (!wanted) return cases;
      return cases.filter((row) => row.deadlines?.[wanted.which] === wanted.status);
    });
  }

  return { getCase, listCases };
}
