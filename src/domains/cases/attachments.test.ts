import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { addUser, principalForUser, type Role } from '#src/domains/identity/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { Forbidden, Invalid, NotFound } from '#src/web/errors.ts';
import { type Principal, systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { refusal } from '#test/support/refusal.ts';
import { type CaseAttachmentsService, caseAttachmentsService, Destroyed } from './attachments.ts';
import { documentReads } from './document-reads.ts';
import { caseAttachments, feedbackRecords } from './schema.ts';
import { type CasesService, casesService } from './service.ts';

const actor = systemActor('Attachment tests');
const pdf = (words = 'A statement') => Buffer.from(`%PDF-1.7\n% ${words}\ntrailer <<>>\n%%EOF\n`);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(engines)('attachments on a case on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let cases: CasesService;
    let attachments: CaseAttachmentsService;
    let orgId: string;
    let otherOrgId: string;
    let unitId: string;
    const people = {} as Record<
      'officer' | 'investigator' | 'otherInvestigator' | 'manager' | 'administrator' | 'outsider',
      Principal
    >;

    const person = async (role: Role, email: string, inOrg = orgId) => {
      const user = await addUser(database.db, inOrg, actor, {
        email,
        displayName: email,
        grants: [{ role }],
      });
      const principal = await principalForUser(database.db, inOrg, user.userId);
      if (!principal) throw new Error('no principal');
      return principal;
    };
    /** A complaint assigned to the investigator. */
    const complaint = async (summary = 'Discharge') => {
      const logged = await cases.logRecord(orgId, actor, {
        kind: 'complaint',
        channel: 'letter',
        unitId,
        receivedDate: '2024-05-20',
        summary,
        personName: 'Ann Example',
      });
      if (logged.outcome !== 'logged') throw new Error('not logged');
      await cases.assignInvestigator(orgId, actor, logged.record.recordId, people.investigator.id);
      return logged.record;
    };
    const trailOf = (recordId: string) =>
      withOrg(database.db, orgId, (tx) =>
        tx
          .select({
            action: auditEvents.action,
            confidentialRead: auditEvents.confidentialRead,
            before: auditEvents.before,
            after: auditEvents.after,
          })
          .from(auditEvents)
          .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.entityId, recordId)))
          .orderBy(asc(auditEvents.sequence)),
      );
    const versionOf = async (recordId: string) =>
      (
        await withOrg(database.db, orgId, (tx) =>
          tx
            .select({ version: feedbackRecords.version })
            .from(feedbackRecords)
            .where(eq(feedbackRecords.recordId, recordId)),
        )
      )[0]?.version;
    const upload = (fileName: string, content: Buffer) => ({ fileName, content });

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      cases = casesService({ db: database.db, config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 } });
      attachments = caseAttachmentsService({ db: database.db, config: { ATTACHMENT_MAX_MEGABYTES: 1 } });
      orgId = (await createOrganisation(database.db, actor, { name: 'Files Trust', odsCode: 'FT1' })).orgId;
      otherOrgId = (await createOrganisation(database.db, actor, { name: 'Other Trust', odsCode: 'OT1' }))
        .orgId;
      unitId = (
        await createUnit(database.db, orgId, actor, {
          code: 'W1',
          name: 'Ward 1',
          kind: 'ward',
          activeFrom: '2020-04-01',
        })
      ).unitId;
      people.officer = await person('complaints_officer', 'officer@test.nhs.uk');
      people.investigator = await person('investigator', 'investigator@test.nhs.uk');
      people.otherInvestigator = await person('investigator', 'other.investigator@test.nhs.uk');
      people.manager = await person('service_manager', 'manager@test.nhs.uk');
      people.administrator = await person('administrator', 'admin@test.nhs.uk');
      people.outsider = await person('complaints_officer', 'officer@other.nhs.uk', otherOrgId);
    });
    afterAll(async () => database?.close());

    it('keeps an upload with the type its bytes are, its size and SHA-256, and audits it without its name', async () => {
      const record = await complaint();
      const before = await versionOf(record.recordId);
      const content = pdf();
      // Named as text, but a PDF: the bytes decide, and the name is made to match.
      const added = await attachments.addAttachment(
        people.officer,
        record.recordId,
        upload('Letter from Ann Example.txt', content),
      );
      expect(added).toMatchObject({
        fileName: 'Letter from Ann Example.pdf',
        contentType: 'application/pdf',
        sizeBytes: content.length,
        sha256: sha256(content),
        uploadedByName: 'officer@test.nhs.uk',
        destroyed: false,
      });
      expect(await versionOf(record.recordId)).toBe((before ?? 0) + 1);
      const event = (await trailOf(record.recordId)).at(-1);
      expect(event).toMatchObject({
        action: 'case.attachment-added',
        after: {
          attachmentId: added.attachmentId,
          contentType: 'application/pdf',
          sizeBytes: content.length,
          sha256: sha256(content),
        },
      });
      expect(JSON.stringify(event)).not.toContain('Ann Example');
    });

    it.each<[string, { fileName: string; content: Buffer; truncated?: boolean }, string]>([
      ['no file chosen', upload('', Buffer.alloc(0)), 'Select a file to attach'],
      ['an empty file', upload('empty.txt', Buffer.alloc(0)), 'The selected file is empty'],
      [
        'a program',
        upload('letter.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])),
        'The selected file must be a PDF, Word document (.docx), text file, JPEG or PNG picture, or an email (.eml or .msg)',
      ],
      [
        'a file over the limit',
        upload('big.txt', Buffer.alloc(1024 * 1024 + 1, 'a')),
        'The selected file must be smaller than 1MB',
      ],
      [
        'a file cut off at the limit as it was uploaded',
        { ...upload('big.txt', Buffer.alloc(1024 * 1024, 'a')), truncated: true },
        'The selected file must be smaller than 1MB',
      ],
    ])('refuses %s in plain words', async (_case, file, message) => {
      const record = await complaint();
      const refused = await refusal(
        Invalid,
        attachments.addAttachment(people.officer, record.recordId, file),
      );
      expect(refused.fieldErrors).toEqual({ file: message });
      expect((await trailOf(record.recordId)).map((event) => event.action)).not.toContain(
        'case.attachment-added',
      );
    });

    it('takes a file of exactly the limit', async () => {
      const record = await complaint();
      const added = await attachments.addAttachment(
        people.officer,
        record.recordId,
        upload('notes.txt', Buffer.alloc(1024 * 1024, 'a')),
      );
      expect(added.contentType).toBe('text/plain');
    });

    it('lets the assigned investigator attach files, and nobody else outside the complaints team', async () => {
      const record = await complaint();
      await attachments.addAttachment(
        people.investigator,
        record.recordId,
        upload('notes.txt', Buffer.from('Notes')),
      );
      for (const who of [people.otherInvestigator, people.manager, people.administrator]) {
        await refusal(
          Forbidden,
          attachments.addAttachment(who, record.recordId, upload('n.txt', Buffer.from('x'))),
        );
      }
      await refusal(
        NotFound,
        attachments.addAttachment(people.outsider, record.recordId, upload('n.txt', Buffer.from('x'))),
      );
    });

    it('sends a file only to those who may see personal data, recording each download as such a read', async () => {
      const record = await complaint();
      const content = pdf('Statement');
      const added = await attachments.addAttachment(
        people.officer,
        record.recordId,
        upload('statement.pdf', content),
      );
      for (const who of [people.officer, people.administrator, people.investigator]) {
        const file = await attachments.downloadAttachment(who, record.recordId, added.attachmentId);
        expect(file).toEqual({ fileName: 'statement.pdf', contentType: 'application/pdf', content });
      }
      await refusal(
        Forbidden,
        attachments.downloadAttachment(people.manager, record.recordId, added.attachmentId),
      );
      await refusal(
        Forbidden,
        attachments.downloadAttachment(people.otherInvestigator, record.recordId, added.attachmentId),
      );
      await refusal(
        NotFound,
        attachments.downloadAttachment(people.outsider, record.recordId, added.attachmentId),
      );
      const downloads = (await trailOf(record.recordId)).filter(
        (event) => event.action === 'case.attachment-downloaded',
      );
      expect(downloads).toHaveLength(3);
      expect(downloads[0]).toMatchObject({
        confidentialRead: true,
        after: {
          attachmentId: added.attachmentId,
          contentType: 'application/pdf',
          sizeBytes: content.length,
        },
      });
      expect(JSON.stringify(downloads)).not.toContain('statement');
    });

    it('lists attachments on the case page, named only to those who may see personal data', async () => {
      const record = await complaint();
      await attachments.addAttachment(
        people.officer,
        record.recordId,
        upload('Ann Example.txt', Buffer.from('Hi')),
      );
      const view = {
        record: { recordId: record.recordId },
        details: { investigatorUserId: people.investigator.id },
      };
      const seen = await documentReads({ db: database.db }).documentsOf(people.officer, view);
      expect(seen.attachments.map((a) => a.fileName)).toEqual(['Ann Example.txt']);
      const withheld = await documentReads({ db: database.db }).documentsOf(people.manager, view);
      expect(withheld.seesPersonalData).toBe(false);
      expect(withheld.attachments).toHaveLength(1);
      expect(withheld.attachments[0]?.fileName).toBeNull();
      expect(withheld.attachments[0]?.contentType).toBe('text/plain');
    });

    it('shows a file destroyed at the end of retention as destroyed, and refuses to send it', async () => {
      const record = await complaint();
      const added = await attachments.addAttachment(
        people.officer,
        record.recordId,
        upload('a.txt', Buffer.from('A')),
      );
      await withOrg(database.db, orgId, (tx) =>
        tx
          .update(caseAttachments)
          .set({ content: null })
          .where(eq(caseAttachments.attachmentId, added.attachmentId)),
      );
      const view = { record: { recordId: record.recordId }, details: null };
      const listed = await documentReads({ db: database.db }).documentsOf(people.officer, view);
      expect(listed.attachments[0]?.destroyed).toBe(true);
      const refused = await refusal(
        Destroyed,
        attachments.downloadAttachment(people.officer, record.recordId, added.attachmentId),
      );
      expect(refused.status).toBe(410);
    });

    it('never sends a file whose bytes no longer match the hash taken when it was uploaded', async () => {
      const record = await complaint();
      const added = await attachments.addAttachment(
        people.officer,
        record.recordId,
        upload('a.txt', Buffer.from('A')),
      );
      await withOrg(database.db, orgId, (tx) =>
        tx
          .update(caseAttachments)
          .set({ content: Buffer.from('B') })
          .where(eq(caseAttachments.attachmentId, added.attachmentId)),
      );
      await expect(
        attachments.downloadAttachment(people.officer, record.recordId, added.attachmentId),
      ).rejects.toThrow('is damaged');
    });

    it('deletes an attachment as a recorded decision of the complaints team, with its reason', async () => {
      const record = await complaint();
      const added = await attachments.addAttachment(
        people.investigator,
        record.recordId,
        upload('Ann Example.txt', Buffer.from('Wrong case')),
      );
      await refusal(
        Forbidden,
        attachments.deleteAttachment(people.investigator, record.recordId, added.attachmentId, 'wrong-case'),
      );
      const noReason = await refusal(
        Invalid,
        attachments.deleteAttachment(people.officer, record.recordId, added.attachmentId, ''),
      );
      expect(noReason.fieldErrors).toEqual({ reason: 'Select why the attachment is being deleted' });

      await attachments.deleteAttachment(people.officer, record.recordId, added.attachmentId, 'wrong-case');
      const view = { record: { recordId: record.recordId }, details: null };
      expect(
        (await documentReads({ db: database.db }).documentsOf(people.officer, view)).attachments,
      ).toEqual([]);
      const event = (await trailOf(record.recordId)).at(-1);
      expect(event).toMatchObject({
        action: 'case.attachment-deleted',
        before: { attachmentId: added.attachmentId, contentType: 'text/plain' },
        after: { reason: 'wrong-case' },
      });
      expect(JSON.stringify(event)).not.toContain('Ann Example');
      await refusal(
        NotFound,
        attachments.deleteAttachment(people.officer, record.recordId, added.attachmentId, 'wrong-case'),
      );
    });
  });
});
