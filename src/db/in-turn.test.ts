import { describe, expect, it } from 'vitest';
import { inTurn } from './tenancy.ts';

describe('inTurn', () => {
  it('starts each read only when the one before has finished, and gives the results in order', async () => {
    const events: string[] = [];
    const read = (name: string, milliseconds: number) => async () => {
      events.push(`start ${name}`);
      await new Promise((done) => setTimeout(done, milliseconds));
      events.push(`end ${name}`);
      return name.length;
    };
    const [first, second, third] = await inTurn(read('slow', 30), read('quick', 1), () =>
      Promise.resolve('plain'),
    );
    expect([first, second, third]).toEqual([4, 5, 'plain']);
    expect(events).toEqual(['start slow', 'end slow', 'start quick', 'end quick']);
  });

  it('stops at a read that fails, starting none after it', async () => {
    let started = 0;
    const failing = inTurn(
      () => Promise.reject(new Error('refused')),
      async () => {
        started += 1;
      },
    );
    await expect(failing).rejects.toThrow('refused');
    expect(started).toBe(0);
  });
});
