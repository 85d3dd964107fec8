// Immutable records (xAPI statements, conflict-log entries) merge as a union keyed by id:
// receiving one twice stores it once. Two different bodies under one id (a buggy client)
// never flip-flop between replicas: the smaller canonical text is kept everywhere and the
// other is reported.

export interface UnionOutcome<T> {
  kept: T;
  /** The body that was not kept, when the two differed. */
  rejected: T | null;
}

export function mergeImmutable<T>(held: T, incoming: T, canonical: (x: T) => string): UnionOutcome<T> {
  const a = canonical(held);
  const b = canonical(incoming);
  if (a === b) return { kept: held, rejected: null };
  return a < b ? { kept: held, rejected: incoming } : { kept: incoming, rejected: held };
}

/** Union of two id-keyed sets (pure; used by tests and bundles). */
export function unionById<T>(
  a: ReadonlyMap<string, T>,
  b: ReadonlyMap<string, T>,
  canonical: (x: T) => string,
): Map<string, T> {
  const out = new Map(a);
  for (const [id, item] of b) {
    const held = out.get(id);
    out.set(id, held === undefined ? item : mergeImmutable(held, item, canonical).kept);
  }
  return out;
}
