import { z } from 'zod';
import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import { reportActionFigures } from '#src/domains/actions/index.ts';
import { recordAudit } from '#src/domains/audit/index.ts';
import {
  financialYearContaining,
  type IsoDate,
  isoDateInLondon,
  type Period,
  parsePeriod,
  previousPeriod,
  quarterContaining,
} from '#src/domains/calendar/index.ts';
import {
  caseFigures,
  complaintsForReturn,
  ombudsmanActivity,
  recordIdsReceived,
  referenceLists,
} from '#src/domains/cases/index.ts';
import { recentComments, topThemes } from '#src/domains/comments/index.ts';
import { listOrganisations, listUnits } from '#src/domains/organisations/index.ts';
import { eligibleTotalsByMonth, fftResults, questionResults } from '#src/domains/surveys/index.ts';
import { Invalid, NotFound } from '#src/web/errors.ts';
import type { Actor } from '#src/web/principal.ts';
import { type AssuranceOverride, type AssuranceRules, assuranceLevels, assuranceRules } from './assurance.ts';
import { figuresCache } from './cache.ts';
import { dashboardLocalities, trustDashboard } from './dashboard.ts';
import { addMonths, type FftComparison, fftComparison, ownMonths } from './fft-comparison.ts';
import { type FftSetting, fftSettings, nationalCode } from './fft-published.ts';
import { type Ko41aReturn, ko41aPeriodKind, ko41aReturn } from './ko41a.ts';
import { measureSources, measureUnits, respondedWithinWorkingDays } from './measures.ts';
import { type MeasureSummary, measureSummary } from './measures-register.ts';
import { type ComplimentSample, type QuarterlyReport, quarterlyReport } from './quarterly.ts';
import * as q from './queries.ts';
import { fftSection, type SurveyFigures } from './survey-sections.ts';

// The reports service: gathers what the report and the KO41a return need from the domains that
// own it (through their index.ts), then hands it to the pure builders. The only write is an
// officer's assurance override, audited in the same transaction.

export interface ReportsDependencies {
  db: Database;
  clock?: () => Date;
  /** The assurance rules; the shipped reference/assurance-rules.json by default. */
  rules?: AssuranceRules;
  /** How many quarters the trends and SPC charts cover, ending with the report's. */
  trendQuarters?: number;
  /** How long figures computed from records are shared between readers (cache.ts); 0 for never. */
  cacheSeconds?: number;
}

export interface OrganisationSummary {
  orgId: string;
  name: string;
  odsCode: string;
}

const overrideSchema = z.object({
  measureKey: z.string().trim().min(1, 'Select the measure'),
  level: z.enum(assuranceLevels, { error: 'Select an assurance level' }),
  reason: z
    .string()
    .trim()
    .min(1, 'Enter why the assurance level differs from the one proposed')
    .max(2000, 'The reason must be 2,000 characters or fewer'),
});
/** What a form or caller sends; checked here, so any value may come in. */
export type OverrideInput = { [Field in keyof z.input<typeof overrideSchema>]?: unknown };

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const measureSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter the name of the measure')
    .max(200, 'The name must be 200 characters or fewer'),
  source: z.enum(measureSources, { error: 'Select where the measure’s values come from' }),
  unit: z.enum(measureUnits, { error: 'Select whether the measure is a percentage or a number' }),
  improvement: z.enum(['up', 'down'], { error: 'Select whether higher or lower is better' }),
  target: z.coerce
    .number({ error: 'Enter the target as a number' })
    .refine(Number.isFinite, 'Enter the target as a number'),
  deadline: z
    .string()
    .trim()
    .refine((value) => value === '' || isoDay.test(value), 'Enter the deadline as a real date')
    .transform((value) => (value === '' ? null : value)),
  owner: z
    .string()
    .trim()
    .min(1, 'Enter who owns the measure')
    .max(200, 'The owner must be 200 characters or fewer'),
});
export type MeasureInput = { [Field in keyof z.input<typeof measureSchema>]?: unknown };

const valueSchema = z.object({
  quarter: z.string().trim().min(1, 'Enter the quarter, such as 2019/20-Q1'),
  value: z.coerce
    .number({ error: 'Enter the value as a number' })
    .refine(Number.isFinite, 'Enter the value as a number'),
});

const comparisonSchema = z.object({
  setting: z.enum(fftSettings, {
    error: `Select the care setting to compare in (${fftSettings.join(', ')})`,
  }),
  peerCodes: z
    .string()
    .transform((text) => [
      ...new Set(
        text
          .split(/[\s,;]+/)
          .map((code) => code.trim().toUpperCase())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(
          z
            .string()
            .regex(
              /^[A-Z0-9]{3,10}$/,
              'Enter each peer trust’s ODS code, such as RX2, separated by commas or on its own line',
            ),
        )
        .max(20, 'Choose up to 20 peer trusts')
        .refine(
          (codes) => !codes.includes(nationalCode),
          'ENG is the national figure, which is always shown',
        ),
    ),
});
export type ComparisonInput = { [Field in keyof z.input<typeof comparisonSchema>]?: unknown };

/** How many compliments the report quotes for each locality. */
const samplesPerLocality = 3;

function refused(error: z.ZodError, message: string): never {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message;
  throw new Invalid(message, fieldErrors);
}

/** A quarter code such as '2017/18-Q2', refused with a plain reason otherwise. */
export function reportQuarter(code: string): Period {
  const period = parsePeriod(code);
  if (period.kind !== 'quarter') throw new Invalid(`'${code}' is not a quarter: write it as 2017/18-Q2`);
  return period;
}

/** The KO41a period: a financial year from 2022/23, a quarter before (DESIGN.md §3); any period if asked for. */
export function ko41aPeriod(code: string): Period {
  const period = parsePeriod(code);
  if (period.kind === 'month')
    throw new Invalid(`'${code}' is a month: KO41a is returned by year or quarter`);
  return period;
}

export function reportsService({
  db,
  clock = () => new Date(),
  rules,
  trendQuarters = 8,
  cacheSeconds = 0,
}: ReportsDependencies) {
  const today = (): IsoDate => isoDateInLondon(clock());
  const cache = figuresCache(cacheSeconds, () => clock().getTime());
  const figuresOf = (orgId: string, period: Period, asOf: IsoDate) =>
    cache.get(`figures:${orgId}:${period.code}:${asOf}`, () =>
      caseFigures(db, orgId, period, { today: asOf }),
    );
  const complaintsOf = (orgId: string, period: Period) =>
    cache.get(`complaints:${orgId}:${period.code}`, () => complaintsForReturn(db, orgId, period));

  async function organisation(orgId: string): Promise<OrganisationSummary> {
    const found = (await listOrganisations(db)).find((candidate) => candidate.orgId === orgId);
    if (!found) throw new NotFound('There is no such organisation');
    return { orgId: found.orgId, name: found.name, odsCode: found.odsCode };
  }

  async function latestOverrides(orgId: string, periodCode: string): Promise<Map<string, AssuranceOverride>> {
    const rows = await withOrg(db, orgId, (tx) => q.overridesOfPeriod(tx, orgId, periodCode));
    const latest = new Map<string, AssuranceOverride>();
    for (const row of rows) {
      if (latest.has(row.measureKey)) continue;
      latest.set(row.measureKey, {
        level: row.level,
        reason: row.reason,
        decidedBy: row.decidedByName,
        decidedAt: row.createdAt.toISOString(),
      });
    }
    return latest;
  }

  /** The surveys domain's results the report needs; a survey the organisation does not run gives none. */
  async function surveyFiguresOf(orgId: string, period: Period): Promise<SurveyFigures> {
    const orNone = async <T>(work: () => Promise<T>): Promise<T | null> => {
      try {
        return await work();
      } catch (error) {
        if (error instanceof NotFound) return null;
        throw error;
      }
    };
    const [fft, previousFft, staffFft, quality, children, previousChildren] = await Promise.all([
      orNone(() => fftResults(db, orgId, 'fft', period)),
      orNone(() => fftResults(db, orgId, 'fft', previousPeriod(period))),
      orNone(() => fftResults(db, orgId, 'staff', period)),
      orNone(() => questionResults(db, orgId, 'how-did-we-do', period)),
      orNone(() => questionResults(db, orgId, 'children', period)),
      orNone(() => questionResults(db, orgId, 'children', previousPeriod(period))),
    ]);
    return { fft, previousFft, staffFft, quality, children, previousChildren };
  }

  /** The FFT against peers and the nation, from the published data the organisation imported. */
  async function comparisonOf(
    orgId: string,
    period: Period,
    surveys: SurveyFigures,
  ): Promise<FftComparison | null> {
    const scale = fftSection(surveys)?.scale;
    if (!scale) return null;
    const settings = await withOrg(db, orgId, (tx) => q.comparisonSettingsOf(tx, orgId));
    if (!settings) return null;
    const from = `${addMonths(period.start.slice(0, 7), -3)}-01`;
    const published = await withOrg(db, orgId, (tx) =>
      q.publishedFftRows(tx, orgId, settings.setting, from, period.end),
    );
    return fftComparison({
      start: period.start,
      end: period.end,
      settings: { setting: settings.setting as FftSetting, peerCodes: settings.peerCodes },
      published,
      own: ownMonths(scale, surveys.previousFft, surveys.fft),
    });
  }

  /** A few of the quarter's most recent compliments per locality, in their redacted words. */
  async function complimentSamplesOf(orgId: string, period: Period): Promise<ComplimentSample[]> {
    const [recent, units] = await Promise.all([
      recentComments(db, orgId, { source: 'compliment', from: period.start, to: period.end, limit: 500 }),
      listUnits(db, orgId),
    ]);
    const byId = new Map(units.map((unit) => [unit.unitId, unit]));
    const localityOf = (unitId: string | null) => {
      let current = unitId ? byId.get(unitId) : undefined;
      const seen = new Set<string>();
      while (current && current.kind !== 'locality' && !seen.has(current.unitId)) {
        seen.add(current.unitId);
        current = current.parentUnitId ? byId.get(current.parentUnitId) : undefined;
      }
      return current?.kind === 'locality' ? current.name : 'The trust';
    };
    const chosen = new Map<string, ComplimentSample[]>();
    for (const comment of recent) {
      const text = comment.redactedText.trim();
      if (text.split(/\s+/).length < 3) continue;
      const locality = localityOf(comment.unitId);
      const list = chosen.get(locality) ?? [];
      const unit = comment.unitId ? (byId.get(comment.unitId)?.name ?? null) : null;
      // One from each service, as the seed's samples are: the newest of each, up to three a locality.
      if (
        list.length >= samplesPerLocality ||
        list.some((entry) => entry.text === text || entry.unit === unit)
      )
        continue;
      list.push({ locality, unit, receivedOn: comment.receivedOn, text });
      chosen.set(locality, list);
    }
    return [...chosen.keys()].sort().flatMap((locality) => chosen.get(locality) ?? []);
  }

  return {
    organisationOf: organisation,

    /** The organisation named by its ODS code, or the only one when none is named. */
    async organisationFor(odsCode?: string): Promise<OrganisationSummary> {
      const all = await listOrganisations(db);
      const found = odsCode
        ? all.find((candidate) => candidate.odsCode.toUpperCase() === odsCode.toUpperCase())
        : undefined;
      if (odsCode && !found) throw new NotFound(`There is no organisation with the ODS code ${odsCode}`);
      if (!odsCode && all.length !== 1) {
        throw new Invalid(
          `Name the organisation with --org: there are ${all.length} (${all.map((o) => o.odsCode).join(', ')})`,
        );
      }
      const chosen = found ?? all[0];
      if (!chosen) throw new NotFound('There is no organisation yet');
      return { orgId: chosen.orgId, name: chosen.name, odsCode: chosen.odsCode };
    },

    /** The quarterly report as data (docs/report-json.md), from the records as they stand on `asOf`. */
    async quarterlyReport(
      orgId: string,
      quarterCode: string,
      { asOf = today() }: { asOf?: IsoDate } = {},
    ): Promise<QuarterlyReport> {
      const period = reportQuarter(quarterCode);
      const periods: Period[] = [period];
      while (periods.length < trendQuarters) periods.unshift(previousPeriod(periods[0] as Period));
      const quarters = [];
      for (const each of periods) quarters.push(await figuresOf(orgId, each, asOf));
      const surveys = await surveyFiguresOf(orgId, period);
      const concernIds = await recordIdsReceived(db, orgId, 'concern', period);
      return quarterlyReport({
        organisation: await organisation(orgId).then(({ name, odsCode }) => ({ name, odsCode })),
        generatedAt: clock().toISOString(),
        quarters,
        complaints: await complaintsOf(orgId, period),
        subjectList: referenceLists().ko41aSubjects,
        ombudsman: await cache.get(`ombudsman:${orgId}:${period.code}`, () =>
          ombudsmanActivity(db, orgId, period),
        ),
        rules: rules ?? assuranceRules(),
        overrides: await latestOverrides(orgId, period.code),
        surveys,
        themes: { top: await topThemes(db, orgId, { from: period.start, to: period.end, limit: 10 }) },
        actions: await reportActionFigures(db, orgId, period),
        fftComparison: await comparisonOf(orgId, period, surveys),
        contactsByMonth: await eligibleTotalsByMonth(db, orgId, 'fft', {
          from: (periods[0] as Period).start,
          to: period.end,
        }),
        concernThemes: await topThemes(db, orgId, {
          from: period.start,
          to: period.end,
          limit: 10,
          source: 'case-narrative',
          sourceIds: concernIds,
        }),
        complimentSamples: await complimentSamplesOf(orgId, period),
      });
    },

    /** Whom the report compares the FFT with: the care setting and peer trusts, with the published data held. */
    async fftComparisonSettings(orgId: string) {
      return withOrg(db, orgId, async (tx) => {
        const settings = await q.comparisonSettingsOf(tx, orgId);
        const holdings = await q.publishedFftHoldings(tx, orgId);
        const providers = new Map<string, string>();
        const months = new Map<string, Set<string>>();
        for (const row of holdings) {
          if (!settings || row.setting === settings.setting)
            providers.set(row.providerCode, row.providerName);
          const held = months.get(row.setting) ?? new Set<string>();
          held.add(row.month.slice(0, 7));
          months.set(row.setting, held);
        }
        return {
          setting: (settings?.setting ?? null) as FftSetting | null,
          peerCodes: settings?.peerCodes ?? [],
          providers,
          months: new Map([...months].map(([setting, held]) => [setting, [...held].sort()])),
        };
      });
    },

    /** Sets the care setting and peer trusts the report compares the FFT with; audited. */
    async setFftComparison(orgId: string, actor: Actor, input: ComparisonInput) {
      const parsed = comparisonSchema.safeParse(input);
      if (!parsed.success) refused(parsed.error, 'Check the comparison');
      return withOrg(db, orgId, async (tx) => {
        const before = await q.comparisonSettingsOf(tx, orgId);
        const saved = await q.saveComparisonSettings(tx, { orgId, ...parsed.data });
        await recordAudit(tx, orgId, actor, {
          action: 'report.fft-comparison-set',
          entityType: 'fft-comparison',
          entityId: orgId,
          before: before && { setting: before.setting, peerCodes: before.peerCodes },
          after: { setting: saved.setting, peerCodes: saved.peerCodes },
        });
        return saved;
      });
    },

    /** The trust dashboard (or a locality's): the measures of the last `trendQuarters` quarters up to `quarterCode`, with their SPC charts. */
    async trustDashboard(
      orgId: string,
      quarterCode: string,
      { asOf = today(), locality = null }: { asOf?: IsoDate; locality?: string | null } = {},
    ) {
      const period = reportQuarter(quarterCode);
      const periods: Period[] = [period];
      while (periods.length < trendQuarters) periods.unshift(previousPeriod(periods[0] as Period));
      const quarters = [];
      for (const each of periods) quarters.push(await figuresOf(orgId, each, asOf));
      const localities = dashboardLocalities(quarters);
      if (locality !== null && !localities.includes(locality))
        throw new NotFound('There is no locality of that name');
      return {
        period,
        locality,
        localities,
        tiles: trustDashboard(quarters, rules ?? assuranceRules(), { locality }),
      };
    },

    /** The measures register with each measure's values for the quarters up to `quarterCode`. */
    async measuresRegister(
      orgId: string,
      quarterCode: string,
      { asOf = today() }: { asOf?: IsoDate } = {},
    ): Promise<MeasureSummary[]> {
      const period = reportQuarter(quarterCode);
      const periods: Period[] = [period];
      while (periods.length < trendQuarters) periods.unshift(previousPeriod(periods[0] as Period));
      const { registered, entered } = await withOrg(db, orgId, async (tx) => {
        const rows = await q.allMeasures(tx, orgId);
        return {
          registered: rows,
          entered: await q.enteredValues(
            tx,
            orgId,
            rows.map((row) => row.measureId),
          ),
        };
      });
      const sources = new Set(registered.map((row) => row.source));
      const computed = new Map<string, number | null>();
      for (const each of periods) {
        if (sources.has('acknowledged-within-3-working-days')) {
          const figures = await figuresOf(orgId, each, asOf);
          computed.set(
            `acknowledged-within-3-working-days:${each.code}`,
            figures.complaints.acknowledgedWithinThreeWorkingDays.percent,
          );
        }
        if (sources.has('responded-within-25-working-days')) {
          computed.set(
            `responded-within-25-working-days:${each.code}`,
            respondedWithinWorkingDays(await complaintsOf(orgId, each), each).percent,
          );
        }
      }
      const enteredValue = new Map(entered.map((row) => [`${row.measureId}:${row.periodCode}`, row.value]));
      return registered.map((row) =>
        measureSummary(
          row,
          periods.map((each) => ({
            period: each.code,
            label: each.label,
            value:
              row.source === 'entered'
                ? (enteredValue.get(`${row.measureId}:${each.code}`) ?? null)
                : (computed.get(`${row.source}:${each.code}`) ?? null),
          })),
          // Judged as at the end of the quarter shown (or today, if that is earlier): a past quarter's
          // status does not change because its deadline has since passed.
          period.end < asOf ? period.end : asOf,
        ),
      );
    },

    /** Adds a measure to the register; audited. */
    async addMeasure(orgId: string, actor: Actor, input: MeasureInput) {
      const parsed = measureSchema.safeParse(input);
      if (!parsed.success) refused(parsed.error, 'Check the measure');
      return withOrg(db, orgId, async (tx) => {
        if (
          (await q.allMeasures(tx, orgId)).some(
            (row) => row.name.toLowerCase() === parsed.data.name.toLowerCase(),
          )
        ) {
          throw new Invalid('Check the measure', {
            name: 'A measure with this name is already in the register',
          });
        }
        const saved = await q.insertMeasure(tx, { orgId, ...parsed.data });
        await recordAudit(tx, orgId, actor, {
          action: 'measure.added',
          entityType: 'measure',
          entityId: saved.measureId,
          after: saved,
        });
        return saved;
      });
    },

    /** Enters (or corrects) an entered measure's value for a quarter; audited with the value it replaced. */
    async enterMeasureValue(
      orgId: string,
      actor: Actor,
      measureId: string,
      input: { quarter: string; value: string | number },
    ) {
      const parsed = valueSchema.safeParse(input);
      if (!parsed.success) refused(parsed.error, 'Check the value');
      let period: Period;
      try {
        period = reportQuarter(parsed.data.quarter);
      } catch {
        throw new Invalid('Check the value', { quarter: 'Enter the quarter, such as 2019/20-Q1' });
      }
      return withOrg(db, orgId, async (tx) => {
        const found = await q.measureById(tx, orgId, measureId);
        if (!found) throw new NotFound('There is no such measure');
        if (found.source !== 'entered')
          throw new Invalid('This measure is computed from records: its values cannot be entered');
        const before =
          (await q.enteredValues(tx, orgId, [measureId])).find((row) => row.periodCode === period.code) ??
          null;
        const saved = await q.upsertMeasureValue(tx, {
          orgId,
          measureId,
          periodCode: period.code,
          value: parsed.data.value,
          enteredBy: actor.kind === 'user' ? actor.id : null,
          enteredByName: actor.name,
        });
        await recordAudit(tx, orgId, actor, {
          action: 'measure.value-entered',
          entityType: 'measure',
          entityId: measureId,
          before,
          after: saved,
        });
        return saved;
      });
    },

    /** The KO41a return for a financial year or quarter. */
    async ko41a(orgId: string, periodCode: string): Promise<Ko41aReturn> {
      const period = ko41aPeriod(periodCode);
      return ko41aReturn(period, await complaintsForReturn(db, orgId, period), referenceLists());
    },

    /** The period KO41a is returned for that contains `day`: the financial year, or before 2022/23 the quarter. */
    ko41aPeriodContaining(day: IsoDate): Period {
      const year = financialYearContaining(day);
      const startYear = Number(year.start.slice(0, 4));
      if (ko41aPeriodKind(startYear) === 'financial-year') return year;
      return quarterContaining(day);
    },

    /** An officer's assurance level for one measure of a quarter's report, with the reason; audited. */
    async overrideAssurance(orgId: string, actor: Actor, quarterCode: string, input: OverrideInput) {
      const period = reportQuarter(quarterCode);
      const parsed = overrideSchema.safeParse(input);
      if (!parsed.success) {
        const fieldErrors = Object.fromEntries(
          parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]),
        );
        throw new Invalid('Check the assurance level and reason', fieldErrors);
      }
      const measure = parsed.data.measureKey.split(':')[0] ?? '';
      if (!(rules ?? assuranceRules())[measure])
        throw new Invalid('Select a measure of the report', { measureKey: 'Select a measure of the report' });
      return withOrg(db, orgId, async (tx) => {
        const saved = await q.insertOverride(tx, {
          orgId,
          periodCode: period.code,
          measureKey: parsed.data.measureKey,
          level: parsed.data.level,
          reason: parsed.data.reason,
          decidedBy: actor.kind === 'user' ? actor.id : null,
          decidedByName: actor.name,
        });
        await recordAudit(tx, orgId, actor, {
          action: 'report.assurance-overridden',
          entityType: 'assurance-override',
          entityId: saved.overrideId,
          after: saved,
        });
        return saved;
      });
    },
  };
}

export type ReportsService = ReturnType<typeof reportsService>;
