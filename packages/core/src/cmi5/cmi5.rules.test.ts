import { describe, expect, it } from 'vitest';
import { auOutcome, moveOnMet } from './cmi5.rules.js';
import { CMI5_CATEGORY, CMI5_VERBS } from './cmi5.vocabulary.js';

const defined = (verb: keyof typeof CMI5_VERBS, scaled?: number) => ({
  verb: { id: CMI5_VERBS[verb] },
  ...(scaled === undefined ? {} : { result: { score: { scaled } } }),
  context: { contextActivities: { category: [{ id: CMI5_CATEGORY }] } },
});

describe('cmi5 moveOn rules', () => {
  it('counts only cmi5 defined statements', () => {
    const allowed = { verb: { id: CMI5_VERBS.completed }, context: { contextActivities: {} } };
    expect(auOutcome([allowed])).toEqual({ completed: false, passed: false, failed: false });
    expect(auOutcome([defined('completed')]).completed).toBe(true);
  });

  it('does not take a pass below the mastery score', () => {
    expect(auOutcome([defined('passed', 0.5)], 0.8).passed).toBe(false);
    expect(auOutcome([defined('passed', 0.8)], 0.8).passed).toBe(true);
    expect(auOutcome([defined('passed')], 0.8).passed).toBe(true);
  });

  it('applies every moveOn value', () => {
    const none = { completed: false, passed: false, failed: true };
    const completed = { completed: true, passed: false, failed: false };
    const passed = { completed: false, passed: true, failed: false };
    const both = { completed: true, passed: true, failed: false };
    expect([none, completed, passed, both].map((o) => moveOnMet('Passed', o))).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect([none, completed, passed, both].map((o) => moveOnMet('Completed', o))).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect([none, completed, passed, both].map((o) => moveOnMet('CompletedAndPassed', o))).toEqual([
      false,
      false,
      false,
      true,
    ]);
    expect([none, completed, passed, both].map((o) => moveOnMet('CompletedOrPassed', o))).toEqual([
      false,
      true,
      true,
      true,
    ]);
    expect(moveOnMet('NotApplicable', none)).toBe(true);
  });
});
