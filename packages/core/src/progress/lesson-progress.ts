// A learner's progress in one lesson, projected from their xAPI statements.
// Every aggregate is a max, a min or a set, so the result is the same whatever
// order the statements arrive in and however often a statement is repeated:
// what a union of logs synced from several devices needs.
import type { Lesson } from '../course/course.schema.js';
import { CMI5_SATISFIED, CMI5_WAIVED } from '../cmi5/cmi5.vocabulary.js';
import { lessonActivityId, VERBS } from '../xapi/iri.js';
import type { ProgressOptions, ProgressStatement } from './statement.js';
import {
  attemptKey,
  countableStatements,
  pickTime,
  progressOf,
  scaledScoreOf,
  statementTime,
} from './statement.js';

export type ProgressStatus = 'not_started' | 'in_progress' | 'completed';

export interface LessonProgress {
  status: ProgressStatus;
  /** 0..1; 1 once completed. */
  progress: number;
  /** Best scaled score seen (-1..1, usually 0..1), when any statement carried a score. */
  score?: number;
  /** True once passed; false when only failures were recorded; absent when neither. */
  passed?: boolean;
  /** Quizzes: attempts that ended in passed/failed. Other lessons: distinct launches. */
  attempts: number;
  /** The earliest time at which the lesson was complete. */
  completedAt?: string;
}

/** Media lessons count as complete once this share has been watched or heard. */
export const MEDIA_COMPLETION_THRESHOLD = 0.9;

const OPENED_VERBS: ReadonlySet<string> = new Set([VERBS.launched, VERBS.experienced, VERBS.completed]);
const LAUNCH_VERBS: ReadonlySet<string> = new Set([VERBS.launched, VERBS.initialized]);
const OUTCOME_VERBS: ReadonlySet<string> = new Set([VERBS.passed, VERBS.failed]);

/**
 * Progress in one lesson. `statements` may concern other activities too (they
 * are ignored) and may include voiding statements. Completion rules:
 * - video, audio: 90% watched (the highest progress seen), a `completed` verb
 *   or `result.completion: true`;
 * - pdf, epub, markdown, html5, link: opened (`launched`, `experienced` or
 *   `completed`) or `result.completion: true`;
 * - quiz: passed (a `passed` verb or `result.success: true`).
 */
export function lessonProgress(
  lesson: Lesson,
  statements: readonly ProgressStatement[],
  options: ProgressOptions = {},
): LessonProgress {
  const activityId = lessonActivityId(lesson.id);
  return projectLesson(
    lesson,
    countableStatements(statements, options).filter((s) => s.object.id === activityId),
  );
}

/**
 * Quiz attempts used, for attempt limits: distinct registrations among the
 * quiz's `passed`/`failed` statements (one registration per attempt; a
 * statement without one counts as its own attempt).
 */
export function attemptsUsed(
  lesson: Pick<Lesson, 'id'>,
  statements: readonly ProgressStatement[],
  options: ProgressOptions = {},
): number {
  const activityId = lessonActivityId(lesson.id);
  const attempts = new Set<string>();
  for (const s of countableStatements(statements, options)) {
    if (s.object.id === activityId && OUTCOME_VERBS.has(s.verb.id)) attempts.add(attemptKey(s));
  }
  return attempts.size;
}

/** Projects statements already known to be countable and about this lesson. */
export function projectLesson(lesson: Lesson, statements: readonly ProgressStatement[]): LessonProgress {
  let maxProgress = 0;
  let bestScore: number | undefined;
  let passed = false;
  let failed = false;
  let complete = false;
  let completedAt: { iso: string; ms: number } | undefined;
  const attempts = new Set<string>();

  for (const s of statements) {
    const verb = s.verb.id;
    const progress = progressOf(s);
    if (progress !== undefined) maxProgress = Math.max(maxProgress, progress);
    const score = scaledScoreOf(s);
    if (score !== undefined) bestScore = bestScore === undefined ? score : Math.max(bestScore, score);
    const passes = verb === VERBS.passed || (s.result?.success === true && verb !== VERBS.failed);
    const fails = verb === VERBS.failed || (s.result?.success === false && verb !== VERBS.passed);
    passed ||= passes;
    failed ||= fails;
    if (lesson.kind === 'quiz' ? OUTCOME_VERBS.has(verb) : LAUNCH_VERBS.has(verb))
      attempts.add(attemptKey(s));
    if (completes(lesson, s, progress, passes)) {
      complete = true;
      completedAt = pickTime(completedAt, statementTime(s), 'earliest');
    }
  }

  const result: LessonProgress = {
    status: complete ? 'completed' : statements.length > 0 ? 'in_progress' : 'not_started',
    progress: complete ? 1 : lesson.kind === 'quiz' ? 0 : round4(maxProgress),
    attempts: attempts.size,
  };
  if (bestScore !== undefined) result.score = round4(bestScore);
  if (passed || failed) result.passed = passed;
  if (completedAt) result.completedAt = completedAt.iso;
  return result;
}

function completes(
  lesson: Lesson,
  s: ProgressStatement,
  progress: number | undefined,
  passes: boolean,
): boolean {
  const signalsCompletion = s.verb.id === VERBS.completed || s.result?.completion === true;
  switch (lesson.kind) {
    case 'video':
    case 'audio':
      return signalsCompletion || (progress ?? 0) >= MEDIA_COMPLETION_THRESHOLD;
    case 'pdf':
    case 'epub':
    case 'markdown':
    case 'html5':
    case 'link':
      return signalsCompletion || OPENED_VERBS.has(s.verb.id);
    case 'quiz':
      return passes;
    case 'h5p':
      // H5P reports each answer with `result.completion`; opening it is not enough.
      return signalsCompletion || passes;
    case 'cmi5':
      // The LMS's own judgement of the AU's moveOn rule (server/cmi5), or a waiver.
      return s.verb.id === CMI5_SATISFIED || s.verb.id === CMI5_WAIVED;
    case 'scorm':
      // The server's rollup of every SCO's status (server/scorm), never a mere launch.
      return signalsCompletion || passes;
  }
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
