import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ImprovementDirection } from './spc.ts';

// Assurance levels (DESIGN.md §2: full, significant, limited, negative – a judgement recorded with
// its reason). Heard proposes one for each measure of the quarterly report by rules the trust
// keeps in reference/assurance-rules.json; an officer may override it with a reason, and the
// report says which of the two it shows.

export const assuranceLevels = ['full', 'significant', 'limited', 'negative'] as const;
export type AssuranceLevel = (typeof assuranceLevels)[number];

export const assuranceLevelNames: Record<AssuranceLevel, string> = {
  full: 'Full',
  significant: 'Significant',
  limited: 'Limited',
  negative: 'Negative',
};

const level = z.enum(assuranceLevels);
const ruleSchema = z.object({
  name: z.string().min(1),
  /** The target in the measure's own unit (a percentage for percentages); null for none. */
  target: z.number().nullable(),
  improvement: z.enum(['up', 'down', 'neither']),
  /** Full assurance when the target is met in each of this many quarters up to and including this one. */
  fullWhenMetInLast: z.number().int().min(1).default(3),
  /** Limited (not negative) assurance when missed by no more than this. */
  limitedMargin: z.number().min(0).default(10),
  /** The level proposed for a measure with no target, until an officer judges it. */
  withoutTarget: level.default('significant'),
});
export type AssuranceRule = z.infer<typeof ruleSchema>;

const rulesFile = z.object({ description: z.string(), measures: z.record(z.string(), ruleSchema) });
export type AssuranceRules = Record<string, AssuranceRule>;

export const assuranceRulesFile = new URL('../../../reference/assurance-rules.json', import.meta.url);

/** Reads and checks the rules; a broken file stops Heard with a message naming the problem. */
export function readAssuranceRules(file: URL = assuranceRulesFile): AssuranceRules {
  const parsed = rulesFile.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`reference/assurance-rules.json cannot be used: ${problems.join('; ')}`);
  }
  return parsed.data.measures;
}

let shipped: AssuranceRules | undefined;
export function assuranceRules(): AssuranceRules {
  shipped ??= readAssuranceRules();
  return shipped;
}

export interface ProposedAssurance {
  level: AssuranceLevel;
  reason: string;
}

function met(value: number, target: number, improvement: ImprovementDirection): boolean {
  return improvement === 'down' ? value <= target : value >= target;
}

const shown = (value: number, unit: string) => `${value}${unit}`;

/**
 * The level the rule proposes from the measure's values, oldest first, ending with this
 * quarter's (null where there is no value, such as a percentage of nothing).
 */
export function proposeAssurance(
  rule: AssuranceRule,
  history: readonly (number | null)[],
  unit = '',
): ProposedAssurance {
  const current = history.at(-1) ?? null;
  if (rule.target === null || rule.improvement === 'neither') {
    return {
      level: rule.withoutTarget,
      reason: 'No target is set: the level the rules give until an officer judges it',
    };
  }
  const target = rule.target;
  const target$ = shown(target, unit);
  if (current === null)
    return { level: 'limited', reason: 'No figure this quarter to judge against the target' };
  const recent = history.slice(-rule.fullWhenMetInLast);
  if (
    recent.length === rule.fullWhenMetInLast &&
    recent.every((value) => value !== null && met(value, target, rule.improvement))
  ) {
    return {
      level: 'full',
      reason: `The target of ${target$} was met in each of the last ${rule.fullWhenMetInLast} quarters`,
    };
  }
  if (met(current, target, rule.improvement)) {
    return { level: 'significant', reason: `The target of ${target$} was met this quarter` };
  }
  if (Math.abs(current - target) <= rule.limitedMargin) {
    return {
      level: 'limited',
      reason: `The target of ${target$} was missed by ${shown(Math.abs(current - target), unit)}, within ${shown(rule.limitedMargin, unit)}`,
    };
  }
  return {
    level: 'negative',
    reason: `The target of ${target$} was missed by ${shown(Math.abs(current - target), unit)}`,
  };
}

export interface AssuranceOverride {
  level: AssuranceLevel;
  reason: string;
  decidedBy: string;
  decidedAt: string;
}

export interface Assurance {
  /** The level the report shows. */
  level: AssuranceLevel;
  /** 'officer' when an officer's override stands; 'rule' otherwise. */
  source: 'rule' | 'officer';
  proposed: ProposedAssurance;
  override: AssuranceOverride | null;
}

export function assurance(proposed: ProposedAssurance, override: AssuranceOverride | null): Assurance {
  return override
    ? { level: override.level, source: 'officer', proposed, override }
    : { level: proposed.level, source: 'rule', proposed, override: null };
}
