import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { setSuccessMessage } from '#src/web/flash.ts';
import { attempt, type FieldErrors, formBody } from '#src/web/forms.ts';
import { principalOf } from '#src/web/principal.ts';
import { downloadDisposition } from './attachment-types.ts';
import { caseAttachmentsService, type Upload } from './attachments.ts';
import { CaseMovedOn } from './case-changes.ts';
import { letterTemplatesService, mayEditLetterTemplates } from './letter-templates.ts';
import { responseLettersService } from './letters.ts';
import { casesService } from './service.ts';
import {
  attachmentDeletePage,
  attachmentUploadPage,
  letterPage,
  letterTemplatePage,
  letterTemplatesPage,
} from './views/staff/documents-model.ts';

// A case's documents (issue 4): attachments uploaded, opened and deleted; the organisation's
// letter templates; and a complaint's response letter, drafted from a template, edited, saved
// and downloaded as a Word document. Who may do each is decided by the services (attachments.ts,
// letters.ts, letter-templates.ts), which look the case up first, so that an unknown case is
// "not found" to everyone.

const canView = { access: { permission: 'cases:view' } } as const;
const canManage = { access: { permission: 'cases:manage' } } as const;

const templates = {
  upload: 'cases/views/staff/attachment-new.njk',
  delete: 'cases/views/staff/attachment-delete.njk',
  letter: 'cases/views/staff/letter.njk',
  letterTemplates: 'cases/views/staff/letter-templates.njk',
  letterTemplate: 'cases/views/staff/letter-template.njk',
};

type WithCase = { Params: { recordId: string } };
type WithAttachment = { Params: { recordId: string; attachmentId: string } };
type WithTemplate = { Params: { templateId: string } };

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The uploaded file from a multipart form; an empty one when none was chosen. */
async function uploadOf(body: unknown): Promise<Upload> {
  const file = formBody(body).file as MultipartFile | undefined;
  if (!file || typeof file.toBuffer !== 'function') return { fileName: '', content: Buffer.alloc(0) };
  const content = await file.toBuffer();
  return { fileName: file.filename ?? '', content, truncated: file.file.truncated };
}

/** The version of the case a form's page showed, from its hidden field; undefined when not sent. */
function postedVersion(answers: Record<string, unknown>): number | undefined {
  const version = Number(answers.caseVersion);
  return Number.isInteger(version) && version >= 1 ? version : undefined;
}

/** Sends a file to be saved, never shown: the type it really is, and nothing the browser may guess. */
function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; content: Buffer }) {
  const type = file.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : file.contentType;
  return reply
    .header('content-type', type)
    .header('content-disposition', downloadDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.content);
}

const asText = (value: unknown) => (typeof value === 'string' ? value : '');

export function documentRoutes({ db, config }: DomainDependencies) {
  const cases = casesService({ db, config });
  const attachments = caseAttachmentsService({ db, config });
  const letterTemplates = letterTemplatesService({ db });
  const letters = responseLettersService({ db });
  const maxMegabytes = config.ATTACHMENT_MAX_MEGABYTES;
  // A larger file is cut off at the limit rather than refused mid-upload, so that the form can
  // say in plain words what is wrong. (@fastify/multipart reads throwFileSizeLimit from these
  // options, though its types list only busboy's.)
  const uploadOptions = { limits: { fileSize: attachments.maxBytes, files: 1 }, throwFileSizeLimit: false };

  async function renderUpload(request: FastifyRequest<WithCase>, reply: FastifyReply, errors?: FieldErrors) {
    const { recordId } = request.params;
    const { reference } = await attachments.caseToAttachTo(principalOf(request), recordId);
    const page = attachmentUploadPage({ reference, recordId, maxMegabytes, errors });
    return reply.render(templates.upload, page, errors ? 422 : 200);
  }

  async function renderLetter(
    request: FastifyRequest<WithCase>,
    reply: FastifyReply,
    shown: {
      letter: { body: string; templateId: string | null } | null;
      caseVersion?: number;
      errors?: FieldErrors;
    },
  ) {
    const principal = principalOf(request);
    const { recordId } = request.params;
    const context = await letters.letterContext(principal, recordId, request.id);
    const page = letterPage({
      ...context,
      recordId,
      caseVersion: shown.caseVersion ?? context.caseVersion,
      letter: shown.letter,
      saved: context.hasLetter,
      canEditTemplates: mayEditLetterTemplates(principal),
      errors: shown.errors,
    });
    return reply.render(templates.letter, page, shown.errors ? 422 : 200);
  }

  return async (app: FastifyInstance) => {
    // Attachments

    app.get<WithCase>('/cases/:recordId/attachments/new', { config: canManage }, async (request, reply) =>
      renderUpload(request, reply),
    );

    app.post<WithCase>(
      '/cases/:recordId/attachments/new',
      {
        config: {
          ...canManage,
          multipartOptions: uploadOptions,
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const { recordId } = request.params;
        const upload = await uploadOf(request.body);
        const added = await attempt(() => attachments.addAttachment(principal, recordId, upload, request.id));
        if (!added.ok) return renderUpload(request, reply, added.errors);
        const current = await cases.caseToChange(principal, recordId);
        setSuccessMessage(request, `The attachment has been added to ${current.record.reference}`);
        return reply.redirect(`/cases/${recordId}`, 303);
      },
    );

    app.get<WithAttachment>(
      '/cases/:recordId/attachments/:attachmentId',
      { config: canView },
      async (request, reply) => {
        const { recordId, attachmentId } = request.params;
        const file = await attachments.downloadAttachment(
          principalOf(request),
          recordId,
          attachmentId,
          request.id,
        );
        return sendFile(reply, file);
      },
    );

    const deletePath = '/cases/:recordId/attachments/:attachmentId/delete';
    app.get<WithAttachment>(deletePath, { config: canManage }, async (request, reply) => {
      const { recordId, attachmentId } = request.params;
      const found = await attachments.attachmentToDelete(principalOf(request), recordId, attachmentId);
      return reply.render(templates.delete, attachmentDeletePage({ ...found, recordId }));
    });

    app.post<WithAttachment>(deletePath, { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const { recordId, attachmentId } = request.params;
      const reason = asText(formBody(request.body).reason);
      const deleted = await attempt(() =>
        attachments.deleteAttachment(principal, recordId, attachmentId, reason, request.id),
      );
      if (!deleted.ok) {
        const found = await attachments.attachmentToDelete(principal, recordId, attachmentId);
        const page = attachmentDeletePage({ ...found, recordId, reason, errors: deleted.errors });
        return reply.render(templates.delete, page, 422);
      }
      setSuccessMessage(request, `${deleted.data.fileName} has been deleted`);
      return reply.redirect(`/cases/${recordId}`, 303);
    });

    // The response letter

    app.get<WithCase>('/cases/:recordId/letter', { config: canManage }, async (request, reply) => {
      const { letter } = await letters.letterPage(principalOf(request), request.params.recordId, request.id);
      return renderLetter(request, reply, { letter });
    });

    app.post<WithCase>('/cases/:recordId/letter/draft', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const { recordId } = request.params;
      const templateId = asText(formBody(request.body).templateId);
      if (!templateId) {
        return renderLetter(request, reply, { letter: null, errors: { templateId: 'Select a template' } });
      }
      const draft = await letters.draftLetter(principal, recordId, templateId, request.id);
      return renderLetter(request, reply, { letter: draft });
    });

    app.post<WithCase>('/cases/:recordId/letter', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const { recordId } = request.params;
      const answers = formBody(request.body);
      const version = postedVersion(answers);
      const service = responseLettersService({
        db,
        expectedVersion: version === undefined ? undefined : { recordId, version },
      });
      const letter = { body: asText(answers.body), templateId: asText(answers.templateId) || null };
      let movedOn = false;
      const saved = await attempt(async () => {
        try {
          return await service.saveLetter(principal, recordId, letter, request.id);
        } catch (error) {
          movedOn = error instanceof CaseMovedOn;
          throw error;
        }
      });
      if (!saved.ok) {
        // Told what changed, the person may save their words again over it (as staff-routes.ts does).
        return renderLetter(request, reply, {
          letter,
          caseVersion: movedOn ? undefined : version,
          errors: saved.errors,
        });
      }
      const current = await cases.caseToChange(principal, recordId);
      setSuccessMessage(request, `The response letter for ${current.record.reference} has been saved`);
      return reply.redirect(`/cases/${recordId}/letter`, 303);
    });

    app.get<WithCase>('/cases/:recordId/letter.docx', { config: canView }, async (request, reply) => {
      const { fileName, content } = await letters.letterDocument(
        principalOf(request),
        request.params.recordId,
        request.id,
      );
      return sendFile(reply, { fileName, contentType: docxType, content });
    });

    // Letter templates

    app.get('/letter-templates', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const found = await letterTemplates.templatesFor(principal, request.id);
      const page = letterTemplatesPage({ templates: found, canEdit: mayEditLetterTemplates(principal) });
      return reply.render(templates.letterTemplates, page);
    });

    app.get<WithTemplate>('/letter-templates/:templateId', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const template = await letterTemplates.templateFor(principal, request.params.templateId);
      const page = letterTemplatePage({ template, canEdit: mayEditLetterTemplates(principal) });
      return reply.render(templates.letterTemplate, page);
    });

    app.post<WithTemplate>('/letter-templates/:templateId', { config: canManage }, async (request, reply) => {
      const principal = principalOf(request);
      const { templateId } = request.params;
      const answers = formBody(request.body);
      const input = { name: asText(answers.name), body: asText(answers.body) };
      const saved = await attempt(() =>
        letterTemplates.saveTemplate(principal, templateId, input, request.id),
      );
      if (!saved.ok) {
        const template = await letterTemplates.templateFor(principal, templateId);
        const page = letterTemplatePage({ template, answers: input, canEdit: true, errors: saved.errors });
        return reply.render(templates.letterTemplate, page, 422);
      }
      setSuccessMessage(request, `The template ‘${saved.data.name}’ has been saved`);
      return reply.redirect('/letter-templates', 303);
    });

    app.post<WithTemplate>(
      '/letter-templates/:templateId/copy',
      { config: canManage },
      async (request, reply) => {
        const copy = await letterTemplates.copyTemplate(
          principalOf(request),
          request.params.templateId,
          request.id,
        );
        setSuccessMessage(
          request,
          `A copy has been made: ‘${copy.name}’. Give it a name and change its words`,
        );
        return reply.redirect(`/letter-templates/${copy.templateId}`, 303);
      },
    );
  };
}
