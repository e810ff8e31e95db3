/**
 * `npm run train:themes`: cross-validates the theme and sentiment models on the shared labelled
 * comments (5 folds, comments with the same text kept in one fold), prints the figures, then trains on
 * every comment and writes the committed model file. Deterministic: fixed seeds and file order.
 *
 *   npm run train:themes -- --data ../shared/data/themes --out src/domains/comments/themes-model.json.gz
 *   npm run train:themes -- --extra corrections.jsonl   (staff corrections exported by heard themes corrections)
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { emptyScorecard, figures, recordOutcome } from '#src/domains/comments/evaluation.ts';
import { codeComment, modelFile, modelFileUrl, parseModel } from '#src/domains/comments/model.ts';
import { themeTrainingOptions, trainModel } from '#src/domains/comments/training.ts';
import {
  foldAssignments,
  readLabelledComments,
  readThemeLabels,
} from '#src/domains/comments/training-data.ts';
import { personalDataFigures, safeguardingFigures } from './personal-data-figures.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(root, '../shared/data/themes') },
    out: { type: 'string', default: fileURLToPath(modelFileUrl) },
    folds: { type: 'string', default: '5' },
    'skip-final': { type: 'boolean', default: false },
    // Staff corrections (`heard themes corrections --org ODS`): trained on, never scored, so that the
    // printed figures stay comparable with the targets.
    extra: { type: 'string', multiple: true, default: [] },
  },
});
const dataFile = resolve(values.data, 'train.jsonl');
const comments = readLabelledComments(dataFile);
const labels = readThemeLabels(resolve(values.data, 'labels.json'));
const folds = Number(values.folds);
const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(0)}s`;

console.log(
  `${comments.length} comments from ${dataFile} ("Did not answer" placeholders left out), ${labels.length} themes`,
);
const assignment = foldAssignments(comments, folds, 42);
const card = emptyScorecard(labels);
for (let fold = 0; fold < folds; fold += 1) {
  const trained = trainModel(
    comments.filter((_, i) => assignment[i] !== fold),
    labels,
    themeTrainingOptions,
  );
  // Scored through the same quantised file and prediction code that ship.
  const model = parseModel(modelFile(trained, { comments: 0, sha256: '' }, {}).bytes);
  comments.forEach((comment, i) => {
    if (assignment[i] === fold) recordOutcome(card, comment, codeComment(model, comment));
  });
  console.log(`  fold ${fold + 1} of ${folds} done (${seconds()})`);
}
const result = figures(card);
const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\nPer theme (${folds}-fold cross-validation, held-out comments pooled):`);
console.log(`${pad('theme', 60)} comments  precision  recall  F1`);
for (const theme of [...result.perTheme].sort((a, b) => b.comments - a.comments)) {
  console.log(
    `${pad(theme.label, 60)} ${String(theme.comments).padStart(8)}  ${theme.precision.toFixed(3).padStart(9)}  ${theme.recall.toFixed(3).padStart(6)}  ${theme.f1.toFixed(3)}`,
  );
}
const verdict = (value: number, target: number) =>
  `${value.toFixed(3)} (target ${target.toFixed(2)}: ${value >= target ? 'met' : 'NOT met'})`;
console.log(`\nThemes micro-F1      ${verdict(result.microF1, 0.76)}`);
console.log(`Themes macro-F1      ${verdict(result.macroF1, 0.62)}`);
console.log(`Sentiment accuracy   ${verdict(result.sentimentAccuracy, 0.7)} on the 5-point scale`);

const pii = personalDataFigures(dataFile);
console.log(`\nPersonal data rules against contains_personal_data: ${pii}`);
console.log(`Safeguarding rules: ${safeguardingFigures(dataFile)}`);

if (!values['skip-final']) {
  const extra = values.extra.flatMap((file) => readLabelledComments(resolve(file)));
  if (extra.length > 0)
    console.log(`\nTraining also on ${extra.length} corrected comments from ${values.extra.join(', ')}`);
  const trained = trainModel([...comments, ...extra], labels, themeTrainingOptions);
  const { file, bytes } = modelFile(
    trained,
    {
      comments: comments.length + extra.length,
      sha256: [dataFile, ...values.extra]
        .reduce((hash, file) => hash.update(readFileSync(file)), createHash('sha256'))
        .digest('hex'),
    },
    {
      folds,
      microF1: round(result.microF1),
      macroF1: round(result.macroF1),
      sentimentAccuracy: round(result.sentimentAccuracy),
    },
  );
  writeFileSync(values.out, bytes);
  console.log(
    `\nWrote ${values.out}: version ${file.version}, ${file.features.terms.length} features, ${(bytes.length / 1024).toFixed(0)} KB (${seconds()})`,
  );
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
