import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { isoDateInLondon } from '#src/domains/calendar/index.ts';
import { descendantIds, listUnits, unitIdsVisibleTo } from '#src/domains/organisations/index.ts';
import { defineApiOperation } from '#src/web/api.ts';
import { Forbidden, Invalid, NotFound } from '#src/web/errors.ts';
import { actorOf, type Principal, principalOf } from '#src/web/principal.ts';
import { mayActOnCaseThroughApi } from './api-access.ts';
import { decodeCursor, pageOf } from './api-paging.ts';
import { caseAccessFacts, casesPage, isIssueOfCase } from './api-queries.ts';
import * as api from './api-schemas.ts';
import { caseDetailOf, listedCase } from './api-views.ts';
import { overallOutcome } from './outcomes.ts';
import { issuesOf, latestExtensionDates } from './queries.ts';
import { casesService } from './service.ts';
import type { CaseAction } from './staff-access.ts';

const tag = 'Cases';
const noCase = () =>
  new NotFound('There is no case with that id in your organisation, or you cannot see it.');

/**
 * Cases and their issues through /api/v1, under the case pages' rules: the same permissions, unit
 * scoping and personal data rules for a signed-in member of staff; an API key is organisation-wide
 * and, holding no role, never sees a case's personal data (cases/access.ts), though it may send
 * personal data when it logs a case.
 */
export function caseApiRoutes({ db, config }: DomainDependencies) {
  const cases = casesService({ db, config });
  const today = () => isoDateInLondon(new Date());

  /** The units a list may cover: `unitId` and those below it, within what the caller may see. */
  async function unitLimit(principal: Principal, unitId: string | undefined) {
    const visible = await unitIdsVisibleTo(db, principal);
    if (unitId === undefined) return visible === 'all' ? undefined : [...visible];
    const units = await listUnits(db, principal.orgId);
    if (!units.some((unit) => unit.unitId === unitId)) {
      throw new Invalid('There is no unit with that id in your organisation', {
        unitId: 'Enter the id of a unit in your organisation, from GET /api/v1/units',
      });
    }
    return [...descendantIds(units, [unitId])].filter((id) => visible === 'all' || visible.has(id));
  }

  /** Refuses unless the caller may see the case and take `action` on it. */
  async function requireMayAct(principal: Principal, recordId: string, action: CaseAction) {
    const { orgId } = principal;
    const facts = await withOrg(db, orgId, (tx) => caseAccessFacts(tx, orgId, recordId));
    const visible = await unitIdsVisibleTo(db, principal);
    if (!facts || (visible !== 'all' && !visible.has(facts.unitId))) throw noCase();
    if (!mayActOnCaseThroughApi(principal, facts.investigatorUserId, action)) {
      throw new Forbidden(
        'Only the complaints team, or the investigator assigned to this case, can do this.',
      );
    }
  }

  /** Who is calling and the actor their writes are recorded under. */
  const callerOf = (request: FastifyRequest) => {
    const principal = principalOf(request);
    return { principal, orgId: principal.orgId, actor: actorOf(principal, request.id) };
  };

  return async (app: FastifyInstance) => {
    defineApiOperation(app, {
      method: 'GET',
      path: '/cases',
      operationId: 'listCases',
      summary:
        'List the cases the caller may see, newest received first, a page at a time; never personal data',
      tag,
      permission: 'cases:view',
      query: api.listCasesQuery,
      response: api.caseListResponse,
      handler: async ({ query }, request) => {
        const principal = principalOf(request);
        const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
        if (after === null) {
          throw new Invalid('The cursor is not one Heard gave', {
            cursor: 'Send the nextCursor of the page before, or leave cursor out for the first page',
          });
        }
        if (query.receivedFrom && query.receivedTo && query.receivedFrom > query.receivedTo) {
          throw new Invalid('receivedFrom must be on or before receivedTo', {
            receivedTo: 'receivedTo must be the same as or after receivedFrom',
          });
        }
        const { orgId } = principal;
        const unitIds = await unitLimit(principal, query.unitId);
        const on = today();
        return withOrg(db, orgId, async (tx) => {
          const rows = await casesPage(tx, orgId, { ...query, unitIds, after, limit: query.pageSize + 1 });
          const page = pageOf(rows, query.pageSize, (row) => row.record);
          const complaintIds = page.rows.flatMap((row) => (row.details ? [row.record.recordId] : []));
          const extended = await latestExtensionDates(tx, orgId, complaintIds);
          return {
            cases: page.rows.map((row) => listedCase(row, extended.get(row.record.recordId), on)),
            nextCursor: page.nextCursor,
          };
        });
      },
    });

    defineApiOperation(app, {
      method: 'GET',
      path: '/cases/:recordId',
      operationId: 'getCase',
      summary:
        'One case with its issues, deadlines and overall outcome; personal data only for those who may see it. Each read is recorded in the audit trail',
      tag,
      permission: 'cases:view',
      params: api.caseIdParams,
      response: api.caseDetail,
      handler: async ({ params }, request) => {
        const { principal } = callerOf(request);
        // getCase records the read in the audit trail (issue 4: every read of a case).
        const view = await cases.getCase(principal, params.recordId, { requestId: request.id });
        return caseDetailOf(view);
      },
    });

    defineApiOperation(app, {
      method: 'POST',
      path: '/cases',
      operationId: 'logCase',
      summary:
        'Log a complaint, concern, compliment, comment, enquiry or MP enquiry. An oral complaint resolved by the next working day is refused with 422 unless keepAsComplaint is true',
      tag,
      permission: 'cases:manage',
      body: api.newCaseBody,
      response: api.loggedCaseResponse,
      successStatus: 201,
      handler: async ({ body }, request, reply) => {
        const { orgId, actor } = callerOf(request);
        const logged = await cases.logRecord(orgId, actor, body);
        if (logged.outcome === 'offerConcern') {
          // Nothing was written: the caller decides, as an officer does on the page (SI 2009/309 reg 8(1)(c)).
          throw new Invalid(`${logged.message}.`, {
            keepAsComplaint:
              'Log it with kind concern, or send keepAsComplaint: true to keep it as a complaint under the Regulations',
          });
        }
        reply.header('location', `/api/v1/cases/${logged.record.recordId}`);
        return { ...listedCase(logged, undefined, today()), timeLimit: logged.timeLimit };
      },
    });

    defineApiOperation(app, {
      method: 'POST',
      path: '/cases/:recordId/issues',
      operationId: 'addCaseIssue',
      summary: 'Add an issue to an open complaint, with its KO41a subject and the staff groups involved',
      tag,
      permission: 'cases:manage',
      params: api.caseIdParams,
      body: api.newIssueBody,
      response: api.issueResponse,
      successStatus: 201,
      handler: async ({ params, body }, request) => {
        const { principal, orgId, actor } = callerOf(request);
        await requireMayAct(principal, params.recordId, 'add-issue');
        return cases.addIssue(orgId, actor, params.recordId, body);
      },
    });

    defineApiOperation(app, {
      method: 'PUT',
      path: '/cases/:recordId/issues/:issueId/outcome',
      operationId: 'recordIssueOutcome',
      summary:
        'Record an issue as upheld or not upheld (null: not decided); answers the complaint’s overall outcome',
      tag,
      permission: 'cases:manage',
      params: api.issueIdParams,
      body: api.issueOutcomeBody,
      response: api.issueOutcomeResponse,
      handler: async ({ params, body }, request) => {
        const { principal, orgId, actor } = callerOf(request);
        await requireMayAct(principal, params.recordId, 'issue-outcome');
        const { recordId, issueId } = params;
        if (!(await withOrg(db, orgId, (tx) => isIssueOfCase(tx, orgId, recordId, issueId)))) {
          throw new NotFound('There is no issue with that id on this case.');
        }
        const issue = await cases.recordIssueOutcome(orgId, actor, issueId, body.outcome);
        const issues = await withOrg(db, orgId, (tx) => issuesOf(tx, orgId, recordId));
        // Outcomes change only on an open complaint, so it is not withdrawn.
        const outcome = overallOutcome({ issueOutcomes: issues.map((row) => row.outcome), withdrawn: false });
        return { issue, overallOutcome: outcome };
      },
    });

    defineApiOperation(app, {
      method: 'PUT',
      path: '/cases/:recordId/staff-groups',
      operationId: 'recordConcernStaffGroups',
      summary:
        'Record the staff groups a PALS concern involves (the quarterly report’s Table 11), replacing those recorded before; 409 for any other kind of case',
      tag,
      permission: 'cases:manage',
      params: api.caseIdParams,
      body: api.concernStaffGroupsBody,
      response: api.concernStaffGroupsResponse,
      handler: async ({ params, body }, request) => {
        const { principal, orgId, actor } = callerOf(request);
        const { recordId } = params;
        await requireMayAct(principal, recordId, 'concern-staff-groups');
        // The case pages' version check: refused with 409 if the case changed since the caller read it.
        const expectedVersion = body.version === undefined ? undefined : { recordId, version: body.version };
        return casesService({ db, config, expectedVersion }).recordConcernStaffGroups(
          orgId,
          actor,
          recordId,
          body.staffGroupCodes,
        );
      },
    });

    defineApiOperation(app, {
      method: 'PUT',
      path: '/cases/:recordId/issues/:issueId/ko41a',
      operationId: 'recordIssueKo41a',
      summary:
        'Record an issue’s KO41a service area and, for clinical treatment, its sub-category (null: not known); allowed on closed complaints too',
      tag,
      permission: 'cases:manage',
      params: api.issueIdParams,
      body: api.issueKo41aBody,
      response: api.issueResponse,
      handler: async ({ params, body }, request) => {
        const { principal, orgId, actor } = callerOf(request);
        await requireMayAct(principal, params.recordId, 'issue-ko41a');
        const { recordId, issueId } = params;
        if (!(await withOrg(db, orgId, (tx) => isIssueOfCase(tx, orgId, recordId, issueId)))) {
          throw new NotFound('There is no issue with that id on this case.');
        }
        return cases.recordIssueKo41a(orgId, actor, issueId, body);
      },
    });

    defineApiOperation(app, {
      method: 'PUT',
      path: '/cases/:recordId/ko41a',
      operationId: 'recordComplaintKo41a',
      summary:
        'Record a complaint’s KO41a age of patient and status of complainant (null: not known); allowed on closed complaints too',
      tag,
      permission: 'cases:manage',
      params: api.caseIdParams,
      body: api.complaintKo41aBody,
      response: api.complaintKo41aResponse,
      handler: async ({ params, body }, request) => {
        const { principal, orgId, actor } = callerOf(request);
        await requireMayAct(principal, params.recordId, 'ko41a');
        return cases.recordComplaintKo41a(orgId, actor, params.recordId, body);
      },
    });

    defineApiOperation(app, {
      method: 'POST',
      path: '/cases/:recordId/acknowledgement',
      operationId: 'acknowledgeComplaint',
      summary: 'Record that a complaint was acknowledged, and whether within 3 working days',
      tag,
      permission: 'cases:manage',
      params: api.caseIdParams,
      body: api.acknowledgementBody,
      response: api.acknowledgementResponse,
      handler: async ({ params, body }, request) => {
        const { principal, orgId, actor } = callerOf(request);
        await requireMayAct(principal, params.recordId, 'acknowledge');
        const acknowledgedDate = body.acknowledgedDate ?? today();
        const { onTime } = await cases.acknowledgeComplaint(orgId, actor, params.recordId, acknowledgedDate);
        return { recordId: params.recordId, acknowledgedDate, onTime };
      },
    });

    defineApiOperation(app, {
      method: 'POST',
      path: '/cases/:recordId/extensions',
      operationId: 'agreeResponseExtension',
      summary: 'Record a later response date agreed with the complainant before the current one expired',
      tag,
      permission: 'cases:manage',
      params: api.caseIdParams,
      body: api.extensionBody,
      response: api.extensionResponse,
      successStatus: 201,
      handler: async ({ params, body }, request) => {
        const { principal, orgId, actor } = callerOf(request);
        await requireMayAct(principal, params.recordId, 'extension');
        return cases.agreeExtension(orgId, actor, params.recordId, body);
      },
    });

    defineApiOperation(app, {
      method: 'POST',
      path: '/cases/:recordId/closure',
      operationId: 'closeComplaint',
      summary: 'Close a complaint with its response sent; refused while any issue has no outcome',
      tag,
      permission: 'cases:manage',
      params: api.caseIdParams,
      body: api.closureBody,
      response: api.closureResponse,
      handler: async ({ params, body }, request) => {
        const { principal, orgId, actor } = callerOf(request);
        await requireMayAct(principal, params.recordId, 'close');
        const closed = await cases.closeComplaint(orgId, actor, params.recordId, body);
        return { ...closed.record, overallOutcome: closed.overallOutcome, timeliness: closed.timeliness };
      },
    });

    defineApiOperation(app, {
      method: 'POST',
      path: '/cases/:recordId/withdrawal',
      operationId: 'withdrawComplaint',
      summary: 'Record that the complainant withdrew the complaint',
      tag,
      permission: 'cases:manage',
      params: api.caseIdParams,
      body: api.withdrawalBody,
      response: api.closureResponse,
      handler: async ({ params, body }, request) => {
        const { principal, orgId, actor } = callerOf(request);
        await requireMayAct(principal, params.recordId, 'withdraw');
        const withdrawn = await cases.withdrawComplaint(orgId, actor, params.recordId, body);
        return { ...withdrawn.record, overallOutcome: 'withdrawn' as const };
      },
    });
  };
}
