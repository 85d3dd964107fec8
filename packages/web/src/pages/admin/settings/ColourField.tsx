import { useId } from 'preact/hooks';
import { useT } from '../../../i18n/i18n.js';
import { cx } from '../../../ui/index.js';
import { HEX_COLOUR, normaliseHex } from './brand-contrast.js';

export interface ColourFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly error?: string | null;
}

/**
 * A colour as a hex code, with the browser's colour picker beside it. The code is the labelled control:
 * it can be typed, pasted from a brand guide and read by a screen reader; the picker is a shortcut.
 */
export function ColourField({ id, label, value, onValue, error }: ColourFieldProps) {
  const t = useT();
  const controlId = useId();
  const hintId = `${controlId}-hint`;
  const errorId = error ? `${controlId}-error` : undefined;
  const normalised = normaliseHex(value);
  return (
    <div id={id} class={cx('field', error && 'field--invalid')}>
      <label class="field__label" for={controlId}>
        {label}
      </label>
      <p class="field__description" id={hintId}>
        {t('admin.settings.colourHint')}
      </p>
      {error && (
        <p class="field__error" id={errorId}>
          {error}
        </p>
      )}
      <div class="admin-colour">
        <input
          type="color"
          class="admin-colour__picker"
          value={HEX_COLOUR.test(normalised) ? normalised : '#000000'}
          aria-label={t('admin.settings.colourPicker', { name: label })}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
        <input
          id={controlId}
          type="text"
          class="field__control admin-colour__hex"
          dir="ltr"
          maxLength={7}
          spellcheck={false}
          autocomplete="off"
          autocapitalize="none"
          value={value}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ')}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
      </div>
    </div>
  );
}
