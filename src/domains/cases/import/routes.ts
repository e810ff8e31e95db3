import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import { formBody } from '#src/web/forms.ts';
import { actorOf, principalOf } from '#src/web/principal.ts';
import {
  carriedBodyLimit,
  carriedFile,
  fileFromCarried,
  spreadsheetProblem,
  spreadsheetUploadOptions,
  uploadedFile,
} from '#src/web/uploads.ts';
import { type ColumnMapping, parseMapping } from './mapping.ts';
import type { CaseImportRow } from './report.ts';
import { caseImporter } from './service.ts';
import type { CaseFile } from './sources.ts';
import { type CarriedUpload, reportPage, uploadPage } from './views/models.ts';

// /cases/import: upload a file of historic cases (and a column mapping if its headings are not
// Heard's), see the dry run's report row by row, then confirm to import. The checked file comes
// back from the report page in a hidden field and is checked again as it is imported, so nothing
// is kept on the server between the two steps.

const templates = {
  upload: 'cases/import/views/upload.njk',
  report: 'cases/import/views/report.njk',
};

/** Larger files go through `heard import cases`, which streams them. */
const maxUploadBytes = 5 * 1024 * 1024;
const confirmBodyLimit = carriedBodyLimit(maxUploadBytes);

// Only the complaints and PALS team: investigators hold cases:manage for their own cases only.
const canAdminister = { access: { permission: 'cases:administer' } } as const;

const bufferFile = (name: string, bytes: Buffer): CaseFile => ({
  name,
  sizeBytes: bytes.length,
  open: () => Readable.from([bytes]),
});

export function caseImportRoutes({ db, config }: DomainDependencies) {
  const cases = caseImporter({ db, config });

  async function run(
    request: FastifyRequest,
    file: CaseFile,
    mapping: ColumnMapping | undefined,
    dryRun: boolean,
  ) {
    const principal = principalOf(request);
    const rows: CaseImportRow[] = [];
    const result = await cases.importCases(principal.orgId, actorOf(principal, request.id), file, {
      mapping,
      dryRun,
      onRow: (row) => rows.push(row),
    });
    return { result, rows };
  }

  return async (app: FastifyInstance) => {
    app.get('/cases/import', { config: canAdminister }, async (_request, reply) => {
      return reply.render(templates.upload, uploadPage());
    });

    // The dry run: every row checked and reported; nothing is written.
    app.post(
      '/cases/import',
      { config: { ...canAdminister, multipartOptions: spreadsheetUploadOptions(maxUploadBytes, 2) } },
      async (request, reply) => {
        const upload = await uploaded(request.body);
        if ('errors' in upload) return reply.render(templates.upload, uploadPage(upload.errors), 422);
        const { result, rows } = await run(request, upload.file, upload.mapping, true);
        const carried: CarriedUpload = {
          ...carriedFile({ name: upload.file.name, bytes: upload.bytes }),
          mappingText: upload.mappingText,
        };
        return reply.render(
          templates.report,
          reportPage(result, rows, carried),
          result.unreadable ? 422 : 200,
        );
      },
    );

    app.post(
      '/cases/import/confirm',
      { config: canAdminister, bodyLimit: confirmBodyLimit },
      async (request, reply) => {
        const body = formBody(request.body);
        const carried = fileFromCarried(body, 'cases');
        if (!carried) {
          return reply.render(templates.upload, uploadPage({ file: 'Select a CSV or Excel file' }), 422);
        }
        const mappingText = typeof body.mappingText === 'string' ? body.mappingText : '';
        const mapping =
          mappingText.trim() === '' ? { ok: true as const, mapping: undefined } : parseMapping(mappingText);
        if (!mapping.ok) {
          return reply.render(
            templates.upload,
            uploadPage({ mapping: `The column mapping cannot be used: ${mapping.problems.join('; ')}` }),
            422,
          );
        }
        const fileName = carried.name;
        const { result, rows } = await run(
          request,
          bufferFile(fileName, carried.bytes),
          mapping.mapping,
          false,
        );
        // The report is shown rather than redirected to, so that it can list every row; sending the
        // form again only skips what this import added.
        return reply.render(
          templates.report,
          reportPage(result, rows, { fileName, fileContent: '', mappingText: '' }),
        );
      },
    );
  };
}

type Upload =
  | { file: CaseFile; bytes: Buffer; mapping: ColumnMapping | undefined; mappingText: string }
  | { errors: Record<string, string> };

async function uploaded(body: unknown): Promise<Upload> {
  const file = await uploadedFile(body, 'file');
  const mappingFile = await uploadedFile(body, 'mapping');
  const errors: Record<string, string> = {};
  const problem = spreadsheetProblem(file, maxUploadBytes);
  if (problem) errors.file = problem;

  let mappingText = '';
  let mapping: ColumnMapping | undefined;
  if (mappingFile) {
    mappingText = mappingFile.bytes.toString('utf8');
    const parsed = parseMapping(mappingText);
    if (parsed.ok) mapping = parsed.mapping;
    else errors.mapping = `The column mapping cannot be used: ${parsed.problems.join('; ')}`;
  }
  if (Object.keys(errors).length > 0 || !file) return { errors };
  return { file: bufferFile(file.name, file.bytes), bytes: file.bytes, mapping, mappingText };
}
