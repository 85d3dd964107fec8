import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hlc } from './hlc.js';
import {
  applyLocalEdit,
  conflictKey,
  conflictsOf,
  latestStamp,
  mergeFields,
  type RecordFields,
  type Versioned,
} from './register.js';

// A model of replicas that write, snapshot and exchange records under a controlled clock:
// messages are snapshots of a replica's state taken at some moment, delivered later, in any
// order, any number of times (duplicates), to any replica (partitions are deliveries that
// never happen until the end). The conflict log is itself synced as a union.

const NODES = ['a', 'b', 'c', 'd'] as const;
const RECORDS = ['r1', 'r2'] as const;
const FIELDS = ['name', 'email', 'deleted_at'] as const;

type Op =
  | { t: 'write'; node: number; record: number; field: number; value: number }
  | { t: 'snapshot'; node: number }
  | { t: 'deliver'; message: number; to: number }
  | { t: 'tick'; ms: number };

interface Replica {
  clock: Hlc;
  records: Map<string, RecordFields>;
  log: Map<string, Versioned>;
}

interface Snapshot {
  records: Map<string, RecordFields>;
  log: Map<string, Versioned>;
}

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    t: fc.constant('write' as const),
    node: fc.nat(NODES.length - 1),
    record: fc.nat(RECORDS.length - 1),
    field: fc.nat(FIELDS.length - 1),
    value: fc.nat(3),
  }),
  fc.record({ t: fc.constant('snapshot' as const), node: fc.nat(NODES.length - 1) }),
  fc.record({ t: fc.constant('deliver' as const), message: fc.nat(40), to: fc.nat(NODES.length - 1) }),
  fc.record({ t: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 3 }) }),
);

function receive(into: Replica, from: Snapshot): void {
  for (const [id, fields] of from.records) {
    const stamp = latestStamp(fields);
    if (stamp) into.clock.receive(stamp);
    const held = into.records.get(id);
    const merged = held ? mergeFields(held, fields) : fields;
    into.records.set(id, merged);
    for (const c of conflictsOf(merged)) into.log.set(conflictKey('user', id, c.field, c.loser.h), c.loser);
  }
  for (const [key, loser] of from.log) into.log.set(key, loser);
}

function snapshot(r: Replica): Snapshot {
  return { records: new Map(r.records), log: new Map(r.log) };
}

function run(ops: readonly Op[], skews: readonly number[]) {
  let now = 1_000_000;
  const replicas: Replica[] = NODES.map((node, i) => ({
    // Each node's wall clock is off by its own skew: LWW then follows HLC, not wall time.
    clock: new Hlc(node, { now: () => now + (skews[i] ?? 0) }),
    records: new Map(),
    log: new Map(),
  }));
  const messages: Snapshot[] = [];
  // Ground truth for the "nothing lost silently" property: every write, and the writes
  // each replica had seen (per record field) when it wrote over them.
  const writes: { key: string; stamp: string }[] = [];
  const seen: Map<string, Set<string>>[] = NODES.map(() => new Map());
  const superseded = new Set<string>();
  const seenSnapshots: Map<string, Set<string>>[] = [];
  for (const o of ops) {
    switch (o.t) {
      case 'tick':
        now += o.ms;
        break;
      case 'write': {
        const r = replicas[o.node]!;
        const id = RECORDS[o.record]!;
        const field = FIELDS[o.field]!;
        const held = r.records.get(id) ?? {};
        const { fields, changed } = applyLocalEdit(held, { [field]: `v${o.value}` }, () => r.clock.send());
        r.records.set(id, fields);
        if (changed.length > 0) {
          const key = `${id}/${field}`;
          const mine = seen[o.node]!.get(key) ?? new Set<string>();
          for (const s of mine) superseded.add(s);
          const stamp = fields[field]!.w.h;
          writes.push({ key, stamp });
          seen[o.node]!.set(key, new Set([stamp]));
        }
        break;
      }
      case 'snapshot':
        messages.push(snapshot(replicas[o.node]!));
        seenSnapshots.push(cloneSeen(seen[o.node]!));
        break;
      case 'deliver': {
        const m = messages[o.message % Math.max(messages.length, 1)];
        if (!m) break;
        receive(replicas[o.to]!, m);
        mergeSeen(seen[o.to]!, seenSnapshots[o.message % messages.length]!);
        break;
      }
      default:
        o satisfies never;
    }
  }
  // The partitions heal: everyone exchanges with everyone, twice.
  for (let round = 0; round < 2; round += 1) {
    for (let i = 0; i < replicas.length; i += 1) {
      for (let j = 0; j < replicas.length; j += 1) if (i !== j) receive(replicas[j]!, snapshot(replicas[i]!));
    }
  }
  return { replicas, writes, superseded };
}

function cloneSeen(m: Map<string, Set<string>>): Map<string, Set<string>> {
  return new Map([...m].map(([k, v]) => [k, new Set(v)]));
}
function mergeSeen(into: Map<string, Set<string>>, from: Map<string, Set<string>>): void {
  for (const [k, v] of from) into.set(k, new Set([...(into.get(k) ?? []), ...v]));
}

function canonical(r: Replica) {
  const records = [...r.records].sort(([a], [b]) => a.localeCompare(b));
  const log = [...r.log.keys()].sort();
  return JSON.stringify({ records, log });
}

describe('sync merge rules (property)', () => {
  it('converges on every replica, with the same conflict log, whatever the delivery', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 80 }),
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: NODES.length, maxLength: NODES.length }),
        (ops, skews) => {
          const { replicas, writes, superseded } = run(ops, skews);
          const first = canonical(replicas[0]!);
          for (const r of replicas) expect(canonical(r)).toBe(first);
          // Last writer wins by HLC: the winner of each field is its highest-stamped write.
          const records = replicas[0]!.records;
          const byKey = new Map<string, string>();
          for (const w of writes) if ((byKey.get(w.key) ?? '') < w.stamp) byKey.set(w.key, w.stamp);
          for (const [key, stamp] of byKey) {
            const [id, field] = key.split('/') as [string, string];
            expect(records.get(id)?.[field]?.w.h).toBe(stamp);
          }
          // Nothing is lost silently: each write won, was knowingly overwritten, or is in the log.
          const logged = new Set([...replicas[0]!.log.values()].map((v) => v.h));
          for (const w of writes) {
            const won = byKey.get(w.key) === w.stamp;
            expect(won || superseded.has(w.stamp) || logged.has(w.stamp)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('logs no conflict when all writes happen on one replica and flow one way', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const oneWriter = ops.map((o) => (o.t === 'write' ? { ...o, node: 0 } : o));
        const { replicas } = run(oneWriter, [0, 3, -3, 1]);
        for (const r of replicas) expect(r.log.size).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('merges commutatively, associatively and idempotently', () => {
    const stateOf = (ops: readonly Op[]) =>
      run(ops, [0, 1, -1, 2]).replicas.map((r) => r.records.get('r1') ?? {});
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const [x, y, z] = stateOf(ops);
        const s = (f: RecordFields) => JSON.stringify(f);
        expect(s(mergeFields(x!, y!))).toBe(s(mergeFields(y!, x!)));
        expect(s(mergeFields(mergeFields(x!, y!), z!))).toBe(s(mergeFields(x!, mergeFields(y!, z!))));
        expect(s(mergeFields(x!, x!))).toBe(s(x!));
      }),
      { numRuns: 200 },
    );
  });
});
