// Deterministic presentation of a quiz. The order a learner saw is a function
// of the attempt id alone, so a phone that took the quiz offline and the
// server that later reviews the attempt agree on it without storing it. The
// arithmetic is 32-bit integer math (Math.imul), identical in every engine.
import type { Question, QuizSettings } from '../course/course.schema.js';
import type { QuizLesson } from './grading.js';

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain). */
export function hashString(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** mulberry32: a small PRNG over a 32-bit state; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededRandom(seed: string): () => number {
  return mulberry32(hashString(seed) % 4294967296);
}

/** A shuffled copy (Fisher–Yates); the input is not modified. */
export function seededShuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const held = out[i]!;
    out[i] = out[j]!;
    out[j] = held;
  }
  return out;
}

/**
 * The id under which an ordering item or a matching right-hand side is shown.
 * Authored ids often give the answer away (items `o1, o2, o3` in the correct
 * order; a right side with the same id as its left), so the UI sees this
 * opaque id instead. The grader accepts it as well as the authored id.
 */
export function presentedChoiceId(questionId: string, itemId: string): string {
  return `c${hashString(`${questionId}\u0000${itemId}`).toString(36)}`;
}

export interface PresentedChoice {
  id: string;
  text: string;
}

interface PresentedBase {
  id: string;
  prompt: string;
  points: number;
}

/** A question as a UI renders it: display order applied, answers and feedback removed. */
export type PresentedQuestion =
  | (PresentedBase & { type: 'single'; options: PresentedChoice[] })
  | (PresentedBase & { type: 'multiple'; options: PresentedChoice[] })
  | (PresentedBase & { type: 'truefalse' })
  | (PresentedBase & { type: 'fill'; blankCount: number })
  | (PresentedBase & { type: 'numeric' })
  | (PresentedBase & { type: 'ordering'; items: PresentedChoice[] })
  | (PresentedBase & { type: 'matching'; left: PresentedChoice[]; right: PresentedChoice[] });

export interface PresentedQuiz {
  lessonId: string;
  /** The seed the order was derived from: the attempt id. */
  seed: string;
  settings: QuizSettings;
  maxScore: number;
  questions: PresentedQuestion[];
}

/**
 * The quiz in the order the learner with this attempt id sees it. Questions
 * and single/multiple options move only when the quiz settings ask; ordering
 * items and matching right sides are always shuffled, and never shown in the
 * answer's order. Each question's options use their own random stream, so one
 * question's order does not change when another question is edited.
 */
export function presentQuiz(
  lesson: Pick<QuizLesson, 'id' | 'quiz' | 'questions'>,
  seed: string,
): PresentedQuiz {
  const questions = lesson.quiz.shuffleQuestions
    ? seededShuffle(lesson.questions, seededRandom(`${seed}\u0000questions`))
    : lesson.questions;
  const maxScore = lesson.questions.reduce((sum, q) => sum + q.points, 0);
  return {
    lessonId: lesson.id,
    seed,
    settings: { ...lesson.quiz },
    maxScore: Math.round(maxScore * 10_000) / 10_000,
    questions: questions.map((q) => presentQuestion(q, seed, lesson.quiz.shuffleOptions)),
  };
}

function presentQuestion(question: Question, seed: string, shuffleOptions: boolean): PresentedQuestion {
  const base: PresentedBase = { id: question.id, prompt: question.prompt, points: question.points };
  const random = seededRandom(`${seed}\u0000${question.id}`);
  const maybeShuffle = <T>(items: readonly T[]): T[] =>
    shuffleOptions ? seededShuffle(items, random) : [...items];
  switch (question.type) {
    case 'single':
    case 'multiple':
      return {
        ...base,
        type: question.type,
        options: maybeShuffle(question.options).map((o) => ({ id: o.id, text: o.text })),
      };
    case 'truefalse':
    case 'numeric':
      return { ...base, type: question.type };
    case 'fill':
      return { ...base, type: 'fill', blankCount: question.blanks.length };
    case 'ordering': {
      const items = notInOriginalOrder(question.items, seededShuffle(question.items, random));
      return {
        ...base,
        type: 'ordering',
        items: items.map((item) => ({ id: presentedChoiceId(question.id, item.id), text: item.text })),
      };
    }
    case 'matching': {
      const left = maybeShuffle(question.pairs);
      const right = notInOriginalOrder(left, seededShuffle(left, random));
      return {
        ...base,
        type: 'matching',
        left: left.map((p) => ({ id: p.id, text: p.left })),
        right: right.map((p) => ({ id: presentedChoiceId(question.id, p.id), text: p.right })),
      };
    }
  }
}

/** A shuffle that happens to restore the answer order is rotated by one, which cannot. */
function notInOriginalOrder<T>(original: readonly T[], shuffled: T[]): T[] {
  const unchanged = shuffled.every((item, i) => item === original[i]);
  return unchanged && shuffled.length > 1 ? [...shuffled.slice(1), shuffled[0]!] : shuffled;
}
