import CFB from 'cfb';
import { Document, Packer, Paragraph } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AttachmentType,
  attachmentTypeOf,
  downloadDisposition,
  safeFileName,
} from './attachment-types.ts';

// Files as their first bytes make them: enough for a type to be recognised, as a real file would be.
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d8e3a80000000049454e44ae426082',
  'hex',
);
const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb004300ffd9', 'hex');
const windowsProgram = Buffer.concat([
  Buffer.from('4d5a90000300000004000000ffff0000', 'hex'),
  Buffer.alloc(64),
]);
const plainZip = Buffer.from('504b0304140000000000000000000000000000000000000000000000', 'hex');
const email = Buffer.from(
  'From: Ann Example <ann@example.com>\r\nTo: complaints@trust.nhs.uk\r\nSubject: My father\r\nDate: Mon, 3 Jul 2017 09:00:00 +0100\r\n\r\nI would like to complain.\r\n',
);
const compoundFile = (streams: string[]) => {
  const file = CFB.utils.cfb_new();
  for (const stream of streams) CFB.utils.cfb_add(file, `/${stream}`, Buffer.from('data'));
  return Buffer.from(CFB.write(file, { type: 'buffer' }) as Uint8Array);
};

describe('the type of an attachment, from its bytes', () => {
  let docx: Buffer;
  beforeAll(async () => {
    docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('A statement')] }] }));
  });

  it.each<[string, () => Buffer, AttachmentType | null]>([
    ['a PDF', () => pdf, 'application/pdf'],
    ['a PNG picture', () => png, 'image/png'],
    ['a JPEG picture', () => jpeg, 'image/jpeg'],
    [
      'a Word document',
      () => docx,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    ['plain text', () => Buffer.from('Notes of the telephone call\nShe was upset.\n'), 'text/plain'],
    [
      'text in UTF-8 with accents and a byte order mark',
      () => Buffer.from('\ufeffZoë’s notes'),
      'text/plain',
    ],
    ['a saved email', () => email, 'message/rfc822'],
    [
      'an Outlook message',
      () => compoundFile(['__properties_version1.0', '__substg1.0_0037001F']),
      'application/vnd.ms-outlook',
    ],
    // An old Word (.doc) or Excel (.xls) file is a compound file too, but not a message.
    ['another compound file', () => compoundFile(['WordDocument']), null],
    ['a Windows program', () => windowsProgram, null],
    ['a zip file that is not a Word document', () => plainZip, null],
    ['bytes that are not text', () => Buffer.from([0x00, 0x01, 0x02, 0xfe, 0x10, 0x00]), null],
    ['text in another encoding (Latin-1)', () => Buffer.from('caf\xe9', 'latin1'), null],
  ])('%s', async (_case, bytes, expected) => {
    expect(await attachmentTypeOf(bytes())).toBe(expected);
  });

  it('is the type the bytes are, whatever the file is called: a web page is kept as text', async () => {
    expect(await attachmentTypeOf(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBe(
      'text/plain',
    );
    expect(safeFileName('page.html', 'text/plain')).toBe('page.txt');
  });
});

describe('the name an attachment is kept under', () => {
  it.each<[string, string, AttachmentType, string]>([
    ['a plain name', 'letter.pdf', 'application/pdf', 'letter.pdf'],
    [
      'a Windows path sent by an old browser',
      'C:\\Users\\ann\\Desktop\\letter.pdf',
      'application/pdf',
      'letter.pdf',
    ],
    ['a path that climbs folders', '../../etc/passwd', 'text/plain', 'passwd.txt'],
    ['a name whose extension is not the type', 'statement.exe', 'application/pdf', 'statement.pdf'],
    ['no name at all', '', 'image/png', 'attachment.png'],
    ['a JPEG called .jpeg', 'Ward photo.JPEG', 'image/jpeg', 'Ward photo.JPEG'],
    ['control characters', 'bad\u0007\nname.txt', 'text/plain', 'badname.txt'],
    ['a name that starts with dots', '...hidden.txt', 'text/plain', 'hidden.txt'],
  ])('%s', (_case, claimed, type, expected) => {
    expect(safeFileName(claimed, type)).toBe(expected);
  });

  it('is at most 150 characters and keeps its extension', () => {
    const name = safeFileName(`${'a'.repeat(300)}.pdf`, 'application/pdf');
    expect(name).toHaveLength(150);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('the download header', () => {
  it('saves the file under its name, with an ASCII name for old browsers and the exact one for the rest', () => {
    expect(downloadDisposition('Zoë "Ann" letter.pdf')).toBe(
      `attachment; filename="Zo_ _Ann_ letter.pdf"; filename*=UTF-8''Zo%C3%AB%20%22Ann%22%20letter.pdf`,
    );
  });

  it('cannot be broken out of by a name holding a quote, semicolon or new line', () => {
    const header = downloadDisposition('a";\r\nSet-Cookie: x=1.txt');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('attachment; filename="a__')).toBe(true);
  });
});
