import type { EnrolmentListItem } from '@satchel/core';

/** What an enrolment is for: the course's or path's title (a deleted one has none; its id stands in). */
export function enrolmentTitle(
  item: Pick<EnrolmentListItem, 'courseTitle' | 'pathTitle' | 'courseId' | 'pathId'>,
): string {
  return item.courseTitle ?? item.pathTitle ?? item.courseId ?? item.pathId ?? '';
}

/** Who an enrolment is for: the person's or the class's name. */
export function enrolmentHolder(
  item: Pick<EnrolmentListItem, 'userDisplayName' | 'className' | 'userId' | 'classId'>,
): string {
  return item.userDisplayName ?? item.className ?? item.userId ?? item.classId ?? '';
}
