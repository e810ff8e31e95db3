import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { CommentInput } from './features.ts';
import { seededRandom, shuffle } from './linear.ts';

/** The label that only ever marks the placeholder "Did not answer": no comment, not a theme. */
export const noCommentLabel = 'Labelling not possible';

export interface LabelledComment extends CommentInput {
  id: string;
  labels: string[];
  sentiment: number | null;
  containsPersonalData: boolean;
}

const lineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  text: z.string(),
  question: z.string().nullish(),
  fft_score: z.number().nullish(),
  labels: z.array(z.string()),
  sentiment: z.number().int().min(1).max(5).nullish(),
  contains_personal_data: z.boolean().nullish(),
});

/** Reads train.jsonl, leaving out the "Did not answer" placeholders, in file order. */
export function readLabelledComments(path: string): LabelledComment[] {
  const comments: LabelledComment[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = lineSchema.parse(JSON.parse(line));
    if (row.labels.includes(noCommentLabel)) continue;
    comments.push({
      id: row.id,
      text: row.text,
      question: row.question ?? null,
      fftScore: row.fft_score ?? null,
      labels: row.labels,
      sentiment: row.sentiment ?? null,
      containsPersonalData: row.contains_personal_data ?? false,
    });
  }
  return comments;
}

export function readThemeLabels(path: string): string[] {
  const file = z
    .object({ labels: z.array(z.object({ name: z.string() })) })
    .parse(JSON.parse(readFileSync(path, 'utf8')));
  return file.labels.map((label) => label.name).filter((name) => name !== noCommentLabel);
}

/**
 * Assigns each comment to one of `folds` folds. Comments with the same text always share a fold (so
 * a fold never scores a text the model trained on), and groups holding rare themes are dealt out in
 * turn so that every fold sees some of each theme.
 */
export function foldAssignments(comments: LabelledComment[], folds: number, seed: number): number[] {
  const groups = new Map<string, number[]>();
  comments.forEach((comment, i) => {
    const key = comment.text.trim().toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const frequency = new Map<string, number>();
  for (const comment of comments)
    for (const label of comment.labels) frequency.set(label, (frequency.get(label) ?? 0) + 1);
  const rarest = (members: number[]) =>
    Math.min(
      ...members.flatMap((i) => (comments[i] as LabelledComment).labels.map((l) => frequency.get(l) ?? 0)),
    );
  const ordered = shuffle([...groups.values()], seededRandom(seed))
    .map((members, position) => ({ members, position, rarest: rarest(members) }))
    .sort((a, b) => a.rarest - b.rarest || a.position - b.position);
  const assignment = new Array<number>(comments.length).fill(0);
  ordered.forEach((group, turn) => {
    for (const i of group.members) assignment[i] = turn % folds;
  });
  return assignment;
}
