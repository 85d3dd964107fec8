import type { ComponentChildren, JSX } from 'preact';
import { useId } from 'preact/hooks';
import { useT } from '../i18n/i18n.js';
import { cx } from './cx.js';

interface FieldFrame {
  readonly label: string;
  /** Help shown under the label and read with the control. */
  readonly description?: string | undefined;
  /** The problem to fix; marks the control invalid and is read with it. */
  readonly error?: string | null | undefined;
  /** Adds "(optional)" to the label; fields are required unless marked optional. */
  readonly optional?: boolean;
}

/** Ids and ARIA wiring shared by every labelled control. */
function useFieldIds(frame: FieldFrame) {
  const id = useId();
  const descriptionId = frame.description ? `${id}-description` : undefined;
  const errorId = frame.error ? `${id}-error` : undefined;
  const describedBy = [descriptionId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, descriptionId, errorId, describedBy };
}

function FieldShell({
  frame,
  ids,
  children,
}: {
  frame: FieldFrame;
  ids: ReturnType<typeof useFieldIds>;
  children: ComponentChildren;
}) {
  const t = useT();
  return (
    <div class={cx('field', frame.error && 'field--invalid')}>
      <label class="field__label" for={ids.id}>
        {frame.label}
        {frame.optional && <span class="field__optional"> ({t('common.optional')})</span>}
      </label>
      {frame.description && (
        <p class="field__description" id={ids.descriptionId}>
          {frame.description}
        </p>
      )}
      {frame.error && (
        <p class="field__error" id={ids.errorId}>
          {frame.error}
        </p>
      )}
      {children}
    </div>
  );
}

type InputBase = Omit<
  JSX.InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onInput' | 'id' | 'label' | 'class' | 'className' | 'type'
>;

export interface TextFieldProps extends FieldFrame, InputBase {
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly type?: 'text' | 'password' | 'email' | 'tel' | 'search' | 'url' | 'number';
}

export function TextField({
  label,
  description,
  error,
  optional = false,
  value,
  onValue,
  ...input
}: TextFieldProps) {
  const frame = { label, description, error, optional };
  const ids = useFieldIds(frame);
  return (
    <FieldShell frame={frame} ids={ids}>
      <input
        type="text"
        {...input}
        id={ids.id}
        class="field__control"
        value={value}
        required={!optional}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={ids.describedBy}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </FieldShell>
  );
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
  /** Language of the label, when it differs from the page (a language's own name). */
  readonly lang?: string;
}

export interface SelectProps extends FieldFrame {
  readonly value: string;
  readonly options: readonly SelectOption[];
  readonly onValue: (value: string) => void;
  readonly disabled?: boolean;
  readonly name?: string;
}

export function Select({
  label,
  description,
  error,
  optional = false,
  value,
  options,
  onValue,
  ...rest
}: SelectProps) {
  const frame = { label, description, error, optional };
  const ids = useFieldIds(frame);
  return (
    <FieldShell frame={frame} ids={ids}>
      <select
        {...rest}
        id={ids.id}
        class="field__control field__control--select"
        value={value}
        required={!optional}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={ids.describedBy}
        onChange={(event) => onValue(event.currentTarget.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export interface CheckboxProps {
  readonly label: string;
  readonly checked: boolean;
  readonly onChecked: (checked: boolean) => void;
  readonly description?: string;
  readonly disabled?: boolean;
  readonly name?: string;
}

export function Checkbox({ label, checked, onChecked, description, ...rest }: CheckboxProps) {
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  return (
    <div class="checkbox">
      <input
        {...rest}
        id={id}
        type="checkbox"
        class="checkbox__control"
        checked={checked}
        aria-describedby={descriptionId}
        onChange={(event) => onChecked(event.currentTarget.checked)}
      />
      <label class="checkbox__label" for={id}>
        {label}
      </label>
      {description && (
        <p class="field__description checkbox__description" id={descriptionId}>
          {description}
        </p>
      )}
    </div>
  );
}

export interface TextAreaProps
  extends
    FieldFrame,
    Omit<
      JSX.TextareaHTMLAttributes<HTMLTextAreaElement>,
      'value' | 'onInput' | 'id' | 'label' | 'class' | 'className'
    > {
  readonly value: string;
  readonly onValue: (value: string) => void;
}

/** A multi-line text field with the same label, help and error wiring as TextField. */
export function TextArea({
  label,
  description,
  error,
  optional = false,
  value,
  onValue,
  rows = 4,
  ...rest
}: TextAreaProps) {
  const frame = { label, description, error, optional };
  const ids = useFieldIds(frame);
  return (
    <FieldShell frame={frame} ids={ids}>
      <textarea
        {...rest}
        id={ids.id}
        rows={rows}
        class="field__control field__control--multiline"
        value={value}
        required={!optional}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={ids.describedBy}
        onInput={(event) => onValue(event.currentTarget.value)}
      />
    </FieldShell>
  );
}
