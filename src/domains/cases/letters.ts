import { z } from 'zod';
import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { type IsoDate, isoDateInLondon } from '#src/domains/calendar/index.ts';
import { Conflict, Forbidden, NotFound } from '#src/web/errors.ts';
import { actorOf, type Principal } from '#src/web/principal.ts';
import { maySeePersonalData } from './access.ts';
import { type ExpectedVersion, lockCaseForChange, recordCaseChange } from './case-changes.ts';
import { caseReads } from './case-reads.ts';
import { parsedOrInvalid } from './inputs.ts';
import { responseLetterDocx } from './letter-docx.ts';
import { filledTemplate, placeholderValues } from './letter-placeholders.ts';
import * as lq from './letter-queries.ts';
import { letterTemplatesService } from './letter-templates.ts';
import { overallOutcome } from './outcomes.ts';
import { referenceLists } from './reference-lists.ts';
import { mayTakeCaseAction } from './staff-access.ts';

// A complaint's response letter (issue 4: "response letter drafted from an editable template
// and exported as DOCX"). The letter is filled from a template and the case, edited by the
// complaints team or the assigned investigator, and saved; anyone who may see the case's
// personal data may download it as a Word document. The letter names the complainant, so it is
// read, drafted and saved only by those people, and the audit trail records each save and
// download without the letter's words.

export interface ResponseLettersDependencies {
  db: Database;
  clock?: () => Date;
  /** The version of the case the letter's page showed, as for casesService (case-changes.ts). */
  expectedVersion?: ExpectedVersion;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const letterSchema = z.object({
  body: z
    .string({ error: 'Enter the letter' })
    .trim()
    .min(1, 'Enter the letter')
    .max(100_000, 'The letter must be 100,000 characters or fewer'),
  templateId: z
    .string()
    .trim()
    .nullish()
    .transform((value) => (value && uuidPattern.test(value) ? value : null)),
});
export type LetterInput = z.input<typeof letterSchema>;

export function responseLettersService({
  db,
  clock = () => new Date(),
  expectedVersion,
}: ResponseLettersDependencies) {
  const today = (): IsoDate => isoDateInLondon(clock());
  const reads = caseReads({ db, today });
  const templates = letterTemplatesService({ db });

  /** The complaint, refused unless this person may draft its letter. */
  async function complaintToDraft(principal: Principal, recordId: string) {
    const current = await reads.caseToChange(principal, recordId);
    const investigator = current.details?.investigatorUserId ?? null;
    if (
      !principal.permissions.has('cases:manage') ||
      !mayTakeCaseAction(principal, investigator, 'response-letter') ||
      !maySeePersonalData(principal, investigator)
    ) {
      throw new Forbidden(
        'Only the complaints team, or the investigator assigned to this complaint, can draft its response letter.',
      );
    }
    if (!current.details) {
      throw new Conflict(
        `${current.record.reference} is not a complaint: only a complaint has a response letter.`,
      );
    }
    return current;
  }

  async function facts(tx: OrgTransaction, principal: Principal, recordId: string) {
    const found = await lq.complaintForLetter(tx, principal.orgId, recordId);
    if (!found) throw new NotFound('There is no complaint with that identifier in your organisation.');
    return found;
  }

  /** A read of the letter's words: personal data, so recorded as such. */
  const recordRead = (
    tx: OrgTransaction,
    principal: Principal,
    recordId: string,
    action: string,
    requestId?: string,
  ) =>
    recordAudit(tx, principal.orgId, actorOf(principal, requestId), {
      action,
      entityType: 'case',
      entityId: recordId,
      confidentialRead: true,
    });

  /** What the letter's page needs besides the letter: the complaint's reference and version, and the templates. */
  async function letterContext(principal: Principal, recordId: string, requestId?: string) {
    const current = await complaintToDraft(principal, recordId);
    const offered = await templates.templatesFor(principal, requestId);
    const { orgId } = principal;
    const saved = await withOrg(db, orgId, (tx) => lq.letterOf(tx, orgId, recordId));
    return {
      reference: current.record.reference,
      caseVersion: current.record.version,
      hasLetter: saved !== null,
      templates: offered.map((template) => ({ templateId: template.templateId, name: template.name })),
    };
  }

  /** The letter's page: the saved letter, if there is one (a read of personal data), and its context. */
  async function letterPage(principal: Principal, recordId: string, requestId?: string) {
    const context = await letterContext(principal, recordId, requestId);
    const { orgId } = principal;
    const letter = await withOrg(db, orgId, async (tx) => {
      const saved = await lq.letterOf(tx, orgId, recordId);
      if (saved) await recordRead(tx, principal, recordId, 'case.response-letter-viewed', requestId);
      return saved;
    });
    return { ...context, letter };
  }

  /** The chosen template filled from the complaint as it stands today; nothing is saved. */
  async function draftLetter(principal: Principal, recordId: string, templateId: string, requestId?: string) {
    await complaintToDraft(principal, recordId);
    const template = await templates.templateFor(principal, templateId);
    const subjects = new Map(referenceLists().ko41aSubjects.items.map((item) => [item.code, item.name]));
    return withOrg(db, principal.orgId, async (tx) => {
      const { record, details, issues } = await facts(tx, principal, recordId);
      await recordRead(tx, principal, recordId, 'case.response-letter-drafted', requestId);
      const values = placeholderValues({
        reference: record.reference,
        complainantName: record.personName,
        receivedDate: record.receivedDate,
        acknowledgedDate: details.acknowledgedDate,
        issues: issues.map((issue) => ({
          subject: subjects.get(issue.subjectCode) ?? issue.subjectCode,
          description: issue.description,
          outcome: issue.outcome,
        })),
        overallOutcome: overallOutcome({
          issueOutcomes: issues.map((issue) => issue.outcome),
          withdrawn: record.status === 'withdrawn',
        }),
        signedOffBy: details.signedOffBy,
        organisationName: principal.organisationName,
        today: today(),
      });
      return { templateId: template.templateId, body: filledTemplate(template.body, values) };
    });
  }

  /** Saves the letter as edited: a change to the case, refused if the case moved on meanwhile. */
  async function saveLetter(principal: Principal, recordId: string, input: LetterInput, requestId?: string) {
    await complaintToDraft(principal, recordId);
    const letter = parsedOrInvalid(letterSchema, input);
    const { orgId } = principal;
    return withOrg(db, orgId, async (tx) => {
      const locked = await lockCaseForChange(tx, orgId, recordId, {
        expected: expectedVersion,
        now: clock(),
      });
      if (!locked) throw new NotFound('There is no complaint with that identifier in your organisation.');
      const templateId =
        letter.templateId && (await lq.templateOf(tx, orgId, letter.templateId)) ? letter.templateId : null;
      const before = await lq.letterOf(tx, orgId, recordId);
      const saved = await lq.saveLetter(tx, {
        orgId,
        recordId,
        templateId,
        body: letter.body,
        updatedBy: principal.kind === 'user' ? principal.id : null,
      });
      await recordCaseChange(tx, orgId, actorOf(principal, requestId), recordId, {
        action: 'case.response-letter-saved',
        before: before ? { templateId: before.templateId } : null,
        after: { templateId: saved.templateId, firstDraft: before === null },
      });
      return saved;
    });
  }

  /** The saved letter as a Word document, for anyone who may see the complaint's personal data. */
  async function letterDocument(principal: Principal, recordId: string, requestId?: string) {
    const current = await reads.caseToChange(principal, recordId);
    if (!maySeePersonalData(principal, current.details?.investigatorUserId ?? null)) {
      throw new Forbidden(
        'Only the complaints team, administrators and the investigator assigned to this complaint can open its response letter.',
      );
    }
    const { orgId } = principal;
    const { reference } = current.record;
    const letter = await withOrg(db, orgId, async (tx) => {
      const saved = await lq.letterOf(tx, orgId, recordId);
      if (!saved) throw new NotFound(`${reference} has no response letter yet. Draft it first.`);
      const { record, details } = await facts(tx, principal, recordId);
      await recordRead(tx, principal, recordId, 'case.response-letter-downloaded', requestId);
      return { saved, record, details };
    });
    const content = await responseLetterDocx({
      organisationName: principal.organisationName,
      date: letter.details.responseSentDate ?? today(),
      recipient: { name: letter.record.personName, address: letter.record.contactDetails.address ?? null },
      reference,
      body: letter.saved.body,
    });
    return { fileName: `${reference} response letter.docx`, content };
  }

  return { letterContext, letterPage, draftLetter, saveLetter, letterDocument };
}

export type ResponseLettersService = ReturnType<typeof responseLettersService>;
