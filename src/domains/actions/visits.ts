import { AlignmentType, Document, HeadingLevel, Packer, Paragraph } from 'docx';
import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { isIsoDate, ukDate } from '#src/domains/calendar/index.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '#src/web/errors.ts';
import { actorOf, type Principal } from '#src/web/principal.ts';
import * as q from './queries.ts';
import { personalDataIn, todayInEngland } from './rules.ts';
import * as vq from './visit-queries.ts';
import {
  type FindingKind,
  findingKindNames,
  findingKinds,
  type KeyQuestion,
  keyQuestionNames,
  keyQuestions,
  type VisitType,
  visitTypeNames,
  visitTypes,
} from './words.ts';

// Quality visits (issue 7; the CQC case studies' announced and unannounced visits, 15 Steps
// Challenges, mock inspections and peer reviews): who went, when, what kind, and what they found
// under each key question — good practice and areas for improvement; the findings letter as a
// Word document; and the areas for improvement turned into an action plan in one step.

export interface NewVisit {
  unitId: string;
  visitDate: string | null;
  visitType: string;
  team: string;
  findings: { keyQuestion: KeyQuestion; kind: FindingKind; text: string }[];
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Findings from the form's boxes: one box per key question and kind, one finding a line. */
export function findingsFromBoxes(boxes: Record<string, string>): NewVisit['findings'] {
  return keyQuestions.flatMap((keyQuestion) =>
    findingKinds.flatMap((kind) =>
      (boxes[`${keyQuestion}-${kind}`] ?? '')
        .split(/\r?\n/)
        .map((line) => line.replace(/^[\s•*-]+/, '').trim())
        .filter(Boolean)
        .map((text) => ({ keyQuestion, kind, text })),
    ),
  );
}

/** Refuses a visit with a problem, every problem by field; gives back its date. */
function checkedVisit(input: NewVisit, today: string): string {
  const problems: Record<string, string> = {};
  if (!uuidPattern.test(input.unitId)) problems.unitId = 'Select the unit that was visited';
  if (!input.visitDate || !isIsoDate(input.visitDate)) problems.visitDate = 'Enter the date of the visit';
  else if (input.visitDate > today) problems.visitDate = 'Date of the visit must be today or in the past';
  if (!(visitTypes as readonly string[]).includes(input.visitType))
    problems.visitType = 'Select the kind of visit';
  if (!input.team.trim()) problems.team = 'Enter who made the visit, by role';
  if (input.findings.length === 0) problems['safe-good-practice'] = 'Enter at least one finding';
  const named = input.findings.find((finding) => personalDataIn(finding.text).length > 0);
  if (named) problems[`${named.keyQuestion}-${named.kind}`] = 'Findings must not include personal details';
  const [first] = Object.values(problems);
  if (first || !input.visitDate) throw new Invalid(first ?? 'There is a problem', problems);
  return input.visitDate;
}

export function visitsService({ db, clock = () => new Date() }: { db: Database; clock?: () => Date }) {
  const requireManager = (principal: Principal) => {
    if (!principal.permissions.has('actions:manage'))
      throw new Forbidden('Only the team who run action plans can do this.');
  };

  async function visitIn(tx: OrgTransaction, orgId: string, visitId: string) {
    const visit = uuidPattern.test(visitId) ? await vq.visitById(tx, orgId, visitId) : null;
    if (!visit) throw new NotFound('There is no quality visit with that identifier in your organisation.');
    const findings = await vq.findingsOf(tx, orgId, visit.visitId);
    const unitName = (await q.unitNames(tx, orgId)).find((unit) => unit.unitId === visit.unitId)?.name ?? '';
    return { visit, findings, unitName };
  }

  return {
    async recordVisit(principal: Principal, input: NewVisit, requestId?: string) {
      requireManager(principal);
      const visitDate = checkedVisit(input, todayInEngland(clock()));
      const { orgId } = principal;
      return withOrg(db, orgId, async (tx) => {
        const visit = await vq.insertVisit(tx, {
          orgId,
          unitId: input.unitId,
          visitDate,
          visitType: input.visitType as VisitType,
          team: input.team.trim(),
          createdBy: principal.kind === 'user' ? principal.id : null,
        });
        await vq.insertFindings(
          tx,
          input.findings.map((finding, index) => ({
            orgId,
            visitId: visit.visitId,
            ...finding,
            position: index + 1,
          })),
        );
        await recordAudit(tx, orgId, actorOf(principal, requestId), {
          action: 'quality-visit.recorded',
          entityType: 'quality-visit',
          entityId: visit.visitId,
          after: { ...visit, findings: input.findings },
        });
        return visit;
      });
    },

    /**
     * Corrects a visit's unit, date, kind, team and findings. A plan already made from its findings
     * keeps its actions: they are the plan's to change from then on.
     */
    async editVisit(principal: Principal, visitId: string, input: NewVisit, requestId?: string) {
      requireManager(principal);
      const visitDate = checkedVisit(input, todayInEngland(clock()));
      const { orgId } = principal;
      return withOrg(db, orgId, async (tx) => {
        const before = await visitIn(tx, orgId, visitId);
        const units = await q.unitNames(tx, orgId);
        if (!units.some((unit) => unit.unitId === input.unitId)) {
          throw new Invalid('Select the unit that was visited', {
            unitId: 'Select the unit that was visited',
          });
        }
        const visit = await vq.updateVisitRow(tx, orgId, before.visit.visitId, {
          unitId: input.unitId,
          visitDate,
          visitType: input.visitType as VisitType,
          team: input.team.trim(),
        });
        await vq.removeFindings(tx, orgId, visit.visitId);
        await vq.insertFindings(
          tx,
          input.findings.map((finding, index) => ({
            orgId,
            visitId: visit.visitId,
            ...finding,
            position: index + 1,
          })),
        );
        await recordAudit(tx, orgId, actorOf(principal, requestId), {
          action: 'quality-visit.edited',
          entityType: 'quality-visit',
          entityId: visit.visitId,
          before: {
            ...before.visit,
            findings: before.findings.map(({ keyQuestion, kind, text }) => ({ keyQuestion, kind, text })),
          },
          after: { ...visit, findings: input.findings },
        });
        return visit;
      });
    },

    async visits(orgId: string) {
      return withOrg(db, orgId, async (tx) => {
        const units = await q.unitNames(tx, orgId);
        const rows = await vq.allVisits(tx, orgId);
        return rows.map((visit) => ({
          ...visit,
          unitName: units.find((unit) => unit.unitId === visit.unitId)?.name ?? '',
        }));
      });
    },

    async visitView(orgId: string, visitId: string) {
      return withOrg(db, orgId, (tx) => visitIn(tx, orgId, visitId));
    },

    /** The letter to the visited unit: its findings by key question, good practice first. */
    async findingsLetter(orgId: string, visitId: string) {
      const { visit, findings, unitName } = await withOrg(db, orgId, (tx) => visitIn(tx, orgId, visitId));
      const sections = keyQuestions.flatMap((keyQuestion) => {
        const own = findings.filter((finding) => finding.keyQuestion === keyQuestion);
        if (own.length === 0) return [];
        return [
          new Paragraph({ text: keyQuestionNames[keyQuestion], heading: HeadingLevel.HEADING_2 }),
          ...findingKinds.flatMap((kind) => {
            const ofKind = own.filter((finding) => finding.kind === kind);
            return ofKind.length === 0
              ? []
              : [
                  new Paragraph({ text: findingKindNames[kind], heading: HeadingLevel.HEADING_3 }),
                  ...ofKind.map((finding) => new Paragraph({ text: finding.text, bullet: { level: 0 } })),
                ];
          }),
        ];
      });
      const document = new Document({
        creator: 'Heard',
        title: `Quality visit to ${unitName}`,
        styles: { default: { document: { run: { font: 'Arial', size: 24 } } } },
        sections: [
          {
            children: [
              new Paragraph({
                text: `Quality visit to ${unitName}`,
                heading: HeadingLevel.HEADING_1,
                alignment: AlignmentType.LEFT,
              }),
              new Paragraph({ text: `${visitTypeNames[visit.visitType]} on ${ukDate(visit.visitDate)}` }),
              new Paragraph({ text: `Visiting team: ${visit.team}` }),
              new Paragraph({
                text: 'Thank you for welcoming the visiting team. These are our findings under each of the CQC’s key questions. Please send us your action plan for the areas for improvement.',
              }),
              ...sections,
            ],
          },
        ],
      });
      return {
        fileName: `quality-visit-${visit.visitDate}.docx`,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        content: Buffer.from(await Packer.toBuffer(document)),
      };
    },

    /** Turns the visit's areas for improvement into an action plan: one recommendation and action each. */
    async turnIntoActions(principal: Principal, visitId: string, requestId?: string) {
      requireManager(principal);
      const { orgId } = principal;
      const actor = actorOf(principal, requestId);
      return withOrg(db, orgId, async (tx) => {
        const { visit, findings, unitName } = await visitIn(tx, orgId, visitId);
        if (visit.planId)
          throw new Conflict('This visit’s findings have already been turned into an action plan.');
        const improvements = findings.filter((finding) => finding.kind === 'improvement');
        if (improvements.length === 0)
          throw new Invalid('The visit found no areas for improvement to act on.');
        const plan = await q.insertPlan(tx, {
          orgId,
          name: `${visitTypeNames[visit.visitType]}: ${unitName}, ${ukDate(visit.visitDate)}`,
          source: 'quality-visit',
          visitType: visit.visitType,
          unitId: visit.unitId,
          sourceDescription: `Visiting team: ${visit.team}`,
          createdBy: actor.kind === 'user' ? actor.id : null,
        });
        await recordAudit(tx, orgId, actor, {
          action: 'action-plan.created',
          entityType: 'action-plan',
          entityId: plan.planId,
          after: plan,
        });
        for (const [index, finding] of improvements.entries()) {
          const recommendation = await q.insertRecommendation(tx, {
            orgId,
            planId: plan.planId,
            number: String(index + 1),
            text: finding.text,
            position: index + 1,
          });
          const action = await q.insertAction(tx, {
            orgId,
            planId: plan.planId,
            recommendationId: recommendation.recommendationId,
            position: index + 1,
            keyQuestion: finding.keyQuestion,
            unitId: visit.unitId,
          });
          await recordAudit(tx, orgId, actor, {
            action: 'action.created',
            entityType: 'action',
            entityId: action.actionId,
            after: action,
          });
        }
        await vq.setVisitPlan(tx, orgId, visit.visitId, plan.planId);
        await recordAudit(tx, orgId, actor, {
          action: 'quality-visit.turned-into-actions',
          entityType: 'quality-visit',
          entityId: visit.visitId,
          after: { planId: plan.planId, actions: improvements.length },
        });
        return plan;
      });
    },
  };
}
