import { describe, expect, it } from 'vitest';
import { LiveRelay } from './cinema.live.js';

describe('the phone remote relay', () => {
  it('hands a waiting console the keys pressed after the last one it saw', async () => {
    const relay = new LiveRelay();
    relay.open('t1', 'run');
    const waiting = relay.wait('t1', 'run', 0, 10_000);
    relay.push('t1', 'run', 'next');
    expect(await waiting).toEqual({ commands: [{ seq: 1, key: 'next' }], latest: 1 });
    relay.push('t1', 'run', 'pause');
    expect(await relay.wait('t1', 'run', 1, 0)).toEqual({ commands: [{ seq: 2, key: 'pause' }], latest: 2 });
  });

  it('keeps runs and tenants apart: keys reach only a run its console opened in the same tenant', async () => {
    const relay = new LiveRelay();
    relay.open('t1', 'run');
    relay.open('t1', 'other');
    expect(relay.push('t2', 'run', 'next')).toBeNull();
    expect(await relay.wait('t2', 'run', 0, 0)).toBeNull();
    relay.push('t1', 'run', 'next');
    expect(await relay.wait('t1', 'other', 0, 5)).toEqual({ commands: [], latest: 0 });
  });

  it('keeps only the last fifty commands of a run', async () => {
    const relay = new LiveRelay();
    relay.open('t1', 'run');
    for (let i = 0; i < 60; i++) relay.push('t1', 'run', 'next');
    const { commands, latest } = (await relay.wait('t1', 'run', 0, 0)) ?? { commands: [], latest: -1 };
    expect([commands.length, commands[0]?.seq, latest]).toEqual([50, 11, 60]);
  });
});
