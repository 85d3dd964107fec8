import type { DraftLesson } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { Checkbox, TextField } from '../../../ui/index.js';
import { fieldIds } from '../field-ids.js';
import { CheckboxGroup } from '../parts/CheckboxGroup.js';
import { NumberField } from '../parts/NumberField.js';
import { TextArea } from '../parts/TextArea.js';
import { QuizEditor } from '../quiz/QuizEditor.js';
import { itemLabel, lessonOutcomeChoices } from './curriculum-choices.js';
import { useEditor } from './editor-context.js';
import { LibrarySource } from './LibrarySource.js';
import { MarkdownField } from './MarkdownField.js';

/** Every field of one lesson: the common ones, then what its kind needs. */
export function LessonEditor({ lesson }: { readonly lesson: DraftLesson }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { content, dispatch, problemAt, frameworks } = useEditor();
  const update = (change: (current: DraftLesson) => DraftLesson) =>
    dispatch({ type: 'updateLesson', lessonId: lesson.id, update: change });
  const field = (name: string) => fieldIds.lessonField(lesson.id, name);
  const outcomes = lessonOutcomeChoices(frameworks, content.tags, lesson.outcomeIds);

  return (
    <div class="stack author-lesson-editor">
      <div id={field('title')}>
        <TextField
          label={t('author.lesson.title')}
          maxLength={300}
          value={lesson.title}
          onValue={(title) => update((current) => ({ ...current, title }))}
          error={problemAt(field('title'))}
        />
      </div>
      <Checkbox
        label={t('author.lesson.required')}
        description={t('author.lesson.requiredHint')}
        checked={lesson.required}
        onChecked={(required) => update((current) => ({ ...current, required }))}
      />
      <div id={field('description')}>
        <TextArea
          label={t('author.lesson.description')}
          optional
          maxLength={4000}
          rows={3}
          value={lesson.description ?? ''}
          onValue={(description) => update((current) => ({ ...current, description }))}
          error={problemAt(field('description'))}
        />
      </div>
      <div id={field('duration')}>
        <NumberField
          label={t('author.lesson.duration')}
          description={t('author.lesson.durationHint')}
          optional
          integer
          value={lesson.durationMinutes}
          onValue={(minutes) =>
            update((current) => {
              const { durationMinutes: _old, ...rest } = current;
              return minutes === undefined
                ? (rest as DraftLesson)
                : ({ ...rest, durationMinutes: minutes } as DraftLesson);
            })
          }
          error={problemAt(field('duration'))}
        />
      </div>
      {outcomes.length > 0 && (
        <CheckboxGroup
          legend={t('author.lesson.outcomes')}
          description={t('author.lesson.outcomesHint')}
          scroll
          choices={outcomes.map((item) => ({ value: item.id, label: itemLabel(item, i18n.locale) }))}
          selected={lesson.outcomeIds}
          onChange={(outcomeIds) => update((current) => ({ ...current, outcomeIds }))}
        />
      )}
      <KindFields lesson={lesson} update={update} />
    </div>
  );
}

function KindFields({
  lesson,
  update,
}: {
  readonly lesson: DraftLesson;
  readonly update: (change: (current: DraftLesson) => DraftLesson) => void;
}) {
  const { t } = useI18n();
  const { content, problemAt } = useEditor();
  const field = (name: string) => fieldIds.lessonField(lesson.id, name);
  switch (lesson.kind) {
    case 'video':
    case 'audio':
    case 'pdf':
    case 'epub':
    case 'html5':
    case 'h5p':
      return <LibrarySource lesson={lesson} />;
    case 'markdown':
      return (
        <div id={field('body')}>
          <MarkdownField
            label={t('author.lesson.body')}
            lang={content.language}
            value={lesson.body}
            onValue={(body) =>
              update((current) => (current.kind === 'markdown' ? { ...current, body } : current))
            }
            error={problemAt(field('body'))}
          />
        </div>
      );
    case 'link':
      return (
        <div id={field('url')}>
          <TextField
            label={t('author.lesson.url')}
            description={t('author.lesson.urlHint')}
            type="url"
            maxLength={2000}
            autocapitalize="none"
            spellcheck={false}
            value={lesson.url}
            onValue={(url) => update((current) => (current.kind === 'link' ? { ...current, url } : current))}
            error={problemAt(field('url'))}
          />
        </div>
      );
    case 'quiz':
      return <QuizEditor lesson={lesson} />;
    case 'scorm':
      return (
        <p>
          {t('author.lesson.scormSummary', {
            version: lesson.scorm.version === '1.2' ? '1.2' : '2004',
            count: lesson.scorm.items.filter((item) => item.href !== null).length,
          })}
        </p>
      );
    case 'cmi5':
      return <p>{t('author.lesson.cmi5Summary', { moveOn: lesson.au.moveOn, url: lesson.au.url })}</p>;
  }
}
