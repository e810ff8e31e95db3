import { and, asc, eq, sql } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { caseAttachments } from './schema.ts';

// The SQL behind a case's attachments (attachments.ts), kept apart from the shared queries.ts.
// Lists never read the files' bytes: only a download does.

const attachmentKey = (orgId: string, recordId: string, attachmentId: string) =>
  and(
    eq(caseAttachments.orgId, orgId),
    eq(caseAttachments.recordId, recordId),
    eq(caseAttachments.attachmentId, attachmentId),
  );

/** Everything about an attachment but its bytes, and whether it still has them. */
const describedColumns = {
  attachmentId: caseAttachments.attachmentId,
  recordId: caseAttachments.recordId,
  fileName: caseAttachments.fileName,
  contentType: caseAttachments.contentType,
  sizeBytes: caseAttachments.sizeBytes,
  sha256: caseAttachments.sha256,
  uploadedByName: caseAttachments.uploadedByName,
  createdAt: caseAttachments.createdAt,
  destroyed: sql<boolean>`${caseAttachments.content} is null`,
};

export type AttachmentDescription = {
  attachmentId: string;
  recordId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedByName: string;
  createdAt: Date;
  destroyed: boolean;
};

export async function insertAttachment(
  tx: OrgTransaction,
  attachment: typeof caseAttachments.$inferInsert,
): Promise<AttachmentDescription> {
  const [row] = await tx.insert(caseAttachments).values(attachment).returning(describedColumns);
  if (!row) throw new Error('attachment was not written');
  return row;
}

/** A case's attachments, oldest first, without their bytes. */
export async function attachmentsOf(
  tx: OrgTransaction,
  orgId: string,
  recordId: string,
): Promise<AttachmentDescription[]> {
  return tx
    .select(describedColumns)
    .from(caseAttachments)
    .where(and(eq(caseAttachments.orgId, orgId), eq(caseAttachments.recordId, recordId)))
    .orderBy(asc(caseAttachments.createdAt), asc(caseAttachments.attachmentId));
}

/** One attachment of a case without its bytes; null when the case has no such attachment. */
export async function attachmentOf(
  tx: OrgTransaction,
  orgId: string,
  recordId: string,
  attachmentId: string,
): Promise<AttachmentDescription | null> {
  const [row] = await tx
    .select(describedColumns)
    .from(caseAttachments)
    .where(attachmentKey(orgId, recordId, attachmentId));
  return row ?? null;
}

/** One attachment with its bytes (null once destroyed); null when the case has no such attachment. */
export async function attachmentWithContent(
  tx: OrgTransaction,
  orgId: string,
  recordId: string,
  attachmentId: string,
): Promise<(AttachmentDescription & { content: Buffer | null }) | null> {
  const [row] = await tx
    .select({ ...describedColumns, content: caseAttachments.content })
    .from(caseAttachments)
    .where(attachmentKey(orgId, recordId, attachmentId));
  return row ?? null;
}

export async function deleteAttachment(
  tx: OrgTransaction,
  orgId: string,
  recordId: string,
  attachmentId: string,
): Promise<AttachmentDescription | null> {
  const [row] = await tx
    .delete(caseAttachments)
    .where(attachmentKey(orgId, recordId, attachmentId))
    .returning(describedColumns);
  return row ?? null;
}
