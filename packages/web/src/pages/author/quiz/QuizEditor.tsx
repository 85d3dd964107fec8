import { useRef, useState } from 'preact/hooks';
import type { DraftLesson, Question, QuestionType } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { announce } from '../../../router/focus.js';
import { Button, Select } from '../../../ui/index.js';
import { useEditor } from '../courses/editor-context.js';
import { fieldIds, focusById } from '../field-ids.js';
import { ConfirmDialog } from '../../../ui/index.js';
import { CsvImport } from './CsvImport.js';
import { QUESTION_TYPE_NAMES, QuestionEditor, isQuestionType } from './QuestionEditor.js';
import { QUESTION_TYPES, moveQuestion, newQuestion, nextQuestionId } from './question-ops.js';
import { QuizSettingsFields } from './QuizSettingsFields.js';

type QuizLesson = Extract<DraftLesson, { kind: 'quiz' }>;

/** A quiz lesson's settings and questions, with CSV import. */
export function QuizEditor({ lesson }: { readonly lesson: QuizLesson }) {
  const { t } = useI18n();
  const { dispatch, problemAt } = useEditor();
  const [newType, setNewType] = useState<QuestionType>('single');
  const [deleting, setDeleting] = useState<{ question: Question; number: number } | null>(null);
  const focusAfterClose = useRef<string | null>(null);
  const update = (change: (quiz: QuizLesson) => QuizLesson) =>
    dispatch({
      type: 'updateLesson',
      lessonId: lesson.id,
      update: (current) => (current.kind === 'quiz' ? change(current) : current),
    });
  const setQuestions = (questions: Question[]) => update((quiz) => ({ ...quiz, questions }));

  const add = () => {
    const id = nextQuestionId(lesson.questions);
    setQuestions([...lesson.questions, newQuestion(newType, id)]);
    focusById(fieldIds.questionField(lesson.id, id, 'prompt'));
  };

  const move = (question: Question, index: number, direction: 'up' | 'down') => {
    setQuestions(moveQuestion(lesson.questions, question.id, direction));
    const position = direction === 'up' ? index : index + 2;
    const atEnd = direction === 'up' ? position === 1 : position === lesson.questions.length;
    focusById(
      fieldIds.questionMove(lesson.id, question.id, atEnd ? (direction === 'up' ? 'down' : 'up') : direction),
    );
    announce(t('author.quiz.moved', { position, count: lesson.questions.length }));
  };

  const confirmDelete = () => {
    if (!deleting) return;
    const index = lesson.questions.findIndex((question) => question.id === deleting.question.id);
    const remaining = lesson.questions.filter((question) => question.id !== deleting.question.id);
    const next = remaining[index] ?? remaining[index - 1];
    focusAfterClose.current = next ? fieldIds.question(lesson.id, next.id) : fieldIds.addQuestion(lesson.id);
    setQuestions(remaining);
    announce(t('author.quiz.deleted', { number: deleting.number }));
    setDeleting(null);
  };

  return (
    <div class="stack author-quiz">
      <QuizSettingsFields
        lessonId={lesson.id}
        settings={lesson.quiz}
        onChange={(quiz) => update((current) => ({ ...current, quiz }))}
        problemAt={problemAt}
      />
      <h4>{t('author.quiz.questions', { count: lesson.questions.length })}</h4>
      {lesson.questions.length === 0 && <p class="field__description">{t('author.quiz.noQuestions')}</p>}
      <ol class="author-plain-list stack">
        {lesson.questions.map((question, index) => (
          <QuestionEditor
            key={question.id}
            lessonId={lesson.id}
            question={question}
            number={index + 1}
            count={lesson.questions.length}
            problemAt={problemAt}
            onChange={(changed) =>
              setQuestions(lesson.questions.map((item) => (item.id === question.id ? changed : item)))
            }
            onMove={(direction) => move(question, index, direction)}
            onDelete={() => setDeleting({ question, number: index + 1 })}
          />
        ))}
      </ol>
      <div class="author-add-question">
        <Select
          label={t('author.quiz.newQuestionType')}
          value={newType}
          onValue={(type) => isQuestionType(type) && setNewType(type)}
          options={QUESTION_TYPES.map((type) => ({ value: type, label: t(QUESTION_TYPE_NAMES[type]) }))}
        />
        <Button id={fieldIds.addQuestion(lesson.id)} onClick={add}>
          {t('author.quiz.addQuestion')}
        </Button>
      </div>
      {problemAt(fieldIds.addQuestion(lesson.id)) && (
        <p class="field__error">{problemAt(fieldIds.addQuestion(lesson.id))}</p>
      )}
      <CsvImport lesson={lesson} />
      <ConfirmDialog
        open={deleting !== null}
        title={t('author.quiz.deleteTitle', { number: deleting?.number ?? 0 })}
        confirmLabel={t('author.quiz.deleteQuestion')}
        danger
        onConfirm={confirmDelete}
        onCancel={() => {
          setDeleting(null);
          const target = focusAfterClose.current;
          focusAfterClose.current = null;
          if (target) focusById(target);
        }}
      >
        <p dir="auto">{deleting?.question.prompt || t('author.quiz.emptyPrompt')}</p>
      </ConfirmDialog>
    </div>
  );
}
