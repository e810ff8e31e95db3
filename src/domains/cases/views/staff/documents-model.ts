import { type FieldErrors, formErrors } from '#src/web/forms.ts';
import { allowedKindsInWords, attachmentTypes } from '../../attachment-types.ts';
import { deletionReasons } from '../../attachments.ts';
import type { CaseDocuments } from '../../document-reads.ts';
import { letterParagraphs } from '../../letter-docx.ts';
import { letterPlaceholders } from '../../letter-placeholders.ts';
import type { CaseAction } from '../../staff-access.ts';

// The case page's documents section (attachments and the response letter) and the pages
// reached from it: adding and deleting an attachment, drafting the letter, and the
// organisation's letter templates.

const withheld = 'Withheld: you may not see this case’s personal data';

/** A file's size as people say it: 900 bytes, 12 KB, 1.5 MB. */
export function fileSizeInWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const megabytes = bytes / (1024 * 1024);
  return `${megabytes < 10 ? megabytes.toFixed(1) : Math.round(megabytes)} MB`;
}

/** The kind of file in words, such as PDF or Word document. */
export const fileKindOf = (contentType: string) =>
  contentType in attachmentTypes ? attachmentTypes[contentType as keyof typeof attachmentTypes].name : 'file';

/** The documents section of a case page, with the links and buttons this person may use. */
export function documentSections(
  view: { record: { recordId: string }; details: unknown },
  documents: CaseDocuments,
  allowed: (action: CaseAction) => boolean,
) {
  const href = `/cases/${view.record.recordId}`;
  const sees = documents.seesPersonalData;
  return {
    attachments: documents.attachments.map((attachment, index) => ({
      name: attachment.fileName ?? withheld,
      /** Names the attachment to a screen reader beside its links, without its file name when withheld. */
      label: attachment.fileName ?? `attachment ${index + 1}`,
      kind: fileKindOf(attachment.contentType),
      size: fileSizeInWords(attachment.sizeBytes),
      uploadedBy: attachment.uploadedByName,
      at: attachment.createdAt,
      destroyed: attachment.destroyed,
      downloadHref: sees && !attachment.destroyed ? `${href}/attachments/${attachment.attachmentId}` : null,
      deleteHref: allowed('delete-attachment')
        ? `${href}/attachments/${attachment.attachmentId}/delete`
        : null,
    })),
    addAttachmentHref: allowed('attachment') ? `${href}/attachments/new` : null,
    letter:
      view.details === null
        ? null
        : {
            savedAt: documents.letter?.updatedAt ?? null,
            draftHref: sees && allowed('response-letter') ? `${href}/letter` : null,
            downloadHref: sees && documents.letter ? `${href}/letter.docx` : null,
          },
  };
}

const caseCaption = (reference: string, recordId: string) => ({
  caption: reference,
  backLinkHref: `/cases/${recordId}`,
});

/** The page that adds an attachment to a case. */
export function attachmentUploadPage(input: {
  reference: string;
  recordId: string;
  maxMegabytes: number;
  errors?: FieldErrors;
}) {
  return {
    pageTitle: `Add an attachment – ${input.reference}`,
    ...caseCaption(input.reference, input.recordId),
    action: `/cases/${input.recordId}/attachments/new`,
    hint: `${allowedKindsInWords[0]?.toUpperCase()}${allowedKindsInWords.slice(1)}, smaller than ${input.maxMegabytes}MB`,
    accept: Object.values(attachmentTypes)
      .map((type) => `.${type.extension}`)
      .join(','),
    ...formErrors(input.errors ?? {}, ['file']),
  };
}

/** The page that asks why an attachment is being deleted. */
export function attachmentDeletePage(input: {
  reference: string;
  recordId: string;
  attachment: { attachmentId: string; fileName: string; contentType: string; sizeBytes: number };
  reason?: string;
  errors?: FieldErrors;
}) {
  const { attachment } = input;
  return {
    pageTitle: `Delete an attachment – ${input.reference}`,
    ...caseCaption(input.reference, input.recordId),
    action: `/cases/${input.recordId}/attachments/${attachment.attachmentId}/delete`,
    fileName: attachment.fileName,
    description: `${fileKindOf(attachment.contentType)}, ${fileSizeInWords(attachment.sizeBytes)}`,
    reasons: Object.entries(deletionReasons).map(([value, text]) => ({
      value,
      text,
      checked: value === input.reason,
    })),
    ...formErrors(input.errors ?? {}, ['reason'], () => '#reason'),
  };
}

/** The response letter's page: a template to draft from, and the letter to edit and save. */
export function letterPage(input: {
  reference: string;
  recordId: string;
  caseVersion: number | undefined;
  templates: readonly { templateId: string; name: string }[];
  /** The words in the editor: the saved letter, a fresh draft, or what was just sent back. */
  letter: { body: string; templateId: string | null } | null;
  saved: boolean;
  canEditTemplates: boolean;
  errors?: FieldErrors;
}) {
  const href = `/cases/${input.recordId}`;
  const errors = input.errors ?? {};
  const chosen = input.letter?.templateId ?? input.templates[0]?.templateId;
  return {
    pageTitle: `Response letter – ${input.reference}`,
    ...caseCaption(input.reference, input.recordId),
    draftAction: `${href}/letter/draft`,
    saveAction: `${href}/letter`,
    caseVersion: input.caseVersion,
    templates: input.templates.map((template) => ({
      value: template.templateId,
      text: template.name,
      checked: template.templateId === chosen,
    })),
    letter: input.letter,
    downloadHref: input.saved ? `${href}/letter.docx` : null,
    templatesHref: input.canEditTemplates ? '/letter-templates' : null,
    // A refusal of the whole letter (the case moved on meanwhile) is shown beside its words.
    ...formErrors(errors, ['templateId', 'body'], (field) =>
      field === 'templateId' ? '#templateId' : '#body',
    ),
  };
}

/** The organisation's letter templates. */
export function letterTemplatesPage(input: {
  templates: readonly { templateId: string; name: string; updatedAt: Date }[];
  canEdit: boolean;
}) {
  return {
    pageTitle: 'Letter templates',
    canEdit: input.canEdit,
    templates: input.templates.map((template) => ({
      name: template.name,
      updatedAt: template.updatedAt,
      href: `/letter-templates/${template.templateId}`,
      copyAction: input.canEdit ? `/letter-templates/${template.templateId}/copy` : null,
    })),
  };
}

/** One template: a form for those who may change it, its words for everyone else. */
export function letterTemplatePage(input: {
  template: { templateId: string; name: string; body: string };
  answers?: { name?: unknown; body?: unknown };
  canEdit: boolean;
  errors?: FieldErrors;
}) {
  const { template } = input;
  const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  return {
    pageTitle: `${template.name} – Letter templates`,
    backLinkHref: '/letter-templates',
    heading: template.name,
    canEdit: input.canEdit,
    action: `/letter-templates/${template.templateId}`,
    name: text(input.answers?.name, template.name),
    body: text(input.answers?.body, template.body),
    paragraphs: letterParagraphs(template.body).map((paragraph) => paragraph.split('\n')),
    placeholders: Object.entries(letterPlaceholders).map(([name, meaning]) => ({
      key: { text: `((${name}))` },
      value: { text: meaning },
    })),
    ...formErrors(input.errors ?? {}, ['name', 'body']),
  };
}
