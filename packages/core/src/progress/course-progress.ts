// A learner's progress in a course version, from their statements. Lesson ids
// are stable across versions, so a learner who started on an older version
// keeps the progress of every lesson that is still in the course; statements
// about lessons no longer in it are ignored.
import type { CourseContent } from '../course/course.schema.js';
import { allLessons } from '../course/course.schema.js';
import { parseSatchelActivityId } from '../xapi/iri.js';
import type { LessonProgress, ProgressStatus } from './lesson-progress.js';
import { projectLesson } from './lesson-progress.js';
import type { ProgressOptions, ProgressStatement } from './statement.js';
import { countableStatements, pickTime } from './statement.js';

export interface CourseProgress {
  status: ProgressStatus;
  /** Completed counted lessons / counted lessons, 0..100, rounded down so 100 means done. */
  percent: number;
  /** Counted lessons completed. */
  completedLessons: number;
  /** Lessons that count towards completion: the required ones. */
  requiredLessons: number;
  lessons: Record<string, LessonProgress>;
  /** When the last counted lesson was completed, if every one has a time. */
  completedAt?: string;
}

/**
 * Progress in a course. `statements` are one learner's (the caller filters by
 * actor). The course is complete when every required lesson is; a course in
 * which no lesson is marked required counts all of its lessons, so it is not
 * complete before the learner does anything. An empty course is not started.
 */
export function courseProgress(
  course: Pick<CourseContent, 'modules'>,
  statements: readonly ProgressStatement[],
  options: ProgressOptions = {},
): CourseProgress {
  const byLesson = new Map<string, ProgressStatement[]>();
  for (const s of countableStatements(statements, options)) {
    const activity = parseSatchelActivityId(s.object.id);
    if (activity?.kind !== 'lesson') continue;
    const list = byLesson.get(activity.id);
    if (list) list.push(s);
    else byLesson.set(activity.id, [s]);
  }

  const lessons = allLessons(course);
  const lessonProgresses: Record<string, LessonProgress> = {};
  for (const lesson of lessons) {
    lessonProgresses[lesson.id] = projectLesson(lesson, byLesson.get(lesson.id) ?? []);
  }

  const required = lessons.filter((l) => l.required);
  const counted = required.length > 0 ? required : lessons;
  const countedProgress = counted.map((l) => lessonProgresses[l.id]!);
  const completed = countedProgress.filter((p) => p.status === 'completed');
  const done = counted.length > 0 && completed.length === counted.length;
  const started = Object.values(lessonProgresses).some((p) => p.status !== 'not_started');

  const result: CourseProgress = {
    status: done ? 'completed' : started ? 'in_progress' : 'not_started',
    percent: counted.length === 0 ? 0 : Math.floor((completed.length * 100) / counted.length),
    completedLessons: completed.length,
    requiredLessons: counted.length,
    lessons: lessonProgresses,
  };
  if (done) {
    let latest: { iso: string; ms: number } | undefined;
    let allTimed = true;
    for (const p of countedProgress) {
      const ms = p.completedAt === undefined ? NaN : Date.parse(p.completedAt);
      if (p.completedAt === undefined || Number.isNaN(ms)) allTimed = false;
      else latest = pickTime(latest, { iso: p.completedAt, ms }, 'latest');
    }
    if (allTimed && latest) result.completedAt = latest.iso;
  }
  return result;
}
