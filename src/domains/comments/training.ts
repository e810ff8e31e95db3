import { defaultCharGrams, type SparseVector } from './features.ts';
import { type BinaryModel, type BinaryOptions, margin, type TrainingRows, trainBinary } from './linear.ts';
import { fitProjection, foldBack, type Projection, withCoordinates } from './lsa.ts';
import type { LabelledComment } from './training-data.ts';
import {
  defaultVocabularyOptions,
  fitVocabulary,
  type Vocabulary,
  type VocabularyOptions,
  vectorise,
} from './vectoriser.ts';

/**
 * Training the theme and sentiment models: one binary classifier per theme, each with its own
 * probability calibration (Platt scaling) and decision threshold chosen by cross-validation inside the
 * training data; one classifier per sentiment point, the highest score wins.
 */
export interface TrainingOptions {
  vocabulary: VocabularyOptions;
  theme: Omit<BinaryOptions, 'positiveWeight'> & {
    /** Positive weight = (negatives / positives) ^ balancePower: 0 none, 1 fully balanced. */
    balancePower: number;
  };
  sentiment: Omit<BinaryOptions, 'positiveWeight'>;
  /** Folds of the inner cross-validation that calibrates each theme and picks its threshold. */
  innerFolds: number;
  /** Use the mean of the inner folds' classifiers, so calibration and thresholds fit the model used. */
  bagInner: boolean;
  fixedThreshold?: number;
  /**
   * A theme with fewer training examples than this is coded by its cue alone (theme-cues.ts): too few
   * examples to learn from, and its description says what it is about.
   */
  cueOnlyBelow: number;
  /**
   * NB-SVM (Wang and Manning 2012): each theme's classifier sees its features scaled by their naive
   * Bayes log-count ratio (smoothed by this alpha); the scaled weights fold back into one linear model.
   */
  nbAlpha?: number;
  /** With nbAlpha: average the NB-SVM's weights with the plain SVM's (one linear model still). */
  nbBlend?: boolean;
  /** Pulls each theme's threshold towards the shared one, as if it had this many more positives. */
  thresholdShrinkage: number;
  /**
   * With nbBlend: the plain SVM also sees each comment's coordinates on the top singular directions
   * of the training comments' features (latent semantic analysis, lsa.ts), weighted by `scale`; its
   * weights on them fold back into weights on the features, so the model stays one linear model.
   */
  lsa?: { dimensions: number; scale: number };
  seed: number;
}

export const defaultTrainingOptions: TrainingOptions = {
  vocabulary: defaultVocabularyOptions,
  theme: { c: 1, loss: 'logistic', epochs: 50, seed: 1, balancePower: 0.5 },
  sentiment: { c: 1, loss: 'logistic', epochs: 50, seed: 2 },
  innerFolds: 3,
  bagInner: false,
  thresholdShrinkage: 0,
  cueOnlyBelow: 0,
  seed: 7,
};

/**
 * The options `npm run train:themes` uses, chosen by cross-validation (scripts/themes-experiment.ts):
 * an L2-loss linear SVM beat logistic regression here by about 2 points of micro-F1; one shared
 * probability cut-off beat per-theme cut-offs, which the few examples of rare themes make noisy;
 * the mean of each theme's plain SVM and its NB-SVM beat either alone (about +1 point on both F1s).
 */
export const themeTrainingOptions: TrainingOptions = {
  ...defaultTrainingOptions,
  vocabulary: { ...defaultVocabularyOptions, charGrams: { ...defaultCharGrams, cues: true } },
  theme: { c: 0.3, loss: 'squared-hinge', epochs: 50, seed: 1, balancePower: 0.5 },
  thresholdShrinkage: Number.POSITIVE_INFINITY,
  cueOnlyBelow: 5,
  nbAlpha: 1,
  nbBlend: true,
};

export interface ThemeHead {
  label: string;
  model: BinaryModel;
  /** Probability = 1 / (1 + exp(-(scale · margin + shift))). */
  scale: number;
  shift: number;
  threshold: number;
  /** The cut-off that maximised this theme's own F1 in the inner folds, and its training positives. */
  ownThreshold?: number;
  positives?: number;
}

export interface TrainedModel {
  vocabulary: Vocabulary;
  themes: ThemeHead[];
  sentiment: BinaryModel[];
}

export function trainModel(
  comments: LabelledComment[],
  labels: string[],
  options: TrainingOptions,
): TrainedModel {
  const vocabulary = fitVocabulary(comments, options.vocabulary);
  const rows = comments.map((comment) => vectorise(vocabulary, comment));
  const data: TrainingRows = { rows, featureCount: vocabulary.idf.length };
  const innerFold = rows.map((_, i) => (i * 7919 + options.seed) % options.innerFolds);
  const dense = denseView(rows, data.featureCount, options);
  const themeFits = labels.map((label) => {
    const targets = comments.map((comment) => comment.labels.includes(label));
    const cueFeature = vocabulary.index.get(`m:cue:${label}`);
    if (targets.filter(Boolean).length < options.cueOnlyBelow && cueFeature !== undefined) {
      return {
        head: cueOnlyHead(label, cueFeature, vocabulary),
        probabilities: [],
        targets: [],
        fixed: true,
      };
    }
    const binary = themeOptions(targets, options);
    const outOfFold = new Float64Array(rows.length);
    const bagWeights = new Float32Array(data.featureCount);
    let bagBias = 0;
    for (let fold = 0; fold < options.innerFolds; fold += 1) {
      const trainIndex = rows.map((_, i) => i).filter((i) => innerFold[i] !== fold);
      const model = fitTheme(
        trainIndex.map((i) => rows[i] as SparseVector),
        trainIndex.map((i) => targets[i] as boolean),
        data.featureCount,
        binary,
        options,
        dense && { ...dense, rows: trainIndex.map((i) => dense.rows[i] as SparseVector) },
      );
      rows.forEach((row, i) => {
        if (innerFold[i] === fold) outOfFold[i] = margin(model, row);
      });
      for (let j = 0; j < data.featureCount; j += 1)
        bagWeights[j] = (bagWeights[j] as number) + (model.weights[j] as number) / options.innerFolds;
      bagBias += model.bias / options.innerFolds;
    }
    const { scale, shift } = fitPlatt(outOfFold, targets);
    const probabilities = Array.from(outOfFold, (m) => sigmoid(scale * m + shift));
    const threshold = bestThreshold(probabilities, targets);
    const model = options.bagInner
      ? { weights: bagWeights, bias: bagBias }
      : fitTheme(rows, targets, data.featureCount, binary, options, dense);
    return { head: { label, model, scale, shift, threshold }, probabilities, targets, fixed: false };
  });
  // One cut-off for every theme, the one that maximises micro-F1 over the inner folds' predictions.
  const shared =
    options.fixedThreshold ??
    bestThreshold(
      themeFits.flatMap((fit) => fit.probabilities),
      themeFits.flatMap((fit) => fit.targets),
    );
  const themes = themeFits.map(({ head, targets, fixed }) => {
    if (fixed) return head;
    const positives = targets.filter(Boolean).length;
    const k = options.thresholdShrinkage;
    const threshold = k === Infinity ? shared : (positives * head.threshold + k * shared) / (positives + k);
    return { ...head, threshold, ownThreshold: head.threshold, positives };
  });
  const sentimentRows: SparseVector[] = [];
  const sentimentValues: number[] = [];
  comments.forEach((comment, i) => {
    if (comment.sentiment !== null) {
      sentimentRows.push(rows[i] as SparseVector);
      sentimentValues.push(comment.sentiment);
    }
  });
  const sentiment = [1, 2, 3, 4, 5].map((point) =>
    trainBinary(
      { rows: sentimentRows, featureCount: data.featureCount },
      sentimentValues.map((value) => value === point),
      { ...options.sentiment, positiveWeight: 1 },
    ),
  );
  return { vocabulary, themes, sentiment };
}

interface DenseView {
  /** The rows with their scaled, centred coordinates appended. */
  rows: SparseVector[];
  projection: Projection;
  scale: number;
}

function denseView(
  rows: SparseVector[],
  featureCount: number,
  options: TrainingOptions,
): DenseView | undefined {
  if (!options.lsa || !options.nbBlend) return undefined;
  const { dimensions, scale } = options.lsa;
  const projection = fitProjection(rows, featureCount, dimensions);
  return {
    rows: rows.map((row) => withCoordinates(row, projection, featureCount, scale)),
    projection,
    scale,
  };
}

/** One theme's classifier, plain or NB-SVM, as weights on the unscaled features. */
function fitTheme(
  rows: SparseVector[],
  targets: boolean[],
  featureCount: number,
  binary: BinaryOptions,
  { nbAlpha, nbBlend }: Pick<TrainingOptions, 'nbAlpha' | 'nbBlend'>,
  dense?: DenseView,
): BinaryModel {
  if (nbAlpha === undefined) return trainBinary({ rows, featureCount }, targets, binary);
  const nb = fitNbSvm(rows, targets, featureCount, binary, nbAlpha);
  if (!nbBlend) return nb;
  const plain = dense
    ? foldBack(
        trainBinary(
          { rows: dense.rows, featureCount: featureCount + dense.projection.directions.length },
          targets,
          binary,
        ),
        dense.projection,
        featureCount,
        dense.scale,
      )
    : trainBinary({ rows, featureCount }, targets, binary);
  return blend(plain, nb, 0.5);
}

/** The NB-SVM (features scaled by their log-count ratio), as weights on the unscaled features. */
export function fitNbSvm(
  rows: SparseVector[],
  targets: boolean[],
  featureCount: number,
  binary: BinaryOptions,
  nbAlpha: number,
  /** Features from this index on (dense coordinates) keep a ratio of 1. */
  ratioUpTo = featureCount,
): BinaryModel {
  const ratio = logCountRatios(rows, targets, featureCount, nbAlpha);
  ratio.fill(1, ratioUpTo);
  const scaled = rows.map((row) => ({
    indices: row.indices,
    values: Float32Array.from(row.values, (v, k) => v * (ratio[row.indices[k] as number] as number)),
  }));
  const model = trainBinary({ rows: scaled, featureCount }, targets, binary);
  return { weights: Float32Array.from(model.weights, (w, j) => w * (ratio[j] as number)), bias: model.bias };
}

/** plainShare × plain + (1 − plainShare) × nb: still one linear model. */
export function blend(plain: BinaryModel, nb: BinaryModel, plainShare: number): BinaryModel {
  return {
    weights: Float32Array.from(
      nb.weights,
      (w, j) => plainShare * (plain.weights[j] as number) + (1 - plainShare) * w,
    ),
    bias: plainShare * plain.bias + (1 - plainShare) * nb.bias,
  };
}

/** log((p / |p|) / (q / |q|)) with p, q the smoothed counts of each feature in positives and negatives. */
function logCountRatios(
  rows: SparseVector[],
  targets: boolean[],
  featureCount: number,
  alpha: number,
): Float64Array {
  const p = new Float64Array(featureCount).fill(alpha);
  const q = new Float64Array(featureCount).fill(alpha);
  rows.forEach((row, i) => {
    const counts = targets[i] ? p : q;
    for (let k = 0; k < row.indices.length; k += 1) {
      if ((row.values[k] as number) > 0)
        counts[row.indices[k] as number] = (counts[row.indices[k] as number] as number) + 1;
    }
  });
  let pSum = 0;
  let qSum = 0;
  for (let j = 0; j < featureCount; j += 1) {
    pSum += p[j] as number;
    qSum += q[j] as number;
  }
  return Float64Array.from(p, (pj, j) => Math.log(pj / pSum / ((q[j] as number) / qSum)));
}

/** A theme coded by its cue: margin +1 when the cue matches, −1 when not; probability 0.88 or 0.12. */
export function cueOnlyHead(label: string, cueFeature: number, vocabulary: Vocabulary): ThemeHead {
  const weights = new Float32Array(vocabulary.idf.length);
  weights[cueFeature] = 2 / vocabulary.metaWeight;
  return { label, model: { weights, bias: -1 }, scale: 2, shift: 0, threshold: 0.5 };
}

export function themeOptions(targets: boolean[], options: TrainingOptions): BinaryOptions {
  const positives = Math.max(1, targets.filter(Boolean).length);
  const negatives = targets.length - positives;
  return { ...options.theme, positiveWeight: (negatives / positives) ** options.theme.balancePower };
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Platt scaling: the 1-D logistic regression of the outcome on the margin, by Newton's method. */
export function fitPlatt(margins: ArrayLike<number>, targets: boolean[]): { scale: number; shift: number } {
  const positives = targets.filter(Boolean).length;
  const negatives = targets.length - positives;
  // Platt's smoothed targets keep the fit finite when the classes separate.
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  let scale = 1;
  let shift = 0;
  for (let iteration = 0; iteration < 50; iteration += 1) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 1e-6;
    let h01 = 0;
    let h11 = 1e-6;
    for (let i = 0; i < targets.length; i += 1) {
      const m = margins[i] as number;
      const p = sigmoid(scale * m + shift);
      const t = targets[i] ? high : low;
      const r = p - t;
      const v = p * (1 - p);
      g0 += r * m;
      g1 += r;
      h00 += v * m * m;
      h01 += v * m;
      h11 += v;
    }
    const det = h00 * h11 - h01 * h01;
    const dScale = (h11 * g0 - h01 * g1) / det;
    const dShift = (h00 * g1 - h01 * g0) / det;
    scale -= dScale;
    shift -= dShift;
    if (Math.abs(dScale) + Math.abs(dShift) < 1e-9) break;
  }
  return { scale, shift };
}

/** The probability cut-off that maximises F1 on the given predictions (midway between neighbours). */
export function bestThreshold(probabilities: number[], targets: boolean[]): number {
  const order = probabilities.map((p, i) => [p, targets[i] ? 1 : 0] as const).sort((a, b) => b[0] - a[0]);
  const positives = order.reduce((sum, [, t]) => sum + t, 0);
  if (positives === 0) return 0.5;
  let truePositives = 0;
  let best = 0;
  let threshold = 0.5;
  for (let k = 0; k < order.length; k += 1) {
    truePositives += (order[k] as readonly [number, number])[1];
    const f1 = (2 * truePositives) / (k + 1 + positives);
    const here = (order[k] as readonly [number, number])[0];
    const next = order[k + 1]?.[0] ?? 0;
    if (f1 > best && here !== next) {
      best = f1;
      threshold = (here + next) / 2;
    }
  }
  return threshold;
}

export interface Prediction {
  scores: number[];
  chosen: boolean[];
  sentiment: number;
}

export function predictTrained(model: TrainedModel, comment: LabelledComment | { text: string }): Prediction {
  const row = vectorise(model.vocabulary, comment);
  const scores = model.themes.map((head) => sigmoid(head.scale * margin(head.model, row) + head.shift));
  const chosen = scores.map((score, l) => score >= (model.themes[l] as ThemeHead).threshold);
  if (!chosen.some(Boolean)) {
    // Every comment that is not the placeholder has at least one theme: take the nearest to its cut-off.
    let best = 0;
    let bestRatio = -Infinity;
    scores.forEach((score, l) => {
      const ratio = score / (model.themes[l] as ThemeHead).threshold;
      if (ratio > bestRatio) {
        bestRatio = ratio;
        best = l;
      }
    });
    chosen[best] = true;
  }
  let sentiment = 3;
  let bestMargin = -Infinity;
  model.sentiment.forEach((classifier, k) => {
    const m = margin(classifier, row);
    if (m > bestMargin) {
      bestMargin = m;
      sentiment = k + 1;
    }
  });
  return { scores, chosen, sentiment };
}
