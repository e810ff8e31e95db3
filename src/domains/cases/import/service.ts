import type { Config } from '#src/config.ts';
import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { isoDateInLondon } from '#src/domains/calendar/index.ts';
import { listUsers } from '#src/domains/identity/index.ts';
import { listUnits } from '#src/domains/organisations/index.ts';
import type { Actor } from '#src/web/principal.ts';
import { withoutPersonalData } from '../access.ts';
import { type CommentConfig, codeNarratives } from '../comment-arrivals.ts';
import { acknowledgementDueDate, agreedResponseDate } from '../deadlines.ts';
import { overallOutcome } from '../outcomes.ts';
import * as q from '../queries.ts';
import { referenceLists } from '../reference-lists.ts';
import { recordReference, referencePrefixes } from '../references.ts';
import { cellText } from './cells.ts';
import { importChoosers } from './choices.ts';
import type { ImportField } from './columns.ts';
import { type ColumnMapping, type ColumnPlan, defaultMapping, planColumns } from './mapping.ts';
import { importedReferences } from './queries.ts';
import type { CaseImportResult, CaseImportRow, RowProblemReport } from './report.ts';
import { type CheckedRow, caseRowChecker, type ImportedCase, type MappedRow } from './row-schema.ts';
import { type CaseFile, fileFormat, type SheetRow, sheetRows, UnreadableFile } from './sources.ts';

// Importing historic cases (issue 4): every row is checked and reported; each valid row is written
// in a transaction of its own with its audit event, so a row that fails never stops the others and
// nothing written is lost when a later row fails. Rows are looked up against earlier imports in
// batches, so that a large file costs one query per batch rather than one per row.

export interface ImportDependencies {
  db: Database;
  config: Pick<Config, 'COMPLAINT_RESPONSE_TARGET_WORKING_DAYS'> & CommentConfig;
  /** Now; "received date must not be in the future" is judged from it. */
  clock?: () => Date;
}

export interface ImportProgress {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
}

export interface CaseImportOptions {
  mapping?: ColumnMapping;
  /** Check and report every row, writing nothing. */
  dryRun: boolean;
  /** Each row's report, in the order of the file, as soon as it is known. */
  onRow?(row: CaseImportRow): void;
  onProgress?(progress: ImportProgress): void;
}

const batchSize = 200;

/** A checked row waiting for its batch to be looked up against earlier imports. */
interface PendingRow {
  rowNumber: number;
  externalReference: string | null;
  /** What to write; null when the row has problems. */
  value: ImportedCase | null;
  problems: RowProblemReport[];
}

/** Whether the database refused a row because its external reference is already there (a concurrent import). */
function isDuplicateReference(error: unknown): boolean {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    const { code, constraint } = cause as { code?: string; constraint?: string };
    // 23505: unique_violation; the constraint is named when the driver says which.
    if (
      code === '23505' &&
      (constraint === undefined || constraint === 'feedback_records_external_reference')
    ) {
      return true;
    }
  }
  return false;
}

export function caseImporter({ db, config, clock = () => new Date() }: ImportDependencies) {
  const responseTarget = config.COMPLAINT_RESPONSE_TARGET_WORKING_DAYS;

  /** The organisation's units, staff and lists, and the checker built from them for this file. */
  async function rowChecker(orgId: string, mapping: ColumnMapping, headingOf: Map<ImportField, string>) {
    const units = await listUnits(db, orgId);
    const users = await listUsers(db, orgId);
    const lists = referenceLists();
    return caseRowChecker({
      today: isoDateInLondon(clock()),
      unitIdByCode: new Map(units.map((unit) => [unit.code.toUpperCase(), unit.unitId])),
      userIdByEmail: new Map(users.map((user) => [user.email.toLowerCase(), user.userId])),
      choosers: importChoosers(lists, mapping.values),
      subjectNames: new Map(lists.ko41aSubjects.items.map((item) => [item.code, item.name])),
      column: (field) => `column “${headingOf.get(field) ?? field}”`,
    });
  }

  /** Writes one case (a concern with its staff groups, a complaint with its details and issues) and its audit event. */
  async function writeCase(tx: OrgTransaction, orgId: string, actor: Actor, imported: ImportedCase) {
    const year = Number(imported.receivedDate.slice(0, 4));
    const prefix = referencePrefixes[imported.kind];
    const reference = recordReference(
      imported.kind,
      year,
      await q.nextReferenceNumber(tx, orgId, prefix, year),
    );
    const { complaint } = imported;
    const record = await q.insertRecord(tx, {
      orgId,
      kind: imported.kind,
      channel: imported.channel,
      reference,
      unitId: imported.unitId,
      receivedDate: imported.receivedDate,
      eventDate: imported.eventDate,
      noticeDate: imported.noticeDate,
      summary: imported.summary,
      narrative: imported.narrative,
      desiredOutcome: imported.desiredOutcome,
      personName: imported.personName,
      contactDetails: imported.contactDetails,
      onBehalfOfName: imported.onBehalfOfName,
      consentRecorded: imported.consentRecorded,
      consentDate: imported.consentDate,
      status: imported.status,
      closedDate: imported.closedDate,
      staffGroupCodes: imported.staffGroupCodes,
      externalReference: imported.externalReference,
      // Logged by nobody in Heard: the import brought it from another system.
      createdBy: null,
    });
    const details = complaint
      ? await q.insertComplaintDetails(tx, {
          orgId,
          recordId: record.recordId,
          // The deadlines as Heard would have set them; historic dates are kept exactly as given.
          acknowledgementDueDate: acknowledgementDueDate(imported.receivedDate),
          acknowledgedDate: complaint.acknowledgedDate,
          agreedResponseDate:
            complaint.agreedResponseDate ?? agreedResponseDate(imported.receivedDate, responseTarget),
          responseSentDate: complaint.responseSentDate,
          signedOffBy: complaint.signedOffBy,
          investigatorUserId: complaint.investigatorUserId,
          withdrawnDate: complaint.withdrawnDate,
          withdrawalReason: complaint.withdrawalReason,
          ombudsmanReferredDate: complaint.ombudsmanReferredDate,
          ombudsmanStatus: complaint.ombudsmanOutcome
            ? 'decided'
            : complaint.ombudsmanReferredDate
              ? 'referred'
              : null,
          ombudsmanOutcome: complaint.ombudsmanOutcome,
          ombudsmanOutcomeDate: complaint.ombudsmanOutcomeDate,
          patientAgeBandCode: complaint.patientAgeBandCode,
          complainantStatusCode: complaint.complainantStatusCode,
        })
      : null;
    const issues = [];
    // A case's issues are listed in the order they were recorded; written in one transaction they
    // would share its time, so each is given a millisecond after the one before, in the file's order.
    const recordedAt = Date.now();
    for (const [index, issue] of (complaint?.issues ?? []).entries()) {
      issues.push(
        await q.insertIssue(tx, {
          orgId,
          recordId: record.recordId,
          unitId: record.unitId,
          ...issue,
          createdAt: new Date(recordedAt + index),
        }),
      );
    }
    await codeNarratives(tx, orgId, actor, [record], config);
    await recordAudit(tx, orgId, actor, {
      action: 'case.imported',
      entityType: 'case',
      entityId: record.recordId,
      after: {
        record: withoutPersonalData(record),
        details,
        issues: issues.map(
          ({ subjectCode, staffGroupCodes, serviceAreaCode, clinicalTreatmentCode, outcome }) => ({
            subjectCode,
            staffGroupCodes,
            serviceAreaCode,
            clinicalTreatmentCode,
            outcome,
          }),
        ),
        overallOutcome: details
          ? overallOutcome({
              issueOutcomes: issues.map((issue) => issue.outcome),
              withdrawn: record.status === 'withdrawn',
            })
          : null,
      },
    });
    return record.reference;
  }

  /** One row written in its own transaction; what happened to it, for the report. */
  async function importRow(
    orgId: string,
    actor: Actor,
    value: ImportedCase,
  ): Promise<Pick<CaseImportRow, 'outcome' | 'caseReference' | 'problems'>> {
    try {
      // The batch was looked up just before; an import running at the same time is caught by the
      // unique index on the external reference, below.
      const caseReference = await withOrg(db, orgId, (tx) => writeCase(tx, orgId, actor, value));
      return { outcome: 'added', caseReference, problems: [] };
    } catch (error) {
      if (isDuplicateReference(error)) {
        const found = await withOrg(db, orgId, (tx) =>
          importedReferences(tx, orgId, [value.externalReference]),
        );
        return {
          outcome: 'skipped',
          caseReference: found.get(value.externalReference) ?? null,
          problems: [],
        };
      }
      return {
        outcome: 'refused',
        caseReference: null,
        problems: [{ column: null, message: `Heard could not save this row: ${(error as Error).message}` }],
      };
    }
  }

  async function importCases(
    orgId: string,
    actor: Actor,
    file: CaseFile,
    options: CaseImportOptions,
  ): Promise<CaseImportResult> {
    const started = performance.now();
    const mapping = options.mapping ?? defaultMapping;
    const result: CaseImportResult = {
      dryRun: options.dryRun,
      rows: 0,
      added: 0,
      skipped: 0,
      refused: 0,
      unreadable: null,
      ignoredColumns: [],
      missingColumns: [],
      seconds: 0,
    };
    const done = () => {
      result.seconds = (performance.now() - started) / 1000;
      return result;
    };
    const cannotRead = (rowNumber: number, problems: string[]) => {
      result.unreadable = result.rows > 0 ? `row ${rowNumber}: ${problems.join('; ')}` : problems.join('; ');
      options.onRow?.(fileProblem(rowNumber, problems));
      return done();
    };
    let bytesRead = 0;
    const rows = await openRows(file, (bytes) => {
      bytesRead = bytes;
    });
    if ('unreadable' in rows) return cannotRead(1, [rows.unreadable]);

    const report = (row: CaseImportRow) => {
      if (row.outcome === 'added' || row.outcome === 'to-add') result.added += 1;
      else if (row.outcome === 'skipped') result.skipped += 1;
      else result.refused += 1;
      options.onRow?.(row);
      options.onProgress?.({ rowsRead: result.rows, bytesRead, totalBytes: file.sizeBytes });
    };
    let batch: PendingRow[] = [];
    const flush = async () => {
      await settleBatch(orgId, actor, batch, options.dryRun, report);
      batch = [];
    };

    let lastRowNumber = 0;
    try {
      const header = await readHeader(rows.rows, mapping);
      if ('problems' in header) return cannotRead(header.rowNumber, header.problems);
      result.ignoredColumns = header.plan.ignored;
      result.missingColumns = header.plan.unmatched;
      const { headingOf, indexOf } = header.plan;
      lastRowNumber = header.rowNumber;
      const check = await rowChecker(orgId, mapping, headingOf);
      const firstRowOf = new Map<string, number>();
      for await (const sheetRow of rows.rows) {
        lastRowNumber = sheetRow.rowNumber;
        if (isBlank(sheetRow)) continue;
        result.rows += 1;
        const mapped: MappedRow = {};
        for (const [field, index] of indexOf) mapped[field] = sheetRow.cells[index] ?? null;
        const pending = pendingRow(
          sheetRow.rowNumber,
          check(mapped),
          cellText(mapped.reference) || null,
          headingOf,
        );
        if (pending.externalReference !== null) {
          const first = firstRowOf.get(pending.externalReference);
          if (first === undefined) firstRowOf.set(pending.externalReference, pending.rowNumber);
          else repeatedIn(pending, first, headingOf);
        }
        batch.push(pending);
        if (batch.length >= batchSize) await flush();
      }
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      // What was read before the file broke off is still imported and reported.
      await flush();
      return cannotRead(lastRowNumber + 1, [error.message]);
    }
    await flush();
    return done();
  }

  /** Reports a batch of rows in order: skipped if imported before, refused, or written (unless a dry run). */
  async function settleBatch(
    orgId: string,
    actor: Actor,
    batch: readonly PendingRow[],
    dryRun: boolean,
    report: (row: CaseImportRow) => void,
  ) {
    if (batch.length === 0) return;
    const references = batch.flatMap((row) => (row.externalReference ? [row.externalReference] : []));
    const before = await withOrg(db, orgId, (tx) => importedReferences(tx, orgId, references));
    for (const pending of batch) {
      const row = { rowNumber: pending.rowNumber, externalReference: pending.externalReference };
      const earlier = pending.externalReference ? before.get(pending.externalReference) : undefined;
      if (earlier) report({ ...row, outcome: 'skipped', caseReference: earlier, problems: [] });
      else if (pending.value === null) {
        report({ ...row, outcome: 'refused', caseReference: null, problems: pending.problems });
      } else if (dryRun) report({ ...row, outcome: 'to-add', caseReference: null, problems: [] });
      else report({ ...row, ...(await importRow(orgId, actor, pending.value)) });
    }
  }

  return { importCases };
}

export type CaseImporter = ReturnType<typeof caseImporter>;

async function openRows(
  file: CaseFile,
  onBytes: (bytes: number) => void,
): Promise<{ rows: AsyncGenerator<SheetRow> } | { unreadable: string }> {
  try {
    return { rows: sheetRows(file, await fileFormat(file), onBytes) };
  } catch (error) {
    if (error instanceof UnreadableFile) return { unreadable: error.message };
    throw error;
  }
}

const isBlank = (row: SheetRow) => row.cells.every((value) => cellText(value) === '');

function fileProblem(rowNumber: number, messages: string[]): CaseImportRow {
  return {
    rowNumber,
    externalReference: null,
    outcome: 'refused',
    caseReference: null,
    problems: messages.map((message) => ({ column: null, message })),
  };
}

/**
 * The first row with anything in it names the columns. Read with next() rather than a for-await
 * loop, whose early return would close the file before the rows below the header are read.
 */
async function readHeader(
  rows: AsyncGenerator<SheetRow>,
  mapping: ColumnMapping,
): Promise<{ rowNumber: number; plan: ColumnPlan } | { rowNumber: number; problems: string[] }> {
  for (let next = await rows.next(); !next.done; next = await rows.next()) {
    const row = next.value;
    if (isBlank(row)) continue;
    const plan = planColumns(row.cells.map(cellText), mapping);
    return plan.problems.length > 0
      ? { rowNumber: row.rowNumber, problems: plan.problems }
      : { rowNumber: row.rowNumber, plan };
  }
  return { rowNumber: 1, problems: ['the file is empty: its first row should name the columns'] };
}

function pendingRow(
  rowNumber: number,
  checked: CheckedRow,
  externalReference: string | null,
  headingOf: ReadonlyMap<ImportField, string>,
): PendingRow {
  if (checked.ok) return { rowNumber, externalReference, value: checked.value, problems: [] };
  const problems = checked.problems.map(({ field, message }) => ({
    column: headingOf.get(field) ?? field,
    message,
  }));
  return { rowNumber, externalReference, value: null, problems };
}

/** A reference given twice in one file: the first row stands, the later one is refused. */
function repeatedIn(pending: PendingRow, firstRow: number, headingOf: ReadonlyMap<ImportField, string>) {
  const column = headingOf.get('reference') ?? 'reference';
  pending.value = null;
  pending.problems.unshift({
    column,
    message: `column “${column}”: ${pending.externalReference} is also on row ${firstRow}, and each case can be in the file only once`,
  });
}
