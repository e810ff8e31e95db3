import { type FieldErrors, formErrors } from '#src/web/forms.ts';
import { type CarriedFile, megabytes } from '#src/web/uploads.ts';
import { maskedContact } from '../contact-file.ts';
import { modeNames, responseModes } from '../definition.ts';
import type { EligibleImportResult } from '../eligible-import.ts';
import { fixedColumns, type ImportRowReport, type ResponseImportResult } from '../import.ts';
import type { InvitationOutcome, RecentContact } from '../invitations.ts';

// View models of the pages that take a file for a survey: responses (paper returns, a vendor's
// export), recent contacts to invite, and the people each unit could have asked. Each is a check
// first (nothing written), its report row by row, then a button to go ahead. Templates hold no logic.

export type UploadKind = 'responses' | 'invitations' | 'eligible';

export const uploadPaths: Record<UploadKind, string> = {
  responses: '/surveys/import',
  invitations: '/surveys/invitations',
  eligible: '/surveys/eligible',
};

/** Problem rows shown on a report page; the rest are counted, and the command line lists them all. */
export const problemRowsShown = 500;

const column = (name: string, meaning: string) => ({ key: { text: name }, value: { text: meaning } });

interface UploadTexts {
  title: string;
  intro: string[];
  columns: { key: { text: string }; value: { text: string } }[];
  example: string;
  button: string;
}

const texts: Record<UploadKind, UploadTexts> = {
  responses: {
    title: 'Import survey responses',
    intro: [
      'Bring in responses from a CSV or Excel (.xlsx) file, one response a row: paper returns keyed in, or a survey vendor’s export. Heard checks every row first and shows you what it would do. Nothing is imported until you confirm.',
      'Rows with a problem are refused and the others are imported. A response whose submission id Heard already has is skipped, so importing the same file again adds nothing.',
    ],
    columns: [
      column('submission_id', 'the response’s id in the system or batch it comes from (required)'),
      column('unit_code', 'the code of the ward, team or service, as in Units (required)'),
      column('response_date', 'the day it was answered, like 2017-09-30 or 30/09/2017 (required)'),
      column(
        'mode',
        `how it was collected: ${responseModes.join(', ')}, or their names; blank uses the mode chosen below`,
      ),
      column('variant', 'standard, easy-read, child-9-11, young-person-12-18 or parent-carer (optional)'),
      column('language', 'en, cy… (optional; en when blank)'),
      column('version', 'the survey version answered (optional; the current one when blank)'),
      column('fft, good, better…', 'one column per question, named by the question’s code'),
    ],
    example: [
      'submission_id,unit_code,response_date,mode,fft,good,better',
      'PAPER-0001,W1,30/09/2017,paper-discharge,very-good,Kind nurses,',
      'PAPER-0002,W1,2017-09-30,paper-discharge,poor,,Shorter wait',
    ].join('\n'),
    button: 'Check the file',
  },
  invitations: {
    title: 'Invite recent contacts to a survey',
    intro: [
      'Upload a CSV or Excel (.xlsx) file of people recently in contact with a service, such as an export from the patient administration system. Heard checks every row and shows who would be invited. Nothing is sent until you confirm.',
      'Each person is invited by text message or email at most once a month for each survey, never after they have asked not to be, and their link can be answered once. Heard keeps no number or address: the message waits in the outbox until GOV.UK Notify has it.',
    ],
    columns: [
      column('channel', 'sms or email (optional: an address with @ is emailed, anything else texted)'),
      column('contact', 'a UK mobile number, like 07700 900 982, or an email address (required)'),
      column('unit_code', 'the code of the ward, team or service they were in contact with (required)'),
      column('contact_date', 'the day of the contact, like 2021-09-03 or 03/09/2021 (required)'),
    ],
    example: [
      'channel,contact,unit_code,contact_date',
      'sms,07700 900 982,W1,03/09/2021',
      'email,name@example.com,W1,2021-09-04',
    ].join('\n'),
    button: 'Check the contacts',
  },
  eligible: {
    title: 'Import the people eligible to answer',
    intro: [
      'Upload how many people each unit could have asked each month, such as discharges or contacts from the patient administration system: the response rate is worked out from it. Heard checks every row first. Nothing is saved until you confirm.',
      'A unit and month given again replaces the number saved before.',
    ],
    columns: [
      column('unit_code', 'the code of the ward, team or service (required)'),
      column('month', 'the month, like 2017-09 (required)'),
      column('eligible', 'the number of people, a whole number like 120 (required)'),
    ],
    example: ['unit_code,month,eligible', 'W1,2017-09,120', 'W2,2017-09,85'].join('\n'),
    button: 'Check the file',
  },
};

export interface SurveyChoice {
  code: string;
  name: string;
}

export interface UploadPageInput {
  kind: UploadKind;
  surveys: readonly SurveyChoice[];
  maxBytes: number;
  /** Names of the column mappings saved before (responses only). */
  savedMappings?: readonly string[];
  values?: { survey?: string; mode?: string; savedMapping?: string; saveMappingAs?: string };
  errors?: FieldErrors;
}

const fieldsInOrder = ['survey', 'mode', 'file', 'savedMapping', 'mapping', 'saveMappingAs'];

export function uploadPage({
  kind,
  surveys,
  maxBytes,
  savedMappings = [],
  values = {},
  errors = {},
}: UploadPageInput) {
  const text = texts[kind];
  const chosen = values.survey ?? (surveys.length === 1 ? surveys[0]?.code : undefined);
  return {
    pageTitle: text.title,
    backLinkHref: '/surveys',
    intro: text.intro,
    largeFiles:
      kind === 'responses'
        ? `For files larger than ${megabytes(maxBytes)}, ask your administrator to use the command line: heard import responses.`
        : kind === 'eligible'
          ? `For files larger than ${megabytes(maxBytes)}, ask your administrator to use the command line: heard import eligible.`
          : `Files can be up to ${megabytes(maxBytes)}; split a larger list into several files.`,
    layoutRows: text.columns,
    example: text.example,
    action: uploadPaths[kind],
    ...formErrors(errors, fieldsInOrder),
    surveyItems: [
      { value: '', text: 'Choose a survey', selected: !chosen },
      ...surveys.map((survey) => ({
        value: survey.code,
        text: survey.name,
        selected: survey.code === chosen,
      })),
    ],
    modeItems:
      kind === 'responses'
        ? [
            { value: '', text: 'Each row gives its own mode', selected: !values.mode },
            ...responseModes.map((mode) => ({
              value: mode,
              text: modeNames[mode],
              selected: values.mode === mode,
            })),
          ]
        : null,
    takesMapping: kind === 'responses',
    mappingItems:
      kind === 'responses' && savedMappings.length > 0
        ? [
            {
              value: '',
              text: 'None: the headings above, or a mapping file',
              selected: !values.savedMapping,
            },
            ...savedMappings.map((name) => ({
              value: name,
              text: name,
              selected: values.savedMapping === name,
            })),
          ]
        : null,
    saveMappingAs: values.saveMappingAs ?? '',
    buttonText: text.button,
  };
}

export interface HiddenField {
  name: string;
  value: string;
}

type ReportTable = {
  caption: string;
  head: string[];
  rows: { id: string; cells: string[]; problems: string[]; tag?: { text: string; classes: string } }[];
};

/** What every report page shows; each kind fills it from its own result. */
type ReportPage = {
  pageTitle: string;
  backLinkHref: string;
  summary: string;
  notes: string[];
  problems: ReportTable | null;
  moreProblems: string | null;
  everyRow: (ReportTable & { summaryText: string }) | null;
  confirm: { action: string; hidden: HiddenField[]; buttonText: string } | null;
  nothingToDo: string | null;
  againHref: string;
  againText: string;
};

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

const problemCaption = (count: number, dryRun: boolean, what: string) =>
  `${count === 1 ? '1 row has' : `${count.toLocaleString('en-GB')} rows have`} problems and ${dryRun ? `will not be ${what}` : `were not ${what}`}`;

const moreProblemsText = (total: number) =>
  total > problemRowsShown
    ? `The first ${problemRowsShown.toLocaleString('en-GB')} rows with problems are shown; ${(total - problemRowsShown).toLocaleString('en-GB')} more are not. Put them right and check the file again.`
    : null;

// --- Responses ---

export interface ResponsesReportInput {
  surveyName: string;
  result: ResponseImportResult;
  rows: readonly ImportRowReport[];
  /** Problems beyond those listed (the page keeps the first problemRowsShown). */
  refusedRows: number;
  columnNotes: string[];
  carried: CarriedFile & { survey: string; mode: string; mappingText: string; saveMappingAs: string };
}

export function responsesReportPage({
  surveyName,
  result,
  rows,
  refusedRows,
  columnNotes,
  carried,
}: ResponsesReportInput): ReportPage {
  const toAdd = result.dryRun ? result.imported : 0;
  const summary = result.dryRun
    ? `Checked ${plural(result.rows, 'row')} for ${surveyName}: ${result.imported.toLocaleString('en-GB')} to import, ${result.alreadyImported.toLocaleString('en-GB')} already imported, ${result.refused.toLocaleString('en-GB')} refused. Nothing has been imported yet.`
    : `Imported ${plural(result.rows, 'row')} for ${surveyName}: ${result.imported.toLocaleString('en-GB')} imported, ${result.alreadyImported.toLocaleString('en-GB')} already imported, ${result.refused.toLocaleString('en-GB')} refused.`;
  return {
    pageTitle: result.dryRun ? 'Check the responses to import' : 'Responses imported',
    backLinkHref: uploadPaths.responses,
    summary,
    notes:
      result.dryRun && carried.saveMappingAs
        ? [...columnNotes, `The column mapping will be saved as “${carried.saveMappingAs}” when you import.`]
        : columnNotes,
    problems:
      rows.length > 0
        ? {
            caption: problemCaption(result.refused, result.dryRun, 'imported'),
            head: ['Row', 'Submission id', 'Problems'],
            rows: rows.map((row) => ({
              id: `row-${row.rowNumber}`,
              cells: [String(row.rowNumber), row.submissionId],
              problems: row.problems,
            })),
          }
        : null,
    moreProblems: moreProblemsText(refusedRows),
    everyRow: null,
    confirm:
      result.dryRun && toAdd > 0
        ? {
            action: `${uploadPaths.responses}/confirm`,
            hidden: [
              { name: 'survey', value: carried.survey },
              { name: 'mode', value: carried.mode },
              { name: 'fileName', value: carried.fileName },
              { name: 'fileContent', value: carried.fileContent },
              { name: 'mappingText', value: carried.mappingText },
              { name: 'saveMappingAs', value: carried.saveMappingAs },
            ],
            buttonText: `Import ${plural(toAdd, 'response')}`,
          }
        : null,
    nothingToDo:
      result.dryRun && toAdd === 0
        ? 'There is nothing to import: every row is either already in Heard or has a problem.'
        : null,
    againHref: uploadPaths.responses,
    againText: 'Import another file',
  };
}

/**
 * The file's headings against what the import reads: headings nothing is read from (not a field
 * and not a question of the survey), and headings the mapping names that the file lacks.
 */
export function responseColumnNotes(
  header: readonly string[],
  questionCodes: ReadonlySet<string>,
  mapping: Record<string, string> | undefined,
): string[] {
  const headings = header.map((heading) => heading.trim()).filter(Boolean);
  const present = new Set(headings.map((heading) => heading.toLowerCase()));
  const mappedFrom = new Map(
    Object.entries(mapping ?? {}).map(([field, heading]) => [heading.toLowerCase(), field]),
  );
  const known = new Set<string>([...fixedColumns, ...questionCodes]);
  const quoted = (list: readonly string[]) => list.map((heading) => `“${heading}”`).join(', ');
  const unread = headings.filter(
    (heading) => !known.has(mappedFrom.get(heading.toLowerCase()) ?? heading.toLowerCase()),
  );
  const missing = Object.values(mapping ?? {}).filter((heading) => !present.has(heading.toLowerCase()));
  const notes: string[] = [];
  if (unread.length > 0)
    notes.push(
      `Columns not read: ${quoted(unread)}. They are neither one of the columns Heard reads nor the code of one of the survey’s questions; name them in a mapping file if Heard should read them.`,
    );
  if (missing.length > 0)
    notes.push(`Columns the mapping names but the file does not have: ${quoted(missing)}.`);
  return notes;
}

// --- Invitations ---

const invitationTags: Record<InvitationOutcome, { text: string; classes: string }> = {
  'to-invite': { text: 'To invite', classes: 'nhsuk-tag--green' },
  invited: { text: 'Invited', classes: 'nhsuk-tag--green' },
  'already-invited': { text: 'Already invited for that month', classes: 'nhsuk-tag--grey' },
  'opted-out': { text: 'Opted out', classes: 'nhsuk-tag--grey' },
  refused: { text: 'Refused', classes: 'nhsuk-tag--red' },
};

export interface InvitationReportRow {
  rowNumber: number;
  contact: RecentContact | null;
  outcome: InvitationOutcome;
  problem: string | null;
}

export interface InvitationsReportInput {
  surveyName: string;
  dryRun: boolean;
  rows: readonly InvitationReportRow[];
  carried: CarriedFile & { survey: string };
}

export function invitationsReportPage({
  surveyName,
  dryRun,
  rows,
  carried,
}: InvitationsReportInput): ReportPage {
  const counted = (outcome: InvitationOutcome) => rows.filter((row) => row.outcome === outcome).length;
  const invite = counted(dryRun ? 'to-invite' : 'invited');
  const refused = rows.filter((row) => row.outcome === 'refused');
  const parts = `${invite.toLocaleString('en-GB')} ${dryRun ? 'to invite' : 'invited'}, ${counted('already-invited').toLocaleString('en-GB')} already invited for the month of their contact, ${counted('opted-out').toLocaleString('en-GB')} opted out, ${refused.length.toLocaleString('en-GB')} refused`;
  const contactCell = (row: InvitationReportRow) => (row.contact ? maskedContact(row.contact.contact) : '');
  return {
    pageTitle: dryRun ? 'Check the contacts to invite' : 'Invitations queued',
    backLinkHref: uploadPaths.invitations,
    summary: dryRun
      ? `Checked ${plural(rows.length, 'contact')} for ${surveyName}: ${parts}. Nobody has been invited yet.`
      : `${plural(rows.length, 'contact')} for ${surveyName}: ${parts}. The invitations wait in the outbox until GOV.UK Notify has them.`,
    notes: [],
    problems:
      refused.length > 0
        ? {
            caption: problemCaption(refused.length, dryRun, 'invited'),
            head: ['Row', 'Contact', 'Problems'],
            rows: refused.slice(0, problemRowsShown).map((row) => ({
              id: `row-${row.rowNumber}`,
              cells: [String(row.rowNumber), contactCell(row)],
              problems: [row.problem ?? 'This contact cannot be invited'],
            })),
          }
        : null,
    moreProblems: moreProblemsText(refused.length),
    everyRow:
      rows.length > 0
        ? {
            summaryText: `See every contact (${rows.length.toLocaleString('en-GB')})`,
            caption: 'Every contact in the file',
            head: ['Row', 'Contact', 'Unit', 'Date of contact', 'Result'],
            rows: rows.map((row) => ({
              id: `contact-${row.rowNumber}`,
              cells: [
                String(row.rowNumber),
                contactCell(row),
                row.contact?.unitCode ?? '',
                row.contact?.contactDate ?? '',
              ],
              problems: [],
              tag: invitationTags[row.outcome],
            })),
          }
        : null,
    confirm:
      dryRun && invite > 0
        ? {
            action: `${uploadPaths.invitations}/confirm`,
            hidden: [
              { name: 'survey', value: carried.survey },
              { name: 'fileName', value: carried.fileName },
              { name: 'fileContent', value: carried.fileContent },
            ],
            buttonText: `Invite ${plural(invite, 'person', 'people')}`,
          }
        : null,
    nothingToDo:
      dryRun && invite === 0
        ? 'There is nobody to invite: every contact was invited for the month of their contact already, opted out or has a problem.'
        : null,
    againHref: uploadPaths.invitations,
    againText: 'Upload another file of contacts',
  };
}

// --- Eligible counts ---

export interface EligibleReportInput {
  surveyName: string;
  dryRun: boolean;
  result: EligibleImportResult;
  carried: CarriedFile & { survey: string };
}

export function eligibleReportPage({ surveyName, dryRun, result, carried }: EligibleReportInput): ReportPage {
  const refused = result.refused.length;
  const parts = `${result.saved.toLocaleString('en-GB')} ${dryRun ? 'to save' : 'saved'}, ${refused.toLocaleString('en-GB')} refused`;
  return {
    pageTitle: dryRun ? 'Check the numbers of people eligible' : 'Numbers of people eligible saved',
    backLinkHref: uploadPaths.eligible,
    summary: dryRun
      ? `Checked ${plural(result.rows, 'row')} for ${surveyName}: ${parts}. Nothing has been saved yet.`
      : `Saved ${plural(result.rows, 'row')} for ${surveyName}: ${parts}.`,
    notes: [],
    problems:
      refused > 0
        ? {
            caption: problemCaption(refused, dryRun, 'saved'),
            head: ['Row', 'Problems'],
            rows: result.refused.slice(0, problemRowsShown).map((row) => ({
              id: `row-${row.rowNumber}`,
              cells: [String(row.rowNumber)],
              problems: [row.problem],
            })),
          }
        : null,
    moreProblems: moreProblemsText(refused),
    everyRow: null,
    confirm:
      dryRun && result.saved > 0
        ? {
            action: `${uploadPaths.eligible}/confirm`,
            hidden: [
              { name: 'survey', value: carried.survey },
              { name: 'fileName', value: carried.fileName },
              { name: 'fileContent', value: carried.fileContent },
            ],
            buttonText: `Save ${plural(result.saved, 'number')}`,
          }
        : null,
    nothingToDo: dryRun && result.saved === 0 ? 'There is nothing to save: every row has a problem.' : null,
    againHref: uploadPaths.eligible,
    againText: 'Upload another file',
  };
}
