// Per-field registers for profile-like records (users, classes, memberships, enrolments).
//
// Each field is a multi-value register with a causal context: `w` is the winning value
// with the HLC stamp of the write that made it, `s` holds concurrent values that lost
// (siblings), and `c` maps each node to the latest stamp of that node's writes to this
// field that the register has seen. A value whose stamp is covered by the other side's
// context was seen there and overwritten on purpose (a later edit, not a conflict); only
// values neither side had seen are concurrent, and among those the highest HLC wins —
// last writer wins — while the others are kept as siblings and reported as conflicts.
// Merge is commutative, associative and idempotent, so replicas converge whatever the
// delivery order, duplicates or partitions.

import { compareHlc, hlcNode } from './hlc.js';

export type FieldValue = string | number | boolean | null;

export interface Versioned {
  /** The value. */
  v: FieldValue;
  /** The HLC stamp of the write that set it (also its identity). */
  h: string;
}

export interface Register {
  w: Versioned;
  /** Concurrent writes that lost to `w`, oldest first; absent when there are none. */
  s?: Versioned[];
  /** Context: per node, the latest stamp of its writes to this field seen here. */
  c: Record<string, string>;
}

export type RecordFields = Record<string, Register>;

export interface FieldConflict {
  field: string;
  loser: Versioned;
  winner: Versioned;
}

function covered(x: Versioned, context: Record<string, string>): boolean {
  const seen = context[hlcNode(x.h)];
  return seen !== undefined && seen >= x.h;
}

/** A local write of `value` at `stamp` over what this replica holds (it has seen all of it). */
export function writeRegister(current: Register | undefined, value: FieldValue, stamp: string): Register {
  const c = { ...current?.c, [hlcNode(stamp)]: stamp };
  return { w: { v: value, h: stamp }, c };
}

/** The join of two registers of the same field. */
export function mergeRegister(a: Register, b: Register): Register {
  const kept = new Map<string, Versioned>();
  const inB = new Set([b.w, ...(b.s ?? [])].map((x) => x.h));
  const inA = new Set([a.w, ...(a.s ?? [])].map((x) => x.h));
  for (const x of [a.w, ...(a.s ?? [])]) if (inB.has(x.h) || !covered(x, b.c)) kept.set(x.h, x);
  for (const x of [b.w, ...(b.s ?? [])]) if (inA.has(x.h) || !covered(x, a.c)) kept.set(x.h, x);
  const values = [...kept.values()].sort((x, y) => compareHlc(x.h, y.h));
  const c: Record<string, string> = { ...a.c };
  for (const [node, stamp] of Object.entries(b.c)) if ((c[node] ?? '') < stamp) c[node] = stamp;
  // Both sides always keep their own winner unless the other covered it, so `values` is never empty.
  const w = values.pop() ?? (a.w.h >= b.w.h ? a.w : b.w);
  return values.length > 0 ? { w, s: values, c: sortKeys(c) } : { w, c: sortKeys(c) };
}

function sortKeys(c: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(c).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
}

/** Field-wise join of two records' registers; fields on one side only are taken as they are. */
export function mergeFields(a: RecordFields, b: RecordFields): RecordFields {
  const out: RecordFields = {};
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const name of names) {
    const x = a[name];
    const y = b[name];
    out[name] = x && y ? mergeRegister(x, y) : (x ?? y)!;
  }
  return out;
}

/** Every concurrent losing value a record holds, with the value that beat it. */
export function conflictsOf(fields: RecordFields): FieldConflict[] {
  const out: FieldConflict[] = [];
  for (const [field, register] of Object.entries(fields)) {
    for (const loser of register.s ?? []) out.push({ field, loser, winner: register.w });
  }
  return out;
}

/** The winning value of every field. */
export function winners(fields: RecordFields): Record<string, FieldValue> {
  return Object.fromEntries(Object.entries(fields).map(([name, r]) => [name, r.w.v]));
}

/** The highest stamp a record holds (what a receiving clock must move past). */
export function latestStamp(fields: RecordFields): string | null {
  let latest: string | null = null;
  for (const r of Object.values(fields)) {
    for (const stamp of Object.values(r.c)) if (latest === null || stamp > latest) latest = stamp;
  }
  return latest;
}

/**
 * Local edits: registers for every field whose value differs from the winner held, each
 * stamped by `stamp()` (one fresh stamp per call). Fields whose value did not change keep
 * their register, so an edit of one field never overrides another replica's edit of another.
 */
export function applyLocalEdit(
  current: RecordFields,
  values: Record<string, FieldValue>,
  stamp: () => string,
): { fields: RecordFields; changed: string[] } {
  const fields: RecordFields = { ...current };
  const changed: string[] = [];
  let at: string | null = null;
  for (const [name, value] of Object.entries(values)) {
    const held = current[name];
    // An unchanged value is not a write: saving a form must not settle (or cause) a conflict.
    if (held && held.w.v === value) continue;
    at ??= stamp();
    fields[name] = writeRegister(held, value, at);
    changed.push(name);
  }
  return { fields, changed };
}

/** Deterministic id of a conflict entry, the same on every replica that sees it. */
export function conflictKey(kind: string, recordId: string, field: string, loserStamp: string): string {
  return `${kind}/${recordId}/${field}/${loserStamp}`;
}

/** Best scores, counters that only grow: merged by maximum (never a conflict). */
export function mergeMax(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
