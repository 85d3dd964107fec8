import { describe, expect, it } from 'vitest';
import { ClockDriftError, Hlc, compareHlc, formatHlc, hlcNode, parseHlc } from './hlc.js';
import { compareVectors, lacks, mergeVectors, missingRanges } from './vector.js';

describe('hybrid logical clock', () => {
  it('issues increasing stamps even when the wall clock stands still or goes back', () => {
    let now = 1000;
    const clock = new Hlc('n1', { now: () => now });
    const a = clock.send();
    const b = clock.send();
    now = 500;
    const c = clock.send();
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, c)).toBe(-1);
    expect(parseHlc(c)).toEqual({ ms: 1000, counter: 2, node: 'n1' });
  });

  it('moves past a stamp received from a peer, and sorts as text', () => {
    const clock = new Hlc('n1', { now: () => 1000 });
    const remote = formatHlc({ ms: 2000, counter: 7, node: 'n2' });
    clock.receive(remote);
    const next = clock.send();
    expect(next > remote).toBe(true);
    expect(hlcNode(next)).toBe('n1');
    expect(parseHlc(next)).toEqual({ ms: 2000, counter: 8, node: 'n1' });
  });

  it('refuses to follow a clock too far ahead, and stays where it was', () => {
    const clock = new Hlc('n1', { now: () => 1000, maxDriftMs: 60_000 });
    const before = clock.current();
    expect(() => clock.receive(formatHlc({ ms: 1000 + 61_000, counter: 0, node: 'n2' }))).toThrow(
      ClockDriftError,
    );
    expect(clock.current()).toBe(before);
  });

  it('restores from the last persisted stamp', () => {
    const last = formatHlc({ ms: 9000, counter: 3, node: 'n1' });
    const clock = new Hlc('n1', { now: () => 10, last });
    expect(clock.send() > last).toBe(true);
    expect(() => parseHlc('nonsense')).toThrow();
  });
});

describe('version vectors', () => {
  it('compares, merges and finds what the other side lacks', () => {
    expect(compareVectors({ a: 2, b: 1 }, { a: 1 })).toBe('after');
    expect(compareVectors({ a: 1 }, { b: 1 })).toBe('concurrent');
    expect(compareVectors({ a: 1 }, { a: 1 })).toBe('equal');
    expect(mergeVectors({ a: 2 }, { a: 1, b: 3 })).toEqual({ a: 2, b: 3 });
    expect(missingRanges({ a: 5, b: 2 }, { a: 3, b: 2 })).toEqual({ a: 3 });
    expect(lacks({ a: 3 }, 'a', 4)).toBe(true);
    expect(lacks({ a: 3 }, 'b', 1)).toBe(true);
    expect(lacks({ a: 3 }, 'a', 3)).toBe(false);
  });
});
