import { describe, expect, it } from 'vitest';
import { Hlc } from './hlc.js';
import { applyLocalEdit, conflictsOf, mergeFields, mergeMax, type RecordFields } from './register.js';
import { mergeImmutable } from './union.js';

function clocks(start = 1000) {
  let now = start;
  return {
    tick: (ms = 1) => (now += ms),
    a: new Hlc('a', { now: () => now }),
    b: new Hlc('b', { now: () => now }),
  };
}

describe('per-field registers', () => {
  it('keeps edits of different fields made on two replicas (no whole-record overwrite)', () => {
    const t = clocks();
    const base = applyLocalEdit({}, { name: 'Amina', email: 'a@x' }, () => t.a.send()).fields;
    t.tick();
    const onA = applyLocalEdit(base, { name: 'Amina K.', email: 'a@x' }, () => t.a.send()).fields;
    const onB = applyLocalEdit(base, { name: 'Amina', email: 'amina@x' }, () => t.b.send()).fields;
    const merged = mergeFields(onA, onB);
    expect(merged.name!.w.v).toBe('Amina K.');
    expect(merged.email!.w.v).toBe('amina@x');
    expect(conflictsOf(merged)).toEqual([]);
  });

  it('reports the losing value of concurrent edits of one field; the later HLC wins', () => {
    const t = clocks();
    const base = applyLocalEdit({}, { name: 'Amina' }, () => t.a.send()).fields;
    const onA = applyLocalEdit(base, { name: 'A from a' }, () => t.a.send()).fields;
    t.tick();
    const onB = applyLocalEdit(base, { name: 'A from b' }, () => t.b.send()).fields;
    const merged = mergeFields(onA, onB);
    expect(merged.name!.w.v).toBe('A from b');
    expect(conflictsOf(merged).map((c) => c.loser.v)).toEqual(['A from a']);
    // A later edit made after seeing both settles the conflict.
    t.b.receive(merged.name!.w.h);
    const settled = applyLocalEdit(merged, { name: 'Amina K.' }, () => t.b.send()).fields;
    expect(conflictsOf(settled)).toEqual([]);
    expect(conflictsOf(mergeFields(merged, settled))).toEqual([]);
  });

  it('does not report an edit made after seeing the other value as a conflict, even with a slower clock', () => {
    let nowA = 5000;
    const a = new Hlc('a', { now: () => nowA });
    const b = new Hlc('b', { now: () => 1000 }); // b's wall clock is far behind
    const onA = applyLocalEdit({}, { name: 'first' }, () => a.send()).fields;
    b.receive(onA.name!.w.h);
    const onB = applyLocalEdit(onA, { name: 'second' }, () => b.send()).fields;
    nowA += 1;
    const merged = mergeFields(onA, onB);
    expect(merged.name!.w.v).toBe('second');
    expect(conflictsOf(merged)).toEqual([]);
  });

  it('treats an unchanged value as no write', () => {
    const t = clocks();
    const base = applyLocalEdit({}, { name: 'x' }, () => t.a.send()).fields;
    expect(applyLocalEdit(base, { name: 'x' }, () => t.a.send()).changed).toEqual([]);
  });

  it('keeps a tombstone over a concurrent edit with an older stamp', () => {
    const t = clocks();
    const base: RecordFields = applyLocalEdit({}, { name: 'x', deleted_at: null }, () => t.a.send()).fields;
    const edited = applyLocalEdit(base, { name: 'y' }, () => t.b.send()).fields;
    t.tick();
    const deleted = applyLocalEdit(base, { deleted_at: '2026-01-01T00:00:00.000Z' }, () => t.a.send()).fields;
    const merged = mergeFields(edited, deleted);
    expect(merged.deleted_at!.w.v).toBe('2026-01-01T00:00:00.000Z');
    expect(merged.name!.w.v).toBe('y');
  });

  it('merges best scores by maximum and immutable records by id', () => {
    expect(mergeMax(0.4, 0.9)).toBe(0.9);
    expect(mergeMax(null, 0.2)).toBe(0.2);
    const canon = (x: { s: string }) => x.s;
    expect(mergeImmutable({ s: 'b' }, { s: 'a' }, canon)).toEqual({ kept: { s: 'a' }, rejected: { s: 'b' } });
    expect(mergeImmutable({ s: 'a' }, { s: 'a' }, canon).rejected).toBeNull();
  });
});
