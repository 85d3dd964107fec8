import { useEffect, useState } from 'preact/hooks';
import { TextField } from '../../../ui/index.js';

export interface NumberFieldProps {
  readonly label: string;
  /** NaN when the author typed something that is not a number (validation then reports it). */
  readonly value: number | undefined;
  readonly onValue: (value: number | undefined) => void;
  /** Reads what was typed; null when it is not a number. Defaults to plain digits with a dot. */
  readonly parse?: (text: string) => number | null;
  readonly description?: string;
  readonly error?: string | null;
  readonly optional?: boolean;
  readonly integer?: boolean;
  readonly format?: (value: number) => string;
}

function plainNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * A number typed as text (inputmode decimal or numeric): a number input would silently drop "3,5" in
 * browsers set to English and refuse Arabic digits. What was typed is kept while it is not a number
 * yet, and the owner receives NaN so its validation can say so.
 */
export function NumberField({
  label,
  value,
  onValue,
  parse = plainNumber,
  description,
  error,
  optional = false,
  integer = false,
  format = String,
}: NumberFieldProps) {
  const shown = value === undefined || Number.isNaN(value) ? '' : format(value);
  const [text, setText] = useState(shown);
  useEffect(() => {
    // Follow changes made elsewhere (a reload, a type change); keep text this field reported as NaN.
    if (value !== undefined && Number.isNaN(value)) return;
    const typed = text.trim() === '' ? undefined : parse(text);
    if (typed !== value) setText(shown);
  }, [value]);
  return (
    <TextField
      label={label}
      description={description}
      error={error}
      optional={optional}
      inputMode={integer ? 'numeric' : 'decimal'}
      autocomplete="off"
      value={text}
      onValue={(next) => {
        setText(next);
        if (next.trim() === '') {
          onValue(optional ? undefined : Number.NaN);
          return;
        }
        const parsed = parse(next);
        onValue(parsed === null || (integer && !Number.isInteger(parsed)) ? Number.NaN : parsed);
      }}
    />
  );
}
