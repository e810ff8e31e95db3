/**
 * How a comment's coding changes with a member of staff's correction, and what staff and model agree
 * on. Pure functions.
 */
export type CodingChange =
  | { kind: 'add-theme'; theme: string }
  | { kind: 'remove-theme'; theme: string }
  | { kind: 'change-sentiment'; sentiment: number };

export interface Coding {
  themes: string[];
  sentiment: number | null;
}

/** The coding after the change, or why the change makes no sense. Themes stay in the model's order. */
export function applyChange(
  coding: Coding,
  change: CodingChange,
  labels: string[],
): Coding | { problem: string } {
  switch (change.kind) {
    case 'add-theme':
      if (!labels.includes(change.theme)) return { problem: 'Choose a theme from the list' };
      if (coding.themes.includes(change.theme)) return { problem: 'The comment already has that theme' };
      return { ...coding, themes: labels.filter((l) => l === change.theme || coding.themes.includes(l)) };
    case 'remove-theme':
      if (!coding.themes.includes(change.theme)) return { problem: 'The comment does not have that theme' };
      return { ...coding, themes: coding.themes.filter((theme) => theme !== change.theme) };
    case 'change-sentiment':
      if (!Number.isInteger(change.sentiment) || change.sentiment < 1 || change.sentiment > 5) {
        return { problem: 'Choose a sentiment from 1 (very positive) to 5 (very negative)' };
      }
      if (coding.sentiment === change.sentiment) return { problem: 'The comment already has that sentiment' };
      return { ...coding, sentiment: change.sentiment };
  }
}

/** Share of coded comments that staff left as the model coded them; null before any were coded. */
export function acceptanceRate(counts: { coded: number; corrected: number }): number | null {
  return counts.coded === 0 ? null : (counts.coded - counts.corrected) / counts.coded;
}
