import { describe, expect, it } from 'vitest';
import { statementsUrl } from './forwarding.client.js';
import { backoffMs } from './forwarding.worker.js';

describe('forwarding helpers', () => {
  it('backs off exponentially from the base, up to the cap', () => {
    const o = { baseBackoffMs: 1_000, maxBackoffMs: 60_000 };
    expect([1, 2, 3, 4, 6, 7, 50].map((n) => backoffMs(n, o))).toEqual([
      1_000, 2_000, 4_000, 8_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('finds the statements resource under any spelling of the endpoint', () => {
    expect(statementsUrl('https://lrs.example/xapi')).toBe('https://lrs.example/xapi/statements');
    expect(statementsUrl('https://lrs.example/xapi/')).toBe('https://lrs.example/xapi/statements');
    expect(statementsUrl('https://lrs.example/xapi/statements')).toBe('https://lrs.example/xapi/statements');
  });
});
