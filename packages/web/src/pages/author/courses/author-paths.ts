import { paths } from '../../../app/paths.js';

/** The course editor's address (the route is `/author/courses/:courseId`). */
export function courseEditorPath(courseId: string): string {
  return `${paths.authorCourses}/${encodeURIComponent(courseId)}`;
}
