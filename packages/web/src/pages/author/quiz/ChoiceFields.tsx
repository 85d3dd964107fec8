import type { Question } from '@satchel/core';
import { useI18n } from '../../../i18n/i18n.js';
import { Button, TextField, cx } from '../../../ui/index.js';
import { fieldIds } from '../field-ids.js';
import { MoveButtons } from '../parts/MoveButtons.js';
import {
  addChoice,
  moveOrderingItem,
  removeChoice,
  setChoiceText,
  setCorrectChoice,
  setPairSide,
} from './question-ops.js';

type Props<T extends Question['type']> = {
  readonly lessonId: string;
  readonly question: Extract<Question, { type: T }>;
  readonly onChange: (question: Question) => void;
  readonly error: string | null;
  readonly correctError?: string | null;
};

const MAX_CHOICES = 20;

/** Single and multiple choice: each choice's text and whether it is correct (radio or checkbox). */
export function OptionChoices({
  lessonId,
  question,
  onChange,
  error,
  correctError,
}: Props<'single' | 'multiple'>) {
  const { t } = useI18n();
  const name = fieldIds.questionField(lessonId, question.id, 'correct-group');
  const single = question.type === 'single';
  return (
    <fieldset
      id={fieldIds.questionField(lessonId, question.id, 'choices')}
      class={cx('author-fieldset', (error || correctError) && 'field--invalid')}
      tabIndex={-1}
    >
      <legend class="field__label">{t('author.quiz.choices')}</legend>
      <p class="field__description">
        {single ? t('author.quiz.choicesSingleHint') : t('author.quiz.choicesMultipleHint')}
      </p>
      {error && <p class="field__error">{error}</p>}
      <div id={fieldIds.questionField(lessonId, question.id, 'correct')} tabIndex={-1}>
        {correctError && <p class="field__error">{correctError}</p>}
      </div>
      <ol class="author-plain-list stack">
        {question.options.map((option, index) => {
          const correct = single ? question.correct === option.id : question.correct.includes(option.id);
          const inputId = `${name}-${option.id}`;
          return (
            <li key={option.id} class="author-choice">
              <span class="author-choice__mark">
                <input
                  id={inputId}
                  type={single ? 'radio' : 'checkbox'}
                  name={name}
                  class="checkbox__control"
                  checked={correct}
                  onChange={(event) =>
                    onChange(setCorrectChoice(question, option.id, event.currentTarget.checked))
                  }
                />
                <label for={inputId}>
                  {t('author.quiz.correct')}
                  <span class="sr-only"> {t('author.quiz.choiceNumber', { number: index + 1 })}</span>
                </label>
              </span>
              <div class="author-choice__text">
                <TextField
                  label={t('author.quiz.choiceNumber', { number: index + 1 })}
                  maxLength={1000}
                  value={option.text}
                  onValue={(text) => onChange(setChoiceText(question, option.id, text))}
                />
              </div>
              <Button
                variant="quiet"
                aria-disabled={question.options.length <= 2 ? 'true' : undefined}
                onClick={() => question.options.length > 2 && onChange(removeChoice(question, option.id))}
              >
                {t('author.quiz.removeChoice')}
                <span class="sr-only"> {t('author.quiz.choiceNumber', { number: index + 1 })}</span>
              </Button>
            </li>
          );
        })}
      </ol>
      {question.options.length < MAX_CHOICES && (
        <Button onClick={() => onChange(addChoice(question))}>{t('author.quiz.addChoice')}</Button>
      )}
    </fieldset>
  );
}

/** Ordering: the items in their correct order (learners get them shuffled). */
export function OrderingItems({ lessonId, question, onChange, error }: Props<'ordering'>) {
  const { t } = useI18n();
  return (
    <fieldset
      id={fieldIds.questionField(lessonId, question.id, 'choices')}
      class={cx('author-fieldset', error && 'field--invalid')}
      tabIndex={-1}
    >
      <legend class="field__label">{t('author.quiz.items')}</legend>
      <p class="field__description">{t('author.quiz.itemsHint')}</p>
      {error && <p class="field__error">{error}</p>}
      <ol class="author-plain-list stack">
        {question.items.map((item, index) => {
          const label = t('author.quiz.itemNumber', { number: index + 1 });
          const moveId = (direction: 'up' | 'down') =>
            fieldIds.questionField(lessonId, question.id, `item-${item.id}-${direction}`);
          return (
            <li key={item.id} class="author-choice">
              <div class="author-choice__text">
                <TextField
                  label={label}
                  maxLength={1000}
                  value={item.text}
                  onValue={(text) => onChange(setChoiceText(question, item.id, text))}
                />
              </div>
              <MoveButtons
                subject={label}
                canUp={index > 0}
                canDown={index < question.items.length - 1}
                upId={moveId('up')}
                downId={moveId('down')}
                onMove={(direction) => {
                  onChange(moveOrderingItem(question, item.id, direction));
                  const stays = direction === 'up' ? index - 1 > 0 : index + 1 < question.items.length - 1;
                  window.requestAnimationFrame(() =>
                    document
                      .getElementById(moveId(stays ? direction : direction === 'up' ? 'down' : 'up'))
                      ?.focus(),
                  );
                }}
              />
              <Button
                variant="quiet"
                aria-disabled={question.items.length <= 2 ? 'true' : undefined}
                onClick={() => question.items.length > 2 && onChange(removeChoice(question, item.id))}
              >
                {t('author.quiz.removeChoice')}
                <span class="sr-only"> {label}</span>
              </Button>
            </li>
          );
        })}
      </ol>
      {question.items.length < MAX_CHOICES && (
        <Button onClick={() => onChange(addChoice(question))}>{t('author.quiz.addItem')}</Button>
      )}
    </fieldset>
  );
}

/** Matching: pairs of a prompt and its match (learners get the matches shuffled). */
export function MatchingPairs({ lessonId, question, onChange, error }: Props<'matching'>) {
  const { t } = useI18n();
  return (
    <fieldset
      id={fieldIds.questionField(lessonId, question.id, 'choices')}
      class={cx('author-fieldset', error && 'field--invalid')}
      tabIndex={-1}
    >
      <legend class="field__label">{t('author.quiz.pairs')}</legend>
      <p class="field__description">{t('author.quiz.pairsHint')}</p>
      {error && <p class="field__error">{error}</p>}
      <ol class="author-plain-list stack">
        {question.pairs.map((pair, index) => (
          <li key={pair.id} class="author-pair">
            <TextField
              label={t('author.quiz.pairLeft', { number: index + 1 })}
              maxLength={1000}
              value={pair.left}
              onValue={(text) => onChange(setPairSide(question, pair.id, 'left', text))}
            />
            <TextField
              label={t('author.quiz.pairRight', { number: index + 1 })}
              maxLength={1000}
              value={pair.right}
              onValue={(text) => onChange(setPairSide(question, pair.id, 'right', text))}
            />
            <Button
              variant="quiet"
              aria-disabled={question.pairs.length <= 2 ? 'true' : undefined}
              onClick={() => question.pairs.length > 2 && onChange(removeChoice(question, pair.id))}
            >
              {t('author.quiz.removePair')}
              <span class="sr-only"> {index + 1}</span>
            </Button>
          </li>
        ))}
      </ol>
      {question.pairs.length < MAX_CHOICES && (
        <Button onClick={() => onChange(addChoice(question))}>{t('author.quiz.addPair')}</Button>
      )}
    </fieldset>
  );
}
