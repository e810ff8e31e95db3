import type { SparseVector } from './features.ts';

/**
 * Binary linear classifiers trained by dual coordinate descent, the method of LIBLINEAR
 * (Hsieh et al. 2008 for the L2-loss SVM; Yu, Huang and Lin 2011 for logistic regression):
 * exact, fast on sparse text and deterministic given the seed. The bias is a weight on a constant
 * feature of 1, regularised like the others.
 */
export interface TrainingRows {
  rows: SparseVector[];
  featureCount: number;
}

export interface BinaryOptions {
  /** Inverse regularisation strength. */
  c: number;
  /** Extra weight on the positive examples (rare themes). */
  positiveWeight: number;
  loss: 'logistic' | 'squared-hinge';
  epochs: number;
  seed: number;
}

export interface BinaryModel {
  weights: Float32Array;
  bias: number;
}

/** A small deterministic generator (mulberry32), so that training is repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

export function dot(weights: Float32Array | Float64Array, row: SparseVector): number {
  let sum = 0;
  for (let k = 0; k < row.indices.length; k += 1)
    sum += (weights[row.indices[k] as number] ?? 0) * (row.values[k] as number);
  return sum;
}

export function trainBinary(data: TrainingRows, labels: boolean[], options: BinaryOptions): BinaryModel {
  return options.loss === 'logistic'
    ? trainLogistic(data, labels, options)
    : trainSquaredHinge(data, labels, options);
}

function squaredNorms(rows: SparseVector[]): Float64Array {
  return Float64Array.from(rows, (row) => {
    let sum = 1; // the constant bias feature
    for (const value of row.values) sum += value * value;
    return sum;
  });
}

function trainSquaredHinge(data: TrainingRows, labels: boolean[], options: BinaryOptions): BinaryModel {
  const { rows, featureCount } = data;
  const w = new Float64Array(featureCount + 1);
  const alpha = new Float64Array(rows.length);
  const norms = squaredNorms(rows);
  const diagonal = Float64Array.from(labels, (y) => 1 / (2 * options.c * (y ? options.positiveWeight : 1)));
  const order = rows.map((_, i) => i);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffle(order, random);
    let largestStep = 0;
    for (const i of order) {
      const row = rows[i] as SparseVector;
      const y = labels[i] ? 1 : -1;
      const d = diagonal[i] as number;
      const a = alpha[i] as number;
      const gradient = y * (dot(w, row) + (w[featureCount] as number)) - 1 + d * a;
      const projected = a === 0 ? Math.min(gradient, 0) : gradient;
      if (Math.abs(projected) < 1e-12) continue;
      const next = Math.max(a - gradient / ((norms[i] as number) + d), 0);
      const step = (next - a) * y;
      alpha[i] = next;
      for (let k = 0; k < row.indices.length; k += 1) {
        const j = row.indices[k] as number;
        w[j] = (w[j] as number) + step * (row.values[k] as number);
      }
      w[featureCount] = (w[featureCount] as number) + step;
      largestStep = Math.max(largestStep, Math.abs(projected));
    }
    if (largestStep < 1e-3) break;
  }
  return { weights: Float32Array.from(w.subarray(0, featureCount)), bias: w[featureCount] as number };
}

function trainLogistic(data: TrainingRows, labels: boolean[], options: BinaryOptions): BinaryModel {
  const { rows, featureCount } = data;
  const w = new Float64Array(featureCount + 1);
  const bounds = Float64Array.from(labels, (y) => options.c * (y ? options.positiveWeight : 1));
  // alpha[2i] is the example's dual variable, alpha[2i+1] its complement (bound − alpha).
  const alpha = new Float64Array(rows.length * 2);
  for (let i = 0; i < rows.length; i += 1) {
    const bound = bounds[i] as number;
    alpha[2 * i] = Math.min(0.001 * bound, 1e-8);
    alpha[2 * i + 1] = bound - (alpha[2 * i] as number);
    const row = rows[i] as SparseVector;
    const step = (labels[i] ? 1 : -1) * (alpha[2 * i] as number);
    for (let k = 0; k < row.indices.length; k += 1) {
      const j = row.indices[k] as number;
      w[j] = (w[j] as number) + step * (row.values[k] as number);
    }
    w[featureCount] = (w[featureCount] as number) + step;
  }
  const norms = squaredNorms(rows);
  const order = rows.map((_, i) => i);
  const random = seededRandom(options.seed);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffle(order, random);
    let largestGradient = 0;
    for (const i of order) {
      const row = rows[i] as SparseVector;
      const y = labels[i] ? 1 : -1;
      const bound = bounds[i] as number;
      const a = norms[i] as number;
      const b = y * (dot(w, row) + (w[featureCount] as number));
      let first = 2 * i;
      let second = 2 * i + 1;
      let sign = 1;
      if (0.5 * a * ((alpha[second] as number) - (alpha[first] as number)) + b < 0) {
        first = 2 * i + 1;
        second = 2 * i;
        sign = -1;
      }
      const old = alpha[first] as number;
      let z = old;
      if (bound - z < 0.5 * bound) z *= 0.1;
      let gradient = a * (z - old) + sign * b + Math.log(z / (bound - z));
      largestGradient = Math.max(largestGradient, Math.abs(gradient));
      for (let inner = 0; inner < 100 && Math.abs(gradient) >= 1e-2; inner += 1) {
        const curvature = a + bound / (bound - z) / z;
        const candidate = z - gradient / curvature;
        z = candidate <= 0 ? z * 0.1 : candidate;
        gradient = a * (z - old) + sign * b + Math.log(z / (bound - z));
      }
      alpha[first] = z;
      alpha[second] = bound - z;
      const step = sign * (z - old) * y;
      for (let k = 0; k < row.indices.length; k += 1) {
        const j = row.indices[k] as number;
        w[j] = (w[j] as number) + step * (row.values[k] as number);
      }
      w[featureCount] = (w[featureCount] as number) + step;
    }
    if (largestGradient < 1e-2) break;
  }
  return { weights: Float32Array.from(w.subarray(0, featureCount)), bias: w[featureCount] as number };
}

export function margin(model: BinaryModel, row: SparseVector): number {
  return dot(model.weights, row) + model.bias;
}
