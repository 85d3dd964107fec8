import { parseNumericInput, type Question, type QuestionType } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import type { MessageKey } from '../../../i18n/messages/en.js';
import { Button, Select } from '../../../ui/index.js';
import { fieldIds } from '../field-ids.js';
import { MoveButtons } from '../parts/MoveButtons.js';
import { NumberField } from '../parts/NumberField.js';
import { TextArea } from '../parts/TextArea.js';
import { AnswerFields } from './AnswerFields.js';
import { QUESTION_TYPES, changeQuestionType, setFeedback, setPrompt } from './question-ops.js';

export const QUESTION_TYPE_NAMES: Readonly<Record<QuestionType, MessageKey>> = {
  single: 'author.quiz.type.single',
  multiple: 'author.quiz.type.multiple',
  truefalse: 'author.quiz.type.truefalse',
  fill: 'author.quiz.type.fill',
  numeric: 'author.quiz.type.numeric',
  ordering: 'author.quiz.type.ordering',
  matching: 'author.quiz.type.matching',
};

export function isQuestionType(value: string): value is QuestionType {
  return (QUESTION_TYPES as readonly string[]).includes(value);
}

export interface QuestionEditorProps {
  readonly lessonId: string;
  readonly question: Question;
  readonly number: number;
  readonly count: number;
  readonly onChange: (question: Question) => void;
  readonly onMove: (direction: 'up' | 'down') => void;
  readonly onDelete: () => void;
  readonly problemAt: (target: string) => string | null;
}

/** One question: its type, prompt, answer, points and feedback, with its reorder and delete buttons. */
export function QuestionEditor({
  lessonId,
  question,
  number,
  count,
  onChange,
  onMove,
  onDelete,
  problemAt,
}: QuestionEditorProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const field = (name: string) => fieldIds.questionField(lessonId, question.id, name);
  const headingId = `${fieldIds.question(lessonId, question.id)}-heading`;
  const subject = t('author.quiz.questionNumber', { number });
  return (
    <li
      id={fieldIds.question(lessonId, question.id)}
      class="card stack author-question"
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <div class="author-row">
        <h5 id={headingId} class="author-question__heading">
          {subject} · {t(QUESTION_TYPE_NAMES[question.type])}
        </h5>
        <span class="author-actions">
          <MoveButtons
            subject={subject}
            canUp={number > 1}
            canDown={number < count}
            upId={fieldIds.questionMove(lessonId, question.id, 'up')}
            downId={fieldIds.questionMove(lessonId, question.id, 'down')}
            onMove={onMove}
          />
          <Button variant="quiet" onClick={onDelete}>
            {t('author.quiz.deleteQuestion')}
            <span class="sr-only"> {subject}</span>
          </Button>
        </span>
      </div>
      <Select
        label={t('author.quiz.questionType')}
        value={question.type}
        onValue={(type) => isQuestionType(type) && onChange(changeQuestionType(question, type))}
        options={QUESTION_TYPES.map((type) => ({ value: type, label: t(QUESTION_TYPE_NAMES[type]) }))}
      />
      <div id={field('prompt')}>
        <TextArea
          label={t('author.quiz.prompt')}
          description={question.type === 'fill' ? t('author.quiz.promptFillHint') : undefined}
          rows={3}
          maxLength={4000}
          dir="auto"
          value={question.prompt}
          onValue={(prompt) => onChange(setPrompt(question, prompt))}
          error={problemAt(field('prompt'))}
        />
      </div>
      <AnswerFields lessonId={lessonId} question={question} onChange={onChange} problemAt={problemAt} />
      <div id={field('points')}>
        <NumberField
          label={t('author.quiz.points')}
          parse={(text) => parseNumericInput(text, i18n.locale)}
          value={question.points}
          onValue={(points) => onChange({ ...question, points: points ?? Number.NaN })}
          error={problemAt(field('points'))}
        />
      </div>
      <TextArea
        label={t('author.quiz.feedbackCorrect')}
        optional
        rows={2}
        maxLength={2000}
        dir="auto"
        value={question.feedback?.correct ?? ''}
        onValue={(text) => onChange(setFeedback(question, 'correct', text))}
      />
      <TextArea
        label={t('author.quiz.feedbackIncorrect')}
        optional
        rows={2}
        maxLength={2000}
        dir="auto"
        value={question.feedback?.incorrect ?? ''}
        onValue={(text) => onChange(setFeedback(question, 'incorrect', text))}
      />
    </li>
  );
}
