import { and, asc, count, eq } from 'drizzle-orm';
import type { OrgTransaction } from '#src/db/tenancy.ts';
import { issuesOf, recordColumns } from './queries.ts';
import {
  complaintDetails,
  feedbackRecords,
  type LetterTemplateRow,
  letterTemplates,
  responseLetters,
} from './schema.ts';

// The SQL behind letter templates and response letters (letter-templates.ts, letters.ts), kept
// apart from the shared queries.ts.

const templateKey = (orgId: string, templateId: string) =>
  and(eq(letterTemplates.orgId, orgId), eq(letterTemplates.templateId, templateId));
const letterKey = (orgId: string, recordId: string) =>
  and(eq(responseLetters.orgId, orgId), eq(responseLetters.recordId, recordId));

export async function templatesOf(tx: OrgTransaction, orgId: string): Promise<LetterTemplateRow[]> {
  return tx
    .select()
    .from(letterTemplates)
    .where(eq(letterTemplates.orgId, orgId))
    .orderBy(asc(letterTemplates.name), asc(letterTemplates.templateId));
}

export async function templateCount(tx: OrgTransaction, orgId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(letterTemplates).where(eq(letterTemplates.orgId, orgId));
  return row?.n ?? 0;
}

export async function templateOf(tx: OrgTransaction, orgId: string, templateId: string) {
  const [row] = await tx.select().from(letterTemplates).where(templateKey(orgId, templateId));
  return row ?? null;
}

export async function templateNamed(tx: OrgTransaction, orgId: string, name: string) {
  const [row] = await tx
    .select()
    .from(letterTemplates)
    .where(and(eq(letterTemplates.orgId, orgId), eq(letterTemplates.name, name)));
  return row ?? null;
}

/** Adds a template; null when the organisation already has one of that name. */
export async function insertTemplate(
  tx: OrgTransaction,
  template: typeof letterTemplates.$inferInsert,
): Promise<LetterTemplateRow | null> {
  const [row] = await tx.insert(letterTemplates).values(template).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateTemplate(
  tx: OrgTransaction,
  orgId: string,
  templateId: string,
  changes: { name: string; body: string; updatedBy: string | null },
): Promise<LetterTemplateRow> {
  const [row] = await tx
    .update(letterTemplates)
    .set({ ...changes, updatedAt: new Date() })
    .where(templateKey(orgId, templateId))
    .returning();
  if (!row) throw new Error('letter template was not updated');
  return row;
}

export async function letterOf(tx: OrgTransaction, orgId: string, recordId: string) {
  const [row] = await tx.select().from(responseLetters).where(letterKey(orgId, recordId));
  return row ?? null;
}

/** Writes a complaint's response letter, as a first draft or over the one it had. */
export async function saveLetter(
  tx: OrgTransaction,
  letter: {
    orgId: string;
    recordId: string;
    templateId: string | null;
    body: string;
    updatedBy: string | null;
  },
) {
  const [row] = await tx
    .insert(responseLetters)
    .values(letter)
    .onConflictDoUpdate({
      target: [responseLetters.orgId, responseLetters.recordId],
      set: {
        templateId: letter.templateId,
        body: letter.body,
        updatedBy: letter.updatedBy,
        updatedAt: new Date(),
      },
    })
    .returning();
  if (!row) throw new Error('response letter was not written');
  return row;
}

/** What a complaint's letter is filled from: its record (personal data included), details and issues. */
export async function complaintForLetter(tx: OrgTransaction, orgId: string, recordId: string) {
  const [record] = await tx
    .select(recordColumns)
    .from(feedbackRecords)
    .where(and(eq(feedbackRecords.orgId, orgId), eq(feedbackRecords.recordId, recordId)));
  const [details] = await tx
    .select()
    .from(complaintDetails)
    .where(and(eq(complaintDetails.orgId, orgId), eq(complaintDetails.recordId, recordId)));
  if (!record || !details) return null;
  return { record, details, issues: await issuesOf(tx, orgId, recordId) };
}
