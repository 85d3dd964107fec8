import { useId } from 'preact/hooks';
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
  /** Id of the fieldset, for error summary links. */
  readonly id?: string;
}

/** Several choices under one name (a fieldset): roles, languages offered. */
export function CheckboxGroup({
  legend,
  choices,
  selected,
  onChange,
  description,
  error,
  id,
}: CheckboxGroupProps) {
  const own = useId();
  const descriptionId = description ? `${own}-description` : undefined;
  const errorId = error ? `${own}-error` : undefined;
  const toggle = (value: string, checked: boolean) => {
    const without = selected.filter((item) => item !== value);
    // Keep the order of the choices, so what is saved does not depend on the order of clicks.
    const next = checked ? [...without, value] : without;
    onChange(choices.map((choice) => choice.value).filter((choice) => next.includes(choice)));
  };
  return (
    <fieldset
      id={id}
      class={cx('admin-fieldset', error && 'field--invalid')}
      aria-describedby={[descriptionId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend class="field__label">{legend}</legend>
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
      <div class="admin-choices">
        {choices.map((choice) => (
          <Checkbox
            key={choice.value}
            label={choice.label}
            checked={selected.includes(choice.value)}
            onChecked={(checked) => toggle(choice.value, checked)}
          />
        ))}
      </div>
    </fieldset>
  );
}
