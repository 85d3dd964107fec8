import type { DraftLesson } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { Button } from '../../../ui/index.js';
import { kindName } from '../author-errors.js';
import { fieldIds } from '../field-ids.js';
import { problemsOfLesson } from '../problems.js';
import { problemText } from '../parts/ErrorSummary.js';
import { MoveButtons } from '../parts/MoveButtons.js';
import { canMoveLesson, type Direction } from './draft-ops.js';
import { useEditor } from './editor-context.js';
import { LessonEditor } from './LessonEditor.js';

export interface LessonCardProps {
  readonly lesson: DraftLesson;
  readonly onMove: (direction: Direction) => void;
  readonly onDelete: () => void;
}

/**
 * One lesson in its module: a button that opens its fields (collapsed by default, so a long course stays
 * scannable), its reorder and delete buttons, and the problems the last save or publish found in it.
 */
export function LessonCard({ lesson, onMove, onDelete }: LessonCardProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const { content, expanded, setExpanded, problems } = useEditor();
  const open = expanded.has(lesson.id);
  const own = problemsOfLesson(problems, lesson.id);
  const panelId = `${fieldIds.lesson(lesson.id)}-panel`;
  const title = lesson.title.trim() || t('author.lesson.untitled');
  return (
    <li id={fieldIds.lesson(lesson.id)} class="author-lesson" tabIndex={-1}>
      <div class="author-lesson__head">
        <button
          id={fieldIds.lessonToggle(lesson.id)}
          type="button"
          class="button button--quiet author-lesson__toggle"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls={panelId}
          onClick={() => setExpanded(lesson.id, !open)}
        >
          <span aria-hidden="true" class="author-lesson__chevron">
            {open ? '▾' : '▸'}
          </span>
          <span class="badge">{kindName(i18n, lesson.kind)}</span>
          <span class="sr-only">: </span>
          <span dir="auto">{title}</span>
          {!lesson.required && <span class="author-muted"> ({t('author.lesson.optionalTag')})</span>}
        </button>
        <span class="author-actions">
          <MoveButtons
            subject={t('author.lesson.subject', { title })}
            canUp={canMoveLesson(content, lesson.id, 'up')}
            canDown={canMoveLesson(content, lesson.id, 'down')}
            upId={fieldIds.lessonMove(lesson.id, 'up')}
            downId={fieldIds.lessonMove(lesson.id, 'down')}
            onMove={onMove}
          />
          <Button variant="quiet" onClick={onDelete}>
            {t('author.lesson.delete')}
            <span class="sr-only"> {title}</span>
          </Button>
        </span>
      </div>
      {own.length > 0 && (
        <div class="alert alert--error author-lesson__problems">
          <ul>
            {own.map((problem, index) => (
              <li key={`${problem.target}-${index}`}>{problemText(t, problem)}</li>
            ))}
          </ul>
        </div>
      )}
      <div id={panelId} hidden={!open}>
        {open && <LessonEditor lesson={lesson} />}
      </div>
    </li>
  );
}
