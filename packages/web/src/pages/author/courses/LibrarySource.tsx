import { useState } from 'preact/hooks';
import type { DraftLesson } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { Button, Dialog } from '../../../ui/index.js';
import { kindName } from '../author-errors.js';
import { fieldIds } from '../field-ids.js';
import { LibraryPicker } from '../library/LibraryPicker.js';
import { licenceName } from '../library/MetadataFields.js';
import { useEditor } from './editor-context.js';
import { isLibraryLessonKind, relinkLesson } from './lesson-factory.js';

/**
 * The library item a video, audio, PDF, EPUB or html5 lesson shows: its attribution and captions come
 * from the item, so they are shown here, not edited; another item can replace it.
 */
export function LibrarySource({ lesson }: { readonly lesson: DraftLesson }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { dispatch, problemAt } = useEditor();
  const [picking, setPicking] = useState(false);
  if (!isLibraryLessonKind(lesson.kind)) return null;
  const kind = lesson.kind;
  const attribution = lesson.attribution;
  const captions = lesson.kind === 'video' || lesson.kind === 'audio' ? lesson.captions : [];
  const size = lessonSize(lesson);
  const target = fieldIds.lessonField(lesson.id, 'file');
  const problem = problemAt(target) ?? problemAt(fieldIds.lesson(lesson.id));
  return (
    <div id={target} class="stack author-source" tabIndex={-1}>
      <h4>{t('author.lesson.source', { kind: kindName(i18n, kind) })}</h4>
      {problem && <p class="field__error">{problem}</p>}
      <dl class="facts">
        <div>
          <dt>{t('author.library.title')}</dt>
          <dd dir="auto">{attribution?.title ?? t('author.lesson.unknownSource')}</dd>
        </div>
        <div>
          <dt>{t('author.library.licence')}</dt>
          <dd>{attribution ? licenceName(t, attribution.licence) : t('author.lesson.noAttribution')}</dd>
        </div>
        {(attribution?.author || attribution?.provider) && (
          <div>
            <dt>{t('author.lesson.credit')}</dt>
            <dd dir="auto">{[attribution.author, attribution.provider].filter(Boolean).join(' · ')}</dd>
          </div>
        )}
        <div>
          <dt>{t('author.lesson.size')}</dt>
          <dd>{i18n.formatBytes(size)}</dd>
        </div>
        {(kind === 'video' || kind === 'audio') && (
          <div>
            <dt>{t('author.captions.title')}</dt>
            <dd>
              {captions.length === 0
                ? t('author.captions.none')
                : captions.map((track) => `${track.label} (${track.lang})`).join(', ')}
            </dd>
          </div>
        )}
      </dl>
      <div class="author-actions">
        <Button onClick={() => setPicking(true)}>
          {t('author.lesson.replaceFile')}
          <span class="sr-only"> {lesson.title}</span>
        </Button>
      </div>
      <Dialog
        open={picking}
        onClose={() => setPicking(false)}
        title={t('author.lesson.replaceTitle', { kind: kindName(i18n, kind) })}
      >
        {picking && (
          <LibraryPicker
            kind={kind}
            actionLabel={t('author.picker.use')}
            onPick={(item) => {
              dispatch({
                type: 'updateLesson',
                lessonId: lesson.id,
                update: (current) => relinkLesson(current, item),
              });
              setPicking(false);
            }}
          />
        )}
      </Dialog>
    </div>
  );
}

/** Bytes a learner downloads for the lesson's content. */
function lessonSize(lesson: DraftLesson): number {
  switch (lesson.kind) {
    case 'html5':
    case 'scorm':
    case 'h5p':
    case 'cmi5':
      return Object.values(lesson.files).reduce((sum, file) => sum + file.size, 0);
    case 'video':
    case 'audio':
    case 'pdf':
    case 'epub':
      return lesson.file.size;
    case 'markdown':
    case 'link':
    case 'quiz':
      return 0;
  }
}
