import { describe, expect, it } from 'vitest';
import { backoffMs, Outbox, type OutboxEvent, type SendOutcome } from './outbox-engine.js';
import { memoryOutboxStore } from './outbox-store.js';

const amina = { slug: 'school', userId: 'amina' };
const tomas = { slug: 'school', userId: 'tomas' };

function harness(answer: (owner: string, keys: string[]) => SendOutcome) {
  const store = memoryOutboxStore();
  let time = 0;
  const sent: string[] = [];
  const events: OutboxEvent[] = [];
  const outbox = new Outbox({ store, now: () => time, random: () => 0 });
  outbox.register('statement', {
    batchSize: 10,
    send: (owner, records) => {
      const outcome = answer(
        owner.userId,
        records.map((r) => r.key),
      );
      if (outcome.kind === 'sent') sent.push(...records.map((r) => r.key));
      return Promise.resolve(outcome);
    },
  });
  outbox.subscribe((event) => events.push(event));
  return { store, outbox, sent, events, advance: (ms: number) => (time += ms) };
}

describe('outbox engine', () => {
  it('waits for a learner without credentials without holding up another learner', async () => {
    let aminaSignedIn = false;
    const h = harness((owner) =>
      owner === 'amina' && !aminaSignedIn ? { kind: 'unauthorised', error: 'signed_out' } : { kind: 'sent' },
    );
    await h.outbox.enqueue(amina, 'statement', 'a1', {});
    await h.outbox.enqueue(tomas, 'statement', 't1', {});
    await h.outbox.sync();
    expect(h.sent).toEqual(['t1']);
    h.advance(86_400_000);
    await h.outbox.sync();
    expect(h.sent).toEqual(['t1']);
    aminaSignedIn = true;
    await h.outbox.sync({ fresh: true });
    expect(h.sent).toEqual(['t1', 'a1']);
    expect(await h.store.all()).toEqual([]);
  });

  it('sets aside the records the server refused in a batch it otherwise took, and reports results', async () => {
    const h = harness((_owner, keys) => ({
      kind: 'sent',
      refused: new Map([['a2', 'access_revoked']]),
      results: new Map(keys.map((k) => [k, `graded ${k}`])),
    }));
    for (const key of ['a1', 'a2', 'a3']) await h.outbox.enqueue(amina, 'statement', key, {});
    await h.outbox.sync();
    const left = await h.store.all();
    expect(left.map((r) => [r.key, r.state, r.error])).toEqual([['a2', 'dead', 'access_revoked']]);
    expect(h.events.filter((e) => e.type === 'sent').map((e) => e.type === 'sent' && e.result)).toEqual([
      'graded a1',
      'graded a3',
    ]);
    await h.outbox.revive(left[0]!.seq);
    expect((await h.store.pending('school amina', 10)).map((r) => r.key)).toEqual(['a2']);
  });

  it('backs off with jitter below a growing ceiling, never beyond five minutes', () => {
    expect(backoffMs(1, () => 0)).toBe(250);
    expect(backoffMs(1, () => 0.999)).toBeLessThanOrEqual(2250);
    expect(backoffMs(3, () => 0.999)).toBeGreaterThan(backoffMs(1, () => 0.999));
    expect(backoffMs(40, () => 0.999)).toBeLessThanOrEqual(300_250);
  });

  it('queues a key once however often it is enqueued', async () => {
    const h = harness(() => ({ kind: 'retry', error: 'http_503' }));
    await h.outbox.enqueue(amina, 'statement', 'same', { n: 1 });
    await h.outbox.enqueue(amina, 'statement', 'same', { n: 1 });
    expect(await h.store.all()).toHaveLength(1);
  });
});
