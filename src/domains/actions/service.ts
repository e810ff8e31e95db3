import { createHash } from 'node:crypto';
import type { Config } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { type IsoDate, isIsoDate } from '#src/domains/calendar/index.ts';
import { allowedKindsInWords, attachmentTypeOf, safeFileName } from '#src/domains/cases/index.ts';
import { descendantIds } from '#src/domains/organisations/index.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '#src/web/errors.ts';
import { type Actor, actorOf, type Principal } from '#src/web/principal.ts';
import { mayManagePlans, mayUpdateAction } from './access.ts';
import { type CheckedTable, checkPlanTable, type ExportAction, planTableCells } from './plan-table.ts';
import * as q from './queries.ts';
import {
  assuranceProblem,
  completionProblem,
  type PlanProgress,
  planProgress,
  shownStatus,
  todayInEngland,
} from './rules.ts';
import type { ActionPlanRow, PlanActionRow } from './schema.ts';
import * as sq from './statement-queries.ts';
import {
  type ActionStatus,
  type AssuranceLevel,
  actionStatuses,
  assuranceLevels,
  type CqcRequirement,
  cqcRequirements,
  type KeyQuestion,
  keyQuestions,
  type PlanSource,
  planSources,
  type ShownStatus,
  type VisitType,
  visitTypes,
} from './words.ts';

// Action plans, their recommendations and actions, evidence and assurance (issue 7). Every write
// is checked (actions/access.ts), made in the organisation's transaction and recorded in the
// audit trail in that same transaction. Plans hold no personal data; evidence files are kept as
// case attachments are (type from the bytes, size limit, hash), and the trail keeps their hash, never their name.

export interface ActionsDependencies {
  db: Database;
  config: Pick<Config, 'ATTACHMENT_MAX_MEGABYTES'>;
  clock?: () => Date;
}

export interface NewPlan {
  name: string;
  source: PlanSource;
  visitType?: VisitType | null;
  unitId?: string | null;
  sourceRecordId?: string | null;
  /** The reference of the complaint or concern that prompted the plan (C-2017-00042), instead of its id. */
  sourceReference?: string | null;
  sourceDescription?: string | null;
  reportedTo?: string | null;
}

export interface ActionFields {
  leadUserId?: string | null;
  leadName?: string | null;
  actionCompleted?: string | null;
  furtherAction?: string | null;
  dueDate?: IsoDate | null;
  dueDatePrecision?: 'day' | 'month';
  methodOfMeasurement?: string | null;
  outcomeIndicator?: string | null;
  reportedTo?: string | null;
  status?: ActionStatus;
  cqcRequirement?: CqcRequirement | null;
  keyQuestion?: KeyQuestion | null;
  unitId?: string | null;
  assuranceLevel?: AssuranceLevel | null;
  assuranceReason?: string | null;
}

/** An action as pages show it: with its derived status. */
export type ShownAction = q.ActionListing & { shownStatus: ShownStatus };

export interface Upload {
  fileName: string;
  content: Buffer;
  truncated?: boolean;
}

export interface ImportResult {
  plan: ActionPlanRow | null;
  checked: CheckedTable;
  rejected: number;
  accepted: number;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const notFoundPlan = () => new NotFound('There is no action plan with that identifier in your organisation.');
const notFoundAction = () => new NotFound('There is no action with that identifier in your organisation.');
const trimmed = (text: string | null | undefined) => (text?.trim() ? text.trim() : null);

function planProblems(plan: NewPlan): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!plan.name.trim()) problems.name = 'Enter the plan’s name';
  else if (plan.name.trim().length > 200) problems.name = 'The plan’s name must be 200 characters or fewer';
  if (!planSources.includes(plan.source)) problems.source = 'Select where the plan comes from';
  if (plan.visitType && !visitTypes.includes(plan.visitType)) problems.visitType = 'Select the kind of visit';
  if (plan.source === 'quality-visit' && !plan.visitType) problems.visitType = 'Select the kind of visit';
  return problems;
}

function actionFieldProblems(fields: ActionFields): Record<string, string> {
  const problems: Record<string, string> = {};
  if (fields.dueDate && !isIsoDate(fields.dueDate)) problems.dueDate = 'Enter a real due date';
  if (fields.status && !actionStatuses.includes(fields.status)) problems.status = 'Select the status';
  if (fields.keyQuestion && !keyQuestions.includes(fields.keyQuestion))
    problems.keyQuestion = 'Select the key question';
  if (fields.cqcRequirement && !cqcRequirements.includes(fields.cqcRequirement))
    problems.cqcRequirement = 'Select must do or should do';
  if (fields.assuranceLevel && !assuranceLevels.includes(fields.assuranceLevel))
    problems.assuranceLevel = 'Select the level of assurance';
  const assurance = assuranceProblem(fields.assuranceLevel ?? null, fields.assuranceReason ?? null);
  if (assurance) problems[fields.assuranceLevel ? 'assuranceReason' : 'assuranceLevel'] = assurance;
  return problems;
}

const refuseIf = (problems: Record<string, string>) => {
  const [first] = Object.values(problems);
  if (first) throw new Invalid(first, problems);
};

/** What the audit trail keeps of an action: its fields, which hold no personal data. */
const auditedAction = (action: PlanActionRow) => action;

export function actionsService({ db, config, clock = () => new Date() }: ActionsDependencies) {
  const today = () => todayInEngland(clock());
  const maxBytes = config.ATTACHMENT_MAX_MEGABYTES * 1024 * 1024;
  const shown = (action: q.ActionListing): ShownAction => ({
    ...action,
    shownStatus: shownStatus(action, today()),
  });

  async function createPlanIn(tx: OrgTransaction, orgId: string, actor: Actor, plan: NewPlan) {
    refuseIf(planProblems(plan));
    if (await q.planByName(tx, orgId, plan.name.trim())) {
      throw new Invalid(`There is already a plan called ${plan.name.trim()}`, {
        name: `There is already a plan called ${plan.name.trim()}: choose another name`,
      });
    }
    const reference = plan.sourceReference?.trim().toUpperCase() || null;
    const referencedRecordId = reference ? await sq.recordIdByReference(tx, orgId, reference) : null;
    if (reference && !referencedRecordId) {
      const message = `There is no feedback with the reference ${reference}`;
      throw new Invalid(message, { sourceReference: message });
    }
    const row = await q.insertPlan(tx, {
      orgId,
      name: plan.name.trim(),
      source: plan.source,
      visitType: plan.visitType ?? null,
      unitId: plan.unitId ?? null,
      sourceRecordId: plan.sourceRecordId ?? referencedRecordId,
      sourceDescription: trimmed(plan.sourceDescription),
      reportedTo: trimmed(plan.reportedTo),
      createdBy: actor.kind === 'user' ? actor.id : null,
    });
    await recordAudit(tx, orgId, actor, {
      action: 'action-plan.created',
      entityType: 'action-plan',
      entityId: row.planId,
      after: row,
    });
    return row;
  }

  async function addActionIn(
    tx: OrgTransaction,
    orgId: string,
    actor: Actor,
    planId: string,
    recommendationId: string,
    fields: ActionFields,
  ) {
    refuseIf(actionFieldProblems(fields));
    const row = await q.insertAction(tx, {
      orgId,
      planId,
      recommendationId,
      position: await q.nextActionPosition(tx, orgId, planId),
      leadUserId: fields.leadUserId ?? null,
      leadName: trimmed(fields.leadName),
      actionCompleted: trimmed(fields.actionCompleted),
      furtherAction: trimmed(fields.furtherAction),
      dueDate: fields.dueDate ?? null,
      dueDatePrecision: fields.dueDatePrecision ?? 'day',
      methodOfMeasurement: trimmed(fields.methodOfMeasurement),
      outcomeIndicator: trimmed(fields.outcomeIndicator),
      reportedTo: trimmed(fields.reportedTo),
      status: fields.status ?? 'not-started',
      completedDate: fields.status === 'completed' ? today() : null,
      cqcRequirement: fields.cqcRequirement ?? null,
      keyQuestion: fields.keyQuestion ?? null,
      unitId: fields.unitId ?? null,
      assuranceLevel: fields.assuranceLevel ?? null,
      assuranceReason: trimmed(fields.assuranceReason),
    });
    await recordAudit(tx, orgId, actor, {
      action: 'action.created',
      entityType: 'action',
      entityId: row.actionId,
      after: auditedAction(row),
    });
    return row;
  }

  async function planIn(tx: OrgTransaction, orgId: string, planId: string) {
    const plan = uuidPattern.test(planId) ? await q.planById(tx, orgId, planId) : null;
    if (!plan) throw notFoundPlan();
    return plan;
  }

  /** An action the principal may change, locked by its version. */
  async function actionToChange(tx: OrgTransaction, principal: Principal, actionId: string) {
    const action = uuidPattern.test(actionId) ? await q.actionById(tx, principal.orgId, actionId) : null;
    if (!action) throw notFoundAction();
    const owner = { leadUserId: action.leadUserId, unitId: action.unitId ?? action.planUnitId };
    if (!mayUpdateAction(principal, owner, await visibleUnitsIn(tx, principal))) {
      throw new Forbidden(
        'Only the action’s lead, a service manager for its unit, or the team who run action plans can change it.',
      );
    }
    return action;
  }

  async function changeAction(
    tx: OrgTransaction,
    principal: Principal,
    requestId: string | undefined,
    current: q.ActionListing,
    version: number,
    changes: Partial<PlanActionRow>,
    auditAction: string,
  ) {
    const updated = await q.updateActionRow(tx, principal.orgId, current.actionId, version, changes);
    if (!updated) {
      throw new Conflict(
        'Someone else changed this action while you were working on it. Check what they changed and try again.',
      );
    }
    const {
      leadDisplayName: _l,
      unitName: _u,
      planName: _p,
      planSource: _s,
      planUnitId: _pu,
      recommendationNumber: _r,
      ...before
    } = current;
    await recordAudit(tx, principal.orgId, actorOf(principal, requestId), {
      action: auditAction,
      entityType: 'action',
      entityId: current.actionId,
      before,
      after: auditedAction(updated),
    });
    return updated;
  }

  /** The units a service manager's grant covers, descendants included. */
  async function visibleUnitsIn(
    tx: OrgTransaction,
    principal: Principal,
  ): Promise<'all' | ReadonlySet<string>> {
    if (principal.unitScope === 'all') return 'all';
    const all = await q.unitNames(tx, principal.orgId);
    return descendantIds(all, principal.unitScope);
  }

  function requireManager(principal: Principal) {
    if (!mayManagePlans(principal)) {
      throw new Forbidden('Only the team who run action plans can do this.');
    }
  }

  async function checkedUploadType(upload: Upload) {
    const refuse = (message: string) => new Invalid(message, { file: message });
    if (upload.content.length === 0 && !upload.fileName) throw refuse('Select a file');
    if (upload.truncated || upload.content.length > maxBytes) {
      throw refuse(`The selected file must be smaller than ${config.ATTACHMENT_MAX_MEGABYTES}MB`);
    }
    if (upload.content.length === 0) throw refuse('The selected file is empty');
    const type = await attachmentTypeOf(upload.content);
    if (!type) throw refuse(`The selected file must be ${allowedKindsInWords}`);
    return type;
  }

  return {
    today,

    async createPlan(principal: Principal, plan: NewPlan, requestId?: string) {
      requireManager(principal);
      return withOrg(db, principal.orgId, (tx) =>
        createPlanIn(tx, principal.orgId, actorOf(principal, requestId), plan),
      );
    },

    async addRecommendation(
      principal: Principal,
      planId: string,
      recommendation: { number: string; text: string },
      requestId?: string,
    ) {
      requireManager(principal);
      const problems: Record<string, string> = {};
      if (!recommendation.number.trim()) problems.number = 'Enter the recommendation’s number';
      if (!recommendation.text.trim()) problems.text = 'Enter the recommendation';
      refuseIf(problems);
      return withOrg(db, principal.orgId, async (tx) => {
        const plan = await planIn(tx, principal.orgId, planId);
        const existing = await q.recommendationsOf(tx, principal.orgId, plan.planId);
        if (existing.some((row) => row.number === recommendation.number.trim())) {
          const message = `Recommendation ${recommendation.number.trim()} is already in this plan`;
          throw new Invalid(message, { number: message });
        }
        const row = await q.insertRecommendation(tx, {
          orgId: principal.orgId,
          planId: plan.planId,
          number: recommendation.number.trim(),
          text: recommendation.text.trim(),
          position: existing.length + 1,
        });
        await recordAudit(tx, principal.orgId, actorOf(principal, requestId), {
          action: 'action-plan.recommendation-added',
          entityType: 'action-plan',
          entityId: plan.planId,
          after: row,
        });
        return row;
      });
    },

    async addAction(
      principal: Principal,
      planId: string,
      recommendationId: string,
      fields: ActionFields,
      requestId?: string,
    ) {
      requireManager(principal);
      return withOrg(db, principal.orgId, async (tx) => {
        const plan = await planIn(tx, principal.orgId, planId);
        const recommendations = await q.recommendationsOf(tx, principal.orgId, plan.planId);
        if (!recommendations.some((row) => row.recommendationId === recommendationId)) {
          throw new Invalid('Select the recommendation', { recommendationId: 'Select the recommendation' });
        }
        return addActionIn(
          tx,
          principal.orgId,
          actorOf(principal, requestId),
          plan.planId,
          recommendationId,
          fields,
        );
      });
    },

    /** The plans with their figures: the board summary and the list of plans. */
    async plansWithProgress(orgId: string) {
      return withOrg(db, orgId, async (tx) => {
        const [plans, actions] = await Promise.all([q.allPlans(tx, orgId), q.allActions(tx, orgId)]);
        return plans.map((plan) => ({
          plan,
          progress: planProgress(
            actions.filter((action) => action.planId === plan.planId),
            today(),
          ),
        }));
      });
    },

    /** A plan with its recommendations, actions (with their derived status) and figures. */
    async planView(orgId: string, planId: string) {
      return withOrg(db, orgId, async (tx) => {
        const plan = await planIn(tx, orgId, planId);
        const [recommendations, actions] = await Promise.all([
          q.recommendationsOf(tx, orgId, plan.planId),
          q.actionsOfPlan(tx, orgId, plan.planId),
        ]);
        const shownActions = actions.map(shown);
        const sourceReference = plan.sourceRecordId
          ? await sq.referenceOfRecord(tx, orgId, plan.sourceRecordId)
          : null;
        return {
          plan,
          sourceReference,
          recommendations,
          actions: shownActions,
          progress: planProgress(actions, today()) as PlanProgress,
        };
      });
    },

    async planIdByName(orgId: string, name: string): Promise<string> {
      const plan = await withOrg(db, orgId, (tx) => q.planByName(tx, orgId, name.trim()));
      if (!plan) throw new NotFound(`There is no action plan called ${name.trim()}.`);
      return plan.planId;
    },

    async myActions(principal: Principal) {
      const actions = await withOrg(db, principal.orgId, (tx) =>
        q.actionsLedBy(tx, principal.orgId, principal.id),
      );
      return actions.map(shown);
    },

    /** Every overdue action, grouped by the unit that carries it out (its plan's unit when it has none). */
    async overdueByUnit(orgId: string) {
      const actions = await withOrg(db, orgId, (tx) => q.actionsOverdue(tx, orgId, today()));
      const groups = new Map<string, { unitName: string; actions: ShownAction[] }>();
      for (const action of actions.map(shown)) {
        const unitName = action.unitName ?? 'The whole organisation';
        const group = groups.get(unitName) ?? { unitName, actions: [] };
        group.actions.push(action);
        groups.set(unitName, group);
      }
      return [...groups.values()];
    },

    /** An action's page: the action, its evidence, and whether this person may change it. */
    async actionView(principal: Principal, actionId: string) {
      return withOrg(db, principal.orgId, async (tx) => {
        const action = uuidPattern.test(actionId) ? await q.actionById(tx, principal.orgId, actionId) : null;
        if (!action) throw notFoundAction();
        const evidence = await q.evidenceOf(tx, principal.orgId, action.actionId);
        const mayUpdate = mayUpdateAction(
          principal,
          { leadUserId: action.leadUserId, unitId: action.unitId ?? action.planUnitId },
          await visibleUnitsIn(tx, principal),
        );
        return { action: shown(action), evidence, mayUpdate, mayManage: mayManagePlans(principal) };
      });
    },

    /** The action for a form that changes it: refused, before the form is shown, to anyone who may not. */
    async actionToUpdate(principal: Principal, actionId: string) {
      const shownAction = await this.actionView(principal, actionId);
      if (!shownAction.mayUpdate) {
        throw new Forbidden(
          'Only the action’s lead, a service manager for its unit, or the team who run action plans can change it.',
        );
      }
      return shownAction;
    },

    /** A lead's update: what was done, what is still to do, the status. Leads and service managers may; managers may change more. */
    async updateAction(
      principal: Principal,
      actionId: string,
      version: number,
      fields: ActionFields,
      requestId?: string,
    ) {
      refuseIf(actionFieldProblems(fields));
      // Who leads it, when it is due and its assurance are the plan's owners' to decide.
      const managerOnly: (keyof ActionFields)[] = [
        'leadUserId',
        'leadName',
        'dueDate',
        'cqcRequirement',
        'keyQuestion',
        'unitId',
        'assuranceLevel',
        'assuranceReason',
      ];
      if (!mayManagePlans(principal) && managerOnly.some((field) => fields[field] !== undefined)) {
        throw new Forbidden(
          'Only the team who run action plans can change an action’s lead, date or assurance.',
        );
      }
      return withOrg(db, principal.orgId, async (tx) => {
        const current = await actionToChange(tx, principal, actionId);
        if (fields.status === 'completed' && current.status !== 'completed') {
          const evidence = await q.evidenceOf(tx, principal.orgId, current.actionId);
          const problem = completionProblem(
            evidence.length,
            fields.actionCompleted ?? current.actionCompleted,
          );
          if (problem) throw new Invalid(problem, { status: problem });
        }
        const changes: Partial<PlanActionRow> = {};
        for (const [field, value] of Object.entries(fields) as [keyof ActionFields, unknown][]) {
          if (value === undefined) continue;
          (changes as Record<string, unknown>)[field] = typeof value === 'string' ? trimmed(value) : value;
        }
        if (fields.status) {
          changes.completedDate = fields.status === 'completed' ? (current.completedDate ?? today()) : null;
        }
        return changeAction(tx, principal, requestId, current, version, changes, 'action.updated');
      });
    },

    /** Completes an action: refused without evidence or an account of what was done. */
    async completeAction(principal: Principal, actionId: string, version: number, requestId?: string) {
      return withOrg(db, principal.orgId, async (tx) => {
        const current = await actionToChange(tx, principal, actionId);
        if (current.status === 'completed') throw new Conflict('This action is already completed.');
        const evidence = await q.evidenceOf(tx, principal.orgId, current.actionId);
        const problem = completionProblem(evidence.length, current.actionCompleted);
        if (problem) throw new Invalid(problem, { form: problem });
        return changeAction(
          tx,
          principal,
          requestId,
          current,
          version,
          { status: 'completed', completedDate: today() },
          'action.completed',
        );
      });
    },

    async addEvidenceNote(principal: Principal, actionId: string, note: string, requestId?: string) {
      if (!note.trim()) throw new Invalid('Enter the evidence', { note: 'Enter the evidence' });
      if (note.length > 10_000) {
        throw new Invalid('The evidence must be 10,000 characters or fewer', {
          note: 'The evidence must be 10,000 characters or fewer',
        });
      }
      return withOrg(db, principal.orgId, async (tx) => {
        const action = await actionToChange(tx, principal, actionId);
        const row = await q.insertEvidence(tx, {
          orgId: principal.orgId,
          actionId: action.actionId,
          note: note.trim(),
          addedBy: principal.kind === 'user' ? principal.id : null,
          addedByName: principal.name,
        });
        await recordAudit(tx, principal.orgId, actorOf(principal, requestId), {
          action: 'action.evidence-added',
          entityType: 'action',
          entityId: action.actionId,
          after: { evidenceId: row.evidenceId, note: row.note },
        });
        return row;
      });
    },

    async addEvidenceFile(
      principal: Principal,
      actionId: string,
      upload: Upload,
      note?: string,
      requestId?: string,
    ) {
      const contentType = await checkedUploadType(upload);
      return withOrg(db, principal.orgId, async (tx) => {
        const action = await actionToChange(tx, principal, actionId);
        const row = await q.insertEvidence(tx, {
          orgId: principal.orgId,
          actionId: action.actionId,
          note: trimmed(note),
          fileName: safeFileName(upload.fileName, contentType),
          contentType,
          sizeBytes: upload.content.length,
          sha256: sha256Of(upload.content),
          content: upload.content,
          addedBy: principal.kind === 'user' ? principal.id : null,
          addedByName: principal.name,
        });
        await recordAudit(tx, principal.orgId, actorOf(principal, requestId), {
          action: 'action.evidence-added',
          entityType: 'action',
          entityId: action.actionId,
          after: {
            evidenceId: row.evidenceId,
            contentType: row.contentType,
            sizeBytes: row.sizeBytes,
            sha256: row.sha256,
          },
        });
        return row;
      });
    },

    /** An evidence file to send; each download is in the audit trail, as a case attachment's is. */
    async downloadEvidence(principal: Principal, actionId: string, evidenceId: string, requestId?: string) {
      if (!uuidPattern.test(actionId) || !uuidPattern.test(evidenceId)) throw notFoundAction();
      return withOrg(db, principal.orgId, async (tx) => {
        const found = await q.evidenceWithContent(tx, principal.orgId, actionId, evidenceId);
        if (!found?.content || !found.fileName || !found.contentType) {
          throw new NotFound('This action has no file with that identifier.');
        }
        if (sha256Of(found.content) !== found.sha256) throw new Error(`evidence ${evidenceId} is damaged`);
        await recordAudit(tx, principal.orgId, actorOf(principal, requestId), {
          action: 'action.evidence-downloaded',
          entityType: 'action',
          entityId: actionId,
          after: {
            evidenceId,
            contentType: found.contentType,
            sizeBytes: found.sizeBytes,
            sha256: found.sha256,
          },
        });
        return { fileName: found.fileName, contentType: found.contentType, content: found.content };
      });
    },

    async setPlanAssurance(
      principal: Principal,
      planId: string,
      level: AssuranceLevel | null,
      reason: string | null,
      requestId?: string,
    ) {
      requireManager(principal);
      if (level && !assuranceLevels.includes(level)) {
        throw new Invalid('Select the level of assurance', {
          assuranceLevel: 'Select the level of assurance',
        });
      }
      const problem = assuranceProblem(level, reason);
      if (problem) throw new Invalid(problem, { [level ? 'assuranceReason' : 'assuranceLevel']: problem });
      return withOrg(db, principal.orgId, async (tx) => {
        const before = await planIn(tx, principal.orgId, planId);
        const after = await q.updatePlanRow(tx, principal.orgId, before.planId, {
          assuranceLevel: level,
          assuranceReason: trimmed(reason),
        });
        await recordAudit(tx, principal.orgId, actorOf(principal, requestId), {
          action: 'action-plan.assurance-recorded',
          entityType: 'action-plan',
          entityId: before.planId,
          before: { assuranceLevel: before.assuranceLevel, assuranceReason: before.assuranceReason },
          after: { assuranceLevel: after.assuranceLevel, assuranceReason: after.assuranceReason },
        });
        return after;
      });
    },

    /** The organisation's users who can sign in, for choosing a lead. */
    async possibleLeads(orgId: string) {
      return withOrg(db, orgId, (tx) => q.activeUsers(tx, orgId));
    },

    async units(orgId: string) {
      return withOrg(db, orgId, (tx) => q.unitNames(tx, orgId));
    },

    /**
     * Imports a plan from a table laid out like the review's. Every row is checked first; when any
     * is rejected nothing is imported, so a corrected file can be imported again as it is.
     */
    async importPlan(orgId: string, actor: Actor, plan: NewPlan, cells: readonly (readonly string[])[]) {
      const checked = checkPlanTable(cells);
      const rejected = checked.report.filter((row) => row.problems.length > 0).length;
      const result: ImportResult = { plan: null, checked, rejected, accepted: checked.rows.length };
      if (checked.tableProblem || rejected > 0) return result;
      result.plan = await withOrg(db, orgId, async (tx) => {
        const created = await createPlanIn(tx, orgId, actor, plan);
        const people = await q.activeUsers(tx, orgId);
        const leadOf = (lead: string | null) =>
          lead
            ? (people.find(
                (person) =>
                  person.displayName.toLowerCase() === lead.toLowerCase() ||
                  person.email.toLowerCase() === lead.toLowerCase(),
              )?.userId ?? null)
            : null;
        const recommendationIds = new Map<string, string>();
        for (const row of checked.rows) {
          let recommendationId = recommendationIds.get(row.number);
          if (!recommendationId) {
            const recommendation = await q.insertRecommendation(tx, {
              orgId,
              planId: created.planId,
              number: row.number,
              text: row.recommendation,
              position: recommendationIds.size + 1,
            });
            recommendationId = recommendation.recommendationId;
            recommendationIds.set(row.number, recommendationId);
          }
          await addActionIn(tx, orgId, actor, created.planId, recommendationId, {
            leadUserId: leadOf(row.lead),
            leadName: row.lead,
            actionCompleted: row.actionCompleted,
            furtherAction: row.furtherAction,
            dueDate: row.dueDate,
            dueDatePrecision: row.dueDatePrecision,
            methodOfMeasurement: row.methodOfMeasurement,
            outcomeIndicator: row.outcomeIndicator,
            reportedTo: row.reportedTo,
            status: row.status,
            cqcRequirement: row.cqcRequirement,
            keyQuestion: row.keyQuestion,
          });
        }
        await recordAudit(tx, orgId, actor, {
          action: 'action-plan.imported',
          entityType: 'action-plan',
          entityId: created.planId,
          after: { recommendations: recommendationIds.size, actions: checked.rows.length },
        });
        return created;
      });
      return result;
    },

    /** A plan as the table it was imported from, header first. */
    async planTable(orgId: string, planId: string) {
      return withOrg(db, orgId, async (tx) => {
        const plan = await planIn(tx, orgId, planId);
        const [recommendations, actions] = await Promise.all([
          q.recommendationsOf(tx, orgId, plan.planId),
          q.actionsOfPlan(tx, orgId, plan.planId),
        ]);
        const rows: ExportAction[] = recommendations.flatMap((recommendation) => {
          const own = actions.filter((action) => action.recommendationId === recommendation.recommendationId);
          const base = { number: recommendation.number, recommendation: recommendation.text };
          if (own.length === 0) {
            return [
              {
                ...base,
                lead: null,
                actionCompleted: null,
                furtherAction: null,
                dueDate: null,
                dueDatePrecision: 'day' as const,
                methodOfMeasurement: null,
                outcomeIndicator: null,
                reportedTo: null,
                status: 'not-started' as const,
                cqcRequirement: null,
                keyQuestion: null,
              },
            ];
          }
          return own.map((action) => ({
            ...base,
            lead: action.leadName ?? action.leadDisplayName,
            actionCompleted: action.actionCompleted,
            furtherAction: action.furtherAction,
            dueDate: action.dueDate,
            dueDatePrecision: action.dueDatePrecision,
            methodOfMeasurement: action.methodOfMeasurement,
            outcomeIndicator: action.outcomeIndicator,
            reportedTo: action.reportedTo,
            status: action.status,
            cqcRequirement: action.cqcRequirement,
            keyQuestion: action.keyQuestion,
          }));
        });
        const withCqcColumns = plan.source === 'cqc-inspection' || rows.some((row) => row.keyQuestion);
        return {
          plan,
          cells: planTableCells(rows, withCqcColumns),
          progress: planProgress(actions, today()),
        };
      });
    },
  };
}

export type ActionsService = ReturnType<typeof actionsService>;
