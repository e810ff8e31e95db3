import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#src/db/engine.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { financialYear } from '#src/domains/calendar/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { Conflict, Invalid } from '#src/web/errors.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { refusal } from '#test/support/refusal.ts';
import { rowsOf } from '#test/support/rows.ts';
import { caseFigures } from './figures.ts';
import { recordColumns } from './queries.ts';
import { type RetentionService, retentionService } from './retention-service.ts';
import {
  caseAttachments,
  caseNotes,
  caseTasks,
  complaintIssues,
  feedbackRecords,
  localResolutionMeetings,
  responseLetters,
  retentionReviews,
} from './schema.ts';
import { casesService } from './service.ts';
import { caseTasksService } from './tasks.ts';

// DESIGN.md §3 and the Records Management Code of Practice: a complaint case file is kept 10 years
// from closure, not closed while litigation continues, then reviewed for destruction. Destroying
// it removes its personal data and attachments and keeps what returns and reports count (issue 4).

const actor = systemActor('Retention tests');
const officer = { kind: 'user' as const, id: null, name: 'Casey Complaints' };
const personalWords =
  /Ann Example|ann@example\.com|Bob Example|sent home without|my medicines|Dr Who|statement/;

describe.each(engines)('retention review and destruction on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let db: Database;
    let orgId: string;
    let unitId: string;
    const on = (date: string): RetentionService =>
      retentionService({ db, clock: () => new Date(`${date}T12:00:00Z`) });

    /** A complaint received in November 2014 with two issues decided, closed on `closedOn`. */
    async function closedComplaint(closedOn: string, reference: string) {
      const cases = casesService({
        db,
        config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 },
        clock: () => new Date(`${closedOn}T12:00:00Z`),
      });
      const logged = await cases.logRecord(orgId, actor, {
        kind: 'complaint',
        channel: 'letter',
        unitId,
        receivedDate: '2014-11-03',
        eventDate: '2014-10-20',
        summary: `Discharge planning ${reference}`,
        narrative: 'My father was sent home without his medicines.',
        desiredOutcome: 'An apology and my medicines sorted out.',
        personName: 'Ann Example',
        contactDetails: { email: 'ann@example.com', phone: '07700 900123' },
        onBehalfOfName: 'Bob Example',
        consentRecorded: true,
        consentDate: '2014-11-03',
      });
      if (logged.outcome !== 'logged') throw new Error('not logged');
      const recordId = logged.record.recordId;
      await cases.acknowledgeComplaint(orgId, actor, recordId, '2014-11-05');
      for (const [subjectCode, outcome] of [
        ['communications', 'upheld'],
        ['patient-care', 'not-upheld'],
      ] as const) {
        const issue = await cases.addIssue(orgId, actor, recordId, {
          subjectCode,
          staffGroupCodes: ['nursing'],
          unitId,
          description: `About ${subjectCode}`,
        });
        await cases.recordIssueOutcome(orgId, actor, issue.issueId, outcome);
      }
      await cases.addCaseNote(orgId, actor, recordId, 'Ann Example rang: Dr Who saw her father.');
      await cases.recordLocalResolutionMeeting(orgId, actor, recordId, {
        meetingDate: '2014-12-01',
        attendees: 'Ann Example, Bob Example, ward manager',
        notes: 'Ann Example explained what happened.',
      });
      await caseTasksService({ db }).addTask(orgId, actor, recordId, {
        description: 'Get a statement from Dr Who',
        dueDate: '2014-12-05',
      });
      await db.insert(caseAttachments).values({
        orgId,
        recordId,
        fileName: 'Ann Example letter.pdf',
        contentType: 'application/pdf',
        sizeBytes: 9,
        sha256: 'a'.repeat(64),
        content: Buffer.from('%PDF-1.4 '),
        uploadedByName: 'Casey Complaints',
      });
      await db
        .insert(responseLetters)
        .values({ orgId, recordId, body: 'Dear Ann Example, about your statement…' });
      await cases.closeComplaint(orgId, actor, recordId, {
        responseSentDate: closedOn,
        signedOffBy: 'Chief Executive',
      });
      return logged.record;
    }
    const recordRow = async (recordId: string) => {
      const [row] = await db
        .select(recordColumns)
        .from(feedbackRecords)
        .where(eq(feedbackRecords.recordId, recordId));
      return row;
    };
    const listed = async (date: string) => (await on(date).casesDueForReview(orgId)).map((c) => c.reference);

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      db = database.db;
      orgId = (await createOrganisation(db, actor, { name: 'Keeping NHS Trust', odsCode: 'KP1' })).orgId;
      unitId = (
        await createUnit(db, orgId, actor, {
          code: 'W1',
          name: 'Ward 1',
          kind: 'ward',
          activeFrom: '2009-04-01',
        })
      ).unitId;
    });
    afterAll(async () => database?.close());

    it('lists a complaint closed on 10 January 2015 for review from 10 January 2025, not the day before', async () => {
      const record = await closedComplaint('2015-01-10', 'A');
      expect(await listed('2025-01-09')).not.toContain(record.reference);
      const due = await on('2025-01-10').casesDueForReview(orgId);
      expect(due).toEqual([
        {
          recordId: record.recordId,
          reference: record.reference,
          kind: 'complaint',
          summary: 'Discharge planning A',
          unitName: 'Ward 1',
          closedDate: '2015-01-10',
          reviewDate: '2025-01-10',
        },
      ]);
      expect(JSON.stringify(due)).not.toMatch(personalWords);
    });

    it('destroys the file: the words are gone, the counts and dates stay, and the trail says so without them', async () => {
      const record = await closedComplaint('2015-01-11', 'B');
      const recordId = record.recordId;
      const year = financialYear(2014);
      const figuresBefore = await caseFigures(db, orgId, year);
      const issuesBefore = await db
        .select({ subject: complaintIssues.subjectCode, outcome: complaintIssues.outcome })
        .from(complaintIssues)
        .where(eq(complaintIssues.recordId, recordId))
        .orderBy(asc(complaintIssues.subjectCode));

      const result = await on('2025-02-03').recordRetentionDecision(orgId, officer, recordId, {
        decision: 'destroy',
        reason: 'Ten years since closure; no litigation or Ombudsman interest',
      });
      expect(result).toMatchObject({ decision: 'destroy', reference: record.reference });
      // Nothing new goes into a destroyed file, so personal data cannot creep back.
      const later = casesService({ db, config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 } });
      await expect(later.addCaseNote(orgId, actor, recordId, 'Ann rang again')).rejects.toThrow(
        /destroyed on 3 February 2025 at the end of its retention/,
      );

      expect(await recordRow(recordId)).toMatchObject({
        narrative: null,
        desiredOutcome: null,
        personName: null,
        contactDetails: {},
        onBehalfOfName: null,
        destroyedDate: '2025-02-03',
        kind: 'complaint',
        status: 'closed',
        receivedDate: '2014-11-03',
        closedDate: '2015-01-11',
        unitId,
        summary: 'Discharge planning B',
        consentRecorded: true,
      });
      const [searchable] = await rowsOf<{ words: string }>(
        db,
        sql`select search_personal_text::text as words from feedback_records where record_id = ${recordId}`,
      );
      expect(searchable?.words).toBe('');
      expect(
        await db.select({ text: caseNotes.text }).from(caseNotes).where(eq(caseNotes.recordId, recordId)),
      ).toEqual([{ text: '' }]);
      expect(
        await db
          .select({
            date: localResolutionMeetings.meetingDate,
            attendees: localResolutionMeetings.attendees,
            notes: localResolutionMeetings.notes,
          })
          .from(localResolutionMeetings)
          .where(eq(localResolutionMeetings.recordId, recordId)),
      ).toEqual([{ date: '2014-12-01', attendees: '', notes: null }]);
      expect(
        await db
          .select({
            content: caseAttachments.content,
            size: caseAttachments.sizeBytes,
            type: caseAttachments.contentType,
            name: caseAttachments.fileName,
          })
          .from(caseAttachments)
          .where(eq(caseAttachments.recordId, recordId)),
      ).toEqual([{ content: null, size: 9, type: 'application/pdf', name: '' }]);
      expect(
        await db
          .select({ body: responseLetters.body })
          .from(responseLetters)
          .where(eq(responseLetters.recordId, recordId)),
      ).toEqual([{ body: '' }]);
      expect(
        await db
          .select({ words: caseTasks.description, due: caseTasks.dueDate })
          .from(caseTasks)
          .where(eq(caseTasks.recordId, recordId)),
      ).toEqual([{ words: '', due: '2014-12-05' }]);

      // What returns and reports count is all still there.
      expect(
        await db
          .select({ subject: complaintIssues.subjectCode, outcome: complaintIssues.outcome })
          .from(complaintIssues)
          .where(eq(complaintIssues.recordId, recordId))
          .orderBy(asc(complaintIssues.subjectCode)),
      ).toEqual(issuesBefore);
      expect(issuesBefore.map((issue) => issue.outcome)).toEqual(['upheld', 'not-upheld']);
      expect(await caseFigures(db, orgId, year)).toEqual(figuresBefore);

      const [decision] = await db
        .select()
        .from(retentionReviews)
        .where(eq(retentionReviews.recordId, recordId));
      expect(decision).toMatchObject({
        decision: 'destroy',
        decidedByName: 'Casey Complaints',
        decidedDate: '2025-02-03',
      });
      const trail = await db
        .select({ action: auditEvents.action, after: auditEvents.after })
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.orgId, orgId),
            eq(auditEvents.entityId, recordId),
            eq(auditEvents.action, 'case.file-destroyed'),
          ),
        );
      expect(trail).toMatchObject([
        {
          action: 'case.file-destroyed',
          after: {
            decision: 'destroy',
            destroyedDate: '2025-02-03',
            removed: { notes: 1, meetings: 1, attachments: 1, tasks: 1, responseLetters: 1 },
          },
        },
      ]);
      expect(JSON.stringify(trail)).not.toMatch(personalWords);

      expect(await listed('2025-02-03')).not.toContain(record.reference);
      const again = await refusal(
        Conflict,
        on('2025-02-04').recordRetentionDecision(orgId, officer, recordId, {
          decision: 'destroy',
          reason: 'Again',
        }),
      );
      expect(again.message).toBe(`The file of ${record.reference} was destroyed on 3 February 2025`);
    });

    it('never lists a case while litigation about it continues, nor lets it be destroyed', async () => {
      const record = await closedComplaint('2014-12-19', 'C');
      await db.execute(
        sql`update complaint_details set litigation_ongoing = true where record_id = ${record.recordId}`,
      );
      expect(await listed('2034-12-31')).not.toContain(record.reference);
      const refused = await refusal(
        Conflict,
        on('2030-01-01').recordRetentionDecision(orgId, officer, record.recordId, {
          decision: 'destroy',
          reason: 'Old',
        }),
      );
      expect(refused.message).toContain('Litigation about');
      expect((await recordRow(record.recordId))?.personName).toBe('Ann Example');
    });

    it('keeps a file until the review date decided, then lists it again', async () => {
      const record = await closedComplaint('2015-01-12', 'D');
      const kept = await on('2025-03-01').recordRetentionDecision(orgId, officer, record.recordId, {
        decision: 'retain',
        reason: 'The Ombudsman is still looking at a linked complaint',
        reviewAgainDate: '2026-03-01',
      });
      expect(kept).toMatchObject({ decision: 'retain', reviewAgainDate: '2026-03-01' });
      expect(await listed('2026-02-28')).not.toContain(record.reference);
      expect(await listed('2026-03-01')).toContain(record.reference);
      expect((await recordRow(record.recordId))?.personName).toBe('Ann Example');
      const refused = await refusal(Conflict, on('2025-06-01').caseDueForReview(orgId, record.recordId));
      expect(refused.message).toContain('is kept until a review on 1 March 2026');
    });

    it.each([
      [
        { decision: 'retain', reason: 'Still needed' },
        'reviewAgainDate',
        'Enter the date to review the case file again',
      ],
      [
        { decision: 'retain', reason: 'Still needed', reviewAgainDate: '2025-03-01' },
        'reviewAgainDate',
        'The date to review it again must be in the future',
      ],
      [
        { decision: 'retain', reason: 'Still needed', reviewAgainDate: '2025-02-30' },
        'reviewAgainDate',
        'Enter the date to review it again as a real date, like 2030-01-31',
      ],
      [{ decision: 'destroy', reason: '  ' }, 'reason', 'Enter the reason for the decision'],
      [{ reason: 'No choice made' }, 'decision', 'Select whether to destroy the case file or keep it'],
    ])('refuses %o with a plain message', async (input, field, message) => {
      const record = await closedComplaint('2015-01-01', `E${field}${message.length}`);
      const refused = await refusal(
        Invalid,
        on('2025-03-01').recordRetentionDecision(orgId, officer, record.recordId, input as never),
      );
      expect(refused.fieldErrors).toMatchObject({ [field]: message });
      expect((await recordRow(record.recordId))?.destroyedDate).toBeNull();
    });

    it('refuses a decision on a case still open', async () => {
      const cases = casesService({ db, config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 } });
      const logged = await cases.logRecord(orgId, actor, {
        kind: 'concern',
        channel: 'phone',
        unitId,
        receivedDate: '2010-05-04',
        summary: 'Parking',
      });
      if (logged.outcome !== 'logged') throw new Error('not logged');
      const refused = await refusal(
        Conflict,
        on('2030-01-01').recordRetentionDecision(orgId, officer, logged.record.recordId, {
          decision: 'destroy',
          reason: 'Old',
        }),
      );
      expect(refused.message).toBe(
        `${logged.record.reference} is not closed, so its 10 years have not begun`,
      );
    });

    it('refuses a decision on a file closed on 29 February 2016 until 28 February 2026', async () => {
      const record = await closedComplaint('2016-02-29', 'F');
      const early = await refusal(
        Conflict,
        on('2026-02-27').recordRetentionDecision(orgId, officer, record.recordId, {
          decision: 'destroy',
          reason: 'x',
        }),
      );
      expect(early.message).toBe(
        `The file of ${record.reference} is not due for review until 28 February 2026`,
      );
      expect(await listed('2026-02-28')).toContain(record.reference);
    });
  });
});
