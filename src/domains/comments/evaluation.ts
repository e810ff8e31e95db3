/**
 * Scores of multi-label theme coding and 5-point sentiment, pooled over every fold's held-out
 * comments: micro-F1 counts every (comment, theme) decision alike; macro-F1 is the mean of the
 * themes' own F1, so a rare theme counts as much as a common one.
 */
export interface ThemeCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface Scorecard {
  labels: string[];
  counts: ThemeCounts[];
  sentimentRight: number;
  sentimentTotal: number;
}

export function emptyScorecard(labels: string[]): Scorecard {
  return {
    labels,
    counts: labels.map(() => ({ truePositives: 0, falsePositives: 0, falseNegatives: 0 })),
    sentimentRight: 0,
    sentimentTotal: 0,
  };
}

export function recordOutcome(
  card: Scorecard,
  truth: { labels: string[]; sentiment: number | null },
  predicted: { labels: string[]; sentiment: number | null },
): void {
  card.labels.forEach((label, l) => {
    const counts = card.counts[l] as ThemeCounts;
    const actual = truth.labels.includes(label);
    const chosen = predicted.labels.includes(label);
    if (actual && chosen) counts.truePositives += 1;
    else if (chosen) counts.falsePositives += 1;
    else if (actual) counts.falseNegatives += 1;
  });
  if (truth.sentiment !== null) {
    card.sentimentTotal += 1;
    if (predicted.sentiment === truth.sentiment) card.sentimentRight += 1;
  }
}

export function f1(counts: ThemeCounts): number {
  const denominator = 2 * counts.truePositives + counts.falsePositives + counts.falseNegatives;
  return denominator === 0 ? 0 : (2 * counts.truePositives) / denominator;
}

export interface Figures {
  microF1: number;
  macroF1: number;
  sentimentAccuracy: number;
  perTheme: { label: string; f1: number; comments: number; precision: number; recall: number }[];
}

export function figures(card: Scorecard): Figures {
  const total = card.counts.reduce(
    (sum, c) => ({
      truePositives: sum.truePositives + c.truePositives,
      falsePositives: sum.falsePositives + c.falsePositives,
      falseNegatives: sum.falseNegatives + c.falseNegatives,
    }),
    { truePositives: 0, falsePositives: 0, falseNegatives: 0 },
  );
  const perTheme = card.labels.map((label, l) => {
    const c = card.counts[l] as ThemeCounts;
    return {
      label,
      f1: f1(c),
      comments: c.truePositives + c.falseNegatives,
      precision: c.truePositives / Math.max(1, c.truePositives + c.falsePositives),
      recall: c.truePositives / Math.max(1, c.truePositives + c.falseNegatives),
    };
  });
  return {
    microF1: f1(total),
    macroF1: perTheme.reduce((sum, theme) => sum + theme.f1, 0) / Math.max(1, perTheme.length),
    sentimentAccuracy: card.sentimentRight / Math.max(1, card.sentimentTotal),
    perTheme,
  };
}
