// Caches, for each outer fold, every theme's margins from the plain SVM and the NB-SVM separately:
// on the training comments out of the inner folds, and on the held-out comments from the models fitted
// on the whole training part. Decision rules (cut-offs, blends) can then be compared quickly with
// scripts/themes-rules.ts, every choice made from the training part's inner-fold margins only.
//   npx tsx scripts/themes-cache.ts /tmp/themes-cache
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { SparseVector } from '#src/domains/comments/features.ts';
import { margin, trainBinary } from '#src/domains/comments/linear.ts';
import { fitProjection, withCoordinates } from '#src/domains/comments/lsa.ts';
import { fitNbSvm, themeOptions, themeTrainingOptions } from '#src/domains/comments/training.ts';
import {
  foldAssignments,
  readLabelledComments,
  readThemeLabels,
} from '#src/domains/comments/training-data.ts';
import { fitVocabulary, vectorise } from '#src/domains/comments/vectoriser.ts';

const lsa = Number(process.env.LSA ?? 0);
const plainOnly = process.env.PLAIN_ONLY === '1';
const lsaScale = Number(process.env.LSA_SCALE ?? 1);

const out = process.argv[2] ?? '/tmp/themes-cache';
mkdirSync(out, { recursive: true });
const folder = process.env.THEMES_DATA ?? '../shared/data/themes';
const comments = readLabelledComments(`${folder}/train.jsonl`);
const labels = readThemeLabels(`${folder}/labels.json`);
const options = {
  ...themeTrainingOptions,
  innerFolds: Number(process.env.INNER ?? themeTrainingOptions.innerFolds),
  theme: {
    ...themeTrainingOptions.theme,
    ...(process.env.LOSS ? { loss: process.env.LOSS as 'logistic' | 'squared-hinge' } : {}),
    ...(process.env.C ? { c: Number(process.env.C) } : {}),
  },
};
const folds = 5;
const only = process.env.FOLD === undefined ? undefined : Number(process.env.FOLD);
const assignment = foldAssignments(comments, folds, 42);
const started = performance.now();
const round = (x: number) => Math.round(x * 1e6) / 1e6;
for (let fold = 0; fold < folds; fold += 1) {
  if (only !== undefined && fold !== only) continue;
  const trainIndex = comments.map((_, i) => i).filter((i) => assignment[i] !== fold);
  const testIndex = comments.map((_, i) => i).filter((i) => assignment[i] === fold);
  const train = trainIndex.map((i) => comments[i] as (typeof comments)[number]);
  const vocabulary = fitVocabulary(train, options.vocabulary);
  let rows = train.map((comment) => vectorise(vocabulary, comment));
  let testRows = testIndex.map((i) => vectorise(vocabulary, comments[i] as (typeof comments)[number]));
  const sparseCount = vocabulary.idf.length;
  let featureCount = sparseCount;
  if (lsa > 0) {
    const projection = fitProjection(rows, sparseCount, lsa);
    rows = rows.map((row) => withCoordinates(row, projection, sparseCount, lsaScale));
    testRows = testRows.map((row) => withCoordinates(row, projection, sparseCount, lsaScale));
    featureCount += lsa;
    process.stderr.write(`projection ${((performance.now() - started) / 1000).toFixed(0)}s\n`);
  }
  const innerFold = rows.map((_, i) => (i * 7919 + options.seed) % options.innerFolds);
  const themes = labels.map((label) => {
    const targets = train.map((comment) => comment.labels.includes(label));
    const cue = vocabulary.index.get(`m:cue:${label}`);
    if (targets.filter(Boolean).length < options.cueOnlyBelow && cue !== undefined) {
      // Coded by the cue alone: margin +1 when it matches, −1 when not.
      return {
        label,
        cueOnly: true,
        test: testRows.map((row) => (Array.prototype.includes.call(row.indices, cue) ? 1 : -1)),
      };
    }
    const binary = themeOptions(targets, options);
    const innerPlain = new Array<number>(rows.length).fill(0);
    const innerNb = new Array<number>(rows.length).fill(0);
    for (let f = 0; f < options.innerFolds; f += 1) {
      const idx = rows.map((_, i) => i).filter((i) => innerFold[i] !== f);
      const r = idx.map((i) => rows[i] as SparseVector);
      const t = idx.map((i) => targets[i] as boolean);
      const plain = trainBinary({ rows: r, featureCount }, t, binary);
      const nb = plainOnly ? plain : fitNbSvm(r, t, featureCount, binary, options.nbAlpha ?? 1, sparseCount);
      rows.forEach((row, i) => {
        if (innerFold[i] === f) {
          innerPlain[i] = round(margin(plain, row));
          innerNb[i] = round(margin(nb, row));
        }
      });
    }
    const plain = trainBinary({ rows, featureCount }, targets, binary);
    const nb = plainOnly
      ? plain
      : fitNbSvm(rows, targets, featureCount, binary, options.nbAlpha ?? 1, sparseCount);
    return {
      label,
      cueOnly: false,
      innerPlain,
      innerNb,
      testPlain: testRows.map((row) => round(margin(plain, row))),
      testNb: testRows.map((row) => round(margin(nb, row))),
    };
  });
  writeFileSync(
    `${out}/fold${fold}.json`,
    JSON.stringify({ fold, trainIndex, testIndex, innerFold, themes }),
  );
  process.stderr.write(`fold ${fold} ${((performance.now() - started) / 1000).toFixed(0)}s\n`);
}
