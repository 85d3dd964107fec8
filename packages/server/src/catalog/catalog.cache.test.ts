import { CatalogQuery } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.js';
import { CatalogCache } from './catalog.cache.js';
import { normalizeCatalogQuery } from './catalog.service.js';

describe('CatalogCache', () => {
  it('serves an answer until its tenant publishes or it grows old', () => {
    const clock = new ManualClock();
    const cache = new CatalogCache(clock, { ttlMs: 5_000 });
    cache.set('t1', 'q', cache.generation('t1'), 'one');
    cache.set('t2', 'q', cache.generation('t2'), 'two');
    expect(cache.get('t1', 'q')).toBe('one');
    cache.invalidate('t1');
    expect(cache.get('t1', 'q')).toBeUndefined();
    expect(cache.get('t2', 'q')).toBe('two');
    clock.advance(5_000);
    expect(cache.get('t2', 'q')).toBeUndefined();
  });

  it('drops an answer computed while a publication happened', () => {
    const cache = new CatalogCache(new ManualClock());
    const before = cache.generation('t');
    cache.invalidate('t'); // a publish lands while the slow read runs
    cache.set('t', 'q', before, 'stale');
    expect(cache.get('t', 'q')).toBeUndefined();
  });

  it('forgets the oldest answers beyond its size', () => {
    const cache = new CatalogCache(new ManualClock(), { maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) cache.set('t', key, 0, key);
    expect(cache.size).toBe(2);
    expect(cache.get('t', 'a')).toBeUndefined();
    expect(cache.get('t', 'c')).toBe('c');
  });
});

describe('catalog query normalization', () => {
  const key = (q: Record<string, unknown>) => JSON.stringify(normalizeCatalogQuery(CatalogQuery.parse(q)));
  const a = '0190f5d2-7c4e-7a00-8000-000000000001';
  const b = '0190f5d2-7c4e-7a00-8000-000000000002';

  it('gives equal queries one cache key', () => {
    expect(key({ grade: [a, b], q: '  Water  SAFETY ' })).toBe(key({ grade: [b, a, b], q: 'safety water' }));
    expect(key({ grade: a })).toBe(key({ grade: [a] }));
    expect(key({ page: '2' })).toBe(key({ page: 2 }));
  });

  it('keeps different queries apart', () => {
    expect(key({ grade: a })).not.toBe(key({ subject: a }));
    expect(key({ sort: 'newest' })).not.toBe(key({}));
  });
});
