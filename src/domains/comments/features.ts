/**
 * How a comment becomes numbers for the theme and sentiment models: word 1–2-grams and character
 * 2–5-grams within words (each block TF-IDF weighted with sublinear term frequency and scaled to unit
 * length), plus markers for the question answered and the FFT score given. Pure functions: the
 * training script and the prediction path share them, so a model sees the same features in both.
 */

import { cueTerms } from './theme-cues.ts';

export interface CommentInput {
  text: string;
  question?: string | null;
  fftScore?: number | null;
}

/** A sparse vector: feature indices (each once, in no particular order) and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** The words of a comment, lower-cased, apostrophes dropped ("don’t" → "dont"). */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/['’‘`]/g, '')
      .match(/[a-z0-9]+/g) ?? []
  );
}

/** Which character n-grams to take: sizes, and whether they run across word boundaries. */
export interface CharGrams {
  smallest: number;
  largest: number;
  acrossWords: boolean;
  /** Also take each word paired with the kind of question it answered ("improve|nothing"). */
  questionWords?: boolean;
  /** Add a marker for each theme cue the text matches (theme-cues.ts). */
  cues?: boolean;
}

export const defaultCharGrams: CharGrams = { smallest: 2, largest: 5, acrossWords: false };

/** The terms of each block: words with their bigrams, and character n-grams of the words. */
export function termsOf(
  input: CommentInput,
  grams: CharGrams = defaultCharGrams,
): { word: string[]; char: string[]; meta: string[] } {
  const tokens = words(input.text);
  const word: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    word.push(tokens[i] as string);
    if (i + 1 < tokens.length) word.push(`${tokens[i]} ${tokens[i + 1]}`);
  }
  if (grams.questionWords) {
    const kind = questionKind(input.question);
    for (const token of tokens) word.push(`${kind}|${token}`);
  }
  const char: string[] = [];
  const pieces = grams.acrossWords ? [` ${tokens.join(' ')} `] : tokens.map((token) => ` ${token} `);
  for (const padded of pieces) {
    for (let size = grams.smallest; size <= grams.largest; size += 1) {
      for (let start = 0; start + size <= padded.length; start += 1)
        char.push(padded.slice(start, start + size));
    }
  }
  return { word, char, meta: metaTerms(input, tokens.length, grams) };
}

/** What is known besides the words: the question (by its kind), the FFT score, the length. */
export function metaTerms(
  input: CommentInput,
  wordCount: number,
  grams: CharGrams = defaultCharGrams,
): string[] {
  const meta = [`q:${questionKind(input.question)}`, `fft:${fftMarker(input.fftScore)}`];
  meta.push(`len:${wordCount <= 2 ? 'tiny' : wordCount <= 8 ? 'short' : wordCount <= 30 ? 'mid' : 'long'}`);
  meta.push(`q:${questionKind(input.question)}|fft:${fftMarker(input.fftScore)}`);
  if (grams.cues) meta.push(...cueTerms(input.text));
  return meta;
}

/** Survey questions grouped by what they ask for, so new wordings of the same question still count. */
export function questionKind(question: string | null | undefined): string {
  const q = (question ?? '').toLowerCase();
  if (!q) return 'none';
  if (/dissatisfied/.test(q)) return 'either';
  if (/improve|better|change|different/.test(q)) return 'improve';
  if (/good|well|like|best|satisfied/.test(q)) return 'good';
  if (/why/.test(q)) return 'why';
  return 'other';
}

function fftMarker(score: number | null | undefined): string {
  return typeof score === 'number' && score >= 1 && score <= 6 ? String(Math.round(score)) : 'none';
}
