import type { CourseEnrolmentState, CourseManifest, CourseProgressView, Lesson } from '@satchel/core';
import { describe, expect, it } from 'vitest';
import { courseAction, coursePercent, lessonsInOrder, placeOf } from './course-outline.js';

const lesson = (id: string, required = true): Lesson => ({
  id,
  title: id,
  kind: 'markdown',
  body: '',
  required,
  outcomeIds: [],
});

const course: Pick<CourseManifest, 'modules'> = {
  modules: [
    { id: 'm1', title: 'Start', lessons: [lesson('a'), lesson('b', false)] },
    { id: 'm2', title: 'More', lessons: [lesson('c')] },
  ],
};

const state = (overrides: Partial<CourseEnrolmentState>): CourseEnrolmentState => ({
  enrolled: false,
  through: [],
  canEnrol: false,
  canUnenrol: false,
  canStart: false,
  ...overrides,
});

const progress = (status: CourseProgressView['status'], nextLessonId: string | null): CourseProgressView => ({
  courseId: 'x',
  status,
  percent: 0,
  completedLessons: 0,
  requiredLessons: 2,
  nextLessonId,
  lastActivityAt: null,
  completedAt: null,
});

const standing = (enrolment: CourseEnrolmentState, prerequisitesComplete = true) => ({
  course,
  enrolment,
  enrolmentPolicy: 'self' as const,
  prerequisitesComplete,
});

describe('the lessons of a course', () => {
  it('are numbered across modules, with their neighbours', () => {
    expect(lessonsInOrder(course).map((e) => [e.lesson.id, e.position, e.moduleTitle])).toEqual([
      ['a', 1, 'Start'],
      ['b', 2, 'Start'],
      ['c', 3, 'More'],
    ]);
    const place = placeOf(course, 'b');
    expect([place?.previous?.lesson.id, place?.next?.lesson.id, place?.total]).toEqual(['a', 'c', 3]);
    expect(placeOf(course, 'c')?.next).toBeNull();
    expect(placeOf(course, 'zzz')).toBeNull();
  });

  it('count only required lessons towards the course, rounded down', () => {
    expect(coursePercent(course, new Set(['b']))).toBe(0);
    expect(coursePercent(course, new Set(['a']))).toBe(50);
    expect(coursePercent(course, new Set(['a', 'c']))).toBe(100);
    const optionalOnly = {
      modules: [
        { id: 'm', title: 'M', lessons: [lesson('x', false), lesson('y', false), lesson('z', false)] },
      ],
    };
    expect(coursePercent(optionalOnly, new Set(['x']))).toBe(33);
  });
});

describe('the course page’s main button', () => {
  it('starts, continues at the next lesson, or reviews, for a learner who may open the lessons', () => {
    const open = standing(state({ enrolled: true, canStart: true }));
    expect(courseAction(open, null)).toEqual({ kind: 'start', lessonId: 'a', enrolFirst: false });
    expect(courseAction(open, progress('in_progress', 'c'))).toEqual({
      kind: 'continue',
      lessonId: 'c',
      enrolFirst: false,
    });
    expect(courseAction(open, progress('completed', null))).toEqual({
      kind: 'review',
      lessonId: 'a',
      enrolFirst: false,
    });
  });

  it('enrols on the way in to an open course the learner is not enrolled in', () => {
    expect(courseAction(standing(state({ canStart: true, canEnrol: true })), null)).toMatchObject({
      kind: 'start',
      enrolFirst: true,
    });
  });

  it('offers enrolment, or says why it cannot', () => {
    expect(courseAction(standing(state({ canEnrol: true })), null)).toEqual({ kind: 'enrol' });
    expect(courseAction(standing(state({}), false), null)).toEqual({ kind: 'prerequisites' });
    expect(courseAction(standing(state({})), null)).toEqual({ kind: 'assigned' });
    expect(courseAction({ ...standing(state({ canStart: true })), course: { modules: [] } }, null)).toEqual({
      kind: 'empty',
    });
  });
});
