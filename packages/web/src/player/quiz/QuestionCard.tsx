import type { PresentedQuestion } from '@satchel/core';
import { useI18n } from '../../i18n/i18n.js';
import { cx } from '../../ui/index.js';
import { MatchingField, MultipleField, SingleField, TrueFalseField } from './ChoiceFields.js';
import { OrderingField } from './OrderingField.js';
import type { Draft } from './responses.js';
import { FillField, NumericField } from './TextFields.js';
import { splitBlanks } from './responses.js';

export interface QuestionCardProps {
  readonly question: PresentedQuestion;
  readonly index: number;
  readonly count: number;
  readonly draft: Draft;
  readonly onDraft: (draft: Draft) => void;
  readonly attemptId: string;
  readonly language: string;
  /** Shown after a submit found problems: not answered, or not a number. */
  readonly problem: 'unanswered' | 'invalid' | null;
}

export const questionAnchor = (attemptId: string, index: number): string => `q-${attemptId}-${index}`;

/** One question as a fieldset: its number and prompt as the legend, then the controls for its type. */
export function QuestionCard(props: QuestionCardProps) {
  const { question, index, count, draft, onDraft, attemptId, language, problem } = props;
  const { t } = useI18n();
  const name = `${attemptId}-${question.id}`;
  // A fill-in prompt with its blanks written in it is shown with the inputs, not in the legend.
  const promptInline = question.type === 'fill' && splitBlanks(question.prompt, question.blankCount) !== null;
  const field = () => {
    const shared = { onDraft, name, language };
    switch (question.type) {
      case 'single':
        return draft.type === 'single' && <SingleField {...shared} question={question} draft={draft} />;
      case 'multiple':
        return draft.type === 'multiple' && <MultipleField {...shared} question={question} draft={draft} />;
      case 'truefalse':
        return draft.type === 'truefalse' && <TrueFalseField {...shared} question={question} draft={draft} />;
      case 'fill':
        return draft.type === 'fill' && <FillField {...shared} question={question} draft={draft} />;
      case 'numeric':
        return (
          draft.type === 'numeric' && (
            <NumericField {...shared} question={question} draft={draft} invalid={problem === 'invalid'} />
          )
        );
      case 'ordering':
        return draft.type === 'ordering' && <OrderingField {...shared} question={question} draft={draft} />;
      case 'matching':
        return draft.type === 'matching' && <MatchingField {...shared} question={question} draft={draft} />;
    }
  };
  return (
    <li class={cx('question', problem && 'question--problem')}>
      <fieldset id={questionAnchor(attemptId, index)} tabIndex={-1} class="question__set">
        <legend class="question__legend">
          <span class="question__number">{t('quiz.questionOf', { number: index + 1, count })}</span>
          {!promptInline && (
            <span class="question__prompt" lang={language} dir="auto">
              {question.prompt}
            </span>
          )}
        </legend>
        <p class="question__points">{t('quiz.points', { points: question.points })}</p>
        {problem === 'unanswered' && <p class="field__error">{t('quiz.notAnswered')}</p>}
        {field()}
      </fieldset>
    </li>
  );
}
