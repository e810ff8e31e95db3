import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MultipartFile } from '@fastify/multipart';
import { formBody } from './forms.ts';

// What every page that takes a spreadsheet (an import: cases, survey responses, contacts to invite,
// eligible counts) does with the upload: read the file from the multipart form, refuse it in plain
// words when it is missing, empty, of the wrong kind or too large, and carry it from the check (the
// dry run) to the confirmation in a hidden field, so that nothing is kept on the server between
// the two steps.

export interface UploadedFile {
  /** The name the browser gave, without any folder. */
  name: string;
  bytes: Buffer;
  /** Whether the file was cut off at the route's size limit (see spreadsheetUploadOptions). */
  truncated: boolean;
}

/** The file sent in a multipart form's field; null when none was chosen. */
export async function uploadedFile(body: unknown, field: string): Promise<UploadedFile | null> {
  const file = formBody(body)[field] as MultipartFile | undefined;
  if (!file || typeof file.toBuffer !== 'function' || !file.filename) return null;
  const bytes = await file.toBuffer();
  return { name: file.filename, bytes, truncated: Boolean(file.file?.truncated) };
}

/** CSV (Excel's "CSV" and "Text" too) or an Excel workbook, by name; the readers decide from the bytes. */
const spreadsheetName = /\.(csv|xlsx|txt)$/i;

export const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))}MB`;

/**
 * Fastify route options for a form with up to `files` files of at most `maxBytes` each: a larger
 * file is cut off at the limit rather than refused mid-upload, so that the page can say what is
 * wrong. (@fastify/multipart reads throwFileSizeLimit from these options, though its types list
 * only busboy's.)
 */
export const spreadsheetUploadOptions = (maxBytes: number, files = 1) => ({
  limits: { fileSize: maxBytes + 1, files },
  throwFileSizeLimit: false,
});

/** The problem with an uploaded spreadsheet, in the NHS design system's words; null when it will do. */
export function spreadsheetProblem(file: UploadedFile | null, maxBytes: number): string | null {
  if (!file) return 'Select a CSV or Excel file';
  if (!spreadsheetName.test(file.name)) return 'The selected file must be a CSV or Excel (.xlsx) file';
  if (file.bytes.length === 0) return 'The selected file is empty';
  if (file.truncated || file.bytes.length > maxBytes)
    return `The selected file must be smaller than ${megabytes(maxBytes)}`;
  return null;
}

/** A file carried in a hidden form field between the check and the confirmation. */
export interface CarriedFile {
  fileName: string;
  /** The file's bytes, base64-encoded. */
  fileContent: string;
}

export const carriedFile = (file: { name: string; bytes: Buffer }): CarriedFile => ({
  fileName: file.name,
  fileContent: file.bytes.toString('base64'),
});

/** The file a confirmation form carried back; null when it came without one. */
export function fileFromCarried(body: unknown, fallbackName: string): { name: string; bytes: Buffer } | null {
  const fields = formBody(body);
  const bytes =
    typeof fields.fileContent === 'string' ? Buffer.from(fields.fileContent, 'base64') : Buffer.alloc(0);
  if (bytes.length === 0) return null;
  const name = typeof fields.fileName === 'string' && fields.fileName ? fields.fileName : fallbackName;
  return { name, bytes };
}

/**
 * A confirmation form's body holds the file base64-encoded (a third larger) and URL-encoded on top:
 * the body limit its route needs for files of up to `maxBytes`.
 */
export const carriedBodyLimit = (maxBytes: number) => 4 * maxBytes;

/**
 * Runs `work` on a private copy of the bytes on disk, for readers that stream from a path (the
 * command line's), and removes it afterwards whatever happens.
 */
export async function withTemporaryCopy<T>(
  file: { name: string; bytes: Buffer },
  work: (path: string) => Promise<T>,
): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'heard-upload-'));
  try {
    const extension = /\.(csv|xlsx|txt)$/i.exec(file.name)?.[0] ?? '';
    const path = join(folder, `upload${extension.toLowerCase()}`);
    await writeFile(path, file.bytes, { mode: 0o600 });
    return await work(path);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** A text field's value from a form body, urlencoded or multipart (where it arrives as { value }). */
export function fieldText(body: unknown, name: string): string {
  const value = formBody(body)[name];
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'value' in value && typeof value.value === 'string')
    return value.value;
  return '';
}
