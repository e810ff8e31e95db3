import type { Database } from '#src/db/engine.ts';
import { inTurn, type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import type { IsoDate } from '#src/domains/calendar/index.ts';
import { unitIdsVisibleTo } from '#src/domains/organisations/index.ts';
import { NotFound } from '#src/web/errors.ts';
import { actorOf, type Principal } from '#src/web/principal.ts';
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
import { type PersonalSearch, type QueueQuery, queueCount, queuePage } from './queue-queries.ts';
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

export interface CaseFilters {
  kind?: FeedbackKind;
  status?: RecordStatus;
  /** Only this unit and the units below it. */
  unitId?: string;
  investigatorUserId?: string;
  /** "My cases": those assigned to this member of staff as investigator, or logged by them. */
  mineOf?: string;
  /** Complaints whose acknowledgement or response is due, or overdue, on the day listed. */
  deadline?: { which: 'acknowledgement' | 'response'; status: 'due' | 'overdue' };
  /** Words to find, as typed in a search box; the person's own rights decide which words are searched. */
  search?: string;
}

/** A work queue holds this many cases a page. */
export const queuePageSize = 50;

/**
 * Whose personal words a person's search may look in: the same rule as who may see them
 * (access.ts), asked of a case with no investigator and of one assigned to them.
 */
export function personalSearchOf(principal: Principal): PersonalSearch {
  if (maySeePersonalData(principal, null)) return 'every-case';
  if (maySeePersonalData(principal, principal.id)) return { assignedTo: principal.id };
  return 'none';
}

export function caseReads({ db, today }: { db: Database; today: () => IsoDate }) {
  /** Units below `unitId` (itself included) that the principal may also see; undefined for no limit. */
  async function unitLimit(principal: Principal, unitId: string | undefined): Promise<string[] | undefined> {
    const visible = await unitIdsVisibleTo(db, principal);
    if (unitId === undefined) return visible === 'all' ? undefined : [...visible];
    if (!uuidPattern.test(unitId)) return [];
    const subtree = await unitIdsVisibleTo(db, { ...principal, unitScope: [unitId] });
    if (subtree === 'all') return undefined;
    return [...subtree].filter((id) => visible === 'all' || visible.has(id));
  }

  /** The case as a principal may see it, or NotFound: outside their organisation or their units. */
  async function visibleCase(
    tx: OrgTransaction,
    principal: Principal,
    recordId: string,
    visibleUnits: 'all' | ReadonlySet<string>,
  ) {
    const [found] = await q.recordsMatching(tx, principal.orgId, { recordIds: [recordId] });
    if (!found || (visibleUnits !== 'all' && !visibleUnits.has(found.record.unitId))) throw notFound();
    return found;
  }

  /**
   * A case with everything on its page: the record, a complaint's details, issues, extensions and
   * meetings, its overall outcome, and where its deadlines stand on `on` (today by default).
   * Issue 4: every read of a case is in the audit trail, saying whether personal data was shown;
   * give the request's id so that the event can be traced to it.
   */
  async function getCase(
    principal: Principal,
    recordId: string,
    options: { on?: IsoDate; requestId?: string } = {},
  ) {
    const on = options.on ?? today();
    const { orgId } = principal;
    if (!uuidPattern.test(recordId)) throw notFound();
    // Read before the transaction: the embedded database has one connection, which it holds.
    const visibleUnits = await unitIdsVisibleTo(db, principal);
    return withOrg(db, orgId, async (tx) => {
      const { record, details } = await visibleCase(tx, principal, recordId, visibleUnits);
      const [issues, extensions, meetings, notes, learning, escalatedTo] = await inTurn(
        () => q.issuesOf(tx, orgId, recordId),
        () => q.extensionsOf(tx, orgId, recordId),
        () => q.meetingsOf(tx, orgId, recordId),
        () => q.notesOf(tx, orgId, recordId),
        () => q.learningPointsOf(tx, orgId, recordId),
        () => q.complaintEscalatedFrom(tx, orgId, recordId),
      );
      const seesPersonalData = maySeePersonalData(principal, details?.investigatorUserId ?? null);
      // A read is not a change: the version stays as it is.
      await recordAudit(tx, orgId, actorOf(principal, options.requestId), {
        action: 'case.viewed',
        entityType: 'case',
        entityId: recordId,
        confidentialRead: seesPersonalData,
        after: { personalDataShown: seesPersonalData },
      });
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

  /**
   * What a form on a case needs to decide who may act and to name the case: the record without
   * its personal data (with its version), a complaint's details and its issues. It shows nothing
   * of the case but its reference, so it is not recorded as a read; getCase is.
   */
  async function caseToChange(principal: Principal, recordId: string) {
    const { orgId } = principal;
    if (!uuidPattern.test(recordId)) throw notFound();
    const visibleUnits = await unitIdsVisibleTo(db, principal);
    return withOrg(db, orgId, async (tx) => {
      const { record, details } = await visibleCase(tx, principal, recordId, visibleUnits);
      return { record: withoutPersonalData(record), details, issues: await q.issuesOf(tx, orgId, recordId) };
    });
  }

  /**
   * One page of the cases a principal may see, with a complaint's deadlines on `on`; never
   * personal data, though a search looks in the personal words of the cases whose personal data
   * the principal may see. Newest first; by relevance when searching; by the deadline when
   * filtered by one.
   */
  async function listCases(
    principal: Principal,
    filters: CaseFilters = {},
    options: { on?: IsoDate; page?: number; pageSize?: number } = {},
  ) {
    const on = options.on ?? today();
    const pageSize = options.pageSize ?? queuePageSize;
    const unitIds = await unitLimit(principal, filters.unitId);
    const words = filters.search?.trim();
    const query: QueueQuery = {
      kind: filters.kind,
      status: filters.status,
      unitIds,
      investigatorUserId: filters.investigatorUserId,
      mineOf: filters.mineOf,
      deadline: filters.deadline,
      today: on,
      search: words ? { words, personal: personalSearchOf(principal) } : undefined,
      limit: pageSize,
      offset: 0,
    };
    const { orgId } = principal;
    return withOrg(db, orgId, async (tx) => {
      const total = await queueCount(tx, orgId, query);
      const pageCount = Math.max(1, Math.ceil(total / pageSize));
      const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pageCount);
      const rows = await queuePage(tx, orgId, { ...query, offset: (page - 1) * pageSize });
      const cases = rows.map(({ record, details, latestExtension }) => ({
        ...withoutPersonalData(record),
        investigatorUserId: details?.investigatorUserId ?? null,
        deadlines: details
          ? deadlinesOf(record, details, latestExtension ? [latestExtension] : [], on)
          : null,
      }));
      return { cases, total, page, pageCount, pageSize };
    });
  }

  return { getCase, caseToChange, listCases };
}
