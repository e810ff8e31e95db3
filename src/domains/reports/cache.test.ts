import { describe, expect, it } from 'vitest';
import { figuresCache } from './cache.ts';

describe('figuresCache', () => {
  it('shares one computation between readers until it is older than its seconds, then computes again', async () => {
    let time = 0;
    let computed = 0;
    const cache = figuresCache(60, () => time);
    const compute = async () => {
      computed += 1;
      return computed;
    };
    expect(await Promise.all([cache.get('a', compute), cache.get('a', compute)])).toEqual([1, 1]);
    time = 59_999;
    expect(await cache.get('a', compute)).toBe(1);
    time = 60_000;
    expect(await cache.get('a', compute)).toBe(2);
    expect(await cache.get('b', compute)).toBe(3);
  });

  it('keeps nothing when its seconds are 0, and forgets a computation that failed', async () => {
    let computed = 0;
    const never = figuresCache(0);
    await never.get('a', async () => (computed += 1));
    await never.get('a', async () => (computed += 1));
    expect(computed).toBe(2);
    const cache = figuresCache(60);
    await expect(cache.get('a', () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down',
    );
    expect(await cache.get('a', async () => 'fine')).toBe('fine');
  });
});
