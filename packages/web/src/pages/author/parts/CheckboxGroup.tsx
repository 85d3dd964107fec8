import type { ComponentChildren } from 'preact';
import { Checkbox, cx } from '../../../ui/index.js';

export interface CheckboxChoice {
  readonly value: string;
  readonly label: string;
}

export interface CheckboxGroupProps {
  readonly legend: string;
  readonly choices: readonly CheckboxChoice[];
  readonly selected: readonly string[];
  readonly onChange: (selected: string[]) => void;
  readonly description?: string;
  readonly error?: string | null;
  /** Shown instead of the list when there is nothing to choose from. */
  readonly empty?: ComponentChildren;
  /** Long lists scroll inside a box instead of stretching the page. */
  readonly scroll?: boolean;
  readonly id?: string;
}

/** Several choices under one name (a fieldset): curriculum tags, audiences, prerequisites. */
export function CheckboxGroup({
  legend,
  choices,
  selected,
  onChange,
  description,
  error,
  empty,
  scroll = false,
  id,
}: CheckboxGroupProps) {
  const toggle = (value: string, checked: boolean) => {
    const without = selected.filter((item) => item !== value);
    onChange(checked ? [...without, value] : without);
  };
  return (
    <fieldset id={id} class={cx('author-fieldset', error && 'field--invalid')} tabIndex={-1}>
      <legend class="field__label">{legend}</legend>
      {description && <p class="field__description">{description}</p>}
      {error && <p class="field__error">{error}</p>}
      {choices.length === 0 ? (
        empty
      ) : (
        <div class={cx('author-choices', scroll && 'author-choices--scroll')}>
          {choices.map((choice) => (
            <Checkbox
              key={choice.value}
              label={choice.label}
              checked={selected.includes(choice.value)}
              onChecked={(checked) => toggle(choice.value, checked)}
            />
          ))}
        </div>
      )}
    </fieldset>
  );
}
