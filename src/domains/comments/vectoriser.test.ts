import { describe, expect, it } from 'vitest';
import { type CommentInput, termsOf } from './features.ts';
import { sampleComments } from './sample-comments.ts';
import { fitVocabulary, vectorise } from './vectoriser.ts';

/** The plain reading: every term built as a string and looked up by name. */
function plainVector(vocabulary: ReturnType<typeof fitVocabulary>, input: CommentInput): Map<number, number> {
  const terms = termsOf(input, vocabulary.charGrams);
  const result = new Map<number, number>();
  for (const [prefix, block] of [
    ['w:', terms.word],
    ['c:', terms.char],
  ] as const) {
    const counts = new Map<number, number>();
    for (const term of block) {
      const i = vocabulary.index.get(prefix + term);
      if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    const weighted = [...counts].map(([i, n]) => [i, (1 + Math.log(n)) * (vocabulary.idf[i] ?? 0)] as const);
    const norm = Math.sqrt(weighted.reduce((sum, [, v]) => sum + v * v, 0)) || 1;
    for (const [i, v] of weighted) result.set(i, v / norm);
  }
  for (const term of terms.meta) {
    const i = vocabulary.index.get(`m:${term}`);
    if (i !== undefined) result.set(i, vocabulary.metaWeight);
  }
  return result;
}

describe('a comment’s features', () => {
  const comments = [
    ...sampleComments(300, 5).map((c) => ({ text: c.text, question: c.question, fftScore: c.fft_score })),
    { text: 'Nothing.', question: 'How could we improve?', fftScore: 1 },
    { text: 'A&E — waited, waited and WAITED!!', question: null, fftScore: null },
  ];
  const vocabulary = fitVocabulary(comments.slice(0, 200));

  it('are the same found by hashing as by looking up each term by name', () => {
    for (const comment of comments) {
      const fast = vectorise(vocabulary, comment);
      const found = new Map([...fast.indices].map((i, k) => [i, fast.values[k] ?? 0]));
      const plain = plainVector(vocabulary, comment);
      expect([...found.keys()].sort((a, b) => a - b)).toEqual([...plain.keys()].sort((a, b) => a - b));
      for (const [i, value] of plain) expect(found.get(i)).toBeCloseTo(value, 5);
    }
  });
});
