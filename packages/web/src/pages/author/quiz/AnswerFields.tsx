import { parseNumericInput, type Question } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { Checkbox, cx } from '../../../ui/index.js';
import { fieldIds } from '../field-ids.js';
import { NumberField } from '../parts/NumberField.js';
import { TextArea } from '../parts/TextArea.js';
import { MatchingPairs, OptionChoices, OrderingItems } from './ChoiceFields.js';
import { blankText, setBlankAnswers } from './question-ops.js';

export interface AnswerFieldsProps {
  readonly lessonId: string;
  readonly question: Question;
  readonly onChange: (question: Question) => void;
  readonly problemAt: (target: string) => string | null;
}

/** The part of a question that depends on its type: choices, the correct answer, accepted answers. */
export function AnswerFields({ lessonId, question, onChange, problemAt }: AnswerFieldsProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const at = (field: string) => problemAt(fieldIds.questionField(lessonId, question.id, field));
  const parse = (text: string) => parseNumericInput(text, i18n.locale);
  switch (question.type) {
    case 'single':
    case 'multiple':
      return (
        <OptionChoices
          lessonId={lessonId}
          question={question}
          onChange={onChange}
          error={at('choices')}
          correctError={at('correct')}
        />
      );
    case 'ordering':
      return (
        <OrderingItems lessonId={lessonId} question={question} onChange={onChange} error={at('choices')} />
      );
    case 'matching':
      return (
        <MatchingPairs lessonId={lessonId} question={question} onChange={onChange} error={at('choices')} />
      );
    case 'truefalse': {
      const name = fieldIds.questionField(lessonId, question.id, 'truefalse');
      return (
        <fieldset
          id={fieldIds.questionField(lessonId, question.id, 'correct')}
          class="author-fieldset"
          tabIndex={-1}
        >
          <legend class="field__label">{t('author.quiz.correctAnswer')}</legend>
          {[true, false].map((value) => (
            <div key={String(value)} class="checkbox">
              <input
                id={`${name}-${String(value)}`}
                type="radio"
                name={name}
                class="checkbox__control"
                checked={question.correct === value}
                onChange={() => onChange({ ...question, correct: value })}
              />
              <label class="checkbox__label" for={`${name}-${String(value)}`}>
                {value ? t('author.quiz.true') : t('author.quiz.false')}
              </label>
            </div>
          ))}
        </fieldset>
      );
    }
    case 'fill':
      return (
        <div class="stack">
          <p class="field__description">{t('author.quiz.fillHint')}</p>
          {question.blanks.map((answers, index) => (
            <div key={index} id={fieldIds.questionField(lessonId, question.id, `blank-${index}`)}>
              <TextArea
                label={t('author.quiz.blankAnswers', { number: index + 1 })}
                description={t('author.quiz.blankAnswersHint')}
                rows={2}
                value={blankText(answers)}
                onValue={(text) => onChange(setBlankAnswers(question, index, text))}
                error={at(`blank-${index}`)}
                dir="auto"
              />
            </div>
          ))}
          <Checkbox
            label={t('author.quiz.caseSensitive')}
            checked={question.caseSensitive}
            onChecked={(caseSensitive) => onChange({ ...question, caseSensitive })}
          />
        </div>
      );
    case 'numeric':
      return (
        <div class={cx('stack', 'author-numeric')}>
          <div id={fieldIds.questionField(lessonId, question.id, 'answer')}>
            <NumberField
              label={t('author.quiz.numericAnswer')}
              parse={parse}
              value={question.answer}
              onValue={(answer) => onChange({ ...question, answer: answer ?? Number.NaN })}
              format={(value) => i18n.formatNumber(value, { useGrouping: false, maximumFractionDigits: 10 })}
              error={at('answer')}
            />
          </div>
          <div id={fieldIds.questionField(lessonId, question.id, 'tolerance')}>
            <NumberField
              label={t('author.quiz.tolerance')}
              description={t('author.quiz.toleranceHint')}
              parse={parse}
              value={question.tolerance}
              onValue={(tolerance) => onChange({ ...question, tolerance: tolerance ?? Number.NaN })}
              format={(value) => i18n.formatNumber(value, { useGrouping: false, maximumFractionDigits: 10 })}
              error={at('tolerance')}
            />
          </div>
        </div>
      );
  }
}
