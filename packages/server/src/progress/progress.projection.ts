import {
  allLessons,
  courseProgress,
  parseSatchelActivityId,
  VERBS,
  type CourseManifest,
  type ProgressStatement,
} from '@satchel/core';
import { parseJson } from '../platform/json.js';
import type { PairStatementRow, ProgressWrite, UserCourse } from './progress.repo.js';

/** A stored statement as progress reads it: the fields projections use, and whether a learner vouched for it. */
export type RecordedStatement = ProgressStatement & { byLearner: boolean };

export function recordedStatement(row: PairStatementRow): RecordedStatement {
  const s: RecordedStatement = {
    id: row.id,
    actor: null,
    verb: { id: row.verb_id },
    object: { id: row.object_id },
    timestamp: row.timestamp,
    stored: row.stored,
    byLearner: row.authority_kind === 'learner',
  };
  if (row.result !== null)
    s.result = parseJson<NonNullable<ProgressStatement['result']>>(row.result, 'statements.result');
  if (row.registration !== null) s.context = { registration: row.registration };
  return s;
}

const OUTCOME_VERBS: ReadonlySet<string> = new Set([VERBS.passed, VERBS.failed, VERBS.completed]);

function carriesOutcome(s: RecordedStatement): boolean {
  const r = s.result;
  return (
    OUTCOME_VERBS.has(s.verb.id) ||
    r?.success !== undefined ||
    r?.completion !== undefined ||
    r?.score !== undefined
  );
}

/**
 * Quiz results count only when the server graded them (or a trusted integration
 * holding LRS credentials sent them): a learner's own device could otherwise post
 * "passed" for a quiz it never took. Everything else a learner sends counts.
 */
export function trustedStatements(
  manifest: CourseManifest,
  statements: readonly RecordedStatement[],
): RecordedStatement[] {
  const quizzes = new Set(
    allLessons(manifest)
      .filter((l) => l.kind === 'quiz')
      .map((l) => l.id),
  );
  if (quizzes.size === 0) return [...statements];
  return statements.filter((s) => {
    if (!s.byLearner || !carriesOutcome(s)) return true;
    const activity = parseSatchelActivityId(s.object.id);
    return !(activity?.kind === 'lesson' && quizzes.has(activity.id));
  });
}

/** An ISO 8601 UTC time with milliseconds (so it sorts as text), or null. */
export function utcOrNull(time: string | undefined): string | null {
  if (time === undefined) return null;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function lastActivity(statements: readonly RecordedStatement[]): string | null {
  let latest = -Infinity;
  for (const s of statements) {
    const ms = Date.parse(s.timestamp ?? s.stored ?? '');
    if (!Number.isNaN(ms) && ms > latest) latest = ms;
  }
  return latest === -Infinity ? null : new Date(latest).toISOString();
}

/** One learner's progress rows in one course, from their statements about it. */
export function projectProgress(
  tenantId: string,
  pair: UserCourse,
  manifest: CourseManifest,
  statements: readonly RecordedStatement[],
  now: string,
): ProgressWrite {
  const counted = trustedStatements(manifest, statements);
  const progress = courseProgress(manifest, counted);
  const lessons = allLessons(manifest);
  const required = lessons.filter((l) => l.required);
  const resumable = required.length > 0 ? required : lessons;
  const next = resumable.find((l) => progress.lessons[l.id]?.status !== 'completed');
  const base = { tenant_id: tenantId, user_id: pair.userId, course_id: pair.courseId, updated_at: now };
  return {
    pair,
    lessons: lessons.flatMap((lesson) => {
      const p = progress.lessons[lesson.id];
      if (!p || p.status === 'not_started') return [];
      return [
        {
          ...base,
          lesson_id: lesson.id,
          status: p.status,
          progress: p.progress,
          best_score: p.score ?? null,
          passed: p.passed === undefined ? null : p.passed ? 1 : 0,
          attempts: p.attempts,
          completed_at: utcOrNull(p.completedAt),
        },
      ];
    }),
    course: {
      ...base,
      status: progress.status,
      percent: progress.percent,
      completed_lessons: progress.completedLessons,
      required_lessons: progress.requiredLessons,
      next_lesson_id: next?.id ?? null,
      last_activity_at: lastActivity(counted),
      completed_at: utcOrNull(progress.completedAt),
    },
  };
}
