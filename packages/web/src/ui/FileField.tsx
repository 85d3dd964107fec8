import { useId } from 'preact/hooks';
import { useT } from '../i18n/i18n.js';
import { cx } from './cx.js';

export interface FileFieldProps {
  readonly label: string;
  readonly accept?: string;
  readonly onFile: (file: File | null) => void;
  readonly description?: string | undefined;
  readonly error?: string | null | undefined;
  readonly optional?: boolean;
  readonly disabled?: boolean;
  /** Id of the wrapper, for error summary links. */
  readonly id?: string;
}

/** A labelled file picker. To clear it after a finished upload, remount it (change its key). */
export function FileField({
  label,
  accept,
  onFile,
  description,
  error,
  optional = false,
  disabled = false,
  id,
}: FileFieldProps) {
  const t = useT();
  const inputId = useId();
  const descriptionId = description ? `${inputId}-description` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div id={id} class={cx('field', error && 'field--invalid')}>
      <label class="field__label" for={inputId}>
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
      <input
        id={inputId}
        type="file"
        class="field__control field__file"
        accept={accept}
        disabled={disabled}
        required={!optional}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[descriptionId, errorId].filter(Boolean).join(' ') || undefined}
        onChange={(event) => onFile(event.currentTarget.files?.[0] ?? null)}
      />
    </div>
  );
}
