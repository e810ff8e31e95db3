import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDependencies } from '#src/app.ts';
import type { Config } from '#src/config.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { isoDateInLondon } from '#src/domains/calendar/index.ts';
import { safeguardingAlertsOf } from '#src/domains/comments/index.ts';
import { listOrganisations } from '#src/domains/organisations/index.ts';
import type { FieldErrors } from '#src/web/forms.ts';
import { actorOf, type Principal, principalOf } from '#src/web/principal.ts';
import {
  carriedBodyLimit,
  carriedFile,
  fieldText,
  fileFromCarried,
  spreadsheetProblem,
  spreadsheetUploadOptions,
  uploadedFile,
  withTemporaryCopy,
} from '#src/web/uploads.ts';
import { contactsFromRows } from './contact-file.ts';
import { type ResponseMode, responseModes } from './definition.ts';
import { importEligibleCounts } from './eligible-import.ts';
import { type ColumnMapping, type ImportRowReport, importResponses, parseMapping } from './import.ts';
import { mappingNameLimit, savedImportMappings, saveImportMapping } from './import-mappings.ts';
import { type InvitationSettings, inviteContacts } from './invitations.ts';
import { listSurveys, surveyVersions } from './service.ts';
import { responseFileRows } from './sources.ts';
import {
  eligibleReportPage,
  type InvitationReportRow,
  invitationsReportPage,
  problemRowsShown,
  responseColumnNotes,
  responsesReportPage,
  type UploadKind,
  uploadPage,
  uploadPaths,
} from './views/upload-models.ts';

// The pages that take a file for a survey, for those who run the surveys (surveys:manage): survey
// responses (paper returns, a vendor's export) through the same import as `heard import responses`;
// recent contacts to invite by text message or email through the invitation service; and the people
// each unit could have asked, as `heard import eligible`. Each is checked first and reported row by
// row with nothing written; the checked file comes back from the report in a hidden field and is
// checked again as it is used, so nothing is kept on the server between the two steps.

const templates = {
  upload: 'surveys/views/staff/upload.njk',
  report: 'surveys/views/staff/upload-report.njk',
};

/** Larger files of responses or eligible counts go through the command line, which streams them. */
export const maxUploadBytes = 5 * 1024 * 1024;
/** Contacts each upload may hold: every one is checked against the opt-outs and this month's invitations. */
export const maxContacts = 20_000;

const manage = { access: { permission: 'surveys:manage' } } as const;
const confirmOptions = { config: manage, bodyLimit: carriedBodyLimit(maxUploadBytes) };

/** Why the file could not be read as CSV or Excel, in words for the person who uploaded it. */
class UnreadableFile extends Error {}

/**
 * The file's rows, as the command line reads them; whatever stops the reader (a quote never
 * closed, a workbook cut short) becomes an UnreadableFile, told apart from Heard's own errors.
 */
async function* fileRows(path: string): AsyncGenerator<string[]> {
  try {
    yield* responseFileRows(path);
  } catch (error) {
    throw new UnreadableFile(
      `The selected file cannot be read as CSV or Excel: ${(error as Error).message.replace(/\.$/, '')}`,
    );
  }
}

/** The first row of a file: its headings. */
async function headingsOf(path: string): Promise<string[]> {
  for await (const row of fileRows(path)) return row.map((cell) => cell.trim());
  return [];
}

/** What the invitation service needs to write the messages: the templates, the key, the address. */
export async function invitationSettingsFor(
  db: DomainDependencies['db'],
  config: Config,
  principal: Pick<Principal, 'orgId' | 'organisationName'>,
  request: FastifyRequest,
): Promise<InvitationSettings> {
  const organisation = (await listOrganisations(db)).find((candidate) => candidate.orgId === principal.orgId);
  return {
    smsTemplateId: config.NOTIFY_TEMPLATE_SURVEY_INVITATION_SMS,
    emailTemplateId: config.NOTIFY_TEMPLATE_SURVEY_INVITATION_EMAIL,
    publicUrl: config.PUBLIC_URL?.replace(/\/$/, '') ?? `${request.protocol}://${request.host}`,
    organisationName: principal.organisationName,
    odsCode: organisation?.odsCode ?? '',
    hashKey: config.INVITATION_HASH_SECRET,
  };
}

export function surveyUploadRoutes({ db, config }: DomainDependencies) {
  async function surveysOf(orgId: string) {
    return (await listSurveys(db, orgId)).map((survey) => ({ code: survey.code, name: survey.name }));
  }

  async function renderUpload(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: UploadKind,
    shown: {
      values?: { survey?: string; mode?: string; savedMapping?: string; saveMappingAs?: string };
      errors?: FieldErrors;
    } = {},
  ) {
    const { orgId } = principalOf(request);
    const surveys = await surveysOf(orgId);
    const savedMappings =
      kind === 'responses' ? (await savedImportMappings(db, orgId)).map((mapping) => mapping.name) : [];
    const page = uploadPage({ kind, surveys, maxBytes: maxUploadBytes, savedMappings, ...shown });
    return reply.render(templates.upload, page, shown.errors ? 422 : 200);
  }

  /** The survey chosen on a form, checked against the organisation's surveys. */
  async function chosenSurvey(request: FastifyRequest, code: string) {
    return (await surveysOf(principalOf(request).orgId)).find((survey) => survey.code === code) ?? null;
  }

  // --- Survey responses ---

  interface ResponseRun {
    survey: { code: string; name: string };
    mode: ResponseMode | undefined;
    file: { name: string; bytes: Buffer };
    mapping: ColumnMapping | undefined;
    mappingText: string;
    /** The name to keep the mapping under when the import is confirmed; '' for none. */
    saveMappingAs: string;
  }

  async function importResponseFile(request: FastifyRequest, run: ResponseRun, dryRun: boolean) {
    const principal = principalOf(request);
    const actor = actorOf(principal, request.id);
    const rows: ImportRowReport[] = [];
    let refusedRows = 0;
    const { versions } = await surveyVersions(db, principal.orgId, run.survey.code);
    const questionCodes = new Set(
      versions.flatMap((version) => version.definition.questions.map((question) => question.code)),
    );
    const { result, header } = await withTemporaryCopy(run.file, async (path) => ({
      header: await headingsOf(path),
      result: await importResponses(db, principal.orgId, actor, fileRows(path), {
        surveyCode: run.survey.code,
        mapping: run.mapping,
        dryRun,
        defaultMode: run.mode,
        today: isoDateInLondon(new Date()),
        coding: { safeguardingAlerts: safeguardingAlertsOf(config) },
        onRow: (row) => {
          refusedRows += 1;
          if (rows.length < problemRowsShown) rows.push(row);
        },
      }),
    }));
    rows.sort((a, b) => a.rowNumber - b.rowNumber);
    if (!dryRun && run.saveMappingAs && run.mapping)
      await saveImportMapping(db, principal.orgId, actor, run.saveMappingAs, run.mapping);
    if (!dryRun) {
      // The import audits each batch it stores; this event says which file they came from.
      await withOrg(db, principal.orgId, (tx) =>
        recordAudit(tx, principal.orgId, actor, {
          action: 'survey.responses-file-imported',
          entityType: 'survey',
          after: {
            survey: run.survey.code,
            file: run.file.name,
            rows: result.rows,
            imported: result.imported,
            alreadyImported: result.alreadyImported,
            refused: result.refused,
          },
        }),
      );
    }
    return responsesReportPage({
      surveyName: run.survey.name,
      result,
      rows,
      refusedRows,
      columnNotes: responseColumnNotes(header, questionCodes, run.mapping),
      carried: {
        ...carriedFile(run.file),
        survey: run.survey.code,
        mode: run.mode ?? '',
        mappingText: run.mappingText,
        saveMappingAs: run.saveMappingAs,
      },
    });
  }

  /** The survey, mode and mapping of a form (the upload's or the confirmation's), each checked. */
  async function responseChoices(request: FastifyRequest, mappingText: string) {
    const errors: FieldErrors = {};
    const survey = await chosenSurvey(request, fieldText(request.body, 'survey'));
    if (!survey) errors.survey = 'Select the survey the responses answer';
    const modeText = fieldText(request.body, 'mode');
    const mode = (responseModes as readonly string[]).includes(modeText)
      ? (modeText as ResponseMode)
      : undefined;
    if (modeText && !mode) errors.mode = 'Select a mode of collection from the list';
    let mapping: ColumnMapping | undefined;
    if (mappingText.trim()) {
      const parsed = parseMapping(mappingText);
      if (parsed.ok) mapping = parsed.mapping;
      else errors.mapping = `The column mapping cannot be used: ${parsed.problem}`;
    }
    return { errors, survey, mode, mapping };
  }

  // --- Contacts to invite ---

  async function inviteFromFile(
    request: FastifyRequest,
    survey: { code: string; name: string },
    file: { name: string; bytes: Buffer },
    dryRun: boolean,
  ) {
    const principal = principalOf(request);
    const contacts = await withTemporaryCopy(file, (path) => contactsFromRows(fileRows(path), maxContacts));
    if (contacts.unusable) throw new UnreadableFile(contacts.unusable);
    const result = await inviteContacts(
      db,
      principal.orgId,
      actorOf(principal, request.id),
      await invitationSettingsFor(db, config, principal, request),
      survey.code,
      contacts.rows.map((row) => row.contact),
      { dryRun },
    );
    const rows: InvitationReportRow[] = [
      ...contacts.refused.map((row) => ({
        rowNumber: row.rowNumber,
        contact: null,
        outcome: 'refused' as const,
        problem: row.problem,
      })),
      ...result.rows.map((row) => {
        const given = contacts.rows[row.index];
        return {
          rowNumber: given?.rowNumber ?? 0,
          contact: given?.contact ?? null,
          outcome: row.outcome,
          problem: row.problem,
        };
      }),
    ].sort((a, b) => a.rowNumber - b.rowNumber);
    return invitationsReportPage({
      surveyName: survey.name,
      dryRun,
      rows,
      carried: { ...carriedFile(file), survey: survey.code },
    });
  }

  // --- People eligible ---

  async function eligibleFromFile(
    request: FastifyRequest,
    survey: { code: string; name: string },
    file: { name: string; bytes: Buffer },
    dryRun: boolean,
  ) {
    const principal = principalOf(request);
    const result = await withTemporaryCopy(file, (path) =>
      importEligibleCounts(db, principal.orgId, actorOf(principal, request.id), survey.code, fileRows(path), {
        dryRun,
      }),
    );
    return eligibleReportPage({
      surveyName: survey.name,
      dryRun,
      result,
      carried: { ...carriedFile(file), survey: survey.code },
    });
  }

  /**
   * The first step of every kind: the form's survey and file checked, then the dry run's report;
   * or the form again with its problems.
   */
  async function checkUpload(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: UploadKind,
    work: (
      survey: { code: string; name: string },
      file: { name: string; bytes: Buffer },
    ) => Promise<Record<string, unknown>>,
    extra: {
      errors: FieldErrors;
      values?: { mode?: string; savedMapping?: string; saveMappingAs?: string };
    } = { errors: {} },
  ) {
    const file = await uploadedFile(request.body, 'file');
    const surveyCode = fieldText(request.body, 'survey');
    const survey = await chosenSurvey(request, surveyCode);
    const errors: FieldErrors = { ...extra.errors };
    if (!survey) errors.survey = 'Select a survey';
    const problem = spreadsheetProblem(file, maxUploadBytes);
    if (problem) errors.file = problem;
    const values = { survey: surveyCode, ...extra.values };
    if (Object.keys(errors).length > 0 || !survey || !file)
      return renderUpload(request, reply, kind, { values, errors });
    try {
      return reply.render(templates.report, await work(survey, file));
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      return renderUpload(request, reply, kind, { values, errors: { file: error.message } });
    }
  }

  /** The second step: the carried file used for real, with the report of what was done. */
  async function confirmUpload(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: UploadKind,
    work: (
      survey: { code: string; name: string },
      file: { name: string; bytes: Buffer },
    ) => Promise<Record<string, unknown>>,
  ) {
    const survey = await chosenSurvey(request, fieldText(request.body, 'survey'));
    const carried = fileFromCarried(request.body, 'upload.csv');
    // Checked again: the confirmation is a form like any other, and may be sent without the check.
    const problem = spreadsheetProblem(carried && { ...carried, truncated: false }, maxUploadBytes);
    const file = problem ? null : carried;
    if (!survey || !file)
      return renderUpload(request, reply, kind, {
        errors: survey ? { file: problem ?? 'Select a CSV or Excel file' } : { survey: 'Select a survey' },
      });
    try {
      // The report is shown rather than redirected to, so that it can list every row; sending the
      // form again adds nothing, as the file's rows are already there.
      return reply.render(templates.report, await work(survey, file));
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      return renderUpload(request, reply, kind, { errors: { file: error.message } });
    }
  }

  const preselected = (request: FastifyRequest) => {
    const survey = (request.query as { survey?: unknown } | undefined)?.survey;
    return { values: { survey: typeof survey === 'string' ? survey : undefined } };
  };

  return async (app: FastifyInstance) => {
    app.get(uploadPaths.responses, { config: manage }, (request, reply) =>
      renderUpload(request, reply, 'responses', preselected(request)),
    );
    app.post(
      uploadPaths.responses,
      { config: { ...manage, multipartOptions: spreadsheetUploadOptions(maxUploadBytes, 2) } },
      async (request, reply) => {
        const { orgId } = principalOf(request);
        const mappingFile = await uploadedFile(request.body, 'mapping');
        const savedName = fieldText(request.body, 'savedMapping');
        const saveMappingAs = fieldText(request.body, 'saveMappingAs').trim();
        const mappingErrors: FieldErrors = {};
        let mappingText = mappingFile?.bytes.toString('utf8').replace(/^\uFEFF/, '') ?? '';
        if (savedName) {
          const saved = (await savedImportMappings(db, orgId)).find((mapping) => mapping.name === savedName);
          if (mappingFile)
            mappingErrors.savedMapping = 'Choose a saved mapping or upload a mapping file, not both';
          else if (!saved) mappingErrors.savedMapping = 'Choose one of the saved mappings';
          else mappingText = JSON.stringify(saved.columns);
        }
        if (saveMappingAs && !mappingFile)
          mappingErrors.saveMappingAs = 'Upload a mapping file to save it under a name';
        else if (saveMappingAs.length > mappingNameLimit)
          mappingErrors.saveMappingAs = `Enter a name of ${mappingNameLimit} characters or fewer`;
        const choices = await responseChoices(request, mappingText);
        const { survey: _survey, ...errors } = { ...choices.errors, ...mappingErrors };
        return checkUpload(
          request,
          reply,
          'responses',
          (survey, file) =>
            importResponseFile(
              request,
              { survey, file, mode: choices.mode, mapping: choices.mapping, mappingText, saveMappingAs },
              true,
            ),
          {
            errors,
            values: { mode: fieldText(request.body, 'mode'), savedMapping: savedName, saveMappingAs },
          },
        );
      },
    );
    app.post(`${uploadPaths.responses}/confirm`, confirmOptions, async (request, reply) => {
      const mappingText = fieldText(request.body, 'mappingText');
      const saveMappingAs = fieldText(request.body, 'saveMappingAs').trim().slice(0, mappingNameLimit);
      const choices = await responseChoices(request, mappingText);
      if (Object.keys(choices.errors).length > 0)
        return renderUpload(request, reply, 'responses', { errors: choices.errors });
      return confirmUpload(request, reply, 'responses', (survey, file) =>
        importResponseFile(
          request,
          { survey, file, mode: choices.mode, mapping: choices.mapping, mappingText, saveMappingAs },
          false,
        ),
      );
    });

    // Contacts to invite and people eligible take the same steps: check the file, then confirm it.
    const checkedUploads = [
      ['invitations', inviteFromFile],
      ['eligible', eligibleFromFile],
    ] as const;
    for (const [kind, fromFile] of checkedUploads) {
      app.get(uploadPaths[kind], { config: manage }, (request, reply) =>
        renderUpload(request, reply, kind, preselected(request)),
      );
      app.post(
        uploadPaths[kind],
        { config: { ...manage, multipartOptions: spreadsheetUploadOptions(maxUploadBytes) } },
        (request, reply) =>
          checkUpload(request, reply, kind, (survey, file) => fromFile(request, survey, file, true)),
      );
      app.post(`${uploadPaths[kind]}/confirm`, confirmOptions, (request, reply) =>
        confirmUpload(request, reply, kind, (survey, file) => fromFile(request, survey, file, false)),
      );
    }
  };
}
