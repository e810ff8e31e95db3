/**
 * Comments that may describe abuse, neglect, self-harm, suicide or a risk to someone, flagged on
 * arrival so that a named safeguarding lead reads them the same day (Care Act 2014 s.42 duty to make
 * enquiries; Working Together to Safeguard Children 2023; NHS England Safeguarding Accountability and
 * Assurance Framework 2022: every NHS body has named safeguarding professionals). The rules prefer a
 * false alarm to a miss, but a phrase that is negated ("no sign of abuse", "never felt unsafe") does
 * not count. Pure: no I/O.
 */
export const safeguardingConcerns = ['abuse', 'neglect', 'self-harm', 'suicide', 'risk to someone'] as const;
export type SafeguardingConcern = (typeof safeguardingConcerns)[number];

export interface SafeguardingFlag {
  flagged: boolean;
  concerns: SafeguardingConcern[];
  /** The phrases that raised the flag, as written. */
  phrases: string[];
}

const them = '(?:me|him|her|them|us|my \\w+|his \\w+|her \\w+|our \\w+|the patient|patients|residents?)';
const rules: { concern: SafeguardingConcern; pattern: RegExp }[] = [
  {
    concern: 'abuse',
    pattern: new RegExp(
      [
        '\\babus(?:e|ed|es|ing|ive|er)\\b',
        '\\bassault(?:ed|ing)?\\b',
        '\\b(?:raped?|molest(?:ed|ing)?|sexually (?:touched|assaulted|inappropriate))\\b',
        // "pushed him in his wheelchair" is help, not harm.
        `\\b(?:hit|slapped|punched|kicked|pinched|pushed|shoved|grabbed|manhandled|beat|beaten) ${them}\\b(?! (?:in|on|along|up|down|into|to) (?:a |an |the |his |her |my |their )?(?:wheelchair|chair|trolley|bed|stretcher|buggy|pram))`,
        '\\bdomestic (?:violence|abuse)\\b',
        '\\b(?:stole|stolen|steal(?:ing)?|took) (?:my|his|her|their) (?:money|bank card|pension|benefits)\\b',
        '\\b(?:bullied|bullying|intimidated|humiliated) (?:by|me|him|her)\\b',
      ].join('|'),
      'gi',
    ),
  },
  {
    concern: 'neglect',
    pattern: new RegExp(
      [
        '\\bneglect(?:ed|ful|ing)?\\b',
        `\\bleft(?: ${them})? (?:(?:lying|sitting) )?(?:in|on) (?:(?:his|her|their|my|the) )?(?:own )?(?:urine|faeces|feces|mess|soiled|wet|floor)`,
        `\\bleft(?: ${them})? without (?:food|water|drink|help|medication|pain relief)`,
        '\\b(?:no|without) (?:food|water|drink)(?: or (?:food|water|drink))? for (?:hours|days|\\d+ (?:hours|days))\\b',
        '\\b(?:dehydrated|malnourished|starving)\\b',
        '\\b(?:bed|pressure) ?sores?\\b',
      ].join('|'),
      'gi',
    ),
  },
  {
    concern: 'self-harm',
    pattern:
      /\bself[- ]?harm(?:ed|ing|s)?\b(?! (?:team|service|services|clinic|prevention))|\b(?:cut|cutting|hurt|hurting|burn|burning|harm|harming) (?:myself|himself|herself|themselves)\b|\boverdos(?:e|ed|ing)\b/gi,
  },
  {
    concern: 'suicide',
    pattern:
      /\bsuicid(?:e|al)\b(?! (?:prevention|awareness))|\bkill(?:ing)? (?:myself|himself|herself|themselves)\b|\b(?:end|ending|take|taking|took) (?:my|his|her|their) (?:own )?life\b|\bend(?:ing)? it all\b|\bbetter off dead\b|\b(?:want|wanted|wanting) to die\b|\bdon'?t want to (?:live|be here|be alive)\b/gi,
  },
  {
    concern: 'risk to someone',
    pattern: new RegExp(
      [
        '\\bthreat(?:en|ened|ening)? to (?:kill|hurt|harm|stab|attack)\\b',
        '\\b(?:knife|knives|weapon|(?<!machine[- ])gun)\\b',
        `\\b(?:scared|afraid|frightened|terrified) (?:of|for) ${them}\\b`,
        '\\b(?:danger|risk) to (?:himself|herself|themselves|myself|others|the public|children)\\b',
        '\\bunsafe\\b',
        "\\b(?:not|n't|never) (?:feel|felt|feeling|being|be|was|were|is|am) safe\\b",
        '\\b(?:at risk|in danger)\\b',
      ].join('|'),
      'gi',
    ),
  },
];

const negators =
  /\b(?:no|not|never|without|nor|none|nothing|denied|denies|cannot|can't|couldn't|didn't|don't|doesn't|wasn't|weren't|isn't|aren't|hasn't|haven't|no one)\b|n't\b/i;
const clauseBreak = /[.;:!?,]|\b(?:but|however|although|though|yet)\b/i;

/**
 * Whether a phrase is negated: a negating word among the four words before it, in the same clause
 * ("there was no abuse", "I never felt unsafe"), but not "no one helped" style phrases the rule itself
 * contains.
 */
export function isNegated(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 60), start);
  const clause = before.split(clauseBreak).pop() ?? '';
  const words = clause.trim().split(/\s+/).slice(-4).join(' ');
  return negators.test(words);
}

export function safeguardingFlag(text: string): SafeguardingFlag {
  const concerns = new Set<SafeguardingConcern>();
  const phrases: string[] = [];
  for (const rule of rules) {
    for (const match of text.matchAll(rule.pattern)) {
      if (isNegated(text, match.index ?? 0)) continue;
      concerns.add(rule.concern);
      phrases.push(match[0]);
    }
  }
  const ordered = safeguardingConcerns.filter((concern) => concerns.has(concern));
  return { flagged: ordered.length > 0, concerns: ordered, phrases };
}
