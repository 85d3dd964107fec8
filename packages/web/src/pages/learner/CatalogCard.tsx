import type { CatalogItem } from '@satchel/core';
import { paths } from '../../app/paths.js';
import { useI18n } from '../../i18n/i18n.js';
import { endonym } from '../../i18n/locales.js';
import { Link } from '../../router/Link.js';

/** A short excerpt of a description, cut at a word. */
export function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** One catalog result: cover, title (the link), a few words of description, language, size and length. */
export function CatalogCard({ item }: { readonly item: CatalogItem }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <li class="course-card catalog-card">
      {item.coverUrl ? (
        <img class="course-card__cover" src={item.coverUrl} alt="" loading="lazy" width={320} height={180} />
      ) : (
        <div class="course-card__cover course-card__cover--blank" aria-hidden="true" />
      )}
      <div class="course-card__body">
        <h3 class="course-card__title" lang={item.language} dir="auto">
          <Link to={paths.course(item.courseId)}>{item.title}</Link>
        </h3>
        {item.description.trim() !== '' && (
          <p class="catalog-card__description" lang={item.language} dir="auto">
            {excerpt(item.description)}
          </p>
        )}
        <ul class="facts-inline" aria-label={t('catalog.aboutCourse')}>
          <li lang={item.language}>{endonym(item.language)}</li>
          <li>{t('catalog.lessonCount', { count: item.lessonCount })}</li>
          {item.durationMinutes > 0 && <li>{i18n.formatDuration(item.durationMinutes * 60)}</li>}
        </ul>
      </div>
    </li>
  );
}
