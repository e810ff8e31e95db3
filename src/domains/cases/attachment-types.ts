import CFB from 'cfb';
import { fileTypeFromBuffer } from 'file-type';

// Which files may be attached to a case (issue 4: "attachments (type and size limits, stored
// safely)"). The type is worked out from the file's own bytes, never from the name or the type
// the browser claims, so that a program renamed letter.pdf is refused and a file is always sent
// back with the type it really is.

/** The kinds of file a case may hold: what people send a trust, and what its staff write. */
export const attachmentTypes = {
  'application/pdf': { extension: 'pdf', name: 'PDF' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extension: 'docx',
    name: 'Word document',
  },
  'text/plain': { extension: 'txt', name: 'text file' },
  'image/jpeg': { extension: 'jpg', name: 'JPEG picture' },
  'image/png': { extension: 'png', name: 'PNG picture' },
  'message/rfc822': { extension: 'eml', name: 'email' },
  'application/vnd.ms-outlook': { extension: 'msg', name: 'Outlook email' },
} as const;
export type AttachmentType = keyof typeof attachmentTypes;

/** The allowed kinds in words, for a hint and for refusing anything else. */
export const allowedKindsInWords =
  'a PDF, Word document (.docx), text file, JPEG or PNG picture, or an email (.eml or .msg)';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const controlCharactersButWhitespace = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

const isAttachmentType = (mime: string): mime is AttachmentType => mime in attachmentTypes;

/** Text is valid UTF-8 with no control characters but tabs, line breaks and form feeds. */
function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !controlCharactersButWhitespace.test(text);
}

/**
 * An email saved as a file (RFC 5322): it opens with header fields up to the first blank line,
 * among them From and at least one other that every mail program writes.
 */
function isEmail(bytes: Buffer): boolean {
  const text = bytes.subarray(0, 64 * 1024).toString('utf8');
  const headerEnd = text.search(/\r?\n\r?\n/);
  if (headerEnd <= 0) return false;
  const lines = text.slice(0, headerEnd).split(/\r?\n/);
  const fieldLine = /^[!-9;-~]+:/; // a field name is printable ASCII without a colon
  if (!lines.every((line) => fieldLine.test(line) || /^[ \t]/.test(line))) return false;
  const names = new Set(lines.map((line) => line.split(':')[0]?.toLowerCase()));
  return names.has('from') && ['date', 'subject', 'message-id', 'received'].some((name) => names.has(name));
}

/** An Outlook message: a compound file holding the property streams that Outlook writes. */
function isOutlookMessage(bytes: Buffer): boolean {
  try {
    const paths = CFB.read(bytes, { type: 'buffer' }).FullPaths;
    return (
      paths.some((path) => path.endsWith('/__properties_version1.0')) &&
      paths.some((path) => path.includes('/__substg1.0_'))
    );
  } catch {
    return false;
  }
}

/** The type of a file from its bytes; null when it is not one a case may hold. */
export async function attachmentTypeOf(bytes: Buffer): Promise<AttachmentType | null> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    if (found.mime === 'application/x-cfb')
      return isOutlookMessage(bytes) ? 'application/vnd.ms-outlook' : null;
    return isAttachmentType(found.mime) ? found.mime : null;
  }
  if (!isPlainText(bytes)) return null;
  return isEmail(bytes) ? 'message/rfc822' : 'text/plain';
}

/**
 * A file name fit to keep and show: the last part of any path a browser sent, without control
 * characters, at most 150 characters, ending with the extension of the type the file really is.
 */
export function safeFileName(claimed: string, type: AttachmentType): string {
  const { extension } = attachmentTypes[type];
  const lastPart = claimed.split(/[\\/]/).pop() ?? '';
  const cleaned = lastPart.replace(controlCharacters, '').trim().replace(/^\.+/, '');
  const stem = cleaned.replace(/\.[^.]*$/, '') || 'attachment';
  const hasRightExtension =
    cleaned.toLowerCase().endsWith(`.${extension}`) ||
    (extension === 'jpg' && cleaned.toLowerCase().endsWith('.jpeg'));
  const name = hasRightExtension ? cleaned : `${stem}.${extension}`;
  if (name.length <= 150) return name;
  const ending = name.slice(name.lastIndexOf('.'));
  return `${name.slice(0, 150 - ending.length)}${ending}`;
}

/**
 * The Content-Disposition header that makes a browser save the file under its name (RFC 6266):
 * an ASCII fallback for old browsers, and the exact name encoded for the rest (RFC 8187).
 */
export function downloadDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
