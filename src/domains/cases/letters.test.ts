import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { addUser, principalForUser, type Role } from '#src/domains/identity/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import { Conflict, Forbidden, Invalid, NotFound } from '#src/web/errors.ts';
import { type Principal, systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { docxParagraphs } from '#test/support/docx.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { refusal } from '#test/support/refusal.ts';
import { CaseMovedOn } from './case-changes.ts';
import {
  defaultTemplateName,
  type LetterTemplatesService,
  letterTemplatesService,
} from './letter-templates.ts';
import { type ResponseLettersService, responseLettersService } from './letters.ts';
import { type CasesService, casesService } from './service.ts';

const actor = systemActor('Letter tests');

describe.each(engines)('letter templates and response letters on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let cases: CasesService;
    let templates: LetterTemplatesService;
    let letters: ResponseLettersService;
    let orgId: string;
    let unitId: string;
    const people = {} as Record<
      'officer' | 'investigator' | 'otherInvestigator' | 'manager' | 'administrator',
      Principal
    >;

    const person = async (role: Role, email: string) => {
      const user = await addUser(database.db, orgId, actor, {
        email,
        displayName: email,
        grants: [{ role }],
      });
      const principal = await principalForUser(database.db, orgId, user.userId);
      if (!principal) throw new Error('no principal');
      return principal;
    };
    const trailOf = (entityId: string) =>
      withOrg(database.db, orgId, (tx) =>
        tx
          .select({
            action: auditEvents.action,
            actorName: auditEvents.actorName,
            confidentialRead: auditEvents.confidentialRead,
            before: auditEvents.before,
            after: auditEvents.after,
          })
          .from(auditEvents)
          .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.entityId, entityId)))
          .orderBy(asc(auditEvents.sequence)),
      );
    const defaultTemplate = async () => {
      const found = (await templates.templatesFor(people.officer)).find(
        (t) => t.name === defaultTemplateName,
      );
      if (!found) throw new Error('no default template');
      return found;
    };
    /** A complaint with two decided issues, assigned to the investigator, acknowledged and closed. */
    const closedComplaint = async () => {
      const logged = await cases.logRecord(orgId, actor, {
        kind: 'complaint',
        channel: 'letter',
        unitId,
        receivedDate: '2024-05-20',
        summary: 'Discharge',
        personName: 'Ann Example',
        contactDetails: { address: '1 High Street, Northtown, NT1 1AA' },
      });
      if (logged.outcome !== 'logged') throw new Error('not logged');
      const { recordId } = logged.record;
      await cases.assignInvestigator(orgId, actor, recordId, people.investigator.id);
      await cases.acknowledgeComplaint(orgId, actor, recordId, '2024-05-22');
      for (const [description, outcome] of [
        ['Not told about the discharge plan', 'upheld'],
        ['Tablets given late', 'not-upheld'],
      ] as const) {
        const issue = await cases.addIssue(orgId, actor, recordId, {
          subjectCode: 'communications',
          staffGroupCodes: ['nursing'],
          unitId,
          description,
        });
        await cases.recordIssueOutcome(orgId, actor, issue.issueId, outcome);
      }
      await cases.closeComplaint(orgId, actor, recordId, {
        responseSentDate: '2024-06-14',
        signedOffBy: 'Jo Bloggs, Chief Executive',
      });
      return logged.record;
    };

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      const clock = () => new Date('2024-06-20T12:00:00Z');
      cases = casesService({
        db: database.db,
        config: { COMPLAINT_RESPONSE_TARGET_WORKING_DAYS: 25 },
        clock,
      });
      templates = letterTemplatesService({ db: database.db });
      letters = responseLettersService({ db: database.db, clock });
      orgId = (await createOrganisation(database.db, actor, { name: 'Northshire NHS Trust', odsCode: 'NT1' }))
        .orgId;
      unitId = (
        await createUnit(database.db, orgId, actor, {
          code: 'W1',
          name: 'Ward 1',
          kind: 'ward',
          activeFrom: '2020-04-01',
        })
      ).unitId;
      people.officer = await person('complaints_officer', 'officer@test.nhs.uk');
      people.investigator = await person('investigator', 'investigator@test.nhs.uk');
      people.otherInvestigator = await person('investigator', 'other.investigator@test.nhs.uk');
      people.manager = await person('service_manager', 'manager@test.nhs.uk');
      people.administrator = await person('administrator', 'admin@test.nhs.uk');
    });
    afterAll(async () => database?.close());

    describe('letter templates', () => {
      it('gives the organisation a default complaint response the first time, once, made by Heard', async () => {
        const first = await templates.templatesFor(people.investigator);
        const again = await templates.templatesFor(people.officer);
        expect(first.map((t) => t.name)).toEqual([defaultTemplateName]);
        expect(again.map((t) => t.templateId)).toEqual(first.map((t) => t.templateId));
        expect(first[0]?.body).toContain('Dear ((complainant_name))');
        const trail = await trailOf(first[0]?.templateId ?? '');
        expect(trail).toEqual([
          expect.objectContaining({ action: 'letter-template.created', actorName: 'Heard' }),
        ]);
      });

      it('saves a template, refusing an unknown placeholder and a name already used', async () => {
        const template = await defaultTemplate();
        const unknown = await refusal(
          Invalid,
          templates.saveTemplate(people.officer, template.templateId, {
            name: template.name,
            body: 'Dear ((patient))',
          }),
        );
        expect(unknown.fieldErrors.body).toContain('((patient)) is not a placeholder Heard knows');

        const copy = await templates.copyTemplate(people.officer, template.templateId);
        expect(copy.name).toBe(`Copy of ${defaultTemplateName}`);
        expect((await templates.copyTemplate(people.officer, template.templateId)).name).toBe(
          `Copy of ${defaultTemplateName} (2)`,
        );
        const taken = await refusal(
          Invalid,
          templates.saveTemplate(people.officer, copy.templateId, {
            name: defaultTemplateName,
            body: 'Hello',
          }),
        );
        expect(taken.fieldErrors.name).toBe(
          `There is already a template called ‘${defaultTemplateName}’. Give this one another name`,
        );

        const saved = await templates.saveTemplate(people.officer, copy.templateId, {
          name: 'PALS concern reply',
          body: 'Dear ((complainant_name))\n\nThank you.',
        });
        expect(saved).toMatchObject({
          name: 'PALS concern reply',
          body: 'Dear ((complainant_name))\n\nThank you.',
        });
        const event = (await trailOf(copy.templateId)).at(-1);
        expect(event).toMatchObject({
          action: 'letter-template.changed',
          before: { name: `Copy of ${defaultTemplateName}` },
          after: { name: 'PALS concern reply', wordsChanged: true },
        });
        expect(JSON.stringify(event)).not.toContain('Thank you');
      });

      it('lets only the complaints and PALS team change templates', async () => {
        const template = await defaultTemplate();
        await refusal(
          Forbidden,
          templates.saveTemplate(people.investigator, template.templateId, { name: 'Mine', body: 'Hello' }),
        );
        await refusal(Forbidden, templates.copyTemplate(people.investigator, template.templateId));
        await refusal(
          NotFound,
          templates.templateFor(people.officer, '00000000-0000-4000-8000-000000000000'),
        );
      });
    });

    describe('the response letter', () => {
      it('is drafted from a template filled from the complaint, in plain words', async () => {
        const record = await closedComplaint();
        const template = await defaultTemplate();
        const draft = await letters.draftLetter(people.investigator, record.recordId, template.templateId);
        expect(draft.templateId).toBe(template.templateId);
        expect(draft.body).toContain('Dear Ann Example');
        expect(draft.body).toContain(`Our reference: ${record.reference}`);
        expect(draft.body).toContain('Thank you for contacting us on 20 May 2024');
        expect(draft.body).toContain('We wrote to you on 22 May 2024');
        expect(draft.body).toContain(
          '1. Communications: Not told about the discharge plan\nWe found that this fell short',
        );
        expect(draft.body).toContain(
          '2. Communications: Tablets given late\nHaving looked into this carefully',
        );
        expect(draft.body).toContain('We have found that some of the things you raised fell short');
        expect(draft.body).toContain('Jo Bloggs, Chief Executive\nNorthshire NHS Trust');
        expect(draft.body.toLowerCase()).not.toContain('upheld');
        expect(draft.body).not.toContain('((');
        const read = (await trailOf(record.recordId)).at(-1);
        expect(read).toMatchObject({ action: 'case.response-letter-drafted', confidentialRead: true });
      });

      it('may be drafted only by the complaints team and the assigned investigator, and only for a complaint', async () => {
        const record = await closedComplaint();
        const template = await defaultTemplate();
        for (const who of [people.manager, people.administrator, people.otherInvestigator]) {
          await refusal(Forbidden, letters.draftLetter(who, record.recordId, template.templateId));
          await refusal(Forbidden, letters.saveLetter(who, record.recordId, { body: 'Dear Ann' }));
        }
        const concern = await cases.logRecord(orgId, actor, {
          kind: 'concern',
          channel: 'phone',
          unitId,
          receivedDate: '2024-05-20',
          summary: 'Parking',
        });
        if (concern.outcome !== 'logged') throw new Error('not logged');
        const refused = await refusal(Conflict, letters.letterPage(people.officer, concern.record.recordId));
        expect(refused.message).toBe(
          `${concern.record.reference} is not a complaint: only a complaint has a response letter.`,
        );
      });

      it('is saved as edited, as a change to the case audited without its words', async () => {
        const record = await closedComplaint();
        const template = await defaultTemplate();
        const empty = await refusal(
          Invalid,
          letters.saveLetter(people.officer, record.recordId, { body: '  ' }),
        );
        expect(empty.fieldErrors).toEqual({ body: 'Enter the letter' });

        const first = await letters.saveLetter(people.officer, record.recordId, {
          body: 'Dear Ann Example\n\nFirst draft.',
          templateId: template.templateId,
        });
        expect(first).toMatchObject({
          templateId: template.templateId,
          body: 'Dear Ann Example\n\nFirst draft.',
        });
        await letters.saveLetter(people.investigator, record.recordId, {
          body: 'Dear Ann Example\n\nSecond draft.',
          templateId: template.templateId,
        });
        const page = await letters.letterPage(people.officer, record.recordId);
        expect(page.letter?.body).toBe('Dear Ann Example\n\nSecond draft.');
        expect(page.templates.map((t) => t.name)).toContain(defaultTemplateName);

        const trail = await trailOf(record.recordId);
        const saves = trail.filter((event) => event.action === 'case.response-letter-saved');
        expect(saves.map((event) => event.after)).toEqual([
          { templateId: template.templateId, firstDraft: true },
          { templateId: template.templateId, firstDraft: false },
        ]);
        expect(JSON.stringify(trail)).not.toContain('draft.');
        expect(trail.at(-1)).toMatchObject({ action: 'case.response-letter-viewed', confidentialRead: true });
      });

      it('is refused when the case changed since the page was shown, naming the change', async () => {
        const record = await closedComplaint();
        const shown = (await letters.letterPage(people.officer, record.recordId)).caseVersion;
        await cases.addCaseNote(orgId, actor, record.recordId, 'Phoned Ann');
        const stale = responseLettersService({
          db: database.db,
          expectedVersion: { recordId: record.recordId, version: shown },
        });
        await refusal(CaseMovedOn, stale.saveLetter(people.officer, record.recordId, { body: 'Dear Ann' }));
      });

      it('downloads as a Word document with the trust, date, addressee, letter and signatory', async () => {
        const record = await closedComplaint();
        await refusal(NotFound, letters.letterDocument(people.officer, record.recordId));
        const template = await defaultTemplate();
        const draft = await letters.draftLetter(people.officer, record.recordId, template.templateId);
        await letters.saveLetter(people.officer, record.recordId, draft);

        const document = await letters.letterDocument(people.administrator, record.recordId);
        expect(document.fileName).toBe(`${record.reference} response letter.docx`);
        const paragraphs = await docxParagraphs(document.content);
        expect(paragraphs.slice(0, 4)).toEqual([
          'Northshire NHS Trust',
          // The date the response was sent, as the complaint records it.
          '14 June 2024',
          'Ann Example\n1 High Street\nNorthtown\nNT1 1AA',
          'Dear Ann Example',
        ]);
        expect(paragraphs).toContain(`Our reference: ${record.reference}`);
        expect(paragraphs).toContain('Yours sincerely');
        expect(paragraphs.at(-1)).toBe('Jo Bloggs, Chief Executive\nNorthshire NHS Trust');
        expect((await trailOf(record.recordId)).at(-1)).toMatchObject({
          action: 'case.response-letter-downloaded',
          confidentialRead: true,
        });

        await refusal(Forbidden, letters.letterDocument(people.manager, record.recordId));
        await refusal(Forbidden, letters.letterDocument(people.otherInvestigator, record.recordId));
      });
    });
  });
});
