import { useI18n } from '../../i18n/i18n.js';
import type { FieldProps } from './ChoiceFields.js';
import { splitBlanks } from './responses.js';

/** The inputs of a fill-in question, inside the prompt where its blanks are, else after it. */
export function FillField({ question, draft, onDraft, name, language }: FieldProps<'fill'>) {
  const { t } = useI18n();
  const parts = splitBlanks(question.prompt, question.blankCount);
  const input = (index: number) => (
    <input
      key={index}
      id={`${name}-b${index}`}
      class="field__control blank"
      type="text"
      lang={language}
      dir="auto"
      autoComplete="off"
      spellcheck={false}
      aria-label={t('quiz.blankOf', { blank: index + 1, blanks: question.blankCount })}
      value={draft.blanks[index] ?? ''}
      onInput={(event) => {
        const blanks = [...draft.blanks];
        blanks[index] = event.currentTarget.value;
        onDraft({ type: 'fill', blanks });
      }}
    />
  );
  if (parts) {
    return (
      <p class="question__prompt question__prompt--blanks" lang={language} dir="auto">
        {parts.map((part, index) => (
          <span key={index}>
            {part}
            {index < parts.length - 1 && input(index)}
          </span>
        ))}
      </p>
    );
  }
  return <div class="blanks">{Array.from({ length: question.blankCount }, (_, index) => input(index))}</div>;
}

export function NumericField({
  draft,
  onDraft,
  name,
  invalid,
}: FieldProps<'numeric'> & { readonly invalid: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const errorId = `${name}-error`;
  return (
    <div class="field">
      <label class="field__label" for={`${name}-n`}>
        {t('quiz.yourAnswer')}
      </label>
      {invalid && (
        <p class="field__error" id={errorId}>
          {t('quiz.notANumber', { example: i18n.formatNumber(3.5) })}
        </p>
      )}
      <input
        id={`${name}-n`}
        class="field__control numeric"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? errorId : undefined}
        value={draft.text}
        onInput={(event) => onDraft({ type: 'numeric', text: event.currentTarget.value })}
      />
    </div>
  );
}
