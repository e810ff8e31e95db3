import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#src/config.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { casesService } from '#src/domains/cases/index.ts';
import { createOrganisation, createUnit } from '#src/domains/organisations/index.ts';
import {
  installSurveyTemplates,
  recordResponsesInBulk,
  responseFileRows,
  setEligibleCounts,
} from '#src/domains/surveys/index.ts';
import { systemActor } from '#src/web/principal.ts';
import { createTestDatabase, type TestDatabase } from '#test/support/database.ts';
import { docxParagraphs } from '#test/support/docx.ts';
import { engineLabel, engines, skipEngine } from '#test/support/environment.ts';
import { importPublishedFft } from './fft-published-import.ts';
import { reportCharts } from './report-charts.ts';
import { quarterlyReportFile } from './report-files.ts';
import { quarterlyReportSchema } from './report-schema.ts';
import { publishedFft } from './schema.ts';
import { reportsService } from './service.ts';
import { tablesFor } from './tables.ts';

// The report's content from records (issue 8): NHS England's published FFT imported from a file
// laid out as the publication is, the comparison with peer trusts and England, complaints and
// compliments per 1,000 contacts, the themes of concerns and sample compliments.

const fixture = new URL('./fixtures/fft-published-mental-health-2017-07.csv', import.meta.url).pathname;
const actor = systemActor('test');

describe.each(engines)('the report’s content on %s', (engine) => {
  describe.skipIf(skipEngine(engine))(engineLabel(engine), () => {
    let database: TestDatabase;
    let orgId: string;
    const folder = mkdtempSync(join(tmpdir(), 'heard-fft-published-'));

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      const { db } = database;
      ({ orgId } = await createOrganisation(db, actor, {
        name: 'Midshire Health NHS Trust',
        odsCode: 'RM1',
      }));
      await createUnit(db, orgId, actor, {
        code: 'NTH',
        name: 'Northshire',
        kind: 'locality',
        activeFrom: '2010-01-01',
      });
      const team = await createUnit(db, orgId, actor, {
        code: 'NTH-RC',
        name: 'Recovery College',
        kind: 'team',
        parentCode: 'NTH',
        activeFrom: '2010-01-01',
      });
      const crisis = await createUnit(db, orgId, actor, {
        code: 'NTH-CR',
        name: 'Crisis team',
        kind: 'team',
        parentCode: 'NTH',
        activeFrom: '2010-01-01',
      });
      await installSurveyTemplates(db, orgId, actor);
      // July 2017: 9 of 10 would recommend (90%); August: 3 of 4.
      const answers = [
        ...Array(9).fill('extremely-likely'),
        'unlikely',
        'likely',
        'likely',
        'likely',
        'neither',
      ];
      const stored = await recordResponsesInBulk(
        db,
        orgId,
        actor,
        'fft',
        answers.map((fft, index) => ({
          unitId: team.unitId,
          variant: 'standard' as const,
          language: 'en',
          mode: 'paper-discharge' as const,
          responseDate: index < 10 ? '2017-07-12' : '2017-08-09',
          submissionId: `content-${index}`,
          answers: { fft },
          version: 1,
        })),
      );
      expect(stored.refused).toEqual([]);
      // Contacts: every month of Q1 and Q2 but June, so Q1's rates are not available.
      await setEligibleCounts(
        db,
        orgId,
        actor,
        'fft',
        ['2017-04', '2017-05', '2017-07', '2017-08', '2017-09'].map((month) => ({
          unitId: team.unitId,
          month,
          eligible: 1000,
        })),
      );
      const cases = casesService({
        db,
        config: loadConfig({ NODE_ENV: 'test', HEARD_DATA_DIR: 'memory://' }),
        clock: () => new Date('2018-03-31T12:00:00Z'),
      });
      const log = (
        kind: 'complaint' | 'compliment' | 'concern',
        receivedDate: string,
        narrative?: string,
        unitId = team.unitId,
      ) =>
        cases.logRecord(orgId, actor, {
          kind,
          channel: 'letter',
          unitId,
          receivedDate,
          eventDate: receivedDate,
          summary: kind === 'compliment' ? 'Thanks' : 'Waiting times',
          narrative,
        });
      for (const day of ['2017-05-03', '2017-07-03', '2017-08-01', '2017-09-04']) await log('complaint', day);
      await log(
        'compliment',
        '2017-08-02',
        'The facilitators were amazing and I felt safe and understood.',
        crisis.unitId,
      );
      await log(
        'compliment',
        '2017-09-10',
        'An older compliment for the same team, left out of the samples.',
      );
      await log(
        'compliment',
        '2017-09-20',
        'Thank you Mrs Jones for all your help, call me on 07700 900123.',
      );
      await log(
        'concern',
        '2017-08-10',
        'Nobody called me back about my appointment and the waiting list is too long.',
      );
    }, 180_000);
    afterAll(async () => {
      await database?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    it('imports the published file row by row, and importing it again changes nothing', {
      timeout: 60_000,
    }, async () => {
      const { db } = database;
      const dry = await importPublishedFft(db, orgId, actor, responseFileRows(fixture), {
        dryRun: true,
        setting: 'mental-health',
      });
      expect(dry.fileProblems).toEqual([]);
      expect(dry.counts).toEqual({ added: 4, updated: 0, unchanged: 0, skipped: 2, refused: 0 });
      expect(await withOrg(db, orgId, (tx) => tx.select().from(publishedFft))).toEqual([]);

      const first = await importPublishedFft(db, orgId, actor, responseFileRows(fixture), {
        dryRun: false,
        setting: 'mental-health',
      });
      expect(first.counts).toMatchObject({ added: 4, refused: 0 });
      expect(first.rows.map((row) => [row.rowNumber, row.outcome])).toEqual([
        [5, 'added'],
        [6, 'added'],
        [7, 'added'],
        [8, 'added'],
        [9, 'skipped'],
        [10, 'skipped'],
      ]);
      const stored = await withOrg(db, orgId, (tx) => tx.select().from(publishedFft));
      expect(
        stored
          .map((row) => [row.providerCode, row.month, row.responses, row.positive, row.negative, row.answer1])
          .sort(),
      ).toEqual([
        ['ENG', '2017-07-01', 10000, 8900, 300, 6000],
        ['ZT1', '2017-07-01', 200, 180, 6, 120],
        ['ZT2', '2017-07-01', 150, 135, 5, 90],
        ['ZT3', '2017-07-01', 400, 340, 20, null],
      ]);
      const again = await importPublishedFft(db, orgId, actor, responseFileRows(fixture), {
        dryRun: false,
        setting: 'mental-health',
      });
      expect(again.counts).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
    });

    it('imports nothing while any row is refused, and takes an Excel workbook with title rows', {
      timeout: 60_000,
    }, async () => {
      const { db } = database;
      const broken = join(folder, 'broken.csv');
      writeFileSync(
        broken,
        'Period,Org Code,Org Name,Total Responses,Prop_Pos,Prop_Neg\nAug-17,ZT1,Westshire,100,0.9,0.05\nAug-17,ZT2,Eastshire,lots,0.9,0.05\n',
      );
      const refused = await importPublishedFft(db, orgId, actor, responseFileRows(broken), {
        dryRun: false,
        setting: 'mental-health',
      });
      expect(refused.counts).toMatchObject({ added: 1, refused: 1 });
      expect(refused.rows[1]).toMatchObject({ rowNumber: 3, outcome: 'refused' });
      const august = await withOrg(db, orgId, (tx) => tx.select().from(publishedFft));
      expect(august.some((row) => row.month === '2017-08-01')).toBe(false);

      // August, as a workbook laid out as the later publication, with no national row: England is
      // then worked out from the providers' counts.
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('MH');
      sheet.addRow(['Friends and Family Test: Mental Health, August 2017']);
      sheet.addRow([]);
      sheet.addRow(['Org code', 'Org name', 'Total Responses', 'Prop_Pos', 'Prop_Neg', 'Setting']);
      sheet.addRow(['ZT1', 'Westshire Mental Health NHS Trust', 100, 0.8, 0.1, 'Mental Health']);
      sheet.addRow(['ZT2', 'Eastshire Partnership NHS Foundation Trust', 300, 0.9, 0.05, 'Mental Health']);
      const file = join(folder, 'august.xlsx');
      await workbook.xlsx.writeFile(file);
      const imported = await importPublishedFft(db, orgId, actor, responseFileRows(file), {
        dryRun: false,
        month: '2017-08',
      });
      expect(imported.fileProblems).toEqual([]);
      expect(imported.counts).toMatchObject({ added: 2, refused: 0 });
    });

    it('compares the trust’s FFT with its peers and England in the report, and fills the other new parts', {
      timeout: 120_000,
    }, async () => {
      const reports = reportsService({ db: database.db, clock: () => new Date('2018-03-31T12:00:00Z') });
      await expect(
        reports.setFftComparison(orgId, actor, { setting: 'mental-health', peerCodes: 'ZT1, zt2; ENG' }),
      ).rejects.toThrow();
      await reports.setFftComparison(orgId, actor, { setting: 'mental-health', peerCodes: 'ZT1, zt2\nZT9' });
      const report = await reports.quarterlyReport(orgId, '2017/18-Q2', { asOf: '2018-03-31' });
      expect(() => quarterlyReportSchema.parse(report)).not.toThrow();
      const comparison = report.fft?.comparison;
      expect(comparison?.peerCodes).toEqual(['ZT1', 'ZT2', 'ZT9']);
      expect(comparison?.notYetPublished).toEqual(['2017-09']);
      expect(
        comparison?.months.map((month) => ({
          month: month.month,
          trust: month.trust?.percentPositive,
          peers: month.peers.map((peer) => peer.percentPositive),
          national: month.national && [month.national.percentPositive, month.national.source],
        })),
      ).toEqual([
        { month: '2017-07', trust: 90, peers: [90, 90, null], national: [89, 'published'] },
        // 80 + 270 positive of 400: 87.5% rounds half up to 88.
        { month: '2017-08', trust: 75, peers: [80, 90, null], national: [88, 'computed'] },
      ]);
      const table = tablesFor(report, { suppress: false }).find(
        (candidate) => candidate.id === 'fft-comparison',
      );
      expect(table?.rows[0]).toEqual(['July 2017', '90%', '90%', '90%', 'Not published', '89%']);
      // For publication, August's score of the trust's own 4 responses is hidden, as in Table 13.
      const published = tablesFor(report, { suppress: true }).find(
        (candidate) => candidate.id === 'fft-comparison',
      );
      expect(published?.rows.map((row) => row[1])).toEqual(['90%', '*']);
      const publishedChart = reportCharts(report, { suppress: true }).find(
        (chart) => chart.id === 'fft-comparison',
      );
      expect(publishedChart?.table.rows.map((row) => row[1])).toEqual([90, '']);

      // The same table in the Word document (with its chart) and the Excel workbook.
      const docx = await quarterlyReportFile(report, 'docx', { suppress: false });
      const paragraphs = await docxParagraphs(docx.body as Buffer);
      expect(paragraphs).toContain(table?.title);
      expect(paragraphs).toContain('Complaints and compliments per 1,000 contacts with services, by quarter');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(
        (await quarterlyReportFile(report, 'xlsx', { suppress: false })).body as unknown as ArrayBuffer,
      );
      const sheet = workbook.getWorksheet('fft-comparison');
      expect(sheet?.getRow(3).values).toEqual([
        undefined,
        'July 2017',
        '90%',
        '90%',
        '90%',
        'Not published',
        '89%',
      ]);
      expect(workbook.getWorksheet('contact-rates')).toBeDefined();
      expect(workbook.getWorksheet('sample-compliments')).toBeDefined();

      // Complaints and compliments per 1,000 contacts: Q2 had 3,000 contacts, 3 complaints and 3 compliments.
      const q2 = report.contactRates?.quarters.find((quarter) => quarter.period === '2017/18-Q2');
      expect(q2).toEqual({
        period: '2017/18-Q2',
        label: '2017/18 Q2',
        contacts: 3000,
        complaints: 3,
        compliments: 3,
        complaintsPer1000: 1,
        complimentsPer1000: 1,
      });
      expect(report.contactRates?.quarters.find((quarter) => quarter.period === '2017/18-Q1')).toMatchObject({
        contacts: null,
        complaintsPer1000: null,
      });

      // The concern's account is coded into themes; the compliments are quoted without personal details.
      expect(report.pending).not.toContain('concerns.themes');
      expect(report.pending).not.toContain('concerns.staffGroups');
      expect(report.concerns.themes?.length).toBeGreaterThan(0);
      expect(report.concerns.themes?.every((theme) => theme.comments === 1)).toBe(true);
      const samples = report.compliments.samples ?? [];
      // One from each service, the newest: the team's older compliment is left out.
      expect(samples.map((sample) => [sample.locality, sample.unit])).toEqual([
        ['Northshire', 'Recovery College'],
        ['Northshire', 'Crisis team'],
      ]);
      expect(samples[0]?.receivedOn).toBe('2017-09-20');
      expect(samples[0]?.text).not.toContain('07700 900123');
      expect(samples[0]?.text).not.toContain('Jones');
      expect(samples[1]?.text).toBe('The facilitators were amazing and I felt safe and understood.');
    });
  });
});
