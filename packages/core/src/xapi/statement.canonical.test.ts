import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalise } from './statement.canonical.js';
import { Statement, StatementWire } from './statement.schema.js';
import { validateStatement } from './statement.validate.js';

const activity = (n: number): { objectType: 'Activity'; id: string } => ({
  objectType: 'Activity',
  id: `http://example.com/activities/${n}`,
});

const base = {
  id: '0190a5b2-7c3d-7000-8abc-0123456789ab',
  actor: { objectType: 'Agent' as const, mbox: 'mailto:learner@example.com' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
  object: activity(0),
  result: { completion: true, extensions: { 'http://example.com/ext': { nested: [1, 2] } } },
  timestamp: '2026-11-28T12:00:00.000Z',
};

describe('2.4.6.2 canonical contextActivities', () => {
  it('turns each single Activity into an array of one', () => {
    const wire = StatementWire.parse({
      ...base,
      context: { contextActivities: { parent: activity(1), grouping: [activity(2)], category: activity(3) } },
    });
    expect(canonicalise(wire).context?.contextActivities).toEqual({
      parent: [activity(1)],
      grouping: [activity(2)],
      category: [activity(3)],
    });
  });

  it('does the same inside a SubStatement', () => {
    const wire = StatementWire.parse({
      ...base,
      object: {
        objectType: 'SubStatement',
        actor: base.actor,
        verb: base.verb,
        object: activity(1),
        context: { contextActivities: { other: activity(2) } },
      },
    });
    const object = canonicalise(wire).object;
    expect(object.objectType === 'SubStatement' && object.context?.contextActivities?.other).toEqual([
      activity(2),
    ]);
  });

  it('leaves its input untouched and shares every part it does not change', () => {
    const wire = StatementWire.parse({ ...base, context: { contextActivities: { parent: activity(1) } } });
    const before = structuredClone(wire);
    const canonical = canonicalise(wire);
    expect(wire).toEqual(before);
    expect(canonical.actor).toBe(wire.actor);
    expect(canonical.result).toBe(wire.result);
    expect(canonical.object).toBe(wire.object);
  });

  it('returns an already canonical statement itself, without copying', () => {
    const wire = StatementWire.parse({ ...base, context: { contextActivities: { parent: [activity(1)] } } });
    expect(canonicalise(wire)).toBe(wire);
  });

  it('adds no properties: a statement without context gets none', () => {
    const canonical = canonicalise(StatementWire.parse(base));
    expect(Object.keys(canonical).sort()).toEqual(Object.keys(base).sort());
  });

  it('always yields a statement the canonical schema accepts', () => {
    const keys = ['parent', 'grouping', 'category', 'other'] as const;
    const list = fc.oneof(
      fc.nat(9).map(activity),
      fc.array(fc.nat(9).map(activity), { minLength: 1, maxLength: 3 }),
    );
    const contextActivities = fc
      .record({ parent: list, grouping: list, category: list, other: list }, { requiredKeys: [] })
      .filter((value) => keys.some((key) => key in value));
    fc.assert(
      fc.property(contextActivities, (activities) => {
        const canonical = canonicalise(
          StatementWire.parse({ ...base, context: { contextActivities: activities } }),
        );
        expect(Statement.safeParse(canonical).success).toBe(true);
        for (const key of keys) {
          const value = activities[key];
          if (value === undefined) continue;
          expect(canonical.context?.contextActivities?.[key]).toEqual(Array.isArray(value) ? value : [value]);
        }
      }),
    );
  });
});

describe('validateStatement returns the statement as sent, canonicalised', () => {
  it('keeps every property and value, adding nothing (no defaults, no LRS fields)', () => {
    const input = {
      ...base,
      context: { registration: '0190a5b2-7c3d-7000-8abc-0123456789ac', language: 'en' },
    };
    const result = validateStatement(input);
    expect(result).toEqual({ ok: true, statement: input });
  });

  it('does not copy extension values: they are opaque to the LRS and can be large', () => {
    const result = validateStatement(base);
    expect(result.ok && result.statement.result?.extensions).toBe(base.result.extensions);
  });
});
