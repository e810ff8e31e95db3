import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { type IsoDate, isIsoDate } from '#src/domains/calendar/index.ts';
import { descendantIds, findOrganisationByOdsCode } from '#src/domains/organisations/index.ts';
import { Forbidden, Invalid, NotFound } from '#src/web/errors.ts';
import { actorOf, type Principal } from '#src/web/principal.ts';
import * as q from './queries.ts';
import { publicTextProblem, todayInEngland } from './rules.ts';
import * as sq from './statement-queries.ts';
import { type AssuranceLevel, assuranceLevels } from './words.ts';

// "You said – We did" (issue 7): short public statements of what people told the organisation and
// what it did, each with an assurance level, linked to the feedback that prompted them. They are
// published to anyone, so their words are checked for personal details before they are saved,
// and the public pages and feed show only the statement, its unit, date and assurance.

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

export function statementsService({ db, clock = () => new Date() }: { db: Database; clock?: () => Date }) {
  const today = () => todayInEngland(clock());

  return {
    async addStatement(principal: Principal, statement: NewStatement, requestId?: string) {
      if (!principal.permissions.has('actions:update')) throw new Forbidden();
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
      const [first] = Object.values(problems);
      if (first || !statement.assuranceLevel) throw new Invalid(first ?? 'There is a problem', problems);
      const assuranceLevel = statement.assuranceLevel;
      const { orgId } = principal;
      return withOrg(db, orgId, async (tx) => {
        // Staff scoped to units speak only for their units; a trust-wide statement needs a trust-wide role.
        if (principal.unitScope !== 'all' && !principal.permissions.has('actions:manage')) {
          const visible = descendantIds(await q.unitNames(tx, orgId), principal.unitScope);
          if (!statement.unitId || !visible.has(statement.unitId)) {
            const message = 'Select one of your units';
            throw new Invalid(message, { unitId: message });
          }
        }
        const reference = statement.sourceReference?.trim().toUpperCase() || null;
        const sourceRecordId = reference ? await sq.recordIdByReference(tx, orgId, reference) : null;
        if (reference && !sourceRecordId) {
          const message = `There is no feedback with the reference ${reference}`;
          throw new Invalid(message, { sourceReference: message });
        }
        const row = await sq.insertStatement(tx, {
          orgId,
          unitId: statement.unitId,
          youSaid: statement.youSaid.trim(),
          weDid: statement.weDid.trim(),
          assuranceLevel,
          sourceRecordId,
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
