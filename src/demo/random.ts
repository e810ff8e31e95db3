/**
 * A small seeded pseudo-random generator (mulberry32), so that the same seed always builds the
 * same demo trust. Not for anything secret.
 */
export interface Random {
  /** A number from 0 (inclusive) to 1 (exclusive). */
  next(): number;
  /** A whole number from `min` to `max`, both inclusive. */
  integer(min: number, max: number): number;
  /** The items in a shuffled order; the array given is left alone. */
  shuffle<T>(items: readonly T[]): T[];
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const integer = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    integer,
    shuffle<T>(items: readonly T[]) {
      const shuffled = [...items];
      // Fisher–Yates, walking down from the end.
      for (let i = shuffled.length - 1; i > 0; i -= 1) {
        const j = integer(0, i);
        [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
      }
      return shuffled;
    },
  };
}

/** One of the items, each as likely as the others. */
export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[random.integer(0, items.length - 1)];
  if (item === undefined) throw new Error('There is nothing to pick from');
  return item;
}

/** One of the choices, each as likely as its weight says. */
export function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  let draw = random.next() * choices.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [choice, weight] of choices) {
    draw -= weight;
    if (draw < 0) return choice;
  }
  const [first] = choices;
  if (!first) throw new Error('There is nothing to choose from');
  return first[0];
}
