import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import { useT } from '../../../i18n/i18n.js';
import { cx } from '../../../ui/index.js';

export interface TextAreaProps extends Omit<
  JSX.TextareaHTMLAttributes<HTMLTextAreaElement>,
  'value' | 'onInput' | 'id' | 'label' | 'class' | 'className'
> {
  readonly label: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly description?: string | undefined;
  readonly error?: string | null | undefined;
  readonly optional?: boolean;
}

/** A multi-line text field with the same label, help and error wiring as the design system's TextField. */
export function TextArea({
  label,
  value,
  onValue,
  description,
  error,
  optional = false,
  rows = 4,
  ...rest
}: TextAreaProps) {
  const t = useT();
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={cx('field', error && 'field--invalid')}>
      <label class="field__label" for={id}>
        {label}
        {optional && <span class="field__optional"> ({t('common.optional')})</span>}
      </label>
      {description && (
        <p class="field__description" id={descriptionId}>
          {description}
        </p>
      )}
      {error && (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      )}
      <textarea
        {...rest}
        id={id}
        rows={rows}
        class="field__control author-textarea"
        value={value}
        required={!optional}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </div>
  );
}
