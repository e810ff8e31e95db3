import { recordAudit } from '#src/domains/audit/index.ts';
import { allowedKindsInWords, attachmentTypeOf, safeFileName } from '#src/domains/cases/index.ts';
import { Invalid, NotFound } from '#src/web/errors.ts';
import { actorOf, type Principal } from '#src/web/principal.ts';
import { evidenceNoteProblem, notFoundAction, sha256Of, trimmed, uuidPattern } from './action-checks.ts';
import * as q from './queries.ts';
import type { ActionsContext } from './service-context.ts';
import type { Upload } from './service-types.ts';

// Evidence that an action was done (issue 7): notes and files, added by whoever may change the
// action. Files are kept as case attachments are (type from the bytes, size limit, hash); the
// trail keeps a file's hash, never its name, and every download is in it too.

export function evidenceUseCases(context: ActionsContext) {
  const { actionToChange } = context;
  const maxBytes = context.config.ATTACHMENT_MAX_MEGABYTES * 1024 * 1024;

  async function checkedUploadType(upload: Upload) {
    const refuse = (message: string) => new Invalid(message, { file: message });
    if (upload.content.length === 0 && !upload.fileName) throw refuse('Select a file');
    if (upload.truncated || upload.content.length > maxBytes) {
      throw refuse(`The selected file must be smaller than ${context.config.ATTACHMENT_MAX_MEGABYTES}MB`);
    }
    if (upload.content.length === 0) throw refuse('The selected file is empty');
    const type = await attachmentTypeOf(upload.content);
    if (!type) throw refuse(`The selected file must be ${allowedKindsInWords}`);
    return type;
  }

  return {
    async addEvidenceNote(principal: Principal, actionId: string, note: string, requestId?: string) {
      const problem = evidenceNoteProblem(note);
      if (problem) throw new Invalid(problem, { note: problem });
      return context.withOrg(principal.orgId, async (tx) => {
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
      return context.withOrg(principal.orgId, async (tx) => {
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
      return context.withOrg(principal.orgId, async (tx) => {
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
  };
}
