import type { AuthoringCourseSummary } from '@satchel/core';

/** Where a course stands, as the course list and the editor show it. */
export type CourseStanding =
  | { readonly kind: 'archived' }
  | { readonly kind: 'draft' }
  | { readonly kind: 'published'; readonly version: number }
  | { readonly kind: 'changed'; readonly version: number };

export function courseStanding(
  course: Pick<AuthoringCourseSummary, 'archived' | 'publishedVersion' | 'hasUnpublishedChanges'>,
): CourseStanding {
  if (course.archived) return { kind: 'archived' };
  if (course.publishedVersion === null) return { kind: 'draft' };
  return course.hasUnpublishedChanges
    ? { kind: 'changed', version: course.publishedVersion }
    : { kind: 'published', version: course.publishedVersion };
}
