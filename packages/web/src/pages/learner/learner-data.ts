import type { CoursePage, MyCourseProgressResponse } from '@satchel/core';
import type { ApiClient } from '../../api/client.js';

/** A course as its page and its lessons show it: the latest version, the learner's standing, progress. */
export interface CourseView {
  readonly page: CoursePage;
  /** Null when progress could not be read: the course still opens, lessons just show no state. */
  readonly progress: MyCourseProgressResponse | null;
}

export async function loadCourseView(
  api: ApiClient,
  courseId: string,
  signal: AbortSignal,
): Promise<CourseView> {
  const id = encodeURIComponent(courseId);
  const [page, progress] = await Promise.all([
    api.get<CoursePage>(`/courses/${id}`, { signal }),
    api.get<MyCourseProgressResponse>(`/me/progress/${id}`, { signal }).catch(() => null),
  ]);
  return { page, progress };
}
