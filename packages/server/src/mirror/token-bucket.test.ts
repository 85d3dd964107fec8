import { describe, expect, it } from 'vitest';
import { parseRate, TokenBucket } from './token-bucket.js';

// A controlled clock: sleeping advances it, so the test measures the bucket's arithmetic, not the machine.
function fakeTime() {
  let now = 0;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
    elapsed: () => now,
  };
}

describe('TokenBucket', () => {
  it('lets one second of bytes through at once, then paces the rest at the rate', async () => {
    const t = fakeTime();
    const bucket = new TokenBucket(1000, t.now, t.sleep);
    await bucket.take(1000);
    expect(t.elapsed()).toBe(0);
    await bucket.take(3000);
    expect(t.elapsed()).toBe(3000);
  });

  it('serves concurrent takers in order, sharing the one rate', async () => {
    const t = fakeTime();
    const bucket = new TokenBucket(500, t.now, t.sleep);
    const order: string[] = [];
    await Promise.all([
      bucket.take(500).then(() => order.push('a')),
      bucket.take(500).then(() => order.push('b')),
      bucket.take(1000).then(() => order.push('c')),
    ]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(t.elapsed()).toBe(3000);
  });
});

describe('parseRate', () => {
  it('reads bytes per second with k, M and G suffixes', () => {
    expect(parseRate('200k')).toBe(204_800);
    expect(parseRate('1.5M')).toBe(1_572_864);
    expect(parseRate('500000')).toBe(500_000);
    expect(parseRate('2mb')).toBe(2_097_152);
    expect(() => parseRate('fast')).toThrow(/not a rate/);
    expect(() => parseRate('0')).toThrow(/above 0/);
  });
});
