import {
  type CharGrams,
  type CommentInput,
  defaultCharGrams,
  type SparseVector,
  termsOf,
} from './features.ts';

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

export function vectorise(vocabulary: Vocabulary, input: CommentInput): SparseVector {
  const entries = new Map<number, number>();
  const [wordTerms, charTerms, metaTerms] = prefixedTerms(input, vocabulary.charGrams);
  for (const block of [wordTerms, charTerms]) {
    const counts = new Map<number, number>();
    for (const term of block ?? []) {
      const i = vocabulary.index.get(term);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    let norm = 0;
    const weighted: [number, number][] = [];
    for (const [i, count] of counts) {
      const value = (1 + Math.log(count)) * (vocabulary.idf[i] ?? 1);
      weighted.push([i, value]);
      norm += value * value;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [i, value] of weighted) entries.set(i, value / norm);
  }
  for (const term of metaTerms ?? []) {
    const i = vocabulary.index.get(term);
    if (i !== undefined) entries.set(i, vocabulary.metaWeight);
  }
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  return {
    indices: Int32Array.from(sorted, ([i]) => i),
    values: Float32Array.from(sorted, ([, v]) => v),
  };
}
