import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Database } from '#src/db/engine.ts';
import { type OrgTransaction, withOrg } from '#src/db/tenancy.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import { Forbidden, NotFound } from '#src/web/errors.ts';
import { actorOf, type Principal, systemActor } from '#src/web/principal.ts';
import { parsedOrInvalid, refuseProblems } from './inputs.ts';
import { placeholderProblem } from './letter-placeholders.ts';
import * as lq from './letter-queries.ts';
import type { LetterTemplateRow } from './schema.ts';

// An organisation's letter templates (issue 4: the response letter is drafted from an editable
// template). Anyone who drafts letters may read them; only the complaints and PALS team, who
// answer for what the organisation writes to complainants, may change them. Each organisation
// is given a default complaint response the first time it needs one, which it then makes its own.
// The audit trail records who changed a template and its name; a template's words are the
// organisation's, not a case's, but they are left out so that nothing typed there can linger.

export const complaintResponsePurpose = 'complaint-response';
export const defaultTemplateName = 'Complaint response';

const defaultBody = () =>
  readFileSync(new URL('./default-response-letter.txt', import.meta.url), 'utf8').trimEnd();

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const templateSchema = z.object({
  name: z
    .string({ error: 'Enter a name for the template' })
    .trim()
    .min(1, 'Enter a name for the template')
    .max(100, 'The name must be 100 characters or fewer'),
  body: z
    .string({ error: 'Enter the words of the letter' })
    .trim()
    .min(1, 'Enter the words of the letter')
    .max(50_000, 'The letter must be 50,000 characters or fewer'),
});
export type TemplateInput = z.input<typeof templateSchema>;

/** Whether someone may change the organisation's letter templates. */
export const mayEditLetterTemplates = (principal: Pick<Principal, 'permissions'>) =>
  principal.permissions.has('cases:administer');

const refuseEditing = () =>
  new Forbidden('Only the complaints and PALS team can change the organisation’s letter templates.');

export function letterTemplatesService({ db }: { db: Database }) {
  async function templateOrNotFound(tx: OrgTransaction, orgId: string, templateId: string) {
    const found = uuidPattern.test(templateId) ? await lq.templateOf(tx, orgId, templateId) : null;
    if (!found) throw new NotFound('There is no letter template with that identifier in your organisation.');
    return found;
  }

  /**
   * The organisation's templates, giving it the default complaint response when it has none yet
   * (recorded in the audit trail as made by Heard).
   */
  async function templatesFor(principal: Principal, requestId?: string): Promise<LetterTemplateRow[]> {
    const { orgId } = principal;
    return withOrg(db, orgId, async (tx) => {
      if ((await lq.templateCount(tx, orgId)) === 0) {
        const made = await lq.insertTemplate(tx, {
          orgId,
          name: defaultTemplateName,
          purpose: complaintResponsePurpose,
          body: defaultBody(),
        });
        if (made) {
          await recordAudit(
            tx,
            orgId,
            { ...systemActor(), requestId },
            {
              action: 'letter-template.created',
              entityType: 'letter-template',
              entityId: made.templateId,
              after: { name: made.name, purpose: made.purpose, default: true },
            },
          );
        }
      }
      return lq.templatesOf(tx, orgId);
    });
  }

  async function templateFor(principal: Principal, templateId: string): Promise<LetterTemplateRow> {
    const { orgId } = principal;
    return withOrg(db, orgId, (tx) => templateOrNotFound(tx, orgId, templateId));
  }

  /** Saves a template's name and words; a placeholder Heard does not know is refused. */
  async function saveTemplate(
    principal: Principal,
    templateId: string,
    input: TemplateInput,
    requestId?: string,
  ): Promise<LetterTemplateRow> {
    const { orgId } = principal;
    const before = await templateFor(principal, templateId);
    if (!mayEditLetterTemplates(principal)) throw refuseEditing();
    const template = parsedOrInvalid(templateSchema, input);
    refuseProblems({ body: placeholderProblem(template.body) });
    return withOrg(db, orgId, async (tx) => {
      const sameName = await lq.templateNamed(tx, orgId, template.name);
      refuseProblems({
        name:
          sameName && sameName.templateId !== templateId
            ? `There is already a template called ‘${template.name}’. Give this one another name`
            : null,
      });
      const after = await lq.updateTemplate(tx, orgId, templateId, {
        name: template.name,
        body: template.body,
        updatedBy: principal.kind === 'user' ? principal.id : null,
      });
      await recordAudit(tx, orgId, actorOf(principal, requestId), {
        action: 'letter-template.changed',
        entityType: 'letter-template',
        entityId: templateId,
        before: { name: before.name },
        after: { name: after.name, wordsChanged: before.body !== after.body },
      });
      return after;
    });
  }

  /** A copy of a template under a new name, to make another kind of letter from. */
  async function copyTemplate(principal: Principal, templateId: string, requestId?: string) {
    const { orgId } = principal;
    const original = await templateFor(principal, templateId);
    if (!mayEditLetterTemplates(principal)) throw refuseEditing();
    return withOrg(db, orgId, async (tx) => {
      for (let copy = 1; copy <= 100; copy += 1) {
        const name = `Copy of ${original.name}${copy === 1 ? '' : ` (${copy})`}`.slice(0, 100);
        const made = await lq.insertTemplate(tx, {
          orgId,
          name,
          purpose: original.purpose,
          body: original.body,
          updatedBy: principal.kind === 'user' ? principal.id : null,
        });
        if (!made) continue;
        await recordAudit(tx, orgId, actorOf(principal, requestId), {
          action: 'letter-template.created',
          entityType: 'letter-template',
          entityId: made.templateId,
          after: { name: made.name, purpose: made.purpose, copiedFrom: original.templateId },
        });
        return made;
      }
      throw new Error('no free name for a copy of the template');
    });
  }

  return { templatesFor, templateFor, saveTemplate, copyTemplate };
}

export type LetterTemplatesService = ReturnType<typeof letterTemplatesService>;
