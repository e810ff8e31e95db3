// Quick cross-validation of training options: `npx tsx scripts/themes-experiment.ts '{"theme":{"c":2}}'`.
import { performance } from 'node:perf_hooks';
import {
  predictTrained,
  type TrainingOptions,
  themeTrainingOptions,
  trainModel,
} from '#src/domains/comments/training.ts';
import {
  foldAssignments,
  readLabelledComments,
  readThemeLabels,
} from '#src/domains/comments/training-data.ts';

const folder = process.env.THEMES_DATA ?? '../shared/data/themes';
const comments = readLabelledComments(`${folder}/train.jsonl`);
const labels = readThemeLabels(`${folder}/labels.json`);
const override = JSON.parse(process.argv[2] ?? '{}');
const options: TrainingOptions = {
  ...themeTrainingOptions,
  ...override,
  vocabulary: {
    ...themeTrainingOptions.vocabulary,
    ...override.vocabulary,
    charGrams: { ...themeTrainingOptions.vocabulary.charGrams, ...override.vocabulary?.charGrams },
  },
  theme: { ...themeTrainingOptions.theme, ...override.theme },
  sentiment: { ...themeTrainingOptions.sentiment, ...override.sentiment },
};
const folds = Number(process.env.FOLDS ?? 5);
const assignment = foldAssignments(comments, 5, 42);
const tp = new Array(labels.length).fill(0);
const fp = new Array(labels.length).fill(0);
const fn = new Array(labels.length).fill(0);
let sentimentRight = 0;
let sentimentTotal = 0;
const started = performance.now();
// Other cut-off rules scored on the same held-out predictions, each fixed before seeing the test fold:
// a theme's own inner-fold cut-off shrunk towards the shared one as if it had k more positives.
const shrinkages = [0, 20, 50, 100, 200, 400];
const rules = shrinkages.map(() => ({
  tp: new Array(labels.length).fill(0),
  fp: new Array(labels.length).fill(0),
  fn: new Array(labels.length).fill(0),
}));
for (let fold = 0; fold < folds; fold += 1) {
  const train = comments.filter((_, i) => assignment[i] !== fold);
  const test = comments.filter((_, i) => assignment[i] === fold);
  const model = trainModel(train, labels, options);
  for (const comment of test) {
    const p = predictTrained(model, comment);
    labels.forEach((label, l) => {
      const truth = comment.labels.includes(label);
      if (p.chosen[l] && truth) tp[l] += 1;
      else if (p.chosen[l]) fp[l] += 1;
      else if (truth) fn[l] += 1;
    });
    shrinkages.forEach((k, r) => {
      const rule = rules[r] as (typeof rules)[number];
      const cut = model.themes.map((head) => {
        if (head.ownThreshold === undefined || head.positives === undefined) return head.threshold;
        return (head.positives * head.ownThreshold + k * head.threshold) / (head.positives + k);
      });
      const chosen = p.scores.map((score, l) => score >= (cut[l] as number));
      if (!chosen.some(Boolean)) {
        let best = 0;
        p.scores.forEach((score, l) => {
          if (score / (cut[l] as number) > (p.scores[best] as number) / (cut[best] as number)) best = l;
        });
        chosen[best] = true;
      }
      labels.forEach((label, l) => {
        const truth = comment.labels.includes(label);
        if (chosen[l] && truth) rule.tp[l] += 1;
        else if (chosen[l]) rule.fp[l] += 1;
        else if (truth) rule.fn[l] += 1;
      });
    });
    if (comment.sentiment !== null) {
      sentimentTotal += 1;
      if (p.sentiment === comment.sentiment) sentimentRight += 1;
    }
  }
  process.stderr.write(`fold ${fold} ${((performance.now() - started) / 1000).toFixed(1)}s\n`);
}
const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
const micro = (2 * sum(tp)) / (2 * sum(tp) + sum(fp) + sum(fn));
const perLabel: number[] = labels.map((_, l) => (2 * tp[l]) / Math.max(1, 2 * tp[l] + fp[l] + fn[l]));
const macro = sum(perLabel) / labels.length;
if (process.env.PER_LABEL) {
  labels.forEach((label, l) => {
    console.log(`${(perLabel[l] ?? 0).toFixed(3)} ${tp[l] + fn[l]} ${label}`);
  });
}
console.log(
  JSON.stringify(override),
  `micro ${micro.toFixed(4)} macro ${macro.toFixed(4)} sentiment ${(sentimentRight / sentimentTotal).toFixed(4)}`,
);
shrinkages.forEach((k, r) => {
  const rule = rules[r] as (typeof rules)[number];
  const f1s = labels.map((_, l) => (2 * rule.tp[l]) / Math.max(1, 2 * rule.tp[l] + rule.fp[l] + rule.fn[l]));
  const m = (2 * sum(rule.tp)) / (2 * sum(rule.tp) + sum(rule.fp) + sum(rule.fn));
  console.log(`shrinkage ${k}: micro ${m.toFixed(4)} macro ${(sum(f1s) / labels.length).toFixed(4)}`);
});
