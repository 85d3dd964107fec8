import type {
  CourseEnrolmentState,
  CourseManifest,
  CourseProgressView,
  EnrolmentPolicy,
  Lesson,
  LessonProgressView,
} from '@satchel/core';

export type LearningState = LessonProgressView['status'];

export interface OutlineLesson {
  readonly lesson: Lesson;
  readonly moduleTitle: string;
  /** 1-based position in the whole course. */
  readonly position: number;
}

export function lessonsInOrder(course: Pick<CourseManifest, 'modules'>): OutlineLesson[] {
  let position = 0;
  return course.modules.flatMap((module) =>
    module.lessons.map((lesson) => {
      position += 1;
      return { lesson, moduleTitle: module.title, position };
    }),
  );
}

export interface LessonPlace {
  readonly current: OutlineLesson;
  readonly previous: OutlineLesson | null;
  readonly next: OutlineLesson | null;
  readonly total: number;
}

/** Where a lesson sits in its course, with its neighbours; null when the course has no such lesson. */
export function placeOf(course: Pick<CourseManifest, 'modules'>, lessonId: string): LessonPlace | null {
  const all = lessonsInOrder(course);
  const index = all.findIndex((entry) => entry.lesson.id === lessonId);
  const current = all[index];
  if (!current) return null;
  return { current, previous: all[index - 1] ?? null, next: all[index + 1] ?? null, total: all.length };
}

/**
 * Percent of the course done, as core's courseProgress counts it: completed required lessons over
 * required lessons (every lesson when none is required), rounded down so 100 means finished.
 */
export function coursePercent(
  course: Pick<CourseManifest, 'modules'>,
  completed: ReadonlySet<string>,
): number {
  const lessons = lessonsInOrder(course).map((entry) => entry.lesson);
  const required = lessons.filter((lesson) => lesson.required);
  const counted = required.length > 0 ? required : lessons;
  if (counted.length === 0) return 0;
  const done = counted.filter((lesson) => completed.has(lesson.id)).length;
  return Math.floor((done / counted.length) * 100);
}

export interface CourseStanding {
  readonly course: Pick<CourseManifest, 'modules'>;
  readonly enrolment: CourseEnrolmentState;
  readonly enrolmentPolicy: EnrolmentPolicy;
  readonly prerequisitesComplete: boolean;
}

export type CourseAction =
  | {
      readonly kind: 'start' | 'continue' | 'review';
      readonly lessonId: string;
      /** Not enrolled yet but may be: enrol on the way in, so the course shows in "My learning". */
      readonly enrolFirst: boolean;
    }
  | { readonly kind: 'enrol' }
  | { readonly kind: 'prerequisites' }
  | { readonly kind: 'assigned' }
  | { readonly kind: 'empty' };

/** The main button of a course page, from the enrolment rules and the learner's progress. */
export function courseAction(standing: CourseStanding, progress: CourseProgressView | null): CourseAction {
  const lessons = lessonsInOrder(standing.course);
  const first = lessons[0];
  if (!first) return { kind: 'empty' };
  const { enrolment } = standing;
  if (enrolment.canStart) {
    const enrolFirst = !enrolment.enrolled && enrolment.canEnrol;
    const next = lessons.find((entry) => entry.lesson.id === progress?.nextLessonId)?.lesson.id;
    if (progress?.status === 'completed') return { kind: 'review', lessonId: first.lesson.id, enrolFirst };
    if (progress?.status === 'in_progress')
      return { kind: 'continue', lessonId: next ?? first.lesson.id, enrolFirst };
    return { kind: 'start', lessonId: next ?? first.lesson.id, enrolFirst };
  }
  if (enrolment.canEnrol) return { kind: 'enrol' };
  if (!standing.prerequisitesComplete) return { kind: 'prerequisites' };
  return { kind: 'assigned' };
}

/** Lesson states by lesson id; lessons without a row are not started. */
export function statusIndex(lessons: readonly LessonProgressView[]): Map<string, LessonProgressView> {
  return new Map(lessons.map((lesson) => [lesson.lessonId, lesson]));
}
