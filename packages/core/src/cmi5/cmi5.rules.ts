import { CMI5_CATEGORY, CMI5_VERBS, type Cmi5MoveOn } from './cmi5.vocabulary.js';

// The LMS's judgement of an AU (cmi5 §9.3, §13.1.4 moveOn): only "cmi5 defined"
// statements count (those carrying the cmi5 category); a Passed statement whose scaled
// score is below the mastery score is not a pass; Failed never satisfies.

export interface Cmi5StatementLike {
  verb: { id: string };
  result?: { score?: { scaled?: number } };
  context?: { contextActivities?: unknown };
}

function categories(s: Cmi5StatementLike): string[] {
  const ctx = s.context?.contextActivities;
  if (typeof ctx !== 'object' || ctx === null) return [];
  const list = (ctx as { category?: unknown }).category;
  const items = Array.isArray(list) ? list : list ? [list] : [];
  return items.flatMap((a: unknown) =>
    typeof a === 'object' && a !== null && typeof (a as { id?: unknown }).id === 'string'
      ? [(a as { id: string }).id]
      : [],
  );
}

export const isCmi5Defined = (s: Cmi5StatementLike): boolean => categories(s).includes(CMI5_CATEGORY);

export interface AuOutcome {
  completed: boolean;
  passed: boolean;
  failed: boolean;
}

export function auOutcome(statements: readonly Cmi5StatementLike[], masteryScore?: number): AuOutcome {
  const outcome: AuOutcome = { completed: false, passed: false, failed: false };
  for (const s of statements) {
    if (!isCmi5Defined(s)) continue;
    if (s.verb.id === CMI5_VERBS.completed) outcome.completed = true;
    if (s.verb.id === CMI5_VERBS.failed) outcome.failed = true;
    if (s.verb.id === CMI5_VERBS.passed) {
      const scaled = s.result?.score?.scaled;
      if (masteryScore === undefined || scaled === undefined || scaled >= masteryScore) outcome.passed = true;
    }
  }
  return outcome;
}

/** Whether the AU's moveOn criterion is met by these outcomes. */
export function moveOnMet(moveOn: Cmi5MoveOn, outcome: AuOutcome): boolean {
  switch (moveOn) {
    case 'Passed':
      return outcome.passed;
    case 'Completed':
      return outcome.completed;
    case 'CompletedAndPassed':
      return outcome.completed && outcome.passed;
    case 'CompletedOrPassed':
      return outcome.completed || outcome.passed;
    case 'NotApplicable':
      return true;
  }
}
