import type { FftScale, SurveyOption } from './definition.ts';

// The scoring rules of the Friends and Family Test and the trust's other surveys (DESIGN.md §3).
// Pure functions: counts in, figures out. Percentages are always worked out from counts at the
// level they describe (unit, locality, month, quarter), never averaged from the level below.

/** A whole-number percentage, rounded half up as NHS England publishes them; null when there is nothing to divide by. */
export function percentOf(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.floor((numerator * 100) / denominator + 0.5 + 1e-9);
}

/** Counts of each answer to one question, by option code. */
export type AnswerCounts = Readonly<Record<string, number | undefined>>;

/** Adds counts together: how a locality's, a quarter's or the trust's counts are made from their parts. */
export function addCounts(...parts: readonly AnswerCounts[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const part of parts) {
    for (const [code, count] of Object.entries(part)) total[code] = (total[code] ?? 0) + (count ?? 0);
  }
  return total;
}

export interface FftScore {
  scale: FftScale;
  /** Every response with an answer to the FFT question, "Don't know" included. */
  responses: number;
  positive: number;
  negative: number;
  percentPositive: number | null;
  percentNegative: number | null;
}

/**
 * The FFT score on one scale. DESIGN.md §3 (NHS England FFT guidance): % positive = (very good +
 * good) ÷ all responses, % negative = (poor + very poor) ÷ all responses, "Don't know" stays in the
 * denominator. The pre-2020 scale is scored the same way on its own options (extremely likely +
 * likely) and never converted to the new one.
 */
export function fftScore(scale: FftScale, counts: AnswerCounts, options: readonly SurveyOption[]): FftScore {
  const known = new Set(options.map((option) => option.code));
  let responses = 0;
  let positive = 0;
  let negative = 0;
  for (const [code, count = 0] of Object.entries(counts)) {
    if (!known.has(code)) continue;
    const option = options.find((candidate) => candidate.code === code);
    responses += count;
    if (option?.positive) positive += count;
    if (option?.negative) negative += count;
  }
  return {
    scale,
    responses,
    positive,
    negative,
    percentPositive: percentOf(positive, responses),
    percentNegative: percentOf(negative, responses),
  };
}

export interface QuestionScore {
  /** Responses that answered it, leaving out answers such as "this does not apply to me". */
  responses: number;
  positive: number;
  negative: number;
  percentPositive: number | null;
  percentNegative: number | null;
  target: number | null;
  /** null when there is no target or no response to judge it by. */
  targetMet: boolean | null;
}

/**
 * Any scored question's % positive and % negative, and against its target: "target met?" when
 * positive % ≥ target (seed report, Table 14). Answers such as "this does not apply to me" leave
 * the question unanswered; "Don't know" stays in, as the FFT rule has it.
 */
export function questionScore(
  counts: AnswerCounts,
  options: readonly SurveyOption[],
  target: number | null,
): QuestionScore {
  let responses = 0;
  let positive = 0;
  let negative = 0;
  for (const option of options) {
    const count = counts[option.code] ?? 0;
    if (option.excluded) continue;
    responses += count;
    if (option.positive) positive += count;
    if (option.negative) negative += count;
  }
  const percentPositive = percentOf(positive, responses);
  return {
    responses,
    positive,
    negative,
    percentPositive,
    percentNegative: percentOf(negative, responses),
    target,
    targetMet: target === null || percentPositive === null ? null : percentPositive >= target,
  };
}

export interface ResponseRate {
  responses: number;
  eligible: number;
  /** One decimal place: response rates are small (a 3% target). null without an eligible count. */
  percent: number | null;
  target: number | null;
  targetMet: boolean | null;
}

/** Responses as a share of the people who could have been asked, against the trust's target (e.g. ≥3% in mental health, ≥4% in community services). */
export function responseRate(responses: number, eligible: number, target: number | null): ResponseRate {
  const percent = eligible > 0 ? Math.round((responses * 1000) / eligible) / 10 : null;
  return {
    responses,
    eligible,
    percent,
    target,
    targetMet: target === null || percent === null ? null : percent >= target,
  };
}

/** DESIGN.md §3: a unit with 1 to 4 responses is not published. */
export const isSmallNumber = (responses: number) => responses >= 1 && responses <= 4;

export type SuppressionReason = 'small-number' | 'secondary';

export interface Suppression {
  /** Units not to publish, and why. */
  suppressed: Map<string, SuppressionReason>;
  /** The group's total cannot be published either: it is itself 1–4, or would give away a suppressed unit. */
  totalSuppressed: boolean;
}

/**
 * Which units of a group (a locality, the trust) to suppress when the group's total is published
 * beside them. DESIGN.md §3: primary suppression of units with 1–4 responses; secondary suppression
 * so that a suppressed figure cannot be worked out from the total — when exactly one unit is
 * suppressed, the unit with the next fewest responses is suppressed too (total minus the others
 * would otherwise give it away). When no other unit can hide it, the total is withheld instead.
 */
export function suppressSmallNumbers(units: readonly { key: string; responses: number }[]): Suppression {
  const suppressed = new Map<string, SuppressionReason>();
  for (const unit of units) if (isSmallNumber(unit.responses)) suppressed.set(unit.key, 'small-number');
  const total = units.reduce((sum, unit) => sum + unit.responses, 0);
  let totalSuppressed = isSmallNumber(total);
  if (suppressed.size === 1 && !totalSuppressed) {
    const candidates = units
      .filter((unit) => !suppressed.has(unit.key))
      .sort((a, b) => a.responses - b.responses || a.key.localeCompare(b.key));
    // A unit with no responses hides nothing: everyone could see the suppressed one is total minus the rest.
    const partner = candidates.find((unit) => unit.responses > 0);
    if (partner) suppressed.set(partner.key, 'secondary');
    else totalSuppressed = true;
  }
  return { suppressed, totalSuppressed };
}

/** The locality (county) a unit belongs to: itself, or its nearest ancestor of that kind. */
export function localityOf(
  unitId: string,
  unitsById: ReadonlyMap<string, { unitId: string; parentUnitId: string | null; kind: string }>,
): string | null {
  let current = unitsById.get(unitId);
  for (let depth = 0; current && depth < 50; depth += 1) {
    if (current.kind === 'locality') return current.unitId;
    current = current.parentUnitId ? unitsById.get(current.parentUnitId) : undefined;
  }
  return null;
}

/** 'YYYY-MM' of an ISO date. */
export const monthOf = (isoDate: string) => isoDate.slice(0, 7);
