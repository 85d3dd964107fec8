import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7, uuidv7Time } from './uuid.js';

describe('uuidv7', () => {
  it('makes valid version-7 UUIDs that carry their creation time', () => {
    const now = Date.UTC(2026, 10, 28, 12, 0, 0);
    const id = uuidv7(now);
    expect(isUuid(id)).toBe(true);
    expect(id[14]).toBe('7');
    expect(uuidv7Time(id)).toBe(now);
  });

  it('sorts in creation order even within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
