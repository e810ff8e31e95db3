import { createHash } from 'node:crypto';
import type { Config } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { isoDateInLondon } from '#src/domains/calendar/index.ts';
import { DomainError, Forbidden, Invalid, NotFound } from '#src/web/errors.ts';
import { actorOf, type Principal } from '#src/web/principal.ts';
import { maySeePersonalData } from './access.ts';
import * as aq from './attachment-queries.ts';
import {
  type AttachmentType,
  allowedKindsInWords,
  attachmentTypeOf,
  safeFileName,
} from './attachment-types.ts';
import { lockCaseForChange, recordCaseChange } from './case-changes.ts';
import { caseReads } from './case-reads.ts';
import { type CaseAction, mayTakeCaseAction } from './staff-access.ts';

// Attachments on a case (issue 4): letters, emails, photographs and statements, kept in the
// database with the case (so that a backup holds everything, and destroying the case file at the
// end of its retention can clear them). Only those who may see the case's personal data may open
// one or read its name; others see only that it exists. The audit trail records each upload,
// download and deletion by the attachment's id, type, size and hash, never its name, which may
// name the complainant.

export interface CaseAttachmentsDependencies {
  db: Database;
  config: Pick<Config, 'ATTACHMENT_MAX_MEGABYTES'>;
  clock?: () => Date;
}

/** A file as it was uploaded: its name as the browser gave it, and its bytes. */
export interface Upload {
  fileName: string;
  content: Buffer;
  /** True when the upload was cut off at the size limit, so the file was larger than allowed. */
  truncated?: boolean;
}

/** Why an attachment is deleted: chosen from a list, so that no personal data reaches the trail. */
export const deletionReasons = {
  'wrong-case': 'It was added to the wrong case',
  duplicate: 'It is a copy of another attachment on this case',
  'not-needed': 'It is not needed for this case',
} as const;
export type DeletionReason = keyof typeof deletionReasons;
const isDeletionReason = (reason: string): reason is DeletionReason => Object.hasOwn(deletionReasons, reason);

/** A file that was destroyed at the end of the case's retention: it existed, and is gone for good. */
export class Destroyed extends DomainError {
  constructor(message: string) {
    super(410, 'This file has been destroyed', message);
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const refuse = (message: string) => new Invalid(message, { file: message });

/** What the audit trail keeps of an attachment: never its name. */
const audited = (attachment: aq.AttachmentDescription) => ({
  attachmentId: attachment.attachmentId,
  contentType: attachment.contentType,
  sizeBytes: attachment.sizeBytes,
  sha256: attachment.sha256,
});

export function caseAttachmentsService({
  db,
  config,
  clock = () => new Date(),
}: CaseAttachmentsDependencies) {
  const reads = caseReads({ db, today: () => isoDateInLondon(clock()) });
  const maxBytes = config.ATTACHMENT_MAX_MEGABYTES * 1024 * 1024;

  /** The case, refused unless this person may take `action` on it. */
  async function caseFor(principal: Principal, recordId: string, action: CaseAction) {
    const current = await reads.caseToChange(principal, recordId);
    if (!mayTakeCaseAction(principal, current.details?.investigatorUserId ?? null, action)) {
      throw new Forbidden(
        action === 'delete-attachment'
          ? 'Only the complaints and PALS team can delete an attachment.'
          : 'Only the complaints team, or the investigator assigned to this case, can do this.',
      );
    }
    return current;
  }

  /** The case, refused unless this person may see its personal data, which its files may hold. */
  async function caseWithPersonalData(principal: Principal, recordId: string) {
    const current = await reads.caseToChange(principal, recordId);
    if (!maySeePersonalData(principal, current.details?.investigatorUserId ?? null)) {
      throw new Forbidden(
        'Only the complaints team, administrators and the investigator assigned to this case can open its attachments: they may hold personal data.',
      );
    }
    return current;
  }

  /** The case an attachment would be added to, refused unless this person may add one. */
  async function caseToAttachTo(principal: Principal, recordId: string) {
    const current = await caseFor(principal, recordId, 'attachment');
    return { reference: current.record.reference };
  }

  /** The upload's type, or Invalid saying in plain words what is wrong with it. */
  async function checkedType(upload: Upload): Promise<AttachmentType> {
    if (upload.content.length === 0 && !upload.fileName) throw refuse('Select a file to attach');
    if (upload.truncated || upload.content.length > maxBytes) {
      throw refuse(`The selected file must be smaller than ${config.ATTACHMENT_MAX_MEGABYTES}MB`);
    }
    if (upload.content.length === 0) throw refuse('The selected file is empty');
    const type = await attachmentTypeOf(upload.content);
    if (!type) throw refuse(`The selected file must be ${allowedKindsInWords}`);
    return type;
  }

  async function addAttachment(principal: Principal, recordId: string, upload: Upload, requestId?: string) {
    await caseFor(principal, recordId, 'attachment');
    const contentType = await checkedType(upload);
    const { orgId } = principal;
    return withOrg(db, orgId, async (tx) => {
      if (!(await lockCaseForChange(tx, orgId, recordId, { now: clock() }))) throw notFoundCase();
      const added = await aq.insertAttachment(tx, {
        orgId,
        recordId,
        fileName: safeFileName(upload.fileName, contentType),
        contentType,
        sizeBytes: upload.content.length,
        sha256: sha256Of(upload.content),
        content: upload.content,
        uploadedBy: principal.kind === 'user' ? principal.id : null,
        uploadedByName: principal.name,
      });
      await recordCaseChange(tx, orgId, actorOf(principal, requestId), recordId, {
        action: 'case.attachment-added',
        after: audited(added),
      });
      return added;
    });
  }

  /** An attachment without its bytes, for the page that asks whether to delete it. */
  async function attachmentToDelete(principal: Principal, recordId: string, attachmentId: string) {
    const current = await caseFor(principal, recordId, 'delete-attachment');
    const { orgId } = principal;
    const found = uuidPattern.test(attachmentId)
      ? await withOrg(db, orgId, (tx) => aq.attachmentOf(tx, orgId, recordId, attachmentId))
      : null;
    if (!found) throw notFoundAttachment(current.record.reference);
    return { reference: current.record.reference, attachment: found };
  }

  /** The file to send, its read recorded in the audit trail as a read of personal data. */
  async function downloadAttachment(
    principal: Principal,
    recordId: string,
    attachmentId: string,
    requestId?: string,
  ) {
    const current = await caseWithPersonalData(principal, recordId);
    const { orgId } = principal;
    if (!uuidPattern.test(attachmentId)) throw notFoundAttachment(current.record.reference);
    return withOrg(db, orgId, async (tx) => {
      const found = await aq.attachmentWithContent(tx, orgId, recordId, attachmentId);
      if (!found) throw notFoundAttachment(current.record.reference);
      const { content } = found;
      if (content === null) {
        throw new Destroyed(
          `This attachment to ${current.record.reference} was destroyed at the end of the case’s retention period.`,
        );
      }
      // The bytes are checked against the hash taken at upload, so a damaged file is never sent.
      if (sha256Of(content) !== found.sha256) throw new Error(`attachment ${attachmentId} is damaged`);
      await recordAudit(tx, orgId, actorOf(principal, requestId), {
        action: 'case.attachment-downloaded',
        entityType: 'case',
        entityId: recordId,
        confidentialRead: true,
        after: audited(found),
      });
      return { fileName: found.fileName, contentType: found.contentType, content };
    });
  }

  /** Deletes an attachment for one of `deletionReasons`: a decision kept in the audit trail. */
  async function deleteAttachment(
    principal: Principal,
    recordId: string,
    attachmentId: string,
    reason: string,
    requestId?: string,
  ) {
    const current = await caseFor(principal, recordId, 'delete-attachment');
    if (!isDeletionReason(reason)) {
      const message = 'Select why the attachment is being deleted';
      throw new Invalid(message, { reason: message });
    }
    const { orgId } = principal;
    return withOrg(db, orgId, async (tx) => {
      if (!(await lockCaseForChange(tx, orgId, recordId, { now: clock() }))) throw notFoundCase();
      const deleted = uuidPattern.test(attachmentId)
        ? await aq.deleteAttachment(tx, orgId, recordId, attachmentId)
        : null;
      if (!deleted) throw notFoundAttachment(current.record.reference);
      await recordCaseChange(tx, orgId, actorOf(principal, requestId), recordId, {
        action: 'case.attachment-deleted',
        before: audited(deleted),
        after: { reason },
      });
      return deleted;
    });
  }

  return {
    caseToAttachTo,
    addAttachment,
    attachmentToDelete,
    downloadAttachment,
    deleteAttachment,
    maxBytes,
  };
}

export type CaseAttachmentsService = ReturnType<typeof caseAttachmentsService>;

const notFoundCase = () => new NotFound('There is no case with that identifier in your organisation.');
const notFoundAttachment = (reference: string) =>
  new NotFound(`${reference} has no attachment with that identifier.`);
