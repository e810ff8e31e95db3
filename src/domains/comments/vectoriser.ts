import {
  type CharGrams,
  type CommentInput,
  defaultCharGrams,
  metaTerms,
  type SparseVector,
  termsOf,
  words,
} from './features.ts';
import { hashStart, hashText, stepA, stepB, type TermHashes, TermTable } from './term-hash.ts';

/**
 * The vocabulary and inverse document frequencies learnt from training comments, and how a comment
 * becomes a sparse vector with them. Word and character blocks are each scaled to unit length so that
 * neither swamps the other; meta markers are binary with a fixed weight.
 */
export interface Vocabulary {
  /** Term → feature index. Terms carry their block's prefix: "w:", "c:" or "m:". */
  index: Map<string, number>;
  idf: Float32Array;
  metaWeight: number;
  charGrams: CharGrams;
}

export interface VocabularyOptions {
  minDocumentFrequency: number;
  metaWeight: number;
  /** Keep at most this many terms per block, the most frequent first (ties by term). */
  maxWordTerms: number;
  maxCharTerms: number;
  charGrams: CharGrams;
}

export const defaultVocabularyOptions: VocabularyOptions = {
  minDocumentFrequency: 2,
  metaWeight: 0.5,
  maxWordTerms: 40_000,
  maxCharTerms: 60_000,
  charGrams: defaultCharGrams,
};

function prefixedTerms(input: CommentInput, grams: CharGrams): string[][] {
  const { word, char, meta } = termsOf(input, grams);
  return [word.map((t) => `w:${t}`), char.map((t) => `c:${t}`), meta.map((t) => `m:${t}`)];
}

export function fitVocabulary(
  comments: CommentInput[],
  options: VocabularyOptions = defaultVocabularyOptions,
): Vocabulary {
  const documentFrequency = new Map<string, number>();
  for (const comment of comments) {
    for (const block of prefixedTerms(comment, options.charGrams)) {
      for (const term of new Set(block)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const byBlock: Record<string, [string, number][]> = { w: [], c: [], m: [] };
  for (const [term, df] of documentFrequency) {
    if (df >= options.minDocumentFrequency || term.startsWith('m:'))
      byBlock[term[0] as string]?.push([term, df]);
  }
  const order = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);
  const kept = [
    ...(byBlock.w ?? []).sort(order).slice(0, options.maxWordTerms),
    ...(byBlock.c ?? []).sort(order).slice(0, options.maxCharTerms),
    ...(byBlock.m ?? []).sort(order),
  ].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const index = new Map<string, number>();
  const idf = new Float32Array(kept.length);
  const n = comments.length;
  kept.forEach(([term, df], i) => {
    index.set(term, i);
    idf[i] = Math.log((1 + n) / (1 + df)) + 1;
  });
  return { index, idf, metaWeight: options.metaWeight, charGrams: options.charGrams };
}

interface LookUp {
  table: TermTable;
  meta: Map<string, number>;
  wordStart: TermHashes;
  charStart: TermHashes;
  /** Scratch counts by feature, returned to zero after each comment. */
  counts: Float64Array;
}

const lookUps = new WeakMap<Vocabulary, LookUp>();

function lookUpFor(vocabulary: Vocabulary): LookUp {
  let found = lookUps.get(vocabulary);
  if (!found) {
    const meta = new Map<string, number>();
    for (const [term, i] of vocabulary.index) if (term.startsWith('m:')) meta.set(term.slice(2), i);
    found = {
      table: new TermTable(vocabulary.index, vocabulary.index.size),
      meta,
      wordStart: hashText(hashStart, 'w:'),
      charStart: hashText(hashStart, 'c:'),
      counts: new Float64Array(vocabulary.idf.length),
    };
    lookUps.set(vocabulary, found);
  }
  return found;
}

function countFeature(feature: number, counts: Float64Array, indices: number[]): void {
  if (feature < 0) return;
  if (counts[feature] === 0) indices.push(feature);
  counts[feature] = (counts[feature] as number) + 1;
}

/** Turns the counts of the features from `first` on into unit-length TF-IDF values, and clears them. */
function closeBlock(
  first: number,
  counts: Float64Array,
  idf: Float32Array,
  indices: number[],
  values: number[],
): void {
  let norm = 0;
  for (let k = first; k < indices.length; k += 1) {
    const feature = indices[k] as number;
    const value = (1 + Math.log(counts[feature] as number)) * (idf[feature] as number);
    counts[feature] = 0;
    values.push(value);
    norm += value * value;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = first; k < values.length; k += 1) values[k] = (values[k] as number) / norm;
}

const space = 32;

/** The comment as TF-IDF weighted word and character blocks, each of unit length, and meta markers. */
export function vectorise(vocabulary: Vocabulary, input: CommentInput): SparseVector {
  const look = lookUpFor(vocabulary);
  const grams = vocabulary.charGrams;
  const tokens = words(input.text);
  const indices: number[] = [];
  const values: number[] = [];
  const { counts, table } = look;
  const { idf } = vocabulary;
  if (grams.acrossWords || grams.questionWords) {
    // Feature variants kept for experiments go the slow, plain way.
    const terms = termsOf(input, grams);
    for (const term of terms.word) countFeature(vocabulary.index.get(`w:${term}`) ?? -1, counts, indices);
    closeBlock(0, counts, idf, indices, values);
    const first = indices.length;
    for (const term of terms.char) countFeature(vocabulary.index.get(`c:${term}`) ?? -1, counts, indices);
    closeBlock(first, counts, idf, indices, values);
  } else {
    let previous: TermHashes | undefined;
    for (const token of tokens) {
      const unigram = hashText(look.wordStart, token);
      countFeature(table.find(unigram.a, unigram.b), counts, indices);
      if (previous) {
        const bigram = hashText(hashText(previous, ' '), token);
        countFeature(table.find(bigram.a, bigram.b), counts, indices);
      }
      previous = unigram;
    }
    closeBlock(0, counts, idf, indices, values);
    const first = indices.length;
    for (const token of tokens) {
      // The padded word " token ", read without building it.
      const length = token.length + 2;
      for (let start = 0; start + grams.smallest <= length; start += 1) {
        let a = look.charStart.a;
        let b = look.charStart.b;
        for (let size = 1; size <= grams.largest && start + size <= length; size += 1) {
          const at = start + size - 1;
          const code = at === 0 || at === length - 1 ? space : token.charCodeAt(at - 1);
          a = stepA(a, code);
          b = stepB(b, code);
          if (size >= grams.smallest) countFeature(table.find(a, b), counts, indices);
        }
      }
    }
    closeBlock(first, counts, idf, indices, values);
  }
  for (const term of new Set(metaTerms(input, tokens.length, grams))) {
    const i = look.meta.get(term);
    if (i !== undefined) {
      indices.push(i);
      values.push(vocabulary.metaWeight);
    }
  }
  return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
}
