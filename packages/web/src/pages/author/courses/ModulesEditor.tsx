import { useRef, useState } from 'preact/hooks';
import type { DraftLesson, DraftModule } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { announce } from '../../../router/focus.js';
import { Button, EmptyState, TextField } from '../../../ui/index.js';
import { fieldIds, focusById } from '../field-ids.js';
import { ConfirmDialog } from '../../../ui/index.js';
import { MoveButtons } from '../parts/MoveButtons.js';
import { AddLessonDialog } from './AddLessonDialog.js';
import {
  canMoveLesson,
  canMoveModule,
  findLesson,
  moveLesson,
  newModule,
  type Direction,
} from './draft-ops.js';
import { useEditor } from './editor-context.js';
import { LessonCard } from './LessonCard.js';

type Deleting =
  | { readonly kind: 'module'; readonly module: DraftModule }
  | { readonly kind: 'lesson'; readonly lesson: DraftLesson; readonly moduleId: string };

/** The course's modules and their lessons: add, rename, reorder (buttons), delete (after a confirm). */
export function ModulesEditor() {
  const { t } = useI18n();
  const { content, dispatch, newId, problemAt, setExpanded } = useEditor();
  const [addingTo, setAddingTo] = useState<DraftModule | null>(null);
  const [deleting, setDeleting] = useState<Deleting | null>(null);
  // Dialogs give focus back to their opener when they close; some actions want it elsewhere after that.
  const focusAfterClose = useRef<string | null>(null);
  const closed = () => {
    const target = focusAfterClose.current;
    focusAfterClose.current = null;
    if (target) focusById(target);
  };

  const addModule = () => {
    const id = newId();
    dispatch({
      type: 'addModule',
      module: newModule(id, t('author.module.defaultTitle', { number: content.modules.length + 1 })),
    });
    focusById(fieldIds.moduleTitle(id));
  };

  const moveModule = (module: DraftModule, index: number, direction: Direction) => {
    dispatch({ type: 'moveModule', moduleId: module.id, direction });
    const position = direction === 'up' ? index : index + 2;
    const edge = direction === 'up' ? position === 1 : position === content.modules.length;
    focusById(fieldIds.moduleMove(module.id, edge ? (direction === 'up' ? 'down' : 'up') : direction));
    announce(t('author.module.moved', { title: module.title, position, count: content.modules.length }));
  };

  const moveLessonBy = (lesson: DraftLesson, direction: Direction) => {
    const moved = moveLesson(content, lesson.id, direction);
    dispatch({ type: 'moveLesson', lessonId: lesson.id, direction });
    const at = findLesson(moved, lesson.id);
    if (!at) return;
    const keep = canMoveLesson(moved, lesson.id, direction);
    focusById(fieldIds.lessonMove(lesson.id, keep ? direction : direction === 'up' ? 'down' : 'up'));
    announce(
      t('author.lesson.moved', {
        title: lesson.title,
        position: at.lessonIndex + 1,
        count: at.module.lessons.length,
        module: at.module.title,
      }),
    );
  };

  const confirmDelete = () => {
    if (!deleting) return;
    if (deleting.kind === 'module') {
      dispatch({ type: 'deleteModule', moduleId: deleting.module.id });
      focusAfterClose.current = fieldIds.addModule;
      announce(t('author.module.deleted', { title: deleting.module.title }));
    } else {
      dispatch({ type: 'deleteLesson', lessonId: deleting.lesson.id });
      focusAfterClose.current = fieldIds.addLesson(deleting.moduleId);
      announce(t('author.lesson.deleted', { title: deleting.lesson.title }));
    }
    setDeleting(null);
  };

  return (
    <section id={fieldIds.modules} class="stack" aria-labelledby="course-modules-heading" tabIndex={-1}>
      <h2 id="course-modules-heading">{t('author.module.heading')}</h2>
      {problemAt(fieldIds.addModule) && <p class="field__error">{problemAt(fieldIds.addModule)}</p>}
      {content.modules.length === 0 && (
        <EmptyState title={t('author.module.none')} description={t('author.module.noneHelp')} />
      )}
      {content.modules.map((module, index) => {
        const headingId = `${fieldIds.module(module.id)}-heading`;
        const title = module.title.trim() || t('author.module.untitled');
        return (
          <section
            key={module.id}
            id={fieldIds.module(module.id)}
            class="card stack author-module"
            aria-labelledby={headingId}
          >
            <div class="author-row">
              <h3 id={headingId} dir="auto">
                {t('author.module.number', { number: index + 1, title })}
              </h3>
              <span class="author-actions">
                <MoveButtons
                  subject={t('author.module.subject', { title })}
                  canUp={canMoveModule(content, module.id, 'up')}
                  canDown={canMoveModule(content, module.id, 'down')}
                  upId={fieldIds.moduleMove(module.id, 'up')}
                  downId={fieldIds.moduleMove(module.id, 'down')}
                  onMove={(direction) => moveModule(module, index, direction)}
                />
                <Button variant="quiet" onClick={() => setDeleting({ kind: 'module', module })}>
                  {t('author.module.delete')}
                  <span class="sr-only"> {title}</span>
                </Button>
              </span>
            </div>
            <div id={fieldIds.moduleTitle(module.id)}>
              <TextField
                label={t('author.module.title')}
                maxLength={300}
                value={module.title}
                onValue={(value) => dispatch({ type: 'renameModule', moduleId: module.id, title: value })}
                error={problemAt(fieldIds.moduleTitle(module.id))}
              />
            </div>
            {module.lessons.length === 0 ? (
              <p class="field__description">{t('author.module.noLessons')}</p>
            ) : (
              <ol class="author-lessons" aria-label={t('author.module.lessonsOf', { title })}>
                {module.lessons.map((lesson) => (
                  <LessonCard
                    key={lesson.id}
                    lesson={lesson}
                    onMove={(direction) => moveLessonBy(lesson, direction)}
                    onDelete={() => setDeleting({ kind: 'lesson', lesson, moduleId: module.id })}
                  />
                ))}
              </ol>
            )}
            <div>
              <Button id={fieldIds.addLesson(module.id)} onClick={() => setAddingTo(module)}>
                {t('author.lesson.add')}
                <span class="sr-only"> {t('author.module.subject', { title })}</span>
              </Button>
            </div>
          </section>
        );
      })}
      <div>
        <Button id={fieldIds.addModule} variant="secondary" onClick={addModule}>
          {t('author.module.add')}
        </Button>
      </div>
      <AddLessonDialog
        moduleId={addingTo?.id ?? null}
        moduleTitle={addingTo?.title ?? ''}
        onAdded={(lesson) => {
          if (!addingTo) return;
          dispatch({ type: 'addLesson', moduleId: addingTo.id, lesson });
          setExpanded(lesson.id, true);
          focusAfterClose.current = fieldIds.lessonField(lesson.id, 'title');
          announce(t('author.lesson.added', { title: lesson.title }));
          setAddingTo(null);
        }}
        onClose={() => {
          setAddingTo(null);
          closed();
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        danger
        title={deleting?.kind === 'module' ? t('author.module.deleteTitle') : t('author.lesson.deleteTitle')}
        confirmLabel={deleting?.kind === 'module' ? t('author.module.delete') : t('author.lesson.delete')}
        onConfirm={confirmDelete}
        onCancel={() => {
          setDeleting(null);
          closed();
        }}
      >
        <p dir="auto">
          {deleting?.kind === 'module'
            ? t('author.module.deleteBody', {
                title: deleting.module.title,
                count: deleting.module.lessons.length,
              })
            : t('author.lesson.deleteBody', {
                title: deleting?.kind === 'lesson' ? deleting.lesson.title : '',
              })}
        </p>
      </ConfirmDialog>
    </section>
  );
}
