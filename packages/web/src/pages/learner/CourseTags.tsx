import type { CourseTags as Tags, CurriculumFrameworkTree } from '@satchel/core';
import { useMemo } from 'preact/hooks';
import { useI18n } from '../../i18n/i18n.js';
import { curriculumIndex } from './curriculum-names.js';

/** The curriculum a course is tagged with, as rows of a description list. */
export function CourseTags({
  tags,
  frameworks,
}: {
  readonly tags: Tags;
  readonly frameworks: readonly CurriculumFrameworkTree[];
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const index = useMemo(() => curriculumIndex(frameworks, i18n.locale), [frameworks, i18n.locale]);
  const names = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const found = index.get(id);
      return found ? [found] : [];
    });
  const rows = [
    { label: t('catalog.grade'), items: names(tags.gradeIds).map((item) => item.name) },
    { label: t('catalog.subject'), items: names(tags.subjectIds).map((item) => item.name) },
    {
      label: t('course.outcomes'),
      items: names(tags.outcomeIds).map((item) => `${item.code} – ${item.name}`),
    },
  ].filter((row) => row.items.length > 0);
  return (
    <>
      {rows.map((row) => (
        <div key={row.label}>
          <dt>{row.label}</dt>
          <dd>
            <ul class={row.items.length > 1 ? 'plain-list' : 'inline-list'}>
              {row.items.map((item) => (
                <li key={item} dir="auto">
                  {item}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ))}
    </>
  );
}
