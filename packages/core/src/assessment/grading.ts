// Grading of quiz responses. Runs on the learner's device while offline and
// again on the server, so it is pure and total: any response, however
// malformed (an old client, a corrupted IndexedDB record), scores 0 and never
// throws.
import type { Lesson, Question } from '../course/course.schema.js';
import { presentedChoiceId } from './shuffle.js';

export type QuizLesson = Extract<Lesson, { kind: 'quiz' }>;

export interface QuestionResult {
  questionId: string;
  /** Full credit. */
  correct: boolean;
  /** A response of the question's shape with something in it was given. */
  answered: boolean;
  score: number;
  maxScore: number;
  /** The question's `feedback.correct` when correct, else its `feedback.incorrect`, when authored. */
  feedback?: string;
}

export interface QuizResult {
  questions: QuestionResult[];
  score: number;
  maxScore: number;
  /** score / maxScore, 0..1. */
  scaled: number;
  /** scaled >= passMark; reported for practice quizzes too. */
  passed: boolean;
  /** How many questions were answered. */
  answered: number;
}

const SCORE_DECIMALS = 10_000;

/** Rounds to 4 decimals so 1/3 + 1/3 + 1/3 totals 1, not 0.9999999999999999. */
export function roundScore(value: number): number {
  return Math.round(value * SCORE_DECIMALS) / SCORE_DECIMALS;
}

interface Credit {
  /** Share of the question's points earned, 0..1. */
  fraction: number;
  answered: boolean;
}

const NO_CREDIT: Credit = { fraction: 0, answered: false };

/**
 * Grades one response. The response shapes, by question type:
 * - single: the chosen option id;
 * - multiple: the chosen option ids, in any order. Full credit only for exactly
 *   the correct set: partial credit would reward ticking every box.
 * - truefalse: a boolean;
 * - fill: one string per blank. Each blank earns an equal share of the points
 *   when it matches one of its accepted answers.
 * - numeric: a number (see parseNumericInput for text); correct within the tolerance.
 * - ordering: every item id in the chosen order; all or nothing.
 * - matching: { [left pair id]: right id }. Each correct pair earns an equal
 *   share of the points.
 * Ordering and matching accept the ids presentQuiz showed or the authored ids.
 */
export function gradeQuestion(question: Question, response: unknown): QuestionResult {
  const { fraction, answered } = creditFor(question, response);
  const correct = fraction === 1;
  const feedback = correct ? question.feedback?.correct : question.feedback?.incorrect;
  const result: QuestionResult = {
    questionId: question.id,
    correct,
    answered,
    score: roundScore(question.points * fraction),
    maxScore: roundScore(question.points),
  };
  if (feedback !== undefined) result.feedback = feedback;
  return result;
}

/** Grades a quiz attempt. `responses` is keyed by question id; missing questions score 0. */
export function gradeQuiz(
  lesson: Pick<QuizLesson, 'quiz' | 'questions'>,
  responses: Readonly<Record<string, unknown>>,
): QuizResult {
  const questions = lesson.questions.map((q) => gradeQuestion(q, responseFor(responses, q.id)));
  let score = 0;
  let maxScore = 0;
  for (const r of questions) {
    score += r.score;
    maxScore += r.maxScore;
  }
  score = roundScore(score);
  maxScore = roundScore(maxScore);
  const scaled = maxScore > 0 ? roundScore(score / maxScore) : 0;
  return {
    questions,
    score,
    maxScore,
    scaled,
    passed: scaled >= lesson.quiz.passMark,
    answered: questions.filter((r) => r.answered).length,
  };
}

/** Own properties only: a question id of "constructor" must not read Object.prototype. */
function responseFor(responses: unknown, questionId: string): unknown {
  if (typeof responses !== 'object' || responses === null) return undefined;
  return Object.hasOwn(responses, questionId)
    ? (responses as Record<string, unknown>)[questionId]
    : undefined;
}

function creditFor(question: Question, response: unknown): Credit {
  switch (question.type) {
    case 'single':
      if (typeof response !== 'string' || response === '') return NO_CREDIT;
      return { answered: true, fraction: response === question.correct ? 1 : 0 };
    case 'multiple': {
      if (!isStringArray(response) || response.length === 0) return NO_CREDIT;
      const chosen = new Set(response);
      const expected = new Set(question.correct);
      const exact = chosen.size === expected.size && [...chosen].every((id) => expected.has(id));
      return { answered: true, fraction: exact ? 1 : 0 };
    }
    case 'truefalse':
      if (typeof response !== 'boolean') return NO_CREDIT;
      return { answered: true, fraction: response === question.correct ? 1 : 0 };
    case 'fill': {
      if (!isStringArray(response) || response.every((r) => r.trim() === '')) return NO_CREDIT;
      const matched = question.blanks.filter((accepted, i) =>
        blankMatches(response[i], accepted, question.caseSensitive),
      ).length;
      return { answered: true, fraction: matched / question.blanks.length };
    }
    case 'numeric':
      if (typeof response !== 'number' || !Number.isFinite(response)) return NO_CREDIT;
      return {
        answered: true,
        fraction: withinTolerance(response, question.answer, question.tolerance) ? 1 : 0,
      };
    case 'ordering': {
      if (!isStringArray(response) || response.length === 0) return NO_CREDIT;
      const items = question.items;
      const exact =
        response.length === items.length &&
        response.every((id, i) => id === items[i]!.id || id === presentedChoiceId(question.id, items[i]!.id));
      return { answered: true, fraction: exact ? 1 : 0 };
    }
    case 'matching':
      return matchingCredit(question, response);
  }
}

function matchingCredit(question: Extract<Question, { type: 'matching' }>, response: unknown): Credit {
  if (!isStringRecord(response)) return NO_CREDIT;
  const rightTextById = new Map<string, string>();
  for (const pair of question.pairs) {
    rightTextById.set(presentedChoiceId(question.id, pair.id), pair.right);
  }
  // Authored ids win over presented ids should the two ever collide.
  for (const pair of question.pairs) rightTextById.set(pair.id, pair.right);
  let answered = false;
  let matched = 0;
  for (const pair of question.pairs) {
    const chosen = Object.hasOwn(response, pair.id) ? response[pair.id] : undefined;
    if (chosen === undefined || chosen === '') continue;
    answered = true;
    // Two pairs may share a right-hand text ("mammal"); either copy is right.
    if (rightTextById.get(chosen) === pair.right) matched += 1;
  }
  return answered ? { answered, fraction: matched / question.pairs.length } : NO_CREDIT;
}

/** Trims, collapses runs of whitespace, and NFC-normalises (decomposed "ã" from some keyboards equals composed "ã"). */
export function normaliseAnswerText(text: string, caseSensitive: boolean): string {
  const collapsed = text.normalize('NFC').replace(/\s+/gu, ' ').trim();
  // toLowerCase, not toLocaleLowerCase: the result must not depend on the device's locale.
  return caseSensitive ? collapsed : collapsed.toLowerCase();
}

function blankMatches(
  given: string | undefined,
  accepted: readonly string[],
  caseSensitive: boolean,
): boolean {
  if (given === undefined) return false;
  const normalised = normaliseAnswerText(given, caseSensitive);
  return normalised !== '' && accepted.some((a) => normaliseAnswerText(a, caseSensitive) === normalised);
}

function withinTolerance(given: number, answer: number, tolerance: number): boolean {
  // |0.4 - 0.3| is 0.10000000000000003; a few ulps of slack keep the edge of the
  // tolerance inside it without widening it measurably.
  const slack = 8 * Number.EPSILON * Math.max(Math.abs(given), Math.abs(answer));
  return Math.abs(given - answer) <= tolerance + slack;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function isStringRecord(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === 'string');
}
