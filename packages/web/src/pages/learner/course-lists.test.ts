import { describe, expect, it } from 'vitest';
import type { MyCourse } from '../../api/types.js';
import { continueLearning, myCourses } from './course-lists.js';

const course = (
  courseId: string,
  status: MyCourse['status'],
  lastActivityAt: string | null,
  title = courseId,
): MyCourse => ({
  courseId,
  title,
  language: 'en',
  coverUrl: null,
  percent: status === 'completed' ? 100 : status === 'in_progress' ? 40 : 0,
  status,
  lastActivityAt,
  nextLessonId: null,
});

describe('the learner home lists', () => {
  const courses = [
    course('old', 'in_progress', '2026-01-01T00:00:00Z'),
    course('done', 'completed', '2026-03-01T00:00:00Z'),
    course('new', 'not_started', null),
    course('recent', 'in_progress', '2026-02-01T00:00:00Z'),
    course('never', 'in_progress', null),
  ];

  it('offers the courses under way, most recently used first, at most three', () => {
    expect(continueLearning(courses).map((c) => c.courseId)).toEqual(['recent', 'old', 'never']);
    expect(continueLearning(courses, 1).map((c) => c.courseId)).toEqual(['recent']);
    expect(continueLearning([course('x', 'completed', null)])).toEqual([]);
  });

  it('lists every course: under way, then new, then finished, by title', () => {
    const listed = myCourses([...courses, course('b', 'in_progress', null, 'Álgebra')], 'es');
    expect(listed.map((c) => c.status)).toEqual([
      'in_progress',
      'in_progress',
      'in_progress',
      'in_progress',
      'not_started',
      'completed',
    ]);
    expect(listed[0]?.title).toBe('Álgebra');
  });
});
