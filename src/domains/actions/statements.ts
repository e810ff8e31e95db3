import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { type IsoDate, isIsoDate } from '#src/domains/calendar/index.ts';
import { descendantIds, findOrganisationByOdsCode } from '#src/domains/organisations/index.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '#src/web/errors.ts';
import { actorOf, type Principal } from '#src/web/principal.ts';
import * as q from './queries.ts';
import { publicTextProblem, todayInEngland } from './rules.ts';
import * as sq from './statement-queries.ts';
import { type AssuranceLevel, assuranceLevels } from './words.ts';

// "You said – We did" (issue 7): short public statements of what people told the organisation and
// what it did, each with an assurance level, linked to the feedback that prompted them. They are
// published to anyone, so their words are checked for personal details before they are saved,
// and the public pages and feed show only the statement, its unit, date and assurance. A statement
// can be corrected, or withdrawn with a reason: a withdrawn one leaves the public page and feed
// and stays in the staff list; both are in the audit trail with what it said before.

export interface NewStatement {
  unitId: string | null;
  youSaid: string;
  weDid: string;
  assuranceLevel: AssuranceLevel | null;
  /** The reference of the complaint, concern or comment that prompted it, if any. */
  sourceReference?: string | null;
  /** Or another source in words, such as "Inpatient survey, summer 2017". */
  sourceDescription?: string | null;
  /** Today when left out. */
  publishedOn?: IsoDate | null;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What is wrong with a statement's words, assurance and date, by field. */
function statementProblems(statement: NewStatement): Record<string, string> {
  const problems: Record<string, string> = {};
  const youSaid = publicTextProblem('you said', statement.youSaid);
  if (youSaid) problems.youSaid = youSaid;
  const weDid = publicTextProblem('we did', statement.weDid);
  if (weDid) problems.weDid = weDid;
  if (!statement.assuranceLevel || !assuranceLevels.includes(statement.assuranceLevel)) {
    problems.assuranceLevel = 'Select the level of assurance that it was done';
  }
  if (statement.publishedOn && !isIsoDate(statement.publishedOn)) {
    problems.publishedOn = 'Publication date must be a real date';
  }
  return problems;
}

export function statementsService({ db, clock = () => new Date() }: { db: Database; clock?: () => Date }) {
  const today = () => todayInEngland(clock());

  /** Staff scoped to units speak only for their units; a trust-wide statement needs a trust-wide role. */
  async function requireUnitOf(tx: OrgTransaction, principal: Principal, unitId: string | null) {
    if (principal.unitScope === 'all' || principal.permissions.has('actions:manage')) return;
    const visible = descendantIds(await q.unitNames(tx, principal.orgId), principal.unitScope);
    if (!unitId || !visible.has(unitId)) {
      const message = 'Select one of your units';
      throw new Invalid(message, { unitId: message });
    }
  }

  /** The feedback a statement answers, by its reference; refused when there is none. */
  async function sourceRecordOf(tx: OrgTransaction, orgId: string, sourceReference?: string | null) {
    const reference = sourceReference?.trim().toUpperCase() || null;
    const sourceRecordId = reference ? await sq.recordIdByReference(tx, orgId, reference) : null;
    if (reference && !sourceRecordId) {
      const message = `There is no feedback with the reference ${reference}`;
      throw new Invalid(message, { sourceReference: message });
    }
    return sourceRecordId;
  }

  /** A statement this person may change: refused to anyone not allowed to speak for its unit. */
  async function statementToChange(tx: OrgTransaction, principal: Principal, statementId: string) {
    if (!principal.permissions.has('actions:update')) throw new Forbidden();
    const found = uuidPattern.test(statementId)
      ? await sq.statementById(tx, principal.orgId, statementId)
      : null;
    if (!found) throw new NotFound('There is no You said, we did with that identifier.');
    try {
      await requireUnitOf(tx, principal, found.statement.unitId);
    } catch (error) {
      if (error instanceof Invalid)
        throw new Forbidden('Only staff for its service can change this statement.');
      throw error;
    }
    return found;
  }

  function checked(statement: NewStatement): AssuranceLevel {
    const problems = statementProblems(statement);
    const [first] = Object.values(problems);
    if (first || !statement.assuranceLevel) throw new Invalid(first ?? 'There is a problem', problems);
    return statement.assuranceLevel;
  }

  return {
    async addStatement(principal: Principal, statement: NewStatement, requestId?: string) {
      if (!principal.permissions.has('actions:update')) throw new Forbidden();
      const assuranceLevel = checked(statement);
      const { orgId } = principal;
      return withOrg(db, orgId, async (tx) => {
        await requireUnitOf(tx, principal, statement.unitId);
        const row = await sq.insertStatement(tx, {
          orgId,
          unitId: statement.unitId,
          youSaid: statement.youSaid.trim(),
          weDid: statement.weDid.trim(),
          assuranceLevel,
          sourceRecordId: await sourceRecordOf(tx, orgId, statement.sourceReference),
          sourceDescription: statement.sourceDescription?.trim() || null,
          publishedOn: statement.publishedOn || today(),
          createdBy: principal.kind === 'user' ? principal.id : null,
        });
        await recordAudit(tx, orgId, actorOf(principal, requestId), {
          action: 'you-said-we-did.published',
          entityType: 'you-said-we-did',
          entityId: row.statementId,
          after: row,
        });
        return row;
      });
    },

    /** A statement for its edit form; refused before the form is shown to anyone who may not change it. */
    async statementToEdit(principal: Principal, statementId: string) {
      return withOrg(db, principal.orgId, (tx) => statementToChange(tx, principal, statementId));
    },

    /** Corrects a statement's words, unit, source or assurance, checked as a new one is. */
    async editStatement(
      principal: Principal,
      statementId: string,
      statement: NewStatement,
      requestId?: string,
    ) {
      const assuranceLevel = checked(statement);
      const { orgId } = principal;
      return withOrg(db, orgId, async (tx) => {
        const { statement: before } = await statementToChange(tx, principal, statementId);
        await requireUnitOf(tx, principal, statement.unitId);
        const after = await sq.updateStatement(tx, orgId, before.statementId, {
          unitId: statement.unitId,
          youSaid: statement.youSaid.trim(),
          weDid: statement.weDid.trim(),
          assuranceLevel,
          sourceRecordId: await sourceRecordOf(tx, orgId, statement.sourceReference),
          sourceDescription: statement.sourceDescription?.trim() || null,
          publishedOn: statement.publishedOn || before.publishedOn,
        });
        await recordAudit(tx, orgId, actorOf(principal, requestId), {
          action: 'you-said-we-did.edited',
          entityType: 'you-said-we-did',
          entityId: before.statementId,
          before,
          after,
        });
        return after;
      });
    },

    /** Takes a statement down from the public page and feed, with the reason, kept for staff. */
    async withdrawStatement(principal: Principal, statementId: string, reason: string, requestId?: string) {
      if (!reason.trim()) {
        throw new Invalid('Enter why it is being withdrawn', { reason: 'Enter why it is being withdrawn' });
      }
      const { orgId } = principal;
      return withOrg(db, orgId, async (tx) => {
        const { statement: before } = await statementToChange(tx, principal, statementId);
        if (before.withdrawnOn) throw new Conflict('This statement has already been withdrawn.');
        const after = await sq.updateStatement(tx, orgId, before.statementId, {
          withdrawnOn: today(),
          withdrawnReason: reason.trim(),
        });
        await recordAudit(tx, orgId, actorOf(principal, requestId), {
          action: 'you-said-we-did.withdrawn',
          entityType: 'you-said-we-did',
          entityId: before.statementId,
          before: { withdrawnOn: null },
          after: { withdrawnOn: after.withdrawnOn, withdrawnReason: after.withdrawnReason },
        });
        return after;
      });
    },

    /** Every statement with its (unpublished) source, and where the public page is. */
    async staffList(orgId: string) {
      return withOrg(db, orgId, async (tx) => ({
        rows: await sq.allStatements(tx, orgId),
        publicHref: `/you-said-we-did/${encodeURIComponent(await q.odsCodeOf(tx, orgId))}`,
      }));
    },

    async units(orgId: string) {
      return withOrg(db, orgId, (tx) => q.unitNames(tx, orgId));
    },

    /** The public page's statements: the trust's, or one unit's (by its code). */
    async publicPage(odsCode: string, unitCode?: string) {
      const organisation = await findOrganisationByOdsCode(db, odsCode);
      if (!organisation) throw new NotFound('There is no NHS organisation with that code in Heard.');
      return withOrg(db, organisation.orgId, async (tx) => {
        const units = await q.unitNames(tx, organisation.orgId);
        const unit = unitCode
          ? units.find((row) => row.code.toUpperCase() === unitCode.toUpperCase())
          : undefined;
        if (unitCode && !unit) throw new NotFound('There is no service with that code.');
        const statements = await sq.publicStatements(tx, organisation.orgId, {
          ...(unit ? { unitId: unit.unitId } : {}),
          today: today(),
          limit: 100,
        });
        return {
          organisation: { name: organisation.name, odsCode: organisation.odsCode },
          unit: unit ? { name: unit.name, code: unit.code } : null,
          statements,
        };
      });
    },
  };
}

export type StatementsService = ReturnType<typeof statementsService>;
