// Version vectors: for each instance, the highest change counter of that instance that a
// replica has integrated (for one scope). Every change carries the (instance, counter) it
// was saved with, so "what the other side lacks" is every change whose counter exceeds the
// other side's entry for its instance.

export type VersionVector = Readonly<Record<string, number>>;

export type VectorOrder = 'equal' | 'before' | 'after' | 'concurrent';

export function vectorGet(v: VersionVector, instance: string): number {
  return Object.hasOwn(v, instance) ? (v[instance] ?? 0) : 0;
}

/** Pointwise maximum. */
export function mergeVectors(a: VersionVector, b: VersionVector): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [instance, counter] of Object.entries(b)) {
    if (counter > vectorGet(out, instance)) out[instance] = counter;
  }
  return out;
}

/** Whether `a` has integrated everything `b` has. */
export function dominates(a: VersionVector, b: VersionVector): boolean {
  return Object.entries(b).every(([instance, counter]) => vectorGet(a, instance) >= counter);
}

export function compareVectors(a: VersionVector, b: VersionVector): VectorOrder {
  const ab = dominates(a, b);
  const ba = dominates(b, a);
  if (ab && ba) return 'equal';
  if (ab) return 'after';
  if (ba) return 'before';
  return 'concurrent';
}

/** Whether a change saved as (instance, counter) is missing from a replica at `v`. */
export function lacks(v: VersionVector, instance: string, counter: number): boolean {
  return counter > vectorGet(v, instance);
}

/**
 * For each instance where `ours` is ahead of `theirs`: the counter from which (exclusive)
 * the other side needs our changes. Instances the other side is level with are left out.
 */
export function missingRanges(ours: VersionVector, theirs: VersionVector): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [instance, counter] of Object.entries(ours)) {
    const have = vectorGet(theirs, instance);
    if (counter > have) out[instance] = have;
  }
  return out;
}

/** Adds one change to a vector (integration in counter order keeps the meaning exact). */
export function advance(v: VersionVector, instance: string, counter: number): Record<string, number> {
  return counter > vectorGet(v, instance) ? { ...v, [instance]: counter } : { ...v };
}
