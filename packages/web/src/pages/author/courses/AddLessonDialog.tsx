import { useEffect, useState } from 'preact/hooks';
import type { DraftLesson, LessonKind } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { Alert, Button, Dialog, Form, Select, TextField } from '../../../ui/index.js';
import { kindName } from '../author-errors.js';
import { LibraryPicker } from '../library/LibraryPicker.js';
import { isHttpUrl } from './draft-validation.js';
import { useEditor } from './editor-context.js';
import {
  LESSON_KIND_ORDER,
  LibraryItemUnusable,
  isLibraryLessonKind,
  lessonFromLibraryItem,
  newLinkLesson,
  newMarkdownLesson,
  newQuizLesson,
} from './lesson-factory.js';

export interface AddLessonDialogProps {
  /** The module to add to; null keeps the dialog closed. */
  readonly moduleId: string | null;
  readonly moduleTitle: string;
  readonly onAdded: (lesson: DraftLesson) => void;
  readonly onClose: () => void;
}

/**
 * Adds a lesson of any kind to a module. Video, audio, PDF, EPUB and html5 lessons are chosen from the
 * library; markdown, link and quiz lessons start from a title.
 */
export function AddLessonDialog({ moduleId, moduleTitle, onAdded, onClose }: AddLessonDialogProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { newId } = useEditor();
  const [kind, setKind] = useState<LessonKind>('video');
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  const [problems, setProblems] = useState<{ title?: string; url?: string }>({});
  const [invalidAttempt, setInvalidAttempt] = useState(0);
  const [pickError, setPickError] = useState<string | null>(null);
  useEffect(() => {
    setTitle('');
    setUrl('');
    setProblems({});
    setPickError(null);
  }, [moduleId]);

  const addFromTitle = () => {
    const found: typeof problems = {};
    if (title.trim() === '') found.title = t('common.fieldRequired');
    if (kind === 'link' && !isHttpUrl(url)) found.url = t('author.problem.linkUrl');
    setProblems(found);
    if (Object.keys(found).length > 0) {
      setInvalidAttempt((count) => count + 1);
      return;
    }
    const id = newId();
    const trimmed = title.trim();
    onAdded(
      kind === 'link'
        ? newLinkLesson(id, trimmed, url.trim())
        : kind === 'quiz'
          ? newQuizLesson(id, trimmed)
          : newMarkdownLesson(id, trimmed),
    );
  };

  const libraryKind = isLibraryLessonKind(kind) ? kind : null;
  return (
    <Dialog
      open={moduleId !== null}
      onClose={onClose}
      title={t('author.lesson.addTitle', { module: moduleTitle })}
    >
      {/* Nothing stays in the page while closed, so its fields never share names with the editor's. */}
      {moduleId !== null && (
        <div class="stack">
          <Select
            label={t('author.lesson.kind')}
            value={kind}
            onValue={(value) => {
              const next = LESSON_KIND_ORDER.find((candidate) => candidate === value);
              if (next) setKind(next);
            }}
            options={LESSON_KIND_ORDER.map((value) => ({ value, label: kindName(i18n, value) }))}
          />
          {libraryKind ? (
            <>
              <TextField
                label={t('author.lesson.title')}
                description={t('author.lesson.titleFromLibrary')}
                optional
                maxLength={300}
                value={title}
                onValue={setTitle}
              />
              {pickError && <Alert tone="error">{pickError}</Alert>}
              <LibraryPicker
                kind={libraryKind}
                actionLabel={t('author.lesson.addFrom')}
                onPick={(item) => {
                  try {
                    onAdded(lessonFromLibraryItem(item, newId(), title));
                  } catch (error) {
                    if (!(error instanceof LibraryItemUnusable)) throw error;
                    setPickError(t('author.lesson.unusableItem'));
                  }
                }}
              />
            </>
          ) : (
            <Form onSubmit={addFromTitle} invalidAttempt={invalidAttempt} class="stack">
              <TextField
                label={t('author.lesson.title')}
                maxLength={300}
                value={title}
                onValue={setTitle}
                error={problems.title}
              />
              {kind === 'link' && (
                <TextField
                  label={t('author.lesson.url')}
                  description={t('author.lesson.urlHint')}
                  type="url"
                  maxLength={2000}
                  autocapitalize="none"
                  spellcheck={false}
                  value={url}
                  onValue={setUrl}
                  error={problems.url}
                />
              )}
              <div class="form-actions">
                <Button type="submit" variant="primary">
                  {t('author.lesson.addSubmit')}
                </Button>
              </div>
            </Form>
          )}
          <div class="form-actions">
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
