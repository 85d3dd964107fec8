import { useId } from 'preact/hooks';

export interface FilterOption {
  readonly value: string;
  readonly label: string;
  readonly lang?: string;
}

export interface FilterSelectProps {
  readonly label: string;
  readonly value: string;
  /** The first option, meaning "no filter" (value ''). */
  readonly anyLabel: string;
  readonly options: readonly FilterOption[];
  readonly onValue: (value: string) => void;
  readonly name: string;
}

/**
 * A labelled select for narrowing a list. Unlike the form Select it is neither required nor marked
 * optional: every filter is optional, and saying so on each one would only add noise.
 */
export function FilterSelect({ label, value, anyLabel, options, onValue, name }: FilterSelectProps) {
  const id = useId();
  return (
    <div class="field">
      <label class="field__label" for={id}>
        {label}
      </label>
      <select
        id={id}
        name={name}
        class="field__control field__control--select"
        value={value}
        onChange={(event) => onValue(event.currentTarget.value)}
      >
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
