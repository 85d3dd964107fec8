import { useId } from 'preact/hooks';
import { useT } from '../../../i18n/i18n.js';
import { cx } from '../../../ui/index.js';

export interface TextAreaProps {
  readonly label: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly description?: string | undefined;
  readonly error?: string | null | undefined;
  readonly optional?: boolean;
  readonly rows?: number;
  readonly maxLength?: number;
  /** Id of the wrapper, for error summary links. */
  readonly id?: string;
}

export function TextArea({
  label,
  value,
  onValue,
  description,
  error,
  optional = false,
  rows = 4,
  maxLength,
  id,
}: TextAreaProps) {
  const t = useT();
  const controlId = useId();
  const descriptionId = description ? `${controlId}-description` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  return (
    <div id={id} class={cx('field', error && 'field--invalid')}>
      <label class="field__label" for={controlId}>
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
        id={controlId}
        class="field__control admin-textarea"
        rows={rows}
        maxLength={maxLength}
        value={value}
        required={!optional}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[descriptionId, errorId].filter(Boolean).join(' ') || undefined}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </div>
  );
}
