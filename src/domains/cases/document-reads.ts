import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import type { Principal } from '#src/web/principal.ts';
import { maySeePersonalData } from './access.ts';
import { attachmentsOf } from './attachment-queries.ts';
import { letterOf } from './letter-queries.ts';

// What a case page shows of the case's documents beyond getCase (case-reads.ts): its
// attachments, named only to those who may see its personal data, and whether a complaint has a
// response letter yet (never the letter's words). The caller has already read the case with
// getCase, which refuses anyone who may not see it and records the read.

export interface CaseDocumentLinks {
  record: { recordId: string };
  details: { investigatorUserId: string | null } | null;
}

export function documentReads({ db }: { db: Database }) {
  async function documentsOf(principal: Principal, view: CaseDocumentLinks) {
    const { orgId } = principal;
    const recordId = view.record.recordId;
    const seesPersonalData = maySeePersonalData(principal, view.details?.investigatorUserId ?? null);
    return withOrg(db, orgId, async (tx) => {
      // One after the other: a transaction's connection runs one query at a time.
      const attachments = await attachmentsOf(tx, orgId, recordId);
      const letter = view.details ? await letterOf(tx, orgId, recordId) : null;
      return {
        seesPersonalData,
        attachments: attachments.map((attachment) => ({
          attachmentId: attachment.attachmentId,
          // A file's name may name the complainant, as its contents may.
          fileName: seesPersonalData ? attachment.fileName : null,
          contentType: attachment.contentType,
          sizeBytes: attachment.sizeBytes,
          uploadedByName: attachment.uploadedByName,
          createdAt: attachment.createdAt,
          destroyed: attachment.destroyed,
        })),
        letter: letter ? { updatedAt: letter.updatedAt } : null,
      };
    });
  }

  return { documentsOf };
}

export type CaseDocuments = Awaited<ReturnType<ReturnType<typeof documentReads>['documentsOf']>>;
