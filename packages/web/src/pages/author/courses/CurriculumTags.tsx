import type { CourseTags } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { fieldIds } from '../field-ids.js';
import { CheckboxGroup } from '../parts/CheckboxGroup.js';
import { itemLabel, pickName, relevantOutcomes } from './curriculum-choices.js';
import { useEditor } from './editor-context.js';

/** Grades, subjects and outcomes of the platform's curriculum frameworks, for catalog filters and search. */
export function CurriculumTags() {
  const i18n = useI18n();
  const { t } = i18n;
  const { content, dispatch, frameworks, problemAt } = useEditor();
  const tags = content.tags;
  const setTags = (patch: Partial<CourseTags>) =>
    dispatch({ type: 'setCourse', patch: { tags: { ...tags, ...patch } } });
  const error = problemAt(fieldIds.course('tags'));
  return (
    <div id={fieldIds.course('tags')} class="stack" tabIndex={-1}>
      <h3>{t('author.course.curriculum')}</h3>
      {error && <p class="field__error">{error}</p>}
      {frameworks.length === 0 && <p class="field__description">{t('author.course.noCurriculum')}</p>}
      {frameworks.map((framework) => {
        // Ids of other frameworks stay selected while one framework's boxes change.
        const keep = (ids: readonly string[], own: readonly { id: string }[]) =>
          ids.filter((id) => !own.some((item) => item.id === id));
        const outcomes = relevantOutcomes(framework, tags, tags.outcomeIds);
        return (
          <div key={framework.id} class="stack author-framework">
            {frameworks.length > 1 && <h4>{pickName(framework.name, i18n.locale)}</h4>}
            <CheckboxGroup
              legend={t('author.course.grades')}
              choices={framework.grades.map((item) => ({
                value: item.id,
                label: itemLabel(item, i18n.locale),
              }))}
              selected={tags.gradeIds.filter((id) => framework.grades.some((item) => item.id === id))}
              onChange={(selected) =>
                setTags({ gradeIds: [...keep(tags.gradeIds, framework.grades), ...selected] })
              }
              empty={<p class="field__description">{t('author.course.noneDefined')}</p>}
            />
            <CheckboxGroup
              legend={t('author.course.subjects')}
              choices={framework.subjects.map((item) => ({
                value: item.id,
                label: itemLabel(item, i18n.locale),
              }))}
              selected={tags.subjectIds.filter((id) => framework.subjects.some((item) => item.id === id))}
              onChange={(selected) =>
                setTags({ subjectIds: [...keep(tags.subjectIds, framework.subjects), ...selected] })
              }
              empty={<p class="field__description">{t('author.course.noneDefined')}</p>}
            />
            <CheckboxGroup
              legend={t('author.course.outcomes')}
              description={t('author.course.outcomesHint')}
              scroll
              choices={outcomes.map((item) => ({ value: item.id, label: itemLabel(item, i18n.locale) }))}
              selected={tags.outcomeIds.filter((id) => framework.outcomes.some((item) => item.id === id))}
              onChange={(selected) =>
                setTags({ outcomeIds: [...keep(tags.outcomeIds, framework.outcomes), ...selected] })
              }
              empty={<p class="field__description">{t('author.course.noneDefined')}</p>}
            />
          </div>
        );
      })}
    </div>
  );
}
