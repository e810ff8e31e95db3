import { seededRandom } from './linear.ts';

/**
 * Made-up but realistic comments for tests and benchmarks, built from phrases so that any number can
 * be had without shipping the labelled data (which stays outside the repository).
 */
const openings = [
  'The staff were',
  'The paramedics were',
  'The nurse on the ward was',
  'Reception staff were',
  'The crew who came out were',
  'My doctor was',
  'Everyone I met was',
];
const qualities = [
  'kind and caring',
  'rude and dismissive',
  'very professional and knowledgeable',
  'friendly and put me at ease',
  'rushed off their feet',
  'brilliant, thank you',
];
const details = [
  'but I waited six hours for an ambulance',
  'and the ambulance arrived within ten minutes',
  'but nobody called me back when they said they would',
  'and they explained my medication clearly',
  'but the appointment was cancelled twice',
  'and the ward was spotless',
  'but the food was cold and there was nothing to do',
  'and they listened to me and my family',
  'but parking cost a fortune',
  'and I felt safe the whole time',
  'but the transport home never turned up',
  'and the discharge was well planned',
];
const questions = ['FFT Why?', 'What was good?', 'How could we improve?', 'What could we do better?', null];

export interface SampleComment {
  id: string;
  text: string;
  question: string | null;
  fft_score: number | null;
}

export function sampleComments(count: number, seed = 1): SampleComment[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, i) => ({
    id: `sample-${i + 1}`,
    text: `${pick(openings)} ${pick(qualities)} ${pick(details)}.`,
    question: pick(questions),
    fft_score: random() < 0.1 ? null : 1 + Math.floor(random() * 5),
  }));
}
