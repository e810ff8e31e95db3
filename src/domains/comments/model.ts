import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { type CommentInput, words } from './features.ts';
import type { TrainedModel } from './training.ts';
import { type Vocabulary, vectorise } from './vectoriser.ts';

/**
 * The committed model file: the vocabulary, and for each theme and each sentiment point a linear
 * classifier whose weights are quantised to 8 bits (one scale per classifier), gzipped JSON. Loading
 * turns it into one feature-major weight matrix, so predicting a comment touches each of its features
 * once for every classifier.
 */
export const modelFileUrl = new URL('./themes-model.json.gz', import.meta.url);
export const modelFormat = 'heard-themes-model/1';

/** Comments that say nothing: the survey placeholder, an empty answer. */
export function isNoComment(text: string): boolean {
  return words(text).length === 0 || /^\s*did not answer\.?\s*$/i.test(text);
}

const fileSchema = z.object({
  format: z.literal(modelFormat),
  version: z.string(),
  trainedOn: z.object({ comments: z.number(), sha256: z.string() }),
  crossValidation: z.record(z.string(), z.unknown()).optional(),
  features: z.object({
    terms: z.array(z.string()),
    idf: z.string(),
    idfScale: z.number(),
    metaWeight: z.number(),
    charGrams: z.object({
      smallest: z.number(),
      largest: z.number(),
      acrossWords: z.boolean(),
      questionWords: z.boolean().optional(),
      cues: z.boolean().optional(),
    }),
  }),
  themes: z.array(
    z.object({
      label: z.string(),
      weights: z.string(),
      weightScale: z.number(),
      bias: z.number(),
      scale: z.number(),
      shift: z.number(),
      threshold: z.number(),
    }),
  ),
  sentiment: z.array(z.object({ weights: z.string(), weightScale: z.number(), bias: z.number() })),
});
export type ModelFile = z.infer<typeof fileSchema>;

export interface ThemeModel {
  version: string;
  labels: string[];
  vocabulary: Vocabulary;
  /**
   * Feature-major and sparse (most quantised weights are zero): feature f's non-zero weights are
   * weights[offsets[f]] … weights[offsets[f + 1] − 1], for heads heads[…]; heads are the themes, then
   * sentiment 1…5.
   */
  offsets: Int32Array;
  heads: Uint8Array;
  weights: Float32Array;
  headCount: number;
  bias: Float32Array;
  platt: { scale: number; shift: number; threshold: number }[];
}

export interface CommentCoding {
  labels: string[];
  /** 1 very positive … 5 very negative; null when there is no comment to code. */
  sentiment: number | null;
  scores: Record<string, number>;
}

function quantise(weights: Float32Array): { weights: string; weightScale: number } {
  let largest = 0;
  for (const w of weights) largest = Math.max(largest, Math.abs(w));
  const weightScale = largest / 127 || 1;
  const bytes = Int8Array.from(weights, (w) => Math.round(w / weightScale));
  return { weights: Buffer.from(bytes.buffer).toString('base64'), weightScale };
}

function dequantise(encoded: string, scale: number, length: number): Float32Array {
  const bytes = new Int8Array(Buffer.from(encoded, 'base64'));
  if (bytes.length !== length)
    throw new Error('The themes model file is damaged: a weight list has the wrong length.');
  return Float32Array.from(bytes, (b) => b * scale);
}

/**
 * Builds the file from a trained model, keeping only features that carry weight after quantisation
 * (dropping a feature then changes nothing but the idf list), so the file stays small.
 */
export function modelFile(
  trained: TrainedModel,
  trainedOn: ModelFile['trainedOn'],
  crossValidation: Record<string, unknown>,
): { file: ModelFile; bytes: Buffer } {
  const heads = [...trained.themes.map((head) => head.model), ...trained.sentiment];
  const quantised = heads.map((head) => quantise(head.weights));
  const decoded = quantised.map((q) => new Int8Array(Buffer.from(q.weights, 'base64')));
  const terms = [...trained.vocabulary.index.entries()].sort((a, b) => a[1] - b[1]);
  const kept = terms.filter(([term, i]) => term.startsWith('m:') || decoded.some((d) => d[i] !== 0));
  const keptIndex = kept.map(([, i]) => i);
  const pick = (d: Int8Array) =>
    Buffer.from(Int8Array.from(keptIndex, (i) => d[i] ?? 0).buffer).toString('base64');
  let largestIdf = 0;
  for (const i of keptIndex) largestIdf = Math.max(largestIdf, trained.vocabulary.idf[i] ?? 0);
  const idfScale = largestIdf / 65535 || 1;
  const idf = Uint16Array.from(keptIndex, (i) => Math.round((trained.vocabulary.idf[i] ?? 0) / idfScale));
  const body = {
    format: modelFormat as typeof modelFormat,
    trainedOn,
    crossValidation,
    features: {
      terms: kept.map(([term]) => term),
      idf: Buffer.from(idf.buffer).toString('base64'),
      idfScale,
      metaWeight: trained.vocabulary.metaWeight,
      charGrams: { ...trained.vocabulary.charGrams },
    },
    themes: trained.themes.map((head, l) => ({
      label: head.label,
      weights: pick(decoded[l] as Int8Array),
      weightScale: (quantised[l] as { weightScale: number }).weightScale,
      bias: head.model.bias,
      scale: head.scale,
      shift: head.shift,
      threshold: head.threshold,
    })),
    sentiment: trained.sentiment.map((head, k) => {
      const h = trained.themes.length + k;
      return {
        weights: pick(decoded[h] as Int8Array),
        weightScale: (quantised[h] as { weightScale: number }).weightScale,
        bias: head.bias,
      };
    }),
  };
  // The version names the weights themselves, so the same data and code give the same version.
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12);
  const file: ModelFile = { ...body, version: `themes-1.${digest}` };
  return { file, bytes: gzipSync(JSON.stringify(file), { level: 9 }) };
}

export function parseModel(bytes: Buffer): ThemeModel {
  const file = fileSchema.parse(JSON.parse(gunzipSync(bytes).toString('utf8')));
  const { terms } = file.features;
  const idfBytes = Buffer.from(file.features.idf, 'base64');
  const idfValues = new Uint16Array(idfBytes.buffer, idfBytes.byteOffset, idfBytes.length / 2);
  const vocabulary: Vocabulary = {
    index: new Map(terms.map((term, i) => [term, i])),
    idf: Float32Array.from(idfValues, (v) => v * file.features.idfScale),
    metaWeight: file.features.metaWeight,
    charGrams: file.features.charGrams,
  };
  const columns = [...file.themes, ...file.sentiment].map((head) =>
    dequantise(head.weights, head.weightScale, terms.length),
  );
  const headCount = columns.length;
  const offsets = new Int32Array(terms.length + 1);
  const nonZeroHeads: number[] = [];
  const nonZeroWeights: number[] = [];
  for (let f = 0; f < terms.length; f += 1) {
    offsets[f] = nonZeroWeights.length;
    columns.forEach((column, h) => {
      const weight = column[f] as number;
      if (weight !== 0) {
        nonZeroHeads.push(h);
        nonZeroWeights.push(weight);
      }
    });
  }
  offsets[terms.length] = nonZeroWeights.length;
  return {
    version: file.version,
    labels: file.themes.map((head) => head.label),
    vocabulary,
    offsets,
    heads: Uint8Array.from(nonZeroHeads),
    weights: Float32Array.from(nonZeroWeights),
    headCount,
    bias: Float32Array.from([...file.themes, ...file.sentiment], (head) => head.bias),
    platt: file.themes.map(({ scale, shift, threshold }) => ({ scale, shift, threshold })),
  };
}

let shipped: ThemeModel | undefined;

/** The model committed with Heard, read once. */
export function shippedModel(): ThemeModel {
  shipped ??= parseModel(readFileSync(modelFileUrl));
  return shipped;
}

export function loadModel(path: string | URL): ThemeModel {
  return parseModel(readFileSync(path));
}

/** Codes one comment: the themes over their cut-offs (at least one), every theme's probability, sentiment. */
export function codeComment(model: ThemeModel, input: CommentInput): CommentCoding {
  if (isNoComment(input.text)) return { labels: [], sentiment: null, scores: {} };
  const row = vectorise(model.vocabulary, input);
  const sums = Float64Array.from(model.bias);
  const { offsets, heads, weights } = model;
  for (let k = 0; k < row.indices.length; k += 1) {
    const feature = row.indices[k] as number;
    const value = row.values[k] as number;
    const end = offsets[feature + 1] as number;
    for (let j = offsets[feature] as number; j < end; j += 1) {
      const h = heads[j] as number;
      sums[h] = (sums[h] as number) + (weights[j] as number) * value;
    }
  }
  const scores: Record<string, number> = {};
  const labels: string[] = [];
  let nearest = 0;
  let nearestRatio = -Infinity;
  for (let l = 0; l < model.platt.length; l += 1) {
    const { scale, shift, threshold } = model.platt[l] as ThemeModel['platt'][number];
    const probability = 1 / (1 + Math.exp(-(scale * (sums[l] as number) + shift)));
    const label = model.labels[l] as string;
    scores[label] = Math.round(probability * 1000) / 1000;
    if (probability >= threshold) labels.push(label);
    if (probability / threshold > nearestRatio) {
      nearestRatio = probability / threshold;
      nearest = l;
    }
  }
  // Every real comment says something: when no theme reaches its cut-off, take the closest.
  if (labels.length === 0) labels.push(model.labels[nearest] as string);
  let sentiment = 1;
  for (let k = 1; k < 5; k += 1) {
    if ((sums[model.labels.length + k] as number) > (sums[model.labels.length + sentiment - 1] as number))
      sentiment = k + 1;
  }
  return { labels, sentiment, scores };
}
