import type { CourseStatus, MyCourse } from '../../api/types.js';

const lastActivity = (course: MyCourse): number =>
  course.lastActivityAt ? Date.parse(course.lastActivityAt) || 0 : 0;

/** Courses under way, most recently touched first: what a learner most likely wants to resume. */
export function continueLearning(courses: readonly MyCourse[], limit = 3): MyCourse[] {
  return courses
    .filter((course) => course.status === 'in_progress')
    .sort((a, b) => lastActivity(b) - lastActivity(a))
    .slice(0, limit);
}

const STATUS_ORDER: Readonly<Record<CourseStatus, number>> = { in_progress: 0, not_started: 1, completed: 2 };

/** Every enrolled course: started ones first, then new, then finished; by title within each. */
export function myCourses(courses: readonly MyCourse[], locale: string): MyCourse[] {
  const collator = new Intl.Collator(locale);
  return [...courses].sort(
    (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || collator.compare(a.title, b.title),
  );
}
