import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { addUser, principalForUser, type Role } from '#src/domains/identity/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import type { Principal } from '#src/web/principal.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { checkPlanTable } from './plan-table.ts';
import { type ActionsService, actionsService } from './service.ts';
import { readTableFile, writeCsv, writeXlsx } from './table-files.ts';

const actor = systemActor('Action plan tests');
const reviewCsv = readFileSync(
  new URL('../../../docs/action-plans/independent-review-2014.csv', import.meta.url),
);
const pdf = Buffer.from('%PDF-1.7\n% Training attendance\ntrailer <<>>\n%%EOF\n');

describe.each(engines)('action plans on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let actions: ActionsService;
    let orgId: string;
    let wardId: string;
    let otherWardId: string;
    const people = {} as Record<
      'officer' | 'lead' | 'otherLead' | 'manager' | 'otherManager' | 'auditor',
      Principal
    >;
    // 1 July 2024 in London: actions due in June are overdue.
    const now = new Date('2024-07-01T09:00:00Z');

    const person = async (role: Role, email: string, unitId?: string) => {
      const user = await addUser(database.db, orgId, actor, {
        email,
        displayName: email.split('@')[0] ?? email,
        grants: [{ role, unitId }],
      });
      const principal = await principalForUser(database.db, orgId, user.userId);
      if (!principal) throw new Error('no principal');
      return principal;
    };

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      orgId = (await createOrganisation(database.db, actor, { name: 'Test Trust', odsCode: 'RT1' })).orgId;
      const unit = (code: string, parentCode?: string) =>
        createUnit(database.db, orgId, actor, {
          code,
          name: `Unit ${code}`,
          kind: parentCode ? 'ward' : 'locality',
          parentCode,
          activeFrom: '2020-04-01',
        });
      await unit('LOC1');
      wardId = (await unit('W1', 'LOC1')).unitId;
      otherWardId = (await unit('W2')).unitId;
      actions = actionsService({
        db: database.db,
        config: { ATTACHMENT_MAX_MEGABYTES: 1 },
        clock: () => now,
      });
      people.officer = await person('complaints_officer', 'officer@test.nhs.uk');
      people.lead = await person('investigator', 'lead@test.nhs.uk', wardId);
      people.otherLead = await person('investigator', 'other.lead@test.nhs.uk', wardId);
      // A manager of the locality above the ward, and one of another ward.
      const locality = (await actions.units(orgId)).find((row) => row.code === 'LOC1');
      people.manager = await person('service_manager', 'manager@test.nhs.uk', locality?.unitId);
      people.otherManager = await person('service_manager', 'other.manager@test.nhs.uk', otherWardId);
      people.auditor = await person('auditor', 'auditor@test.nhs.uk');
    }, 60_000);
    afterAll(async () => database?.close());

    it('imports the independent review’s 18 recommendations and exports the same rows, as CSV and as Excel', async () => {
      const cells = await readTableFile(reviewCsv);
      const result = await actions.importPlan(
        orgId,
        actor,
        { name: 'HASCAS review 2014', source: 'independent-review' },
        cells,
      );
      expect(result.rejected).toBe(0);
      expect(result.accepted).toBe(18);
      const planId = result.plan?.planId ?? '';
      const view = await actions.planView(orgId, planId);
      expect(view.recommendations).toHaveLength(18);
      expect(view.actions).toHaveLength(18);
      expect(view.progress.counts).toMatchObject({ completed: 3, total: 18 });
      // Every action still open with a date in 2014 is overdue by July 2024; those without a date are not.
      expect(view.progress.counts.overdue).toBe(11);
      expect(view.progress.counts['in-progress']).toBe(2);
      expect(view.progress.counts['not-started']).toBe(2);

      const exported = await actions.planTable(orgId, planId);
      const original = checkPlanTable(cells);
      expect(exported.cells).toEqual(cells.filter((row) => row.some((cell) => cell !== '')));
      const csvAgain = await readTableFile(writeCsv(exported.cells));
      expect(checkPlanTable(csvAgain).rows.map(({ rowNumber: _r, ...row }) => row)).toEqual(
        original.rows.map(({ rowNumber: _r, ...row }) => row),
      );
      const xlsxAgain = await readTableFile(await writeXlsx('HASCAS review 2014', exported.cells));
      expect(xlsxAgain).toEqual(exported.cells);
    });

    it('rejects a table row by row, and imports nothing from it', async () => {
      const cells = [
        ['No', 'Recommendation', 'Lead', 'Date', 'Status'],
        ['1', 'Train the staff', 'lead', 'Mar-14', 'In progress'],
        ['', 'No number', '', '', ''],
        ['3', 'A bad date', '', 'soon', ''],
        ['4', 'Done but says not what', '', '', 'Completed'],
        ['5', 'An odd status', '', '', 'Nearly'],
      ];
      const result = await actions.importPlan(orgId, actor, { name: 'Broken', source: 'complaint' }, cells);
      expect(result.plan).toBeNull();
      expect(result.rejected).toBe(4);
      expect(result.checked.report.map((row) => [row.rowNumber, row.problems])).toEqual([
        [2, []],
        [3, ['Enter the recommendation’s number in No']],
        [4, ['Date “soon” is not a date: write it as 2014-03-31, 31/03/2014 or Mar-14']],
        [5, ['A completed action must say what was done in Action completed']],
        [6, ['Status “Nearly” must be Not started, In progress or Completed']],
      ]);
      await expect(actions.planIdByName(orgId, 'Broken')).rejects.toThrow(
        'There is no action plan called Broken',
      );
    });

    it('links an imported lead to the user of that name, so the action is theirs', async () => {
      const cells = [
        ['No', 'Recommendation', 'Lead', 'Date', 'Status'],
        ['1', 'Review the discharge checklist', 'lead', '2024-06-30', 'In progress'],
        ['1', '', 'Ward manager', '2024-09-30', 'Not started'],
      ];
      const result = await actions.importPlan(
        orgId,
        actor,
        { name: 'Discharge', source: 'complaint' },
        cells,
      );
      expect(result.rejected).toBe(0);
      const mine = await actions.myActions(people.lead);
      expect(mine.map((action) => [action.planName, action.shownStatus])).toEqual([['Discharge', 'overdue']]);
      const view = await actions.planView(orgId, result.plan?.planId ?? '');
      expect(view.recommendations).toHaveLength(1);
      expect(view.actions.map((action) => action.leadName)).toEqual(['lead', 'Ward manager']);
    });

    describe('a CQC plan with must-do and should-do actions across the five key questions', () => {
      let planId = '';
      const actionIds: string[] = [];

      beforeAll(async () => {
        planId = (
          await actions.createPlan(people.officer, {
            name: 'CQC inspection 2024',
            source: 'cqc-inspection',
            unitId: wardId,
          })
        ).planId;
        const recommendation = await actions.addRecommendation(people.officer, planId, {
          number: '1',
          text: 'The trust must ensure that staff receive mandatory training',
        });
        const tagged = [
          ['safe', 'must-do', '2024-06-28'],
          ['safe', 'should-do', '2024-09-30'],
          ['effective', 'must-do', '2024-09-30'],
          ['caring', 'should-do', '2024-09-30'],
          ['responsive', 'should-do', '2024-09-30'],
          ['well-led', 'must-do', '2024-09-30'],
        ] as const;
        for (const [keyQuestion, cqcRequirement, dueDate] of tagged) {
          const action = await actions.addAction(people.officer, planId, recommendation.recommendationId, {
            leadUserId: people.lead.id,
            keyQuestion,
            cqcRequirement,
            dueDate,
            status: 'in-progress',
          });
          actionIds.push(action.actionId);
        }
      });

      it('counts progress by key question, must-do and should-do apart', async () => {
        const { progress } = await actions.planView(orgId, planId);
        const safe = progress.byKeyQuestion.find((entry) => entry.keyQuestion === 'safe');
        expect(safe?.mustDo).toMatchObject({ overdue: 1, total: 1 });
        expect(safe?.shouldDo).toMatchObject({ 'in-progress': 1, total: 1 });
        expect(progress.byKeyQuestion.map((entry) => entry.counts.total)).toEqual([2, 1, 1, 1, 1]);
      });

      it('refuses to complete an action without evidence, then completes it once evidence is recorded', async () => {
        const [first = ''] = actionIds;
        await expect(actions.completeAction(people.lead, first, 1)).rejects.toThrow(
          'Record evidence that the action was done before you mark it completed',
        );
        await actions.addEvidenceFile(people.lead, first, { fileName: 'attendance.pdf', content: pdf });
        await expect(
          actions.addEvidenceFile(people.lead, first, {
            fileName: 'x.pdf',
            content: Buffer.from(`MZ${'\0'.repeat(99)}`),
          }),
        ).rejects.toThrow(/The selected file must be a PDF/);
        await actions.completeAction(people.lead, first, 1);
        const { progress } = await actions.planView(orgId, planId);
        const safe = progress.byKeyQuestion.find((entry) => entry.keyQuestion === 'safe');
        expect(safe?.mustDo).toMatchObject({ completed: 1, overdue: 0 });
        const file = (await actions.actionView(people.lead, first)).evidence[0];
        const download = await actions.downloadEvidence(people.lead, first, file?.evidenceId ?? '');
        expect(download.content.equals(pdf)).toBe(true);
        const trail = await withOrg(database.db, orgId, (tx) =>
          tx.select().from(auditEvents).where(eq(auditEvents.entityId, first)),
        );
        expect(trail.map((event) => event.action)).toEqual([
          'action.created',
          'action.evidence-added',
          'action.completed',
          'action.evidence-downloaded',
        ]);
        expect(JSON.stringify(trail)).not.toContain('attendance.pdf');
      });

      it('reopens a completed action with a reason: overdue again, the reason in the trail', async () => {
        const [first = ''] = actionIds;
        await expect(actions.reopenAction(people.otherManager, first, 2, 'Not done')).rejects.toThrow(
          'Only the action’s lead',
        );
        await expect(actions.reopenAction(people.lead, first, 2, '  ')).rejects.toThrow(
          'Enter why the action is being reopened',
        );
        const reopened = await actions.reopenAction(people.lead, first, 2, 'Re-audit found gaps');
        expect(reopened).toMatchObject({
          status: 'in-progress',
          completedDate: null,
          reopenedOn: '2024-07-01',
          reopenReason: 'Re-audit found gaps',
        });
        const { progress } = await actions.planView(orgId, planId);
        const safe = progress.byKeyQuestion.find((entry) => entry.keyQuestion === 'safe');
        expect(safe?.mustDo).toMatchObject({ completed: 0, overdue: 1 });
        await expect(actions.reopenAction(people.lead, first, 3, 'Again')).rejects.toThrow(
          'Only a completed action can be reopened.',
        );
        const trail = await withOrg(database.db, orgId, (tx) =>
          tx.select().from(auditEvents).where(eq(auditEvents.entityId, first)),
        );
        const last = trail.find((event) => event.action === 'action.reopened');
        expect(JSON.stringify(last?.after)).toContain('Re-audit found gaps');
        // Completed again, as the tests after this one expect; the evidence is still there.
        await actions.completeAction(people.lead, first, 3);
      });

      it('lets the lead and their units’ service manager update an action, and nobody else', async () => {
        const [, second = ''] = actionIds;
        await actions.addEvidenceNote(people.lead, second, 'Training dates booked for September');
        await actions.addEvidenceNote(people.manager, second, 'Seen at the locality governance meeting');
        for (const someone of [people.otherLead, people.otherManager, people.auditor]) {
          await expect(actions.addEvidenceNote(someone, second, 'Not mine')).rejects.toThrow(
            /Only the action’s lead/,
          );
        }
        await expect(actions.updateAction(people.lead, second, 1, { dueDate: '2025-01-01' })).rejects.toThrow(
          'Only the team who run action plans can change an action’s lead, date or assurance.',
        );
        const updated = await actions.updateAction(people.lead, second, 1, {
          furtherAction: 'Book more dates',
        });
        expect(updated.version).toBe(2);
        await expect(
          actions.updateAction(people.manager, second, 1, { furtherAction: 'Stale' }),
        ).rejects.toThrow(/Someone else changed this action/);
      });

      it('records the plan’s assurance only with a reason', async () => {
        await expect(actions.setPlanAssurance(people.officer, planId, 'limited', '')).rejects.toThrow(
          'Enter why you give this level of assurance',
        );
        await expect(actions.setPlanAssurance(people.lead, planId, 'full', 'All done')).rejects.toThrow(
          'Only the team who run action plans can do this.',
        );
        const plan = await actions.setPlanAssurance(
          people.officer,
          planId,
          'limited',
          'Two must-do actions still open; training figures not yet audited',
        );
        expect(plan.assuranceLevel).toBe('limited');
      });

      it('lists overdue actions by unit: the action’s own, or else its plan’s', async () => {
        const { recommendations } = await actions.planView(orgId, planId);
        const recommendationId = recommendations[0]?.recommendationId ?? '';
        await actions.addAction(people.officer, planId, recommendationId, { dueDate: '2024-06-30' });
        await actions.addAction(people.officer, planId, recommendationId, {
          dueDate: '2024-06-30',
          unitId: otherWardId,
        });
        await actions.addAction(people.officer, planId, recommendationId, { dueDate: '2024-07-01' });
        const overdue = await actions.overdueByUnit(orgId);
        const counts = Object.fromEntries(overdue.map((group) => [group.unitName, group.actions.length]));
        expect(counts).toMatchObject({ 'Unit W1': 1, 'Unit W2': 1 });
      });
    });
  });
});
