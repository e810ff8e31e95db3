import type { Database } from '#src/db/engine.ts';
import { withOrg } from '#src/db/tenancy.ts';
import type { Period } from '#src/domains/calendar/index.ts';
import { listUnits, type UnitRow } from '#src/domains/organisations/index.ts';
import { NotFound } from '#src/web/errors.ts';
import { questionText } from './answers.ts';
import {
  type FftScale,
  isFftKind,
  type ResponseMode,
  responseModes,
  type SurveyOption,
  type SurveyQuestion,
  type SurveyVariant,
  variantNames,
} from './definition.ts';
import {
  currentVersion,
  eligibleCounts,
  fftCounts,
  optionCounts,
  type SurveyRow,
  surveyByCode,
} from './queries.ts';
import { optionSets, optionsOf } from './reference.ts';
import {
  addCounts,
  type FftScore,
  fftScore,
  localityOf,
  type QuestionScore,
  questionScore,
  type ResponseRate,
  responseRate,
  type SuppressionReason,
  suppressSmallNumbers,
} from './rules.ts';

// Survey figures for a period, computed from the responses with the rules in rules.ts: counts are
// summed at each level (unit, locality, month, the trust) and the percentages worked out from them.

type Counts = Record<string, number>;
const emptyModes = (): Record<ResponseMode, number> =>
  Object.fromEntries(responseModes.map((mode) => [mode, 0])) as Record<ResponseMode, number>;

export interface FftRow {
  key: string;
  label: string;
  counts: Counts;
  score: FftScore;
  modes: Record<ResponseMode, number>;
  /** People the unit(s) could have asked; null when nobody has entered the number. */
  eligible: number | null;
  rate: ResponseRate | null;
  /** Why the row may not be published (1–4 responses, or hiding another that has). */
  suppressed: SuppressionReason | null;
}

export interface FftScaleResults {
  scale: FftScale;
  options: readonly SurveyOption[];
  trust: FftRow;
  months: FftRow[];
  localities: { row: FftRow; units: FftRow[] }[];
  /** Every unit with responses or an eligible count, in the organisation's order. */
  units: FftRow[];
}

export interface FftResults {
  survey: SurveyRow;
  period: Period;
  scales: FftScaleResults[];
}

async function surveyOf(db: Database, orgId: string, code: string) {
  return withOrg(db, orgId, async (tx) => {
    const survey = await surveyByCode(tx, code);
    if (!survey) throw new NotFound('There is no survey with that code.');
    return survey;
  });
}

interface Accumulator {
  counts: Counts;
  modes: Record<ResponseMode, number>;
  eligible: number | null;
}
const newAccumulator = (): Accumulator => ({ counts: {}, modes: emptyModes(), eligible: null });

function rowOf(
  key: string,
  label: string,
  scale: FftScale,
  options: readonly SurveyOption[],
  acc: Accumulator,
  target: number | null,
): FftRow {
  const score = fftScore(scale, acc.counts, options);
  return {
    key,
    label,
    counts: acc.counts,
    score,
    modes: acc.modes,
    eligible: acc.eligible,
    rate: acc.eligible === null ? null : responseRate(score.responses, acc.eligible, target),
    suppressed: null,
  };
}

const addInto = (acc: Accumulator, answer: string, mode: ResponseMode, count: number) => {
  acc.counts[answer] = (acc.counts[answer] ?? 0) + count;
  acc.modes[mode] += count;
};

/**
 * The units whose responses a reader's figures count: 'all' for the organisation, or a set (a
 * service manager's units and everything below them, organisations/unitIdsVisibleTo).
 */
export type ResultUnits = 'all' | ReadonlySet<string>;

const within = (units: ResultUnits) => (row: { unitId: string }) => units === 'all' || units.has(row.unitId);

/**
 * FFT figures for a period by unit, locality and month, each scale on its own (DESIGN.md §3),
 * counting the responses of `units` only: the totals are then those units' totals.
 */
export async function fftResults(
  db: Database,
  orgId: string,
  surveyCode: string,
  period: Period,
  units: ResultUnits = 'all',
): Promise<FftResults> {
  const survey = await surveyOf(db, orgId, surveyCode);
  const [allRows, allEligibleRows, orgUnits] = await Promise.all([
    withOrg(db, orgId, (tx) => fftCounts(tx, survey.surveyId, period.start, period.end)),
    withOrg(db, orgId, (tx) => eligibleCounts(tx, survey.surveyId, period.start, period.end)),
    listUnits(db, orgId),
  ]);
  const rows = allRows.filter(within(units));
  const eligibleRows = allEligibleRows.filter(within(units));
  const unitsById = new Map(orgUnits.map((unit) => [unit.unitId, unit]));
  const target = survey.responseRateTarget;
  const scales = [...new Set(rows.map((row) => row.scale))].sort().reverse();
  return {
    survey,
    period,
    scales: scales.map((scale) => {
      const options = optionSets()[scale] ?? [];
      const byUnit = new Map<string, Accumulator>();
      const byMonth = new Map<string, Accumulator>();
      const trust = newAccumulator();
      for (const row of rows.filter((candidate) => candidate.scale === scale)) {
        const mode = row.mode as ResponseMode;
        for (const acc of [getOrAdd(byUnit, row.unitId), getOrAdd(byMonth, row.month), trust])
          addInto(acc, row.answer, mode, row.count);
      }
      // Eligible counts belong to the scale in use that month; with one scale per period, to all.
      for (const row of eligibleRows) {
        for (const acc of [getOrAdd(byUnit, row.unitId), getOrAdd(byMonth, row.month), trust]) {
          acc.eligible = (acc.eligible ?? 0) + row.eligible;
        }
      }
      const unitRows = [...byUnit.entries()]
        .map(([unitId, acc]) =>
          rowOf(unitId, unitsById.get(unitId)?.name ?? 'Unknown unit', scale, options, acc, target),
        )
        .sort((a, b) => a.label.localeCompare(b.label));
      const localities = localityRows(unitRows, unitsById, scale, options, target);
      return {
        scale,
        options,
        trust: rowOf('trust', survey.name, scale, options, trust, target),
        months: [...byMonth.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([month, acc]) => rowOf(month, monthLabel(month), scale, options, acc, target)),
        localities,
        units: unitRows,
      };
    }),
  };
}

function getOrAdd(map: Map<string, Accumulator>, key: string): Accumulator {
  let acc = map.get(key);
  if (!acc) {
    acc = newAccumulator();
    map.set(key, acc);
  }
  return acc;
}

const monthLabel = (month: string) =>
  new Date(`${month}-15T12:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

/** Units grouped by locality, each locality's figures summed from its units' counts; suppression marked within each. */
function localityRows(
  unitRows: FftRow[],
  unitsById: ReadonlyMap<string, UnitRow>,
  scale: FftScale,
  options: readonly SurveyOption[],
  target: number | null,
) {
  const groups = new Map<string, FftRow[]>();
  for (const row of unitRows) {
    const locality = localityOf(row.key, unitsById) ?? 'none';
    groups.set(locality, [...(groups.get(locality) ?? []), row]);
  }
  return [...groups.entries()]
    .map(([locality, members]) => {
      const acc = newAccumulator();
      for (const member of members) {
        acc.counts = addCounts(acc.counts, member.counts);
        for (const mode of responseModes) acc.modes[mode] += member.modes[mode];
        if (member.eligible !== null) acc.eligible = (acc.eligible ?? 0) + member.eligible;
      }
      const { suppressed, totalSuppressed } = suppressSmallNumbers(
        members.map((member) => ({ key: member.key, responses: member.score.responses })),
      );
      const row = rowOf(
        locality,
        unitsById.get(locality)?.name ?? 'No locality',
        scale,
        options,
        acc,
        target,
      );
      return {
        row: { ...row, suppressed: totalSuppressed ? ('secondary' as const) : null },
        units: members.map((member) => ({ ...member, suppressed: suppressed.get(member.key) ?? null })),
      };
    })
    .sort((a, b) => a.row.label.localeCompare(b.row.label));
}

export interface QuestionResult {
  question: SurveyQuestion;
  text: string;
  options: readonly SurveyOption[];
  total: QuestionScore;
  byLocality: { unitId: string; name: string; score: QuestionScore }[];
  byVariant: { variant: SurveyVariant; name: string; score: QuestionScore }[];
}

export interface QuestionResults {
  survey: SurveyRow;
  period: Period;
  questions: QuestionResult[];
}

/**
 * Every scored question of the survey's current version (not free text, not equality monitoring)
 * for a period: in total, by locality and by variant, against its target. Answers to earlier
 * versions count under the question with the same code. Only the responses of `units` count.
 */
export async function questionResults(
  db: Database,
  orgId: string,
  surveyCode: string,
  period: Period,
  units: ResultUnits = 'all',
): Promise<QuestionResults> {
  const survey = await surveyOf(db, orgId, surveyCode);
  const [allRows, version, orgUnits] = await Promise.all([
    withOrg(db, orgId, (tx) => optionCounts(tx, survey.surveyId, period.start, period.end)),
    withOrg(db, orgId, (tx) => currentVersion(tx, survey.surveyId)),
    listUnits(db, orgId),
  ]);
  const rows = allRows.filter(within(units));
  const unitsById = new Map(orgUnits.map((unit) => [unit.unitId, unit]));
  const scored = (version?.definition.questions ?? []).filter(
    (question) => question.kind !== 'free-text' && !question.equality,
  );
  return {
    survey,
    period,
    questions: scored.map((question) => {
      const options = optionsOf(question);
      const target = isFftKind(question.kind) ? null : (question.target ?? null);
      const mine = rows.filter((row) => row.questionCode === question.code);
      const total: Counts = {};
      const byLocality = new Map<string, Counts>();
      const byVariant = new Map<string, Counts>();
      for (const row of mine) {
        const locality = localityOf(row.unitId, unitsById) ?? 'none';
        for (const counts of [
          total,
          getOrAddCounts(byLocality, locality),
          getOrAddCounts(byVariant, row.variant),
        ]) {
          counts[row.optionCode] = (counts[row.optionCode] ?? 0) + row.count;
        }
      }
      return {
        question,
        text: question.text,
        options,
        total: questionScore(total, options, target),
        byLocality: [...byLocality.entries()]
          .map(([unitId, counts]) => ({
            unitId,
            name: unitsById.get(unitId)?.name ?? 'No locality',
            score: questionScore(counts, options, target),
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        byVariant: survey.variants
          .filter((variant) => byVariant.has(variant))
          .map((variant) => ({
            variant,
            name: variantNames[variant],
            score: questionScore(byVariant.get(variant) ?? {}, options, target),
            text: questionText(question, variant),
          })),
      };
    }),
  };
}

function getOrAddCounts(map: Map<string, Counts>, key: string): Counts {
  let counts = map.get(key);
  if (!counts) {
    counts = {};
    map.set(key, counts);
  }
  return counts;
}
