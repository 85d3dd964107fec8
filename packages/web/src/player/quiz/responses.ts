import type { PresentedQuestion, PresentedQuiz, Response } from '@satchel/core';
import { parseNumericInput } from '../core-runtime.js';

/**
 * What the learner has entered so far for one question, in the shape the controls need. It becomes
 * the graded Response (core/course.schema.ts) only on submit: numbers stay text until then, so
 * "3," can be typed on the way to "3,5".
 */
export type Draft =
  | { readonly type: 'single'; readonly choice: string | null }
  | { readonly type: 'multiple'; readonly choices: readonly string[] }
  | { readonly type: 'truefalse'; readonly value: boolean | null }
  | { readonly type: 'fill'; readonly blanks: readonly string[] }
  | { readonly type: 'numeric'; readonly text: string }
  /** `moved`: the learner changed the order; the order shown first is never the answer. */
  | { readonly type: 'ordering'; readonly order: readonly string[]; readonly moved: boolean }
  | { readonly type: 'matching'; readonly pairs: Readonly<Record<string, string>> };

export function emptyDraft(question: PresentedQuestion): Draft {
  switch (question.type) {
    case 'single':
      return { type: 'single', choice: null };
    case 'multiple':
      return { type: 'multiple', choices: [] };
    case 'truefalse':
      return { type: 'truefalse', value: null };
    case 'fill':
      return { type: 'fill', blanks: Array.from({ length: question.blankCount }, () => '') };
    case 'numeric':
      return { type: 'numeric', text: '' };
    case 'ordering':
      return { type: 'ordering', order: question.items.map((item) => item.id), moved: false };
    case 'matching':
      return { type: 'matching', pairs: {} };
  }
}

export type Collected =
  | { readonly state: 'answered'; readonly response: Response }
  | { readonly state: 'unanswered' }
  /** Something was typed that is not a number. */
  | { readonly state: 'invalid' };

/** The response to send for one question, or why there is none. */
export function collectOne(question: PresentedQuestion, draft: Draft, locale: string): Collected {
  const unanswered: Collected = { state: 'unanswered' };
  switch (draft.type) {
    case 'single':
      return draft.choice === null ? unanswered : { state: 'answered', response: draft.choice };
    case 'multiple':
      return draft.choices.length === 0 ? unanswered : { state: 'answered', response: [...draft.choices] };
    case 'truefalse':
      return draft.value === null ? unanswered : { state: 'answered', response: draft.value };
    case 'fill': {
      const blanks = draft.blanks.map((blank) => blank.trim());
      return blanks.every((blank) => blank === '') ? unanswered : { state: 'answered', response: blanks };
    }
    case 'numeric': {
      if (draft.text.trim() === '') return unanswered;
      const value = parseNumericInput(draft.text, locale);
      return value === null ? { state: 'invalid' } : { state: 'answered', response: value };
    }
    case 'ordering':
      // Sent even when untouched (it is the learner's order), but reported as not yet answered.
      return draft.moved ? { state: 'answered', response: [...draft.order] } : unanswered;
    case 'matching': {
      const lefts = question.type === 'matching' ? question.left.map((left) => left.id) : [];
      const pairs = Object.fromEntries(
        Object.entries(draft.pairs).filter(([left, right]) => right !== '' && lefts.includes(left)),
      );
      return Object.keys(pairs).length === 0 ? unanswered : { state: 'answered', response: pairs };
    }
  }
}

/** A question's answer is incomplete: some blanks empty, some left items unmatched. */
export function isPartial(question: PresentedQuestion, draft: Draft): boolean {
  if (draft.type === 'fill') return draft.blanks.some((blank) => blank.trim() === '');
  if (draft.type === 'matching' && question.type === 'matching') {
    return question.left.some((left) => (draft.pairs[left.id] ?? '') === '');
  }
  return false;
}

export interface CollectedQuiz {
  /** By question id, as `POST …/attempts` takes them. */
  readonly responses: Record<string, Response>;
  /** Question ids with no answer at all (or only partly answered), in the order shown. */
  readonly unanswered: readonly string[];
  /** Question ids whose text is not a number. */
  readonly invalid: readonly string[];
}

export function collectResponses(
  quiz: Pick<PresentedQuiz, 'questions'>,
  drafts: Readonly<Record<string, Draft>>,
  locale: string,
): CollectedQuiz {
  const responses: Record<string, Response> = {};
  const unanswered: string[] = [];
  const invalid: string[] = [];
  for (const question of quiz.questions) {
    const draft = drafts[question.id] ?? emptyDraft(question);
    const collected = collectOne(question, draft, locale);
    if (collected.state === 'answered') responses[question.id] = collected.response;
    if (collected.state === 'invalid') invalid.push(question.id);
    if (collected.state === 'unanswered' || isPartial(question, draft)) unanswered.push(question.id);
    if (collected.state === 'unanswered' && draft.type === 'ordering')
      responses[question.id] = [...draft.order];
  }
  return { responses, unanswered, invalid };
}

/** A copy of `list` with the item at `index` moved by `delta` places (clamped to the ends). */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = Math.min(list.length - 1, Math.max(0, index + delta));
  const copy = [...list];
  if (index < 0 || index >= list.length || target === index) return copy;
  const [item] = copy.splice(index, 1);
  if (item !== undefined) copy.splice(target, 0, item);
  return copy;
}

/** A blank in a fill-in prompt: three or more underscores. */
const BLANK = /_{3,}/g;

/**
 * The prompt cut around its blanks, so inputs can sit where the blanks are. Null when the number of
 * blanks written in the prompt is not the number to fill; the inputs then follow the prompt.
 */
export function splitBlanks(prompt: string, blankCount: number): string[] | null {
  const parts = prompt.split(BLANK);
  return parts.length - 1 === blankCount ? parts : null;
}
