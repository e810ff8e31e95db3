import { randomBytes } from 'node:crypto';

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  content: string | Buffer;
}

/**
 * A multipart/form-data body as a browser sends it for a form with file inputs: one file, several
 * (a file and its column mapping), or none.
 */
export function multipartBody(
  fields: Record<string, string>,
  files?: UploadedFile | readonly UploadedFile[],
) {
  const boundary = `----heard-test-${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files === undefined ? [] : Array.isArray(files) ? files : [files as UploadedFile]) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.contentType}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
