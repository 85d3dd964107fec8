import type { PresentedQuestion } from '@satchel/core';
import { useI18n } from '../../i18n/i18n.js';
import type { Draft } from './responses.js';

type Of<T extends PresentedQuestion['type']> = Extract<PresentedQuestion, { type: T }>;

export interface FieldProps<T extends PresentedQuestion['type']> {
  readonly question: Of<T>;
  readonly draft: Extract<Draft, { type: T }>;
  readonly onDraft: (draft: Draft) => void;
  /** Unique per attempt and question, for input names and ids. */
  readonly name: string;
  readonly language: string;
}

/** One option: a radio button or a checkbox with its text, the whole row clickable. */
function Choice(props: {
  readonly type: 'radio' | 'checkbox';
  readonly name: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly text: string;
  readonly language: string;
}) {
  return (
    <label class="choice">
      <input
        class="choice__control"
        type={props.type}
        name={props.name}
        checked={props.checked}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <span class="choice__text" lang={props.language} dir="auto">
        {props.text}
      </span>
    </label>
  );
}

export function SingleField({ question, draft, onDraft, name, language }: FieldProps<'single'>) {
  return (
    <div class="choices">
      {question.options.map((option) => (
        <Choice
          key={option.id}
          type="radio"
          name={name}
          checked={draft.choice === option.id}
          onChange={(checked) => checked && onDraft({ type: 'single', choice: option.id })}
          text={option.text}
          language={language}
        />
      ))}
    </div>
  );
}

export function MultipleField({ question, draft, onDraft, name, language }: FieldProps<'multiple'>) {
  const { t } = useI18n();
  return (
    <>
      <p class="question__hint">{t('quiz.chooseAll')}</p>
      <div class="choices">
        {question.options.map((option) => (
          <Choice
            key={option.id}
            type="checkbox"
            name={name}
            checked={draft.choices.includes(option.id)}
            onChange={(checked) =>
              onDraft({
                type: 'multiple',
                choices: checked
                  ? [...draft.choices.filter((id) => id !== option.id), option.id]
                  : draft.choices.filter((id) => id !== option.id),
              })
            }
            text={option.text}
            language={language}
          />
        ))}
      </div>
    </>
  );
}

export function TrueFalseField({ draft, onDraft, name }: FieldProps<'truefalse'>) {
  const { t, locale } = useI18n();
  return (
    <div class="choices choices--inline">
      {[true, false].map((value) => (
        <Choice
          key={String(value)}
          type="radio"
          name={name}
          checked={draft.value === value}
          onChange={(checked) => checked && onDraft({ type: 'truefalse', value })}
          text={value ? t('quiz.true') : t('quiz.false')}
          language={locale}
        />
      ))}
    </div>
  );
}

export function MatchingField({ question, draft, onDraft, name, language }: FieldProps<'matching'>) {
  const { t } = useI18n();
  return (
    <div class="matching">
      {question.left.map((left, index) => {
        const id = `${name}-m${index}`;
        return (
          <div key={left.id} class="matching__row">
            <label class="matching__left" for={id} lang={language} dir="auto">
              {left.text}
            </label>
            <select
              id={id}
              class="field__control field__control--select matching__select"
              value={draft.pairs[left.id] ?? ''}
              lang={language}
              onChange={(event) =>
                onDraft({ type: 'matching', pairs: { ...draft.pairs, [left.id]: event.currentTarget.value } })
              }
            >
              <option value="">{t('quiz.chooseMatch')}</option>
              {question.right.map((right) => (
                <option key={right.id} value={right.id}>
                  {right.text}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </div>
  );
}
