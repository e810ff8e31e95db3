import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { and, asc, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { auditEvents } from '#src/domains/audit/schema.ts';
import { addUser } from '#src/domains/identity/index.ts';
import { createOrganisation, createUnit, retireUnit } from '#src/domains/organisations/index.ts';
import { type Principal, systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { feedbackRecords } from '../schema.ts';
import { type CasesService, casesService } from '../service.ts';
import { type ColumnMapping, parseMapping } from './mapping.ts';
import { type CaseImportRow, describeCaseImportRow } from './report.ts';
import { type CaseImporter, caseImporter } from './service.ts';
import type { CaseFile } from './sources.ts';

const actor = systemActor('Import tests');
const config = loadConfig({ NODE_ENV: 'test', HEARD_DATA_DIR: 'memory://' });
// Imports are judged against this day: "in the future" means after it.
const now = new Date('2024-06-03T10:00:00Z');

const fileOf = (name: string, content: string | Buffer): CaseFile => {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  return { name, sizeBytes: bytes.length, open: () => Readable.from([bytes]) };
};
const csv = (...lines: string[]) => fileOf('cases.csv', lines.join('\r\n'));

const header =
  'reference,kind,channel,unit_code,received_date,summary,person_name,email,status,closed_date,acknowledged_date,response_sent_date,signed_off_by,withdrawn_date,investigator_email,issue_1_subject,issue_1_staff_groups,issue_1_outcome,issue_2_subject,issue_2_staff_groups,issue_2_outcome';
const closedComplaint =
  'DW-1,Complaint,Letter,w1,03/07/2017,Discharge planning,Ann Example,ann@example.com,closed,,05/07/2017,2017-08-01,Chief Executive,,investigator@trust.nhs.uk,Communications,Nursing; Medical,Upheld,Appointments,admin,not upheld';
const openConcern = 'DW-2,concern,In person,W1,2017-07-04,Car parking,,,,,,,,,,,,,,,';
const badRow = 'DW-3,complaint,email,W9,31/02/2017,,,not-an-email,,,,,,,,,,,,,';
const closedCompliment = 'DW-4,Compliment,Web form,OLD,2016-01-10,Kind nurses,,,closed,2016-01-12,,,,,,,,,,,';
const withdrawnComplaint =
  'DW-5,complaint,phone,W1,2018-02-01,Waiting times,,,,,2018-02-02,,,2018-03-01,,,,,,,';
const sample = csv(header, closedComplaint, openConcern, badRow, closedCompliment, withdrawnComplaint);

const officer = (orgId: string): Principal => ({
  kind: 'user',
  orgId,
  id: '00000000-0000-4000-8000-000000000000',
  name: 'Test officer',
  organisationName: 'Test',
  roles: ['complaints_officer'],
  permissions: new Set(),
  unitScope: 'all',
});

describe.each(engines)('importing historic cases on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;
    let importer: CaseImporter;
    let cases: CasesService;
    let investigatorId: string;

    const run = async (file: CaseFile, options: { dryRun?: boolean; mapping?: ColumnMapping } = {}) => {
      const rows: CaseImportRow[] = [];
      const result = await importer.importCases(orgId, actor, file, {
        dryRun: options.dryRun ?? false,
        mapping: options.mapping,
        onRow: (row) => rows.push(row),
      });
      return { result, rows, lines: rows.map(describeCaseImportRow) };
    };
    const recordCount = () =>
      withOrg(database.db, orgId, async (tx) => {
        const [row] = await tx
          .select({ n: count() })
          .from(feedbackRecords)
          .where(eq(feedbackRecords.orgId, orgId));
        return row?.n ?? 0;
      });
    const importedCase = async (externalReference: string) => {
      const [row] = await withOrg(database.db, orgId, (tx) =>
        tx
          .select({ recordId: feedbackRecords.recordId })
          .from(feedbackRecords)
          .where(
            and(eq(feedbackRecords.orgId, orgId), eq(feedbackRecords.externalReference, externalReference)),
          ),
      );
      if (!row) throw new Error(`${externalReference} was not imported`);
      return cases.getCase(officer(orgId), row.recordId);
    };

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      orgId = (await createOrganisation(database.db, actor, { name: 'Import Trust', odsCode: 'RIM' })).orgId;
      await createUnit(database.db, orgId, actor, {
        code: 'MED',
        name: 'Medicine',
        kind: 'division',
        activeFrom: '2009-04-01',
      });
      await createUnit(database.db, orgId, actor, {
        code: 'W1',
        name: 'Ward 1',
        kind: 'ward',
        parentCode: 'MED',
        activeFrom: '2009-04-01',
      });
      const old = await createUnit(database.db, orgId, actor, {
        code: 'OLD',
        name: 'Old site',
        kind: 'site',
        activeFrom: '2009-04-01',
      });
      await retireUnit(database.db, orgId, actor, old.unitId, '2019-03-31');
      investigatorId = (
        await addUser(database.db, orgId, actor, {
          email: 'Investigator@trust.nhs.uk',
          displayName: 'Ivy Investigator',
          grants: [{ role: 'investigator' }],
        })
      ).userId;
      importer = caseImporter({ db: database.db, config, clock: () => now });
      cases = casesService({ db: database.db, config, clock: () => now });
    });
    afterAll(async () => database?.close());

    it('checks every row on a dry run and reports it, writing nothing', async () => {
      const { result, lines } = await run(sample, { dryRun: true });
      expect(lines.slice(0, 2)).toEqual(['Row 2: DW-1 will be added', 'Row 3: DW-2 will be added']);
      expect(lines[2]).toMatch(/^Row 4: DW-3 refused: /);
      expect(result).toMatchObject({ dryRun: true, rows: 5, added: 4, skipped: 0, refused: 1 });
      expect(await recordCount()).toBe(0);
    });

    it('adds the good rows and refuses each bad one, naming its row, its column and what to do', async () => {
      const { result, rows, lines } = await run(sample);
      expect(result).toMatchObject({
        dryRun: false,
        rows: 5,
        added: 4,
        skipped: 0,
        refused: 1,
        unreadable: null,
      });
      expect(lines).toEqual([
        'Row 2: DW-1 added as C-2017-00001',
        'Row 3: DW-2 added as P-2017-00001',
        expect.stringMatching(/^Row 4: DW-3 refused: /),
        'Row 5: DW-4 added as T-2016-00001',
        'Row 6: DW-5 added as C-2018-00001',
      ]);
      expect(rows[2]?.problems).toEqual([
        {
          column: 'unit_code',
          message: 'column “unit_code”: “W9” is not the code of a unit in Heard: see Units',
        },
        {
          column: 'received_date',
          message:
            'column “received_date”: “31/02/2017” is not a real date: write it as YYYY-MM-DD, like 2017-07-03, or DD/MM/YYYY, like 03/07/2017',
        },
        { column: 'summary', message: 'column “summary” is blank: enter a short summary' },
        {
          column: 'email',
          message:
            'column “email”: “not-an-email” is not an email address in the correct format, like name@example.com',
        },
      ]);
      expect(await recordCount()).toBe(4);
    });

    it('keeps a closed complaint’s historic dates exactly, with its issues, so its outcome follows as usual', async () => {
      const view = await importedCase('DW-1');
      expect(view.record).toMatchObject({
        reference: 'C-2017-00001',
        externalReference: 'DW-1',
        status: 'closed',
        receivedDate: '2017-07-03',
        closedDate: '2017-08-01',
        channel: 'letter',
        personName: 'Ann Example',
        contactDetails: { email: 'ann@example.com' },
        createdBy: null,
      });
      expect(view.details).toMatchObject({
        acknowledgementDueDate: '2017-07-06',
        acknowledgedDate: '2017-07-05',
        responseSentDate: '2017-08-01',
        signedOffBy: 'Chief Executive',
        investigatorUserId: investigatorId,
      });
      expect(
        view.issues.map(({ subjectCode, staffGroupCodes, outcome }) => ({
          subjectCode,
          staffGroupCodes,
          outcome,
        })),
      ).toEqual([
        { subjectCode: 'communications', staffGroupCodes: ['nursing', 'medical'], outcome: 'upheld' },
        { subjectCode: 'appointments', staffGroupCodes: ['admin'], outcome: 'not-upheld' },
      ]);
      expect(view.overallOutcome).toBe('partially-upheld');
      expect(view.deadlines?.acknowledgement).toBe('done-on-time');
      const withdrawn = await importedCase('DW-5');
      expect(withdrawn.record).toMatchObject({ status: 'withdrawn', closedDate: '2018-03-01' });
      expect(withdrawn.overallOutcome).toBe('withdrawn');
      const compliment = await importedCase('DW-4');
      expect(compliment.record).toMatchObject({
        kind: 'compliment',
        status: 'closed',
        closedDate: '2016-01-12',
      });
    });

    it('records each case in the audit trail as imported, without its personal data', async () => {
      const view = await importedCase('DW-1');
      const events = await withOrg(database.db, orgId, (tx) =>
        tx
          .select({ action: auditEvents.action, after: auditEvents.after })
          .from(auditEvents)
          .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.entityId, view.record.recordId)))
          .orderBy(asc(auditEvents.sequence)),
      );
      // Reading the case (above) is audited too; the import itself wrote one event.
      expect(events.map((event) => event.action).filter((action) => action !== 'case.viewed')).toEqual([
        'case.imported',
      ]);
      const after = JSON.stringify(events[0]?.after);
      expect(after).toContain('DW-1');
      expect(after).toContain('"overallOutcome":"partially-upheld"');
      expect(after).not.toContain('Ann Example');
      expect(after).not.toContain('ann@example.com');
    });

    it('adds nothing when the same file is imported again, and says so row by row', async () => {
      const { result, lines } = await run(sample);
      expect(result).toMatchObject({ added: 0, skipped: 4, refused: 1 });
      expect(lines).toEqual([
        'Row 2: DW-1 skipped: already imported as C-2017-00001',
        'Row 3: DW-2 skipped: already imported as P-2017-00001',
        expect.stringMatching(/^Row 4: DW-3 refused: /),
        'Row 5: DW-4 skipped: already imported as T-2016-00001',
        'Row 6: DW-5 skipped: already imported as C-2018-00001',
      ]);
      expect(await recordCount()).toBe(4);
    });

    it('adds each case once when two imports of one file run at the same time', async () => {
      const file = csv(
        'reference,kind,channel,unit_code,received_date,summary',
        ...Array.from(
          { length: 12 },
          (_, index) => `PAIR-${index},concern,phone,W1,2022-05-03,Parking ${index}`,
        ),
      );
      const before = await recordCount();
      const [first, second] = await Promise.all([run(file), run(file)]);
      expect((first?.result.added ?? 0) + (second?.result.added ?? 0)).toBe(12);
      expect((first?.result.skipped ?? 0) + (second?.result.skipped ?? 0)).toBe(12);
      expect(await recordCount()).toBe(before + 12);
    });

    it('imports an Excel workbook with date cells, read through the example DatixWeb mapping', async () => {
      const mapping = parseMapping(
        readFileSync(
          new URL('../../../../docs/import-mappings/datixweb-complaints-example.json', import.meta.url),
          'utf8',
        ),
      );
      if (!mapping.ok) throw new Error(mapping.problems.join('; '));
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Complaints');
      sheet.addRow([
        'Ref',
        'Type',
        'Method of receipt',
        'Location (code)',
        'Date received',
        'Brief description',
        'Current stage',
        'Date acknowledged',
        'Date response sent',
        'Subject 1',
        'Staff type 1',
        'Outcome 1',
        'PHSO referral date',
        'PHSO outcome',
        'PHSO outcome date',
        'Notes',
      ]);
      sheet.addRow([
        'XL-1',
        'Formal complaint',
        'Telephone',
        'W1',
        new Date(Date.UTC(2019, 0, 7)),
        'Medication',
        'Completed',
        new Date(Date.UTC(2019, 0, 9)),
        new Date(Date.UTC(2019, 1, 11)),
        'Prescribing',
        'Medical',
        'Not well founded',
        new Date(Date.UTC(2019, 5, 3)),
        'Not upheld by PHSO',
        new Date(Date.UTC(2019, 11, 2)),
        'Ignored',
      ]);
      sheet.addRow(['XL-2', 'PALS', 'Face to face', 'W1', '08/01/2019', 'Visiting hours']);
      sheet.addRow(['XL-3', 'PALS', 'Carrier pigeon', 'W1', 43473, 'Visiting hours']);
      for (const column of [5, 8, 9, 13, 15]) sheet.getColumn(column).numFmt = 'dd/mm/yyyy';
      const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

      const { result, lines } = await run(fileOf('export.xlsx', bytes), { mapping: mapping.mapping });
      expect(lines).toEqual([
        'Row 2: XL-1 added as C-2019-00001',
        'Row 3: XL-2 added as P-2019-00001',
        'Row 4: XL-3 refused: column “Method of receipt”: “Carrier pigeon” is not one of: phone, email, letter, in-person, web-form, care-opinion or survey',
      ]);
      expect(result.ignoredColumns).toEqual(['Notes']);
      expect(result.missingColumns).toContain('Incident date');
      const complaint = await importedCase('XL-1');
      expect(complaint.record).toMatchObject({
        channel: 'phone',
        receivedDate: '2019-01-07',
        closedDate: '2019-02-11',
      });
      expect(complaint.details).toMatchObject({
        acknowledgedDate: '2019-01-09',
        ombudsmanReferredDate: '2019-06-03',
        ombudsmanStatus: 'decided',
        ombudsmanOutcome: 'not-upheld',
        ombudsmanOutcomeDate: '2019-12-02',
      });
      expect(complaint.overallOutcome).toBe('not-upheld');
      const concern = await importedCase('XL-2');
      expect(concern.record).toMatchObject({
        kind: 'concern',
        channel: 'in-person',
        receivedDate: '2019-01-08',
      });
    });

    it('refuses what cannot have happened yet, and complaints from before the 2009 Regulations', async () => {
      const { lines } = await run(
        csv(
          'reference,kind,channel,unit_code,received_date,summary,acknowledged_date',
          'FUT-1,concern,phone,W1,2024-06-04,Tomorrow,',
          'FUT-2,complaint,letter,W1,2024-05-01,Acknowledged tomorrow,2024-06-04',
          'OLD-1,complaint,letter,W1,2009-03-31,Before the Regulations,',
          'OLD-2,concern,letter,W1,2009-03-31,A concern that old is fine,',
        ),
      );
      expect(lines).toEqual([
        'Row 2: FUT-1 refused: column “received_date”: 4 June 2024 is in the future: the date received must be today or in the past',
        'Row 3: FUT-2 refused: column “acknowledged_date”: 4 June 2024 is in the future: only what has already happened can be imported',
        'Row 4: OLD-1 refused: column “received_date”: 31 March 2009 is before 1 April 2009, when the 2009 Complaints Regulations began: import it as a concern, or keep it on the previous system',
        'Row 5: OLD-2 added as P-2009-00001',
      ]);
    });

    it('needs every issue of a closed complaint decided, and complaint columns only on complaints', async () => {
      const { lines } = await run(
        csv(
          'reference,kind,channel,unit_code,received_date,summary,status,response_sent_date,issue_1_subject,issue_1_staff_groups,issue_1_outcome,issue_2_subject,issue_2_staff_groups',
          'ISS-1,complaint,letter,W1,2020-01-06,Closed without issues,closed,2020-02-03,,,,,',
          'ISS-2,complaint,letter,W1,2020-01-06,Undecided issue,closed,2020-02-03,Communications,Nursing,upheld,Appointments,Admin',
          'ISS-3,concern,phone,W1,2020-01-06,A concern with an issue,,,Communications,Nursing,,,',
          'ISS-4,complaint,letter,W1,2020-01-06,Unknown staff group,,,Communications,Nursing; Porters,,,',
          'ISS-5,complaint,letter,W1,2020-01-06,Repeated,,,,,,,',
          'ISS-5,complaint,letter,W1,2020-01-06,Repeated,,,,,,,',
        ),
      );
      expect(lines).toEqual([
        'Row 2: ISS-1 refused: column “issue_1_subject” is blank, but the complaint is closed: give each of its issues with its subject, staff groups and outcome',
        'Row 3: ISS-2 refused: column “issue_2_outcome” is blank, but the complaint is closed: enter whether issue 2 was upheld or not upheld',
        'Row 4: ISS-3 refused: column “issue_1_subject” is for complaints only, and this row is a concern: leave it blank, or make the kind complaint; column “issue_1_staff_groups” is for complaints only, and this row is a concern: leave it blank, or make the kind complaint',
        'Row 5: ISS-4 refused: column “issue_1_staff_groups”: “Porters” is not in the list of staff groups (separate groups with semicolons)',
        'Row 6: ISS-5 added as C-2020-00001',
        'Row 7: ISS-5 refused: column “reference”: ISS-5 is also on row 6, and each case can be in the file only once',
      ]);
    });

    describe('a concern’s staff groups (the seed report’s Table 11)', () => {
      const staffGroupFile = csv(
        'reference,kind,channel,unit_code,received_date,summary,staff_groups,issue_1_subject,issue_1_staff_groups',
        'SG-1,concern,phone,W1,2021-05-04,Attitude on the ward,Nursing; admin,,',
        'SG-2,concern,phone,W1,2021-05-04,Unknown group,Nursing; Porters,,',
        'SG-3,complaint,letter,W1,2021-05-04,Groups on the case,Medical,Communications,Nursing',
        'SG-4,compliment,letter,W1,2021-05-04,Kind doctors,Medical,,',
        'SG-5,concern,email,W1,2021-05-05,Nobody in particular,No staff identified,,',
        'SG-6,concern,email,W1,2021-05-06,Not recorded,,,',
      );
      const staffGroupsOf = async (reference: string) =>
        (await importedCase(reference)).record.staffGroupCodes;

      it('checks them on a dry run, storing nothing', async () => {
        const before = await recordCount();
        const { result, lines } = await run(staffGroupFile, { dryRun: true });
        expect(result).toMatchObject({ dryRun: true, added: 3, refused: 3 });
        expect(lines[0]).toBe('Row 2: SG-1 will be added');
        expect(lines[1]).toMatch(/^Row 3: SG-2 refused: column “staff_groups”: “Porters”/);
        expect(await recordCount()).toBe(before);
      });

      it('stores those of a concern row, refusing a group not on the list and the column on other kinds', async () => {
        const { lines } = await run(staffGroupFile);
        expect(lines).toEqual([
          'Row 2: SG-1 added as P-2021-00001',
          'Row 3: SG-2 refused: column “staff_groups”: “Porters” is not in the list of staff groups (separate groups with semicolons)',
          'Row 4: SG-3 refused: column “staff_groups” is for concerns only: a complaint’s staff groups belong to each of its issues, so give them in issue_1_staff_groups to issue_5_staff_groups instead',
          'Row 5: SG-4 refused: column “staff_groups” is for concerns only, and this row is a compliment: leave it blank, or make the kind concern',
          'Row 6: SG-5 added as P-2021-00002',
          'Row 7: SG-6 added as P-2021-00003',
        ]);
        expect(await staffGroupsOf('SG-1')).toEqual(['nursing', 'admin']);
        expect(await staffGroupsOf('SG-5')).toEqual(['none']);
        expect(await staffGroupsOf('SG-6')).toEqual([]);
      });

      it('records them in the case’s imported event in the audit trail', async () => {
        const view = await importedCase('SG-1');
        const [event] = await withOrg(database.db, orgId, (tx) =>
          tx
            .select({ after: auditEvents.after })
            .from(auditEvents)
            .where(
              and(
                eq(auditEvents.orgId, orgId),
                eq(auditEvents.entityId, view.record.recordId),
                eq(auditEvents.action, 'case.imported'),
              ),
            ),
        );
        expect(event?.after).toMatchObject({ record: { staffGroupCodes: ['nursing', 'admin'] } });
      });

      it('reads them through a mapping, in the old system’s words for issues’ staff groups or their own', async () => {
        const mapping = parseMapping(
          JSON.stringify({
            columns: { staff_groups: 'Staff involved' },
            values: {
              issue_staff_groups: { RN: 'nursing', Porter: 'other' },
              staff_groups: { Porter: 'estates' },
            },
          }),
        );
        if (!mapping.ok) throw new Error(mapping.problems.join('; '));
        const { lines } = await run(
          csv(
            'reference,kind,channel,unit_code,received_date,summary,Staff involved',
            'SG-7,concern,phone,W1,2021-06-01,Parking and the ward,RN; porter',
          ),
          { mapping: mapping.mapping },
        );
        expect(lines).toEqual(['Row 2: SG-7 added as P-2021-00004']);
        expect(await staffGroupsOf('SG-7')).toEqual(['nursing', 'estates']);
      });
    });

    it('reads the KO41a age band, complainant status, service areas and sub-categories by code or name, naming the column of each problem', async () => {
      const { lines } = await run(
        csv(
          'reference,kind,channel,unit_code,received_date,summary,patient_age_band,complainant_status,issue_1_subject,issue_1_staff_groups,issue_1_service_area,issue_1_clinical_treatment,issue_2_subject,issue_2_staff_groups,issue_2_service_area,issue_2_clinical_treatment',
          'KO-1,complaint,letter,W1,2021-05-04,Medication,75 to 84,Relative or carer,Clinical treatment,Medical,Mental health,mental-health,Communications,Nursing,inpatient,',
          'KO-2,complaint,letter,W1,2021-05-04,Nothing for KO41a,,,Communications,Nursing,,,,,,',
          'KO-3,complaint,letter,W1,2021-05-04,Wrong codes,16 to 25,Journalist,Clinical treatment,Medical,Car park,Dentistry,,,,',
          'KO-4,complaint,letter,W1,2021-05-04,Sub-category on another subject,,,Communications,Nursing,,Paediatrics,,,,',
          'KO-5,concern,phone,W1,2021-05-04,A concern,0-17,,,,,,,,,',
        ),
      );
      expect(lines).toEqual([
        'Row 2: KO-1 added as C-2021-00001',
        'Row 3: KO-2 added as C-2021-00002',
        'Row 4: KO-3 refused: column “patient_age_band”: “16 to 25” is not one of: an age band from the KO41a list, such as 0-17, 18-64, 65-74, 75-84 or 85-and-over; column “complainant_status”: “Journalist” is not one of: a status from the KO41a list, such as patient, relative-or-carer or other; column “issue_1_service_area”: “Car park” is not a service area in the KO41a service area list; column “issue_1_clinical_treatment”: “Dentistry” is not a sub-category in the KO41a clinical treatment list',
        'Row 5: KO-4 refused: column “issue_1_clinical_treatment” is only for an issue whose subject is clinical treatment: leave it blank, or change the subject of issue 1',
        'Row 6: KO-5 refused: column “patient_age_band” is for complaints only, and this row is a concern: leave it blank, or make the kind complaint',
      ]);
      const recorded = await importedCase('KO-1');
      expect(recorded.details).toMatchObject({
        patientAgeBandCode: '75-84',
        complainantStatusCode: 'relative-or-carer',
      });
      expect(
        recorded.issues.map(({ serviceAreaCode, clinicalTreatmentCode }) => ({
          serviceAreaCode,
          clinicalTreatmentCode,
        })),
      ).toEqual([
        { serviceAreaCode: 'mental-health', clinicalTreatmentCode: 'mental-health' },
        { serviceAreaCode: 'inpatient', clinicalTreatmentCode: null },
      ]);
      const bare = await importedCase('KO-2');
      expect(bare.details).toMatchObject({ patientAgeBandCode: null, complainantStatusCode: null });
      expect(bare.issues[0]).toMatchObject({ serviceAreaCode: null, clinicalTreatmentCode: null });
    });

    it('says why a file cannot be imported at all', async () => {
      const missing = await run(
        csv('reference,kind,channel,unit_code,summary', 'X-1,concern,phone,W1,Parking'),
      );
      expect(missing.lines).toEqual([
        'Row 1: the header row has no received_date column: add one, or say in a mapping file which column holds it',
      ]);
      expect(missing.result).toMatchObject({ rows: 0, added: 0, refused: 0 });
      expect(missing.result.unreadable).not.toBeNull();

      const oldExcel = await run(
        fileOf('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
      );
      expect(oldExcel.lines).toEqual([
        'Row 1: the file is in the old Excel 97–2003 format (.xls): save it as an Excel Workbook (.xlsx) or as CSV',
      ]);
      const unclosed = await run(
        csv(
          'reference,kind,channel,unit_code,received_date,summary',
          'Q-1,concern,phone,W1,2020-01-06,Fine',
          'Q-2,concern,phone,W1,2020-01-06,"Unclosed',
        ),
      );
      expect(unclosed.lines).toEqual([
        'Row 2: Q-1 added as P-2020-00001',
        'Row 3: a quoted value has no closing quote, so this row and the rest of the file cannot be read as CSV',
      ]);
    });

    it('reads a CSV saved by Excel in Windows-1252', async () => {
      const text =
        'reference,kind,channel,unit_code,received_date,summary\r\nW-1,compliment,letter,W1,2021-03-01,“Brilliant” care – thank you\r\n';
      const bytes = Buffer.from(
        [...text].map(
          (character) => ({ '“': 0x93, '”': 0x94, '–': 0x96 })[character] ?? character.charCodeAt(0),
        ),
      );
      const { lines } = await run(fileOf('cases.csv', bytes));
      expect(lines).toEqual(['Row 2: W-1 added as T-2021-00001']);
      const view = await importedCase('W-1');
      expect(view.record.summary).toBe('“Brilliant” care – thank you');
    });
  });
});
