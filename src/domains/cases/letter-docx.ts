import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { type IsoDate, ukDate } from '#src/domains/calendar/index.ts';

// The response letter as a Word document (issue 4: "exported as DOCX"), for the complaints team
// to print on headed paper or send. Laid out as an NHS letter usually is: the organisation's name,
// the date, the person's name and address, then the letter as written, signatory included, in
// Arial, the typeface NHS identity guidelines give for documents made in Word.

export interface LetterDocument {
  organisationName: string;
  /** The date on the letter. */
  date: IsoDate;
  /** The person it is sent to, when their name or address is known. */
  recipient: { name: string | null; address: string | null };
  reference: string;
  /** The letter's words; a blank line starts a new paragraph. */
  body: string;
}

const pointsBetweenParagraphs = 12;

/** A paragraph whose single line breaks are kept, as the person typed them. */
function paragraphOf(text: string, options: { bold?: boolean; alignment?: 'left' | 'right' } = {}) {
  const lines = text.split(/\r?\n/);
  return new Paragraph({
    alignment: options.alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    spacing: { after: pointsBetweenParagraphs * 20 },
    children: lines.map(
      (line, index) => new TextRun({ text: line, bold: options.bold, ...(index > 0 ? { break: 1 } : {}) }),
    ),
  });
}

/** The letter's paragraphs: its text split at blank lines. */
export function letterParagraphs(body: string): string[] {
  return body
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((paragraph) => paragraph.replace(/^\n+|\s+$/g, ''))
    .filter((paragraph) => paragraph.trim() !== '');
}

/** The letter's address block: the name, then each line of the address (as typed, or split at its commas). */
export function addressLines(recipient: LetterDocument['recipient']): string[] {
  const address = recipient.address
    ? recipient.address
        .split(/\r?\n|,/)
        .map((line) => line.trim())
        .filter(Boolean)
    : [];
  return [recipient.name?.trim() ?? '', ...address].filter(Boolean);
}

export async function responseLetterDocx(letter: LetterDocument): Promise<Buffer> {
  const recipientLines = addressLines(letter.recipient);
  const document = new Document({
    creator: letter.organisationName,
    title: `Response to complaint ${letter.reference}`,
    styles: { default: { document: { run: { font: 'Arial', size: 24 } } } },
    sections: [
      {
        children: [
          paragraphOf(letter.organisationName, { bold: true, alignment: 'right' }),
          paragraphOf(ukDate(letter.date), { alignment: 'right' }),
          ...(recipientLines.length ? [paragraphOf(recipientLines.join('\n'))] : []),
          ...letterParagraphs(letter.body).map((paragraph) => paragraphOf(paragraph)),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
