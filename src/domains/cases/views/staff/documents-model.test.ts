import { describe, expect, it } from 'vitest';
import type { CaseDocuments } from '../../document-reads.ts';
import type { CaseAction } from '../../staff-access.ts';
import { documentSections, fileSizeInWords, letterPage } from './documents-model.ts';

const recordId = '11111111-1111-4111-8111-111111111111';
const attachmentId = '22222222-2222-4222-8222-222222222222';
const attachment = (changes: Partial<CaseDocuments['attachments'][number]> = {}) => ({
  attachmentId,
  fileName: 'Statement.pdf' as string | null,
  contentType: 'application/pdf',
  sizeBytes: 2048,
  uploadedByName: 'Priya Shah',
  createdAt: new Date('2024-06-03T10:00:00Z'),
  destroyed: false,
  ...changes,
});
const documents = (changes: Partial<CaseDocuments> = {}): CaseDocuments => ({
  seesPersonalData: true,
  attachments: [attachment()],
  letter: null,
  ...changes,
});
const everything = () => true;
const only =
  (...actions: CaseAction[]) =>
  (action: CaseAction) =>
    actions.includes(action);
const complaint = { record: { recordId }, details: { investigatorUserId: null } };

describe('a file’s size in words', () => {
  it.each([
    [0, '0 bytes'],
    [900, '900 bytes'],
    [1024, '1 KB'],
    [12_800, '13 KB'],
    [1_572_864, '1.5 MB'],
    [10 * 1024 * 1024, '10 MB'],
  ])('%i bytes is %s', (bytes, words) => {
    expect(fileSizeInWords(bytes)).toBe(words);
  });
});

describe('the documents section of a case page', () => {
  it('names and links each file, with its kind and size, for someone who may see personal data', () => {
    const section = documentSections(complaint, documents(), everything);
    expect(section.attachments).toEqual([
      expect.objectContaining({
        name: 'Statement.pdf',
        kind: 'PDF',
        size: '2 KB',
        downloadHref: `/cases/${recordId}/attachments/${attachmentId}`,
        deleteHref: `/cases/${recordId}/attachments/${attachmentId}/delete`,
      }),
    ]);
    expect(section.addAttachmentHref).toBe(`/cases/${recordId}/attachments/new`);
  });

  it('says a file exists, without its name or a link, to someone who may not see personal data', () => {
    const section = documentSections(
      complaint,
      documents({ seesPersonalData: false, attachments: [attachment({ fileName: null })] }),
      only(),
    );
    expect(section.attachments[0]).toMatchObject({
      name: 'Withheld: you may not see this case’s personal data',
      label: 'attachment 1',
      downloadHref: null,
      deleteHref: null,
    });
    expect(section.addAttachmentHref).toBeNull();
    expect(section.letter).toEqual({ savedAt: null, draftHref: null, downloadHref: null });
  });

  it('shows a destroyed file as destroyed, with nothing to download', () => {
    const section = documentSections(
      complaint,
      documents({ attachments: [attachment({ destroyed: true })] }),
      everything,
    );
    expect(section.attachments[0]).toMatchObject({ destroyed: true, downloadHref: null });
  });

  it('offers to draft a complaint’s letter, and to download it once saved; other records have none', () => {
    const saved = new Date('2024-06-04T09:00:00Z');
    const section = documentSections(
      complaint,
      documents({ letter: { updatedAt: saved } }),
      only('response-letter'),
    );
    expect(section.letter).toEqual({
      savedAt: saved,
      draftHref: `/cases/${recordId}/letter`,
      downloadHref: `/cases/${recordId}/letter.docx`,
    });
    expect(
      documentSections({ record: { recordId }, details: null }, documents(), everything).letter,
    ).toBeNull();
  });
});

describe('the response letter page', () => {
  const templates = [
    { templateId: 'a', name: 'Complaint response' },
    { templateId: 'b', name: 'Short reply' },
  ];
  const page = (changes: Partial<Parameters<typeof letterPage>[0]> = {}) =>
    letterPage({
      reference: 'C-2024-0001',
      recordId,
      caseVersion: 3,
      templates,
      letter: null,
      saved: false,
      canEditTemplates: false,
      ...changes,
    });

  it('offers the first template until one has been chosen, then the one the letter came from', () => {
    expect(page().templates.map((t) => t.checked)).toEqual([true, false]);
    expect(page({ letter: { body: 'Dear Ann', templateId: 'b' } }).templates.map((t) => t.checked)).toEqual([
      false,
      true,
    ]);
  });

  it('offers the Word download only once the letter is saved, and the templates to those who may change them', () => {
    expect(page().downloadHref).toBeNull();
    expect(page({ saved: true }).downloadHref).toBe(`/cases/${recordId}/letter.docx`);
    expect(page().templatesHref).toBeNull();
    expect(page({ canEditTemplates: true }).templatesHref).toBe('/letter-templates');
  });

  it('links each problem to its field, and a refusal of the whole letter to its words', () => {
    const errors = { templateId: 'Select a template', body: 'Enter the letter' };
    expect(page({ errors }).errorList).toEqual([
      { text: 'Select a template', href: '#templateId' },
      { text: 'Enter the letter', href: '#body' },
    ]);
    const movedOn = { form: 'Priya Shah added a note 2 minutes ago' };
    expect(page({ errors: movedOn }).errorList).toEqual([{ text: movedOn.form, href: '#body' }]);
  });
});
