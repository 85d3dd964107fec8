import type { AuthoringCourseSummary } from '@satchel/core';
import { useT } from '../../../i18n/i18n.js';
import { courseStanding } from './course-status.js';

/** "Draft", "Published v3" or "Published v3 · unpublished changes". */
export function CourseStatusBadge({
  course,
}: {
  readonly course: Pick<AuthoringCourseSummary, 'archived' | 'publishedVersion' | 'hasUnpublishedChanges'>;
}) {
  const t = useT();
  const standing = courseStanding(course);
  switch (standing.kind) {
    case 'archived':
      return <span class="badge author-status author-status--archived">{t('author.status.archived')}</span>;
    case 'draft':
      return <span class="badge author-status author-status--draft">{t('author.status.draft')}</span>;
    case 'published':
      return (
        <span class="badge author-status author-status--published">
          {t('author.status.published', { version: standing.version })}
        </span>
      );
    case 'changed':
      return (
        <span class="badge author-status author-status--changed">
          {t('author.status.changed', { version: standing.version })}
        </span>
      );
  }
}
