import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Outbox, type OutboxSender, type SendOutcome } from './outbox-engine.js';
import { memoryOutboxStore, ownerKey, type OutboxOwner, type OutboxStore } from './outbox-store.js';

// The outbox against a hostile world: the tab is killed at any store step (before or after the step
// lands), requests are lost before or after the server took them, answers are 5xx or garbage, old
// requests arrive again late (a duplicate, out of order), and some records are bad. Whatever
// happens, once the network behaves the server must hold every good record exactly once, in the
// order each learner made them, and every bad record must sit set aside in the outbox.

class Killed extends Error {}

type Fault =
  | 'ok'
  | 'lost-before'
  | 'lost-after'
  | 'server-error'
  | 'garbage'
  | 'replay-later'
  | 'kill-in-flight'
  | 'kill-store-before'
  | 'kill-store-after';

interface Payload {
  readonly n: number;
  readonly bad: boolean;
}

/** The LRS as the outbox sees it: idempotent by key, refusing a whole batch that holds a bad record. */
class FakeServer {
  readonly accepted = new Map<string, string[]>();
  receive(owner: string, batch: readonly { key: string; payload: Payload }[]): 'ok' | 'bad' {
    if (batch.some((r) => r.payload.bad)) return 'bad';
    const list = this.accepted.get(owner) ?? [];
    for (const record of batch) if (!list.includes(record.key)) list.push(record.key);
    this.accepted.set(owner, list);
    return 'ok';
  }
}

/** A tab's view of the shared store: once the tab is killed, it can never touch the store again. */
function tabStore(shared: OutboxStore, faults: () => Fault, tab: { killed: boolean }): OutboxStore {
  const guard =
    <A extends unknown[], R>(step: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (tab.killed) throw new Killed();
      const fault = faults();
      if (fault === 'kill-store-before') {
        tab.killed = true;
        throw new Killed();
      }
      const result = await step(...args);
      if (fault === 'kill-store-after') {
        tab.killed = true;
        throw new Killed();
      }
      return result;
    };
  return {
    add: guard(shared.add.bind(shared)),
    pending: guard(shared.pending.bind(shared)),
    owners: guard(shared.owners.bind(shared)),
    all: guard(shared.all.bind(shared)),
    remove: guard(shared.remove.bind(shared)),
    update: guard(shared.update.bind(shared)),
  };
}

const owners: OutboxOwner[] = [
  { slug: 'school', userId: 'amina' },
  { slug: 'school', userId: 'tomas' },
  { slug: 'other', userId: 'amina' },
];

const step = fc.oneof(
  fc.record({ op: fc.constant('enqueue' as const), owner: fc.nat(2), bad: fc.boolean() }),
  fc.record({ op: fc.constant('sync' as const) }),
  fc.record({ op: fc.constant('replay' as const) }),
);
const fault = fc.constantFrom<Fault>(
  'ok',
  'ok',
  'ok',
  'lost-before',
  'lost-after',
  'server-error',
  'garbage',
  'replay-later',
  'kill-in-flight',
  'kill-store-before',
  'kill-store-after',
);

describe('outbox under crashes, lost answers, duplicates and late replays', () => {
  it('delivers every good record exactly once, in order per learner, and sets bad ones aside', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 40 }),
        fc.array(fault, { minLength: 1, maxLength: 60 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        async (steps, tape, badMix) => {
          const shared = memoryOutboxStore();
          const server = new FakeServer();
          let time = 0;
          let cursor = 0;
          let calm = false;
          const faults = (): Fault => (calm ? 'ok' : (tape[cursor++ % tape.length] ?? 'ok'));
          const late: { owner: string; batch: { key: string; payload: Payload }[] }[] = [];
          /** Good records per learner in the order they were made; the ones the page said were saved. */
          const order = new Map<string, string[]>();
          const mustArrive = new Set<string>();
          const badKeys = new Set<string>();
          let made = 0;

          const openTab = () => {
            const tab = { killed: false };
            const outbox = new Outbox({
              store: tabStore(shared, faults, tab),
              now: () => time,
              random: () => 0.5,
            });
            const sender: OutboxSender = {
              batchSize: 3,
              send: (owner, records): Promise<SendOutcome> => {
                const batch = records.map((r) => ({ key: r.key, payload: r.payload as Payload }));
                const key = ownerKey(owner);
                const f = faults();
                if (f === 'lost-before') return Promise.resolve({ kind: 'retry', error: 'network' });
                if (f === 'server-error') return Promise.resolve({ kind: 'retry', error: 'http_503' });
                if (f === 'replay-later') late.push({ owner: key, batch });
                const answer = server.receive(key, batch);
                if (f === 'lost-after' || f === 'garbage') {
                  return Promise.resolve({ kind: 'retry', error: f });
                }
                if (f === 'kill-in-flight') {
                  tab.killed = true;
                  throw new Killed();
                }
                return Promise.resolve(
                  answer === 'ok' ? { kind: 'sent' } : { kind: 'rejected', error: 'bad_record' },
                );
              },
            };
            outbox.register('statement', sender);
            return { tab, outbox };
          };

          let current = openTab();
          const reopenIfKilled = () => {
            if (current.tab.killed) current = openTab();
          };

          for (const s of steps) {
            time += 3_600_000;
            if (s.op === 'enqueue') {
              const owner = owners[s.owner]!;
              const bad = s.bad && (badMix[made % Math.max(1, badMix.length)] ?? false);
              const key = `r${made}`;
              const payload: Payload = { n: made, bad };
              made += 1;
              let saved = true;
              try {
                await current.outbox.enqueue(owner, 'statement', key, payload);
              } catch (error) {
                if (!(error instanceof Killed)) throw error;
                reopenIfKilled();
                // The page never said it was saved, so the player records it again (same id).
                saved = await current.outbox.enqueue(owner, 'statement', key, payload).then(
                  () => true,
                  () => false,
                );
                reopenIfKilled();
              }
              const k = ownerKey(owner);
              if (bad) badKeys.add(key);
              else {
                order.set(k, [...(order.get(k) ?? []), key]);
                if (saved) mustArrive.add(key);
              }
            } else if (s.op === 'sync') {
              await current.outbox.sync().catch((error: unknown) => {
                if (!(error instanceof Killed)) throw error;
              });
              reopenIfKilled();
            } else {
              const replay = late.shift();
              if (replay) server.receive(replay.owner, replay.batch);
            }
          }

          // The network heals; whatever was held up arrives late as well.
          calm = true;
          reopenIfKilled();
          for (const replay of late) server.receive(replay.owner, replay.batch);
          for (let round = 0; round < 200; round += 1) {
            time += 3_600_000;
            await current.outbox.sync({ fresh: true });
            if ((await shared.owners()).length === 0) break;
          }

          for (const [owner, keys] of order) {
            const delivered = server.accepted.get(owner) ?? [];
            const lost = keys.filter((key) => mustArrive.has(key) && !delivered.includes(key));
            expect(lost, 'records the page said were saved').toEqual([]);
            expect(delivered, 'in the order they were made').toEqual(
              keys.filter((k) => delivered.includes(k)),
            );
            expect(new Set(delivered).size, 'each once').toBe(delivered.length);
          }
          for (const [owner, delivered] of server.accepted) {
            for (const key of delivered) expect(order.get(owner) ?? []).toContain(key);
          }
          const left = await shared.all();
          expect(left.filter((r) => r.state === 'pending')).toEqual([]);
          for (const record of left) expect(badKeys.has(record.key)).toBe(true);
          for (const keys of server.accepted.values()) {
            for (const key of keys) expect(badKeys.has(key)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
