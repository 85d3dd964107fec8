import { useId } from 'preact/hooks';
import { cx } from '../../../ui/index.js';

export interface RadioChoice<V extends string> {
  readonly value: V;
  readonly label: string;
  readonly description?: string;
}

export interface RadioGroupProps<V extends string> {
  readonly legend: string;
  readonly choices: readonly RadioChoice<V>[];
  readonly value: V;
  readonly onValue: (value: V) => void;
  readonly description?: string;
  /** Lay the choices side by side when they are short (e.g. "Password" / "PIN"). */
  readonly inline?: boolean;
}

/** One choice among a few, all visible (a fieldset of native radio buttons: arrows move between them). */
export function RadioGroup<V extends string>({
  legend,
  choices,
  value,
  onValue,
  description,
  inline = false,
}: RadioGroupProps<V>) {
  const name = useId();
  const descriptionId = description ? `${name}-description` : undefined;
  return (
    <fieldset class="admin-fieldset" aria-describedby={descriptionId}>
      <legend class="field__label">{legend}</legend>
      {description && (
        <p class="field__description" id={descriptionId}>
          {description}
        </p>
      )}
      <div class={cx('admin-choices', inline && 'admin-choices--inline')}>
        {choices.map((choice) => {
          const id = `${name}-${choice.value}`;
          const hintId = choice.description ? `${id}-hint` : undefined;
          return (
            <div class="checkbox" key={choice.value}>
              <input
                id={id}
                type="radio"
                class="checkbox__control"
                name={name}
                value={choice.value}
                checked={choice.value === value}
                aria-describedby={hintId}
                onChange={() => onValue(choice.value)}
              />
              <label class="checkbox__label" for={id}>
                {choice.label}
              </label>
              {choice.description && (
                <p class="field__description checkbox__description" id={hintId}>
                  {choice.description}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
