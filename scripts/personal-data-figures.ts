import { readFileSync } from 'node:fs';
import { commonFirstNames } from '#src/domains/comments/personal-data-names.ts';
import { redactPersonalData } from '#src/domains/comments/personal-data-rules.ts';
import { safeguardingFlag } from '#src/domains/comments/safeguarding-rules.ts';

/**
 * The personal data rules against the labellers' contains_personal_data flag on every comment of
 * train.jsonl: recall, precision and how often each kind fired. `npx tsx scripts/personal-data-figures.ts`
 * prints these and the safeguarding rules' figures.
 */
export function personalDataFigures(path: string): string {
  const names = commonFirstNames();
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let comments = 0;
  const kinds = new Map<string, number>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text: string; contains_personal_data?: boolean | null };
    comments += 1;
    const found = redactPersonalData(row.text, names);
    for (const kind of found.kinds) kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    const labelled = row.contains_personal_data === true;
    if (labelled && found.containsPersonalData) truePositives += 1;
    else if (found.containsPersonalData) falsePositives += 1;
    else if (labelled) falseNegatives += 1;
  }
  const labelled = truePositives + falseNegatives;
  const flagged = truePositives + falsePositives;
  const fired = [...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ') || 'none';
  return [
    `${comments} comments, ${labelled} labelled as holding personal data, ${flagged} flagged by the rules (${fired}).`,
    labelled === 0
      ? 'Recall cannot be measured: the shared data has no comment labelled as holding personal data (its source masked names as XXX or ****), so every flag, even a real name it missed, counts against precision.'
      : `Recall ${(truePositives / labelled).toFixed(3)}.`,
    `Precision ${flagged === 0 ? 'n/a (nothing flagged)' : (truePositives / flagged).toFixed(3)}.`,
  ].join('\n  ');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = process.argv[2] ?? '../shared/data/themes/train.jsonl';
  console.log(personalDataFigures(path));
  console.log(safeguardingFigures(path));
}

/**
 * The safeguarding rules against the labellers' version 6 theme "Safeguarding concerns?" (dropped
 * from version 7, kept in v6_labels): how many of those comments the rules flag, and how many others.
 */
export function safeguardingFigures(path: string): string {
  let labelled = 0;
  let caught = 0;
  let flaggedOthers = 0;
  let comments = 0;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { text: string; v6_labels?: string[] };
    comments += 1;
    const isLabelled = (row.v6_labels ?? []).includes('Safeguarding concerns?');
    const flagged = safeguardingFlag(row.text).flagged;
    if (isLabelled) labelled += 1;
    if (isLabelled && flagged) caught += 1;
    if (!isLabelled && flagged) flaggedOthers += 1;
  }
  return `${comments} comments: ${caught} of the ${labelled} labelled "Safeguarding concerns?" (version 6) flagged; ${flaggedOthers} others flagged.`;
}
