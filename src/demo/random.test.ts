import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.ts';

const draws = (seed: number, count = 5) => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => random.next());
};

describe('seededRandom', () => {
  it('gives the same numbers for the same seed', () => {
    expect(draws(42)).toEqual(draws(42));
  });

  it('gives different numbers for different seeds', () => {
    expect(draws(1)).not.toEqual(draws(2));
  });

  it('keeps every number from 0 up to but not including 1', () => {
    const values = draws(7, 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
  });

  it('draws whole numbers across the whole range asked for, ends included', () => {
    const random = seededRandom(3);
    const seen = new Set(Array.from({ length: 1_000 }, () => random.integer(2009, 2016)));
    expect([...seen].sort()).toEqual([2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016]);
  });

  it('shuffles into the same order for the same seed, keeping every item and leaving the original alone', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'];
    const shuffled = seededRandom(9).shuffle(items);
    expect(shuffled).toEqual(seededRandom(9).shuffle(items));
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });
});
