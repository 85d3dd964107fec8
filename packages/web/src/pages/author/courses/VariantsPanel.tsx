import { useState } from 'preact/hooks';
import type { AuthoringCourse } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { endonym } from '../../../i18n/locales.js';
import { Link } from '../../../router/Link.js';
import { Button } from '../../../ui/index.js';
import { courseEditorPath } from './author-paths.js';
import { VariantDialog } from './VariantDialog.js';

/** The other language versions of this course, and a way to start one more. */
export function VariantsPanel({ course }: { readonly course: AuthoringCourse }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <section class="stack" aria-labelledby="course-variants-heading">
      <h2 id="course-variants-heading">{t('author.variant.heading')}</h2>
      {course.variants.length === 0 ? (
        <p>{t('author.variant.none')}</p>
      ) : (
        <ul class="author-plain-list">
          {course.variants.map((variant) => (
            <li key={variant.courseId}>
              <Link to={courseEditorPath(variant.courseId)}>
                <span lang={variant.language}>{endonym(variant.language)}</span>:{' '}
                <span dir="auto">{variant.title}</span>
              </Link>{' '}
              <span class="author-muted">
                ({variant.published ? t('author.variant.published') : t('author.status.draft')})
              </span>
            </li>
          ))}
        </ul>
      )}
      <div>
        <Button onClick={() => setOpen(true)}>{t('author.courses.addVariant')}</Button>
      </div>
      <VariantDialog course={open ? course : null} onClose={() => setOpen(false)} />
    </section>
  );
}
